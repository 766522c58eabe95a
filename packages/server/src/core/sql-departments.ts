/**
 * @module A department as its head sees it, in the SQL every database backend shares: the staff
 * directory, the items received per hour, the unsettled cases by deadline, and an officer's items.
 */
import type { AssignedItem, DeadlineBucket, StaffMember } from './ports.js';

type Params = Array<string | number | null>;

/** Keeps what the provider says of a person at each sign-in: who they are and their roles now. */
export const upsertStaffStatement = (subject: string, name: string, roles: readonly string[], at: string) => ({
  sql: `INSERT INTO staff (subject, name, roles, last_signed_in_at) VALUES (?, ?, ?, ?)
ON CONFLICT (subject) DO UPDATE SET name = excluded.name, roles = excluded.roles, last_signed_in_at = excluded.last_signed_in_at`,
  params: [subject, name, JSON.stringify(roles), at] as Params,
});

export interface StaffRow {
  subject: string;
  name: string;
  roles: string;
  last_signed_in_at: string;
}

export function staffWithQuery(roles: readonly string[], limit: number): { sql: string; params: Params } {
  return {
    sql: `SELECT subject, name, roles, last_signed_in_at FROM staff
WHERE EXISTS (SELECT 1 FROM json_each(staff.roles) r WHERE r.value IN (${roles.map(() => '?').join(', ')}))
ORDER BY name, subject LIMIT ?`,
    params: [...roles, limit],
  };
}

export const toStaffMember = (r: StaffRow): StaffMember => ({
  subject: r.subject,
  name: r.name,
  roles: JSON.parse(r.roles) as string[],
  lastSignedInAt: r.last_signed_in_at,
});

/** By the index on (department, received_at): only the window's rows of the department are read. */
export const RECEIVED_BY_HOUR_SQL = `SELECT substr(received_at, 1, 13) AS hour, count(*) AS count FROM register
WHERE department = ? AND received_at >= ? AND received_at < ? GROUP BY hour ORDER BY hour`;

/** By the index on (department, status, due_on): the count reads the index alone. */
export const OPEN_CASES_BY_DEADLINE_SQL = `SELECT CASE
    WHEN due_on IS NULL THEN 'suspended'
    WHEN due_on < ? THEN 'overdue'
    WHEN due_on <= ? THEN 'due-3'
    WHEN due_on <= ? THEN 'due-7'
    WHEN due_on <= ? THEN 'due-14'
    ELSE 'later' END AS bucket, count(*) AS count
FROM cases WHERE department = ? AND status IN ('open', 'extended', 'suspended', 'waiting-for-resident')
GROUP BY bucket`;

export const openCasesParams = (
  department: string,
  d: { today: string; in3: string; in7: string; in14: string },
): Params => [d.today, d.in3, d.in7, d.in14, department];

export type BucketRow = { bucket: DeadlineBucket; count: number };

/**
 * An officer's items: their assignments in the department (by its index), each the item's last
 * assignment, the item still with the department (its last step's) and in no case.
 */
export const ASSIGNED_ITEMS_SQL = `SELECT r.registry_number, r.subject, r.received_at,
  (SELECT f.deadline FROM dispatches f WHERE f.registry_number = d.registry_number AND f.kind = 'assigned' AND f.deadline IS NOT NULL ORDER BY f.seq LIMIT 1) AS deadline
FROM dispatches d JOIN register r ON r.registry_number = d.registry_number
WHERE d.department = ? AND d.officer = ? AND d.kind = 'assigned'
  AND d.seq = (SELECT max(x.seq) FROM dispatches x WHERE x.registry_number = d.registry_number AND x.kind = 'assigned')
  AND (SELECT y.department FROM dispatches y WHERE y.registry_number = d.registry_number ORDER BY y.seq DESC LIMIT 1) = d.department
  AND NOT EXISTS (SELECT 1 FROM case_documents cd WHERE cd.registry_number = d.registry_number)
ORDER BY r.received_at, r.registry_number LIMIT ?`;

export interface AssignedItemRow {
  registry_number: string;
  subject: string;
  received_at: string;
  deadline: string | null;
}

export const toAssignedItem = (r: AssignedItemRow): AssignedItem => ({
  registryNumber: r.registry_number,
  subject: r.subject,
  receivedAt: r.received_at,
  deadline: r.deadline,
});
