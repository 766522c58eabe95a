import type { CaseRecord, CaseStore } from '../../core/ports.js';
import {
  CASE_COLUMNS,
  CASE_EVENT_COLUMNS,
  CASE_LIST_SQL,
  toCaseListLine,
  type CaseListRow,
  caseEventStatements,
  listCasesQuery,
  SET_OFFICER_SQL,
  openCaseStatements,
  toCaseEvent,
  toCaseRecord,
  type CaseEventRow,
  type CaseRow,
} from '../../core/sql-office-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { transactionOf, unlessTaken } from './sqlite-statements.js';

/** Cases on SQLite: each write one transaction of the statements core/sql-rows.ts shares with D1. */
export function sqliteCases({ db }: Pick<SqliteDatabase, 'db'>): CaseStore {
  const run = transactionOf(db);
  const byNumber = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = ?`);
  const documents = db.prepare(
    'SELECT registry_number FROM case_documents WHERE case_number = ? ORDER BY added_at, registry_number',
  );
  const events = db.prepare(`SELECT ${CASE_EVENT_COLUMNS} FROM case_events WHERE case_number = ? ORDER BY seq`);
  const caseOf = db.prepare('SELECT case_number FROM case_documents WHERE registry_number = ?');
  const addDocument = db.prepare(
    'INSERT INTO case_documents (registry_number, case_number, added_at) VALUES (?, ?, ?)',
  );
  const opened = db.prepare(
    `SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = (SELECT case_number FROM case_documents WHERE registry_number = ?)`,
  );
  const attempt = unlessTaken;
  return {
    open: (c) =>
      Promise.resolve(
        attempt<CaseRecord | 'taken'>(() => {
          run(openCaseStatements(c));
          return toCaseRecord(opened.get(c.registryNumber) as CaseRow);
        }, 'taken'),
      ),
    get(caseNumber) {
      const row = byNumber.get(caseNumber) as CaseRow | undefined;
      if (!row) return Promise.resolve(undefined);
      return Promise.resolve({
        case: toCaseRecord(row),
        documents: (documents.all(caseNumber) as Array<{ registry_number: string }>).map((d) => d.registry_number),
        events: (events.all(caseNumber) as CaseEventRow[]).map(toCaseEvent),
      });
    },
    caseOf: (registryNumber) =>
      Promise.resolve((caseOf.get(registryNumber) as { case_number: string } | undefined)?.case_number),
    addDocument: (caseNumber, registryNumber, at) =>
      Promise.resolve(attempt<'ok' | 'taken'>(() => (addDocument.run(registryNumber, caseNumber, at), 'ok'), 'taken')),
    addEvent: (caseNumber, event, change, mail) =>
      Promise.resolve(
        attempt<'ok' | 'conflict'>(() => (run(caseEventStatements(caseNumber, event, change, mail)), 'ok'), 'conflict'),
      ),
    setOfficer: (caseNumber, officer) =>
      Promise.resolve(db.prepare(SET_OFFICER_SQL).run(officer, caseNumber).changes === 1 ? 'ok' : 'closed'),
    caseList({ unit, jrwa, year, after, limit }) {
      return Promise.resolve(
        (db.prepare(CASE_LIST_SQL).all(unit, jrwa, year, after, limit) as CaseListRow[]).map(toCaseListLine),
      );
    },
    list(query) {
      const { sql, params } = listCasesQuery(query);
      return Promise.resolve((db.prepare(sql).all(...params) as CaseRow[]).map(toCaseRecord));
    },
  };
}
