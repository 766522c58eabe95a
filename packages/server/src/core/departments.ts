/** @module The office's departments: those a token names and those the procedures route to, with their names and how items reach them. */
import type { Departments } from '@ebok/schemas/api';
import type { Config } from './config.js';
import type { ProcedureRegistry } from './procedures.js';

/** The departments an item may go to: those with a token, and those the procedures name. */
export function departmentCodes(config: Config, procedures: ProcedureRegistry): Set<string> {
  return new Set<string>([
    ...[...config.tokens.values()].flat().flatMap((r) => (r.startsWith('department:') ? [r.slice(11)] : [])),
    ...procedures.catalogue.map((p) => p.department),
    ...config.departmentNames.keys(),
  ]);
}

/** Each department by code: its name, the procedures routed to it, whether it pulls from its queue or is pushed to. */
export function departmentList(
  config: Config,
  procedures: ProcedureRegistry,
  webhooks: ReadonlySet<string>,
): Departments['departments'] {
  return [...departmentCodes(config, procedures)].sort().map((code) => ({
    code,
    name: config.departmentNames.get(code) ?? null,
    procedures: procedures.catalogue
      .filter((p) => p.department === code)
      .map((p) => ({ id: p.id, title: { ...p.title } }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    delivery: webhooks.has(code) ? 'webhook' : 'queue',
  }));
}
