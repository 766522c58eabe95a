/**
 * @module The office's ports on PostgreSQL (cases, dispatches, audit, sessions, search, residents,
 * failed hand-offs, mail, departments): the statements the backends share (core/sql-*.ts), each
 * write one transaction, a key taken meanwhile reported as the ports say.
 */
import type {
  AuditStore,
  CaseRecord,
  CaseStore,
  DepartmentStore,
  DispatchStore,
  HandOffStore,
  MailStore,
  RegisterSearch,
  ResidentStore,
  SessionStore,
} from '../../core/ports.js';
import {
  ASSIGNED_ITEMS_SQL,
  type AssignedItemRow,
  type BucketRow,
  OPEN_CASES_BY_DEADLINE_SQL,
  openCasesParams,
  RECEIVED_BY_HOUR_SQL,
  staffWithQuery,
  type StaffRow,
  toAssignedItem,
  toStaffMember,
} from '../../core/sql-departments.js';
import {
  failedQuery,
  HAND_OFF_SQL,
  type HandOffRow,
  retryStatement,
  toFailedHandOff,
} from '../../core/sql-hand-offs.js';
import { claimStatement, failedStatement, type MailRow, sentStatement, toMailMessage } from '../../core/sql-mail.js';
import {
  AUDIT_COLUMNS,
  auditValues,
  CASE_COLUMNS,
  CASE_EVENT_COLUMNS,
  CASE_LIST_SQL,
  type CaseEventRow,
  caseEventStatements,
  type CaseListRow,
  type CaseRow,
  createSessionStatements,
  DISPATCH_COLUMNS,
  dispatchStatements,
  type DispatchRow,
  listCasesQuery,
  openCaseStatements,
  RESIDENT_SQL,
  type ResidentRows,
  SESSION_COLUMNS,
  type SessionRow,
  SET_OFFICER_SQL,
  toAuditRecord,
  type AuditRow,
  toCaseEvent,
  toCaseListLine,
  toCaseRecord,
  toDispatch,
  toResidentApplications,
  toStaffSession,
} from '../../core/sql-office-rows.js';
import {
  KEY_COUNT_SQL,
  keyPlans,
  nextPosition,
  searchQuery,
  type SearchRow,
  stretchEndQuery,
  toFound,
} from '../../core/sql-search.js';
import { isPgConstraint, type PgDatabase, type Sql } from './pg-database.js';

type Statements = ReadonlyArray<{ readonly sql: string; readonly params: readonly unknown[] }>;

/** Runs statements one after another (in the transaction `sql` belongs to). */
export async function runAll(sql: Sql, statements: Statements): Promise<void> {
  for (const s of statements) await sql.run(s.sql, s.params);
}

/** What `write` returns, or `taken` when a key refused it (the transaction rolled back). */
export async function unlessTaken<T>(write: () => Promise<T>, taken: T): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isPgConstraint(e)) return taken;
    throw e;
  }
}

