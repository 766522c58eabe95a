/**
 * @module The register searched, in the SQL every database backend shares: a bounded stretch of
 * the register read in number order (newest first) by its primary key, each entry with the
 * department holding it now and where it stands, then the filters. No filter can make one
 * answer read more than its budget of entries, however few of them match.
 */
import type { FoundEntry, ItemStatus, RegisterPosition, RegisterSearchQuery } from './ports.js';
import { type EntryRow, toEntry } from './sql-rows.js';

export type SearchRow = EntryRow & {
  held_by: string;
  status: ItemStatus;
  case_number: string | null;
  first_deadline: string | null;
};

/** Past every entry: where a search without a cursor starts. */
const TOP: RegisterPosition = { year: 9999, seq: Number.MAX_SAFE_INTEGER };

/** The most entries one key may find for an answer to sort them: beyond, the question must say more. */
export const MATCH_CAP = 5000;

/** How many entries a key finds, counted no further than the cap and one. */
export const KEY_COUNT_SQL = `SELECT count(*) AS n FROM (SELECT 1 FROM register_keys WHERE key = ? LIMIT ${MATCH_CAP + 1}) AS matched`;

/** An alternative of a question as it is read: the key that finds fewest entries, and the others they must also have. */
export interface KeyPlan {
  readonly driver: string;
  readonly others: readonly string[];
}

/**
 * The plans of a question's alternatives from the counts of their keys: an alternative with a key
 * nobody has finds nothing; 'too-many' when even its rarest key finds more than the cap.
 */
export function keyPlans(
  alternatives: ReadonlyArray<readonly string[]>,
  counts: ReadonlyMap<string, number>,
): KeyPlan[] | 'too-many' {
  const plans: KeyPlan[] = [];
  for (const keys of alternatives) {
    const ranked = [...keys].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
    const driver = ranked[0];
    if (driver === undefined || (counts.get(driver) ?? 0) === 0) continue;
    if ((counts.get(driver) ?? 0) > MATCH_CAP) return 'too-many';
    plans.push({ driver, others: ranked.slice(1) });
  }
  return plans;
}

/** The stretch the answer reads: one entry, the entries a question's keys find, or `budget` entries below the cursor. */
function stretch(q: RegisterSearchQuery, plans?: readonly KeyPlan[]): { sql: string; params: Array<string | number> } {
  if (q.registryNumber !== undefined)
    return { sql: 'SELECT * FROM register WHERE registry_number = ?', params: [q.registryNumber] };
  const before = q.before ?? TOP;
  if (plans) {
    const params: Array<string | number> = [];
    const matched = plans
      .map((p) => {
        params.push(p.driver, ...p.others);
        return `SELECT k.registry_number FROM register_keys k WHERE k.key = ?${p.others
          .map(
            () =>
              ' AND EXISTS (SELECT 1 FROM register_keys o WHERE o.key = ? AND o.registry_number = k.registry_number)',
          )
          .join('')}`;
      })
      .join(' UNION ');
    params.push(before.year, before.seq, MATCH_CAP * plans.length);
    return {
      sql: `SELECT * FROM register WHERE registry_number IN (${matched}) AND (year, seq) < (?, ?) ORDER BY year DESC, seq DESC LIMIT ?`,
      params,
    };
  }
  return {
    sql: 'SELECT * FROM register WHERE (year, seq) < (?, ?) ORDER BY year DESC, seq DESC LIMIT ?',
    params: [before.year, before.seq, q.budget],
  };
}

/**
 * The search as one statement: the stretch, each entry's holder (its last dispatch's department,
 * or the one it was registered for), its case and status, the deadline its first assignment set,
 * then the filters, newest first.
 */
export function searchQuery(
  q: RegisterSearchQuery,
  plans?: readonly KeyPlan[],
): { sql: string; params: Array<string | number | null> } {
  const s = stretch(q, plans);
  const filters: string[] = [];
  const params: Array<string | number | null> = [...s.params];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined) return;
    filters.push(sql);
    params.push(value);
  };
  add('channel = ?', q.channel);
  add('received_at >= ?', q.from);
  add('received_at < ?', q.to);
  add('held_by = ?', q.heldBy);
  add('status = ?', q.status);
  params.push(q.limit);
  const sql = `WITH stretch AS (${s.sql}),
annotated AS (
  SELECT s.*,
    COALESCE((SELECT d.department FROM dispatches d WHERE d.registry_number = s.registry_number ORDER BY d.seq DESC LIMIT 1), s.department) AS held_by,
    c.case_number AS case_number,
    (SELECT d.deadline FROM dispatches d WHERE d.registry_number = s.registry_number AND d.kind = 'assigned'
      AND d.deadline IS NOT NULL ORDER BY d.seq LIMIT 1) AS first_deadline,
    CASE
      WHEN c.status = 'open' THEN 'case-opened'
      WHEN c.status IS NOT NULL THEN c.status
      ELSE COALESCE((SELECT d.kind FROM dispatches d WHERE d.registry_number = s.registry_number ORDER BY d.seq DESC LIMIT 1), 'registered')
    END AS status
  FROM stretch s
  LEFT JOIN case_documents cd ON cd.registry_number = s.registry_number
  LEFT JOIN cases c ON c.case_number = cd.case_number
)
SELECT * FROM annotated${filters.length ? ` WHERE ${filters.join(' AND ')}` : ''} ORDER BY year DESC, seq DESC LIMIT ?`;
  return { sql, params };
}

/** The last entry of the stretch (its position, and when it was received): where the next answer starts. */
export function stretchEndQuery(q: RegisterSearchQuery): { sql: string; params: Array<string | number> } {
  const before = q.before ?? TOP;
  return {
    sql: 'SELECT year, seq, received_at FROM register WHERE (year, seq) < (?, ?) ORDER BY year DESC, seq DESC LIMIT 1 OFFSET ?',
    params: [before.year, before.seq, q.budget - 1],
  };
}

export const toFound = (r: SearchRow): FoundEntry => ({
  entry: toEntry(r),
  heldBy: r.held_by,
  status: r.status,
  caseNumber: r.case_number,
  firstDeadline: r.first_deadline,
});

/**
 * Where the search goes on: after a full page, below its last entry; after a short one, below the
 * stretch when it was read whole and entries older than it may still match (not past `from`).
 */
export function nextPosition(
  q: RegisterSearchQuery,
  found: readonly SearchRow[],
  stretchEnd: { year: number; seq: number; received_at: string } | undefined,
): RegisterPosition | undefined {
  if (q.registryNumber !== undefined) return undefined;
  const last = found.at(-1);
  if (found.length === q.limit && last) return { year: last.year, seq: last.seq };
  // A question's keys: the stretch was every entry they find below the cursor.
  if (!stretchEnd || q.keys) return undefined;
  if (q.from !== undefined && stretchEnd.received_at < q.from) return undefined;
  return { year: stretchEnd.year, seq: stretchEnd.seq };
}
