/**
 * @module The rows of the office's tables every database backend shares (migrations 0006–0008 and
 * 0012: the audit log, cases, dispatches, staff sessions), the records the storage ports answer with, and the
 * statements each write is made of, so that SQLite and D1 run the same SQL.
 */
import type {
  AuditRecord,
  AuditState,
  CaseChange,
  CaseEvent,
  CaseEventType,
  CaseListLine,
  NewMail,
  CaseRecord,
  CaseStatus,
  Dispatch,
  DispatchKind,
  NewCase,
  StaffSession,
  ResidentApplication,
} from './ports.js';
import { newMailStatements } from './sql-mail.js';
import { type EntryRow, toEntry } from './sql-rows.js';
import { upsertStaffStatement } from './sql-departments.js';

/** A row of the audit log (migrations/0006): `before` and `after` as JSON text. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export const AUDIT_COLUMNS = 'seq, at, actor, action, target, before, after, prev_hash, hash';

/** An audit record as the columns of its row, in AUDIT_COLUMNS' order. */
export const auditValues = (r: AuditRecord): Array<string | number | null> => [
  r.seq,
  r.at,
  r.actor,
  r.action,
  r.target,
  r.before === null ? null : JSON.stringify(r.before),
  r.after === null ? null : JSON.stringify(r.after),
  r.prevHash,
  r.hash,
];

export const toAuditRecord = (row: AuditRow): AuditRecord => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor,
  action: row.action,
  target: row.target,
  before: row.before === null ? null : (JSON.parse(row.before) as AuditState),
  after: row.after === null ? null : (JSON.parse(row.after) as AuditState),
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** A row of the cases table (migrations/0007). */
export interface CaseRow {
  case_number: string;
  unit: string;
  jrwa: string;
  year: number;
  seq: number;
  title: string;
  department: string;
  officer: string | null;
  opened_by: string;
  opened_at: string;
  received_on: string;
  period: string;
  status: string;
  due_on: string | null;
  closed_at: string | null;
  outcome: string | null;
}

export const CASE_COLUMNS =
  'case_number, unit, jrwa, year, seq, title, department, officer, opened_by, opened_at, received_on, period, status, due_on, closed_at, outcome';

export const toCaseRecord = (r: CaseRow): CaseRecord => ({
  caseNumber: r.case_number,
  unit: r.unit,
  jrwa: r.jrwa,
  year: r.year,
  sequence: r.seq,
  title: r.title,
  department: r.department,
  officer: r.officer,
  openedBy: r.opened_by,
  openedAt: r.opened_at,
  receivedOn: r.received_on,
  period: JSON.parse(r.period) as Record<string, number>,
  status: r.status as CaseStatus,
  dueOn: r.due_on,
  closedAt: r.closed_at,
  outcome: r.outcome,
});

/** A row of case_events. */
export interface CaseEventRow {
  seq: number;
  type: string;
  at: string;
  on_day: string;
  reason: string | null;
  until: string | null;
  outcome: string | null;
  inform: number;
  actor: string;
}

export const CASE_EVENT_COLUMNS = 'seq, type, at, on_day, reason, until, outcome, inform, actor';

export const toCaseEvent = (r: CaseEventRow): CaseEvent => ({
  seq: r.seq,
  type: r.type as CaseEventType,
  at: r.at,
  onDay: r.on_day,
  reason: r.reason,
  until: r.until,
  outcome: r.outcome,
  inform: r.inform === 1,
  actor: r.actor,
});

/**
 * The statements that open a case, in order, for both SQL backends (positional `?` parameters):
 * count the next number of its unit, class and year, insert the case under it, and put its item
 * in it (the item's key refuses a second case). Run as one transaction.
 */