export function pgAudit(db: PgDatabase): AuditStore {
  return {
    head: async () =>
      (await db.rows<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'))[0],
    // Two instances racing for one number: one inserts, the other is told and tries the next.
    append: async (record) =>
      (await db.run(
        `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        auditValues(record),
      )) === 1,
    list: async ({ after, limit, before }) =>
      (before === undefined
        ? await db.rows<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, [
            after,
            limit,
          ])
        : await db.rows<AuditRow>(
            `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
            [after, before, limit],
          )
      ).map(toAuditRecord),
  };
}

export function pgCases(db: PgDatabase): CaseStore {
  return {
    open: (c) =>
      unlessTaken<CaseRecord | 'taken'>(
        () =>
          db.transaction(async (sql) => {
            // The counter's row stays locked to the end: instances opening cases of one class take turns.
            await runAll(sql, openCaseStatements(c));
            const [row] = await sql.rows<CaseRow>(
              `SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = (SELECT case_number FROM case_documents WHERE registry_number = ?)`,
              [c.registryNumber],
            );
            return toCaseRecord(row!);
          }),
        'taken',
      ),
    async get(caseNumber) {
      const [row] = await db.rows<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = ?`, [caseNumber]);
      if (!row) return undefined;
      const documents = await db.rows<{ registry_number: string }>(
        'SELECT registry_number FROM case_documents WHERE case_number = ? ORDER BY added_at, registry_number',
        [caseNumber],
      );
      const events = await db.rows<CaseEventRow>(
        `SELECT ${CASE_EVENT_COLUMNS} FROM case_events WHERE case_number = ? ORDER BY seq`,
        [caseNumber],
      );
      return {
        case: toCaseRecord(row),
        documents: documents.map((d) => d.registry_number),
        events: events.map(toCaseEvent),
      };
    },
    caseOf: async (registryNumber) =>
      (
        await db.rows<{ case_number: string }>('SELECT case_number FROM case_documents WHERE registry_number = ?', [
          registryNumber,
        ])
      )[0]?.case_number,
    addDocument: (caseNumber, registryNumber, at) =>
      unlessTaken<'ok' | 'taken'>(async () => {
        await db.run('INSERT INTO case_documents (registry_number, case_number, added_at) VALUES (?, ?, ?)', [
          registryNumber,
          caseNumber,
          at,
        ]);
        return 'ok';
      }, 'taken'),
    addEvent: (caseNumber, event, change, mail) =>
      unlessTaken<'ok' | 'conflict'>(
        () =>
          db.transaction(
            async (sql) => (await runAll(sql, caseEventStatements(caseNumber, event, change, mail)), 'ok' as const),
          ),
        'conflict',
      ),
    setOfficer: async (caseNumber, officer) =>
      (await db.run(SET_OFFICER_SQL, [officer, caseNumber])) === 1 ? 'ok' : 'closed',
    caseList: async ({ unit, jrwa, year, after, limit }) =>
      (await db.rows<CaseListRow>(CASE_LIST_SQL, [unit, jrwa, year, after, limit])).map(toCaseListLine),
    async list(query) {
      const { sql, params } = listCasesQuery(query);
      return (await db.rows<CaseRow>(sql, params)).map(toCaseRecord);
    },
  };
}

export function pgDispatches(db: PgDatabase): DispatchStore {
  return {
    history: async (registryNumber) =>
      (
        await db.rows<DispatchRow>(
          `SELECT ${DISPATCH_COLUMNS} FROM dispatches WHERE registry_number = ? ORDER BY seq`,
          [registryNumber],
        )
      ).map(toDispatch),
    holder: async (registryNumber) =>
      (
        await db.rows<{ department: string }>(
          'SELECT department FROM dispatches WHERE registry_number = ? ORDER BY seq DESC LIMIT 1',
          [registryNumber],
        )
      )[0]?.department,
    record: (registryNumber, d, now) =>
      unlessTaken<'ok' | 'conflict'>(
        () =>
          db.transaction(async (sql) => (await runAll(sql, dispatchStatements(registryNumber, d, now)), 'ok' as const)),
        'conflict',
      ),
  };
}

export function pgSessions(db: PgDatabase): SessionStore {
  return {
    create: (session, now) => db.transaction((sql) => runAll(sql, createSessionStatements(session, now))),
    find: async (idHash) => {
      const [row] = await db.rows<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM staff_sessions WHERE id_hash = ?`, [
        idHash,
      ]);
      return row && toStaffSession(row);
    },
    touch: async (idHash, at) =>
      void (await db.run('UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?', [at, idHash])),
    remove: async (idHash) => void (await db.run('DELETE FROM staff_sessions WHERE id_hash = ?', [idHash])),
  };
}

export function pgSearch(db: PgDatabase): RegisterSearch {
  return {
    async search(q) {
      let plans;
      if (q.keys) {
        const keys = [...new Set(q.keys.flat())];
        const counts = new Map<string, number>();
        for (const k of keys) counts.set(k, (await db.rows<{ n: number }>(KEY_COUNT_SQL, [k]))[0]!.n);
        plans = keyPlans(q.keys, counts);
        if (plans === 'too-many') return 'too-many';
        if (plans.length === 0) return { found: [] };
      }
      const { sql, params } = searchQuery(q, plans);
      const found = await db.rows<SearchRow>(sql, params);
      const endQuery = stretchEndQuery(q);
      const end =
        q.registryNumber === undefined && !q.keys && found.length < q.limit
          ? (await db.rows<{ year: number; seq: number; received_at: string }>(endQuery.sql, endQuery.params))[0]
          : undefined;
      const next = nextPosition(q, found, end);
      return { found: found.map(toFound), ...(next && { next }) };
    },
  };
}

