/**
 * @module Residents asking after their applications, decided once for every backend: the
 * register key that finds a signer's filings, and where each application stands as the resident
 * may see it (from its dispatches and its case), never the office's people or inner notes.
 */
import type { ResidentApplications } from '@ebok/schemas/api';
import { extensionNotice } from './cases.js';
import type { CaseEvent, CaseRecord, CaseStatus, ResidentApplication } from './ports.js';

/** An application as the resident reads it. */
export type ApplicationBody = ResidentApplications[number];
type Notice = ApplicationBody['notices'][number];

/** The most applications one answer lists (the newest). */
export const MAX_RESIDENT_APPLICATIONS = 200;

/** The register key of a signer (migrations/0010): `signer:` and their semantics identifier. */
export const signerKey = (identifier: string): string => `signer:${identifier}`;

/** The keys an entry is written with: one for each person who signed it, once. */
export const signerKeys = (identifiers: readonly string[]): string[] => [...new Set(identifiers)].map(signerKey);

const CASE_STATUS: Readonly<Record<CaseStatus, ApplicationBody['status']>> = {
  open: 'case-opened',
  suspended: 'suspended',
  extended: 'extended',
  'waiting-for-resident': 'waiting-for-resident',
  decided: 'decided',
  closed: 'closed',
};

/**
 * A case's event as the resident is told it: what happened and when, an extension's new date
 * and its art. 36 notice; the reason and the outcome only where the officer chose to inform the
 * resident (the `inform` flag). Who acted is never said.
 */
function eventNotice(c: CaseRecord, events: readonly CaseEvent[], e: CaseEvent): Notice {
  return {
    type: e.type,
    at: e.at,
    ...(e.type === 'extended' && e.until && { until: e.until, notice: extensionNotice(c, events, e) }),
    ...(e.inform && e.reason && { reason: e.reason }),
    ...(e.inform && e.outcome && { outcome: e.outcome }),
  };
}

/**
 * Where an application stands: registered; forwarded once a department was given it (assigned,
 * or passed on by another); accepted by it; then its case's status, with the znak and, while
 * the clock runs, the deadline. Officers, the notes of an assignment and a forwarding's reasons
 * are the office's own and stay out.
 */
export function applicationBody(a: ResidentApplication): ApplicationBody {
  const { entry, dispatches, caseFile } = a;
  const last = dispatches.at(-1);
  const notices: Notice[] = dispatches
    .filter((d) => d.kind === 'forwarded')
    .map((d) => ({ type: 'forwarded', at: d.at, department: d.department }));
  const base = {
    registryNumber: entry.registryNumber,
    procedure: entry.procedure && { id: entry.procedure.id, version: entry.procedure.version },
    receivedAt: entry.receivedAt,
  };
  if (!caseFile) {
    return {
      ...base,
      department: last?.department ?? entry.department,
      status: last ? (last.kind === 'accepted' ? 'accepted' : 'forwarded') : 'registered',
      statusAt: last?.at ?? entry.receivedAt,
      notices,
    };
  }
  const { case: c, events } = caseFile;
  notices.push(...events.map((e) => eventNotice(c, events, e)));
  notices.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  return {
    ...base,
    department: c.department,
    status: CASE_STATUS[c.status],
    statusAt: events.at(-1)?.at ?? c.openedAt,
    caseNumber: c.caseNumber,
    ...(c.dueOn && { deadline: c.dueOn }),
    notices,
  };
}
