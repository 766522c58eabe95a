import type { CaseStore } from '../../core/ports.js';
import { batchUnlessTaken, type Statements } from './d1-statements.js';
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

/** Cases on D1: each write one batch (one transaction) of the statements core/sql-rows.ts shares with SQLite. */
export function d1Cases(db: D1Database): CaseStore {
  const batch = (statements: Statements) => batchUnlessTaken(db, statements);
  return {
    async open(c) {
      if (!(await batch(openCaseStatements(c)))) return 'taken';
      const row = await db
        .prepare(
          `SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = (SELECT case_number FROM case_documents WHERE registry_number = ?)`,
        )
        .bind(c.registryNumber)
        .first<CaseRow>();
      return toCaseRecord(row!);
    },
    async get(caseNumber) {
      const [row, documents, events] = await db.batch([
        db.prepare(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_number = ?`).bind(caseNumber),
        db
          .prepare(
            'SELECT registry_number FROM case_documents WHERE case_number = ? ORDER BY added_at, registry_number',
          )
          .bind(caseNumber),
        db.prepare(`SELECT ${CASE_EVENT_COLUMNS} FROM case_events WHERE case_number = ? ORDER BY seq`).bind(caseNumber),
      ]);
      const found = (row!.results as CaseRow[])[0];
      if (!found) return undefined;
      return {
        case: toCaseRecord(found),
        documents: (documents!.results as Array<{ registry_number: string }>).map((d) => d.registry_number),
        events: (events!.results as CaseEventRow[]).map(toCaseEvent),
      };
    },
    async caseOf(registryNumber) {
      const row = await db
        .prepare('SELECT case_number FROM case_documents WHERE registry_number = ?')
        .bind(registryNumber)
        .first<{ case_number: string }>();
      return row?.case_number;
    },
    async addDocument(caseNumber, registryNumber, at) {
      const ok = await batch([
        {
          sql: 'INSERT INTO case_documents (registry_number, case_number, added_at) VALUES (?, ?, ?)',
          params: [registryNumber, caseNumber, at],
        },
      ]);
      return ok ? 'ok' : 'taken';
    },
    async addEvent(caseNumber, event, change, mail) {
      return (await batch(caseEventStatements(caseNumber, event, change, mail))) ? 'ok' : 'conflict';
    },
    async setOfficer(caseNumber, officer) {
      const { meta } = await db.prepare(SET_OFFICER_SQL).bind(officer, caseNumber).run();
      return meta.changes === 1 ? 'ok' : 'closed';
    },
    async caseList({ unit, jrwa, year, after, limit }) {
      const { results } = await db.prepare(CASE_LIST_SQL).bind(unit, jrwa, year, after, limit).all<CaseListRow>();
      return results.map(toCaseListLine);
    },
    async list(query) {
      const { sql, params } = listCasesQuery(query);
      const { results } = await db
        .prepare(sql)
        .bind(...params)
        .all<CaseRow>();
      return results.map(toCaseRecord);
    },
  };
}