export function openCaseStatements(c: NewCase): Array<{ sql: string; params: Array<string | number | null> }> {
  const key = [c.unit, c.jrwa, c.year];
  return [
    {
      sql: `INSERT INTO case_counters (unit, jrwa, year, last) VALUES (?, ?, ?, 1)
            ON CONFLICT (unit, jrwa, year) DO UPDATE SET last = case_counters.last + 1`,
      params: key,
    },
    {
      sql: `INSERT INTO cases (${CASE_COLUMNS})
            SELECT unit || '.' || jrwa || '.' || last || '.' || year, unit, jrwa, year, last, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL
            FROM case_counters WHERE unit = ? AND jrwa = ? AND year = ?`,
      params: [
        c.title,
        c.department,
        c.officer,
        c.openedBy,
        c.openedAt,
        c.receivedOn,
        JSON.stringify(c.period),
        c.status,
        c.dueOn,
        ...key,
      ],
    },
    {
      sql: `INSERT INTO case_documents (registry_number, case_number, added_at)
            SELECT ?, unit || '.' || jrwa || '.' || last || '.' || year, ? FROM case_counters
            WHERE unit = ? AND jrwa = ? AND year = ?`,
      params: [c.registryNumber, c.openedAt, ...key],
    },
  ];
}

/** The statements that append an event and make its change, as one transaction (the event's key refuses a race). */
export function caseEventStatements(
  caseNumber: string,
  e: CaseEvent,
  change: CaseChange,
  mail: readonly NewMail[] = [],
): Array<{ sql: string; params: Array<string | number | null> }> {
  return [
    {
      sql: `INSERT INTO case_events (case_number, ${CASE_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [caseNumber, e.seq, e.type, e.at, e.onDay, e.reason, e.until, e.outcome, e.inform ? 1 : 0, e.actor],
    },
    {
      sql: 'UPDATE cases SET status = ?, due_on = ?, closed_at = ?, outcome = ? WHERE case_number = ?',
      params: [change.status, change.dueOn, change.closedAt, change.outcome, caseNumber],
    },
    // The messages the event makes commit with it (a transactional outbox): none is lost, none made twice.
    ...newMailStatements(mail, new Date(e.at)),
  ];
}

/** A case's new officer (CaseStore.setOfficer): a closed case keeps its own. */
export const SET_OFFICER_SQL = "UPDATE cases SET officer = ? WHERE case_number = ? AND status <> 'closed'";

/** The query listing a department's cases (see CaseStore.list). */
export function listCasesQuery(q: {
  department: string;
  officer?: string;
  status?: string;
  dueFrom?: string;
  dueTo?: string;
  after?: string;
  limit: number;
}): { sql: string; params: Array<string | number> } {
  const where = ['department = ?'];
  const params: Array<string | number> = [q.department];
  const filter = (condition: string, value: string | undefined): void => {
    if (value === undefined) return;
    where.push(condition);
    params.push(value);
  };
  filter('officer = ?', q.officer);
  filter('status = ?', q.status);
  filter('due_on >= ?', q.dueFrom);
  filter('due_on <= ?', q.dueTo);
  if (q.after !== undefined) {
    // A znak is UNIT.JRWA.N.YYYY: cases come in the order of its parts, numbers as numbers.
    const [unit = '', jrwa = '', seq = '0', year = '0'] = q.after.split('.');
    where.push('(year, unit, jrwa, seq) > (?, ?, ?, ?)');
    params.push(Number(year), unit, jrwa, Number(seq));
  }
  params.push(q.limit);
  return {
    sql: `SELECT ${CASE_COLUMNS} FROM cases WHERE ${where.join(' AND ')} ORDER BY year, unit, jrwa, seq LIMIT ?`,
    params,
  };
}

/** The spis spraw's query (see CaseStore.caseList): cases by number, each with its first item's sender. */
export const CASE_LIST_SQL = `SELECT ${CASE_COLUMNS.split(', ')
  .map((c) => `c.${c}`)
  .join(', ')}, r.sender AS sender, r.sender_reference AS sender_reference, r.document_date AS document_date
  FROM cases c LEFT JOIN register r ON r.registry_number = (
    SELECT d.registry_number FROM case_documents d WHERE d.case_number = c.case_number
    ORDER BY d.added_at, d.registry_number LIMIT 1)
  WHERE c.unit = ? AND c.jrwa = ? AND c.year = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`;

export type CaseListRow = CaseRow & {
  sender: string | null;
  sender_reference: string | null;
  document_date: string | null;
};

export const toCaseListLine = (r: CaseListRow): CaseListLine => ({
  case: toCaseRecord(r),
  sender: r.sender === null ? null : (JSON.parse(r.sender) as unknown),
  senderReference: r.sender_reference,
  documentDate: r.document_date,
});

/** A row of dispatches (migrations/0008). */
export interface DispatchRow {
  seq: number;
  kind: string;
  from_department: string;
  department: string;
  officer: string | null;
  deadline: string | null;
  note: string | null;
  reason: string | null;
  actor: string;
  at: string;
}

export const DISPATCH_COLUMNS = 'seq, kind, from_department, department, officer, deadline, note, reason, actor, at';

export const toDispatch = (r: DispatchRow): Dispatch => ({
  seq: r.seq,
  kind: r.kind as DispatchKind,
  fromDepartment: r.from_department,
  department: r.department,
  officer: r.officer,
  deadline: r.deadline,
  note: r.note,
  reason: r.reason,
  actor: r.actor,
  at: r.at,
});

/**
 * The statements of a dispatch for both SQL backends: the step (its key refuses a second step of
 * the same number), and when it moves the item, its inbox message: the old department's
 * unfinished message is finished, and the new department gets one. (The register itself is
 * append-only: the department that holds an item is its last step's.)
 */
export function dispatchStatements(
  registryNumber: string,
  d: Dispatch,
  now: Date,
): Array<{ sql: string; params: Array<string | number | null> }> {
  const statements: Array<{ sql: string; params: Array<string | number | null> }> = [
    {
      sql: `INSERT INTO dispatches (registry_number, ${DISPATCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        registryNumber,
        d.seq,
        d.kind,
        d.fromDepartment,
        d.department,
        d.officer,
        d.deadline,
        d.note,
        d.reason,
        d.actor,
        d.at,
      ],
    },
  ];
  if (d.department !== d.fromDepartment)
    statements.push(
      {
        sql: `UPDATE queue SET state = 'acked', finished_at = ?, lease_id = NULL
              WHERE registry_number = ? AND department = ? AND state = 'ready'`,
        params: [now.toISOString(), registryNumber, d.fromDepartment],
      },
      {
        sql: 'INSERT INTO queue (department, registry_number, enqueued_at, visible_at) VALUES (?, ?, ?, ?)',
        params: [d.department, registryNumber, now.toISOString(), now.getTime()],
      },
    );
  return statements;
}

// ---- staff sessions ----

export interface SessionRow {
  id_hash: string;
  csrf_token: string;
  subject: string;
  name: string;
  roles: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export const SESSION_COLUMNS = 'id_hash, csrf_token, subject, name, roles, created_at, last_seen_at, expires_at';

export const toStaffSession = (r: SessionRow): StaffSession => ({
  idHash: r.id_hash,
  csrfToken: r.csrf_token,
  subject: r.subject,
  name: r.name,
  roles: JSON.parse(r.roles) as string[],
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/** The statements that keep a new session and forget up to 100 that have ended (absolutely) before `now`. */
export function createSessionStatements(
  s: StaffSession,
  now: string,
): Array<{ sql: string; params: Array<string | number | null> }> {
  return [
    {
      sql: 'DELETE FROM staff_sessions WHERE id_hash IN (SELECT id_hash FROM staff_sessions WHERE expires_at < ? ORDER BY expires_at LIMIT 100)',
      params: [now],
    },
    {
      sql: `INSERT INTO staff_sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        s.idHash,
        s.csrfToken,
        s.subject,
        s.name,
        JSON.stringify(s.roles),
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
      ],
    },
    // The directory a head of department picks officers from: the person as of this sign-in.
    upsertStaffStatement(s.subject, s.name, s.roles, now),
  ];
}

/**
 * The entries under a register key (migrations/0010), newest first: `?` the key, `?` the most.
 * The other queries of a resident's applications read what belongs to exactly these entries.
 */
const KEYED_ENTRIES = `SELECT r.registry_number FROM register_keys k JOIN register r ON r.registry_number = k.registry_number
  WHERE k.key = ? ORDER BY r.received_at DESC, r.registry_number DESC LIMIT ?`;

/**
 * The statements of a resident's question, for both SQL backends, run as one transaction: the
 * challenge used up (its expiry returned, if it was there), then the signer's entries, their
 * dispatches, their cases and the cases' events. Each read takes the key and the limit. A question
 * about one entry uses the challenge up beside `keyed` instead.
 */
export const RESIDENT_SQL = {
  forgetChallenges: 'DELETE FROM resident_challenges WHERE expires_at <= ?',
  insertChallenge: 'INSERT INTO resident_challenges (challenge_hash, expires_at) VALUES (?, ?)',
  useChallenge: 'DELETE FROM resident_challenges WHERE challenge_hash = ? RETURNING expires_at',
  /** Whether an entry is under a key: `?` the key, `?` the registry number; 1 or 0. */
  keyed: 'SELECT EXISTS (SELECT 1 FROM register_keys WHERE key = ? AND registry_number = ?) AS keyed',
  entries: `SELECT r.* FROM register_keys k JOIN register r ON r.registry_number = k.registry_number
    WHERE k.key = ? ORDER BY r.received_at DESC, r.registry_number DESC LIMIT ?`,
  dispatches: `SELECT registry_number, ${DISPATCH_COLUMNS} FROM dispatches WHERE registry_number IN (${KEYED_ENTRIES})
    ORDER BY registry_number, seq`,
  cases: `SELECT d.registry_number AS registry_number, ${CASE_COLUMNS.split(', ')
    .map((c) => `c.${c}`)
    .join(', ')} FROM case_documents d JOIN cases c ON c.case_number = d.case_number
    WHERE d.registry_number IN (${KEYED_ENTRIES})`,
  events: `SELECT case_number, ${CASE_EVENT_COLUMNS} FROM case_events WHERE case_number IN (
    SELECT case_number FROM case_documents WHERE registry_number IN (${KEYED_ENTRIES})) ORDER BY case_number, seq`,
} as const;

/** The rows of a resident's question, as RESIDENT_SQL's reads return them. */
export interface ResidentRows {
  readonly entries: readonly EntryRow[];
  readonly dispatches: ReadonlyArray<DispatchRow & { registry_number: string }>;
  readonly cases: ReadonlyArray<CaseRow & { registry_number: string }>;
  readonly events: ReadonlyArray<CaseEventRow & { case_number: string }>;
}

/** The rows of a resident's question as their applications, newest first. */
export function toResidentApplications(rows: ResidentRows): ResidentApplication[] {
  const dispatches = new Map<string, Dispatch[]>();
  for (const d of rows.dispatches) {
    let list = dispatches.get(d.registry_number);
    if (!list) dispatches.set(d.registry_number, (list = []));
    list.push(toDispatch(d));
  }
  const events = new Map<string, CaseEvent[]>();
  for (const e of rows.events) {
    let list = events.get(e.case_number);
    if (!list) events.set(e.case_number, (list = []));
    list.push(toCaseEvent(e));
  }
  const cases = new Map(rows.cases.map((c) => [c.registry_number, c]));
  return rows.entries.map((row) => {
    const c = cases.get(row.registry_number);
    return {
      entry: toEntry(row),
      dispatches: (dispatches.get(row.registry_number) ?? []).sort((a, b) => a.seq - b.seq),
      caseFile: c
        ? {
            case: toCaseRecord(c),
            events: (events.get(c.case_number) ?? []).sort((a, b) => a.seq - b.seq),
          }
        : null,
    };
  });
}