export function pgResidents(db: PgDatabase): ResidentStore {
  return {
    createChallenge: (hash, now, expiresAt) =>
      db.transaction(async (sql) => {
        await sql.run(RESIDENT_SQL.forgetChallenges, [now.getTime()]);
        await sql.run(RESIDENT_SQL.insertChallenge, [hash, expiresAt.getTime()]);
      }),
    async useChallenge(hash, key, limit) {
      const used = await db.transaction(async (sql) => {
        const [challenge] = await sql.rows<{ expires_at: number }>(RESIDENT_SQL.useChallenge, [hash]);
        if (!challenge) return undefined;
        const rows: ResidentRows = {
          entries: await sql.rows(RESIDENT_SQL.entries, [key, limit]),
          dispatches: await sql.rows(RESIDENT_SQL.dispatches, [key, limit]),
          cases: await sql.rows(RESIDENT_SQL.cases, [key, limit]),
          events: await sql.rows(RESIDENT_SQL.events, [key, limit]),
        };
        return { expiresAt: challenge.expires_at, rows };
      });
      return used && { expiresAt: new Date(used.expiresAt), applications: toResidentApplications(used.rows) };
    },
    useChallengeFor: (hash, key, registryNumber) =>
      db.transaction(async (sql) => {
        const [challenge] = await sql.rows<{ expires_at: number }>(RESIDENT_SQL.useChallenge, [hash]);
        if (!challenge) return undefined;
        const [row] = await sql.rows<{ keyed: boolean | number }>(RESIDENT_SQL.keyed, [key, registryNumber]);
        return { expiresAt: new Date(challenge.expires_at), keyed: row?.keyed === true || row?.keyed === 1 };
      }),
  };
}

export function pgHandOffs(db: PgDatabase): HandOffStore {
  return {
    async failed(q) {
      const { sql, params } = failedQuery(q);
      return (await db.rows<HandOffRow>(sql, params)).map(toFailedHandOff);
    },
    // Read and put back in one transaction: two retries of one hand-off put it back once.
    retry: (kind, id, now) =>
      db.transaction(async (sql) => {
        const [row] = await sql.rows<HandOffRow & { state: string }>(HAND_OFF_SQL[kind], [id]);
        if (!row) return 'not-found' as const;
        const { sql: update, params } = retryStatement(kind, id, now);
        if ((await sql.run(update, params)) !== 1) return 'not-failed' as const;
        return toFailedHandOff(row);
      }),
  };
}

export function pgMail(db: PgDatabase): MailStore {
  return {
    async claim(now, leaseMs, limit) {
      const { sql, params } = claimStatement(now, leaseMs, limit);
      return (await db.rows<MailRow>(sql, params)).map(toMailMessage);
    },
    async sent(id, now) {
      const { sql, params } = sentStatement(id, now);
      await db.run(sql, params);
    },
    async failed(id, error, retryAt, now) {
      const { sql, params } = failedStatement(id, error, retryAt, now);
      await db.run(sql, params);
    },
  };
}

export function pgDepartments(db: PgDatabase): DepartmentStore {
  return {
    async staffWith(roles, limit) {
      const q = staffWithQuery(roles, limit);
      return (await db.rows<StaffRow>(q.sql, q.params)).map(toStaffMember);
    },
    receivedByHour: (department, from, to) =>
      db.rows<{ hour: string; count: number }>(RECEIVED_BY_HOUR_SQL, [department, from, to]),
    openCasesByDeadline: (department, days) =>
      db.rows<BucketRow>(OPEN_CASES_BY_DEADLINE_SQL, openCasesParams(department, days)),
    assignedItems: async (department, officer, limit) =>
      (await db.rows<AssignedItemRow>(ASSIGNED_ITEMS_SQL, [department, officer, limit])).map(toAssignedItem),
  };
}
