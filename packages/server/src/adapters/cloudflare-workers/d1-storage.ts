import type { Storage } from '../../core/ports.js';
import { d1Audit } from './d1-audit.js';
import { d1Cases } from './d1-cases.js';
import { d1Departments } from './d1-departments.js';
import { d1Dispatches } from './d1-dispatches.js';
import { d1Mail } from './d1-mail.js';
import { d1HandOffs } from './d1-hand-offs.js';
import { d1Pki } from './d1-pki.js';
import { d1Queues } from './d1-queues.js';
import { d1Register, type D1RegisterOptions } from './d1-register.js';
import { d1Search } from './d1-search.js';
import { d1Sessions } from './d1-sessions.js';
import { d1Residents } from './d1-residents.js';

export interface D1StorageOptions extends D1RegisterOptions {
  readonly db: D1Database;
}

/** The Workers adapter's storage: every port over one D1 database (the same migrations as on Node). */
export function createStorage(options: D1StorageOptions): Storage {
  return {
    register: d1Register(options.db, options),
    queues: d1Queues(options.db),
    pki: d1Pki(options.db),
    audit: d1Audit(options.db),
    cases: d1Cases(options.db),
    dispatches: d1Dispatches(options.db),
    sessions: d1Sessions(options.db),
    search: d1Search(options.db),
    residents: d1Residents(options.db),
    handOffs: d1HandOffs(options.db, options.afterCommit),
    mail: d1Mail(options.db),
    departments: d1Departments(options.db),
  };
}
