import type { DepartmentStore } from '../../core/ports.js';
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
import type { SqliteDatabase } from './sqlite-database.js';

/** A department as its head sees it, on SQLite, with the statements core/sql-departments.ts shares with D1. */
export function sqliteDepartments({ db }: Pick<SqliteDatabase, 'db'>): DepartmentStore {
  const received = db.prepare(RECEIVED_BY_HOUR_SQL);
  const buckets = db.prepare(OPEN_CASES_BY_DEADLINE_SQL);
  const assigned = db.prepare(ASSIGNED_ITEMS_SQL);
  return {
    staffWith: (roles, limit) => {
      const q = staffWithQuery(roles, limit);
      return Promise.resolve((db.prepare(q.sql).all(...q.params) as StaffRow[]).map(toStaffMember));
    },
    receivedByHour: (department, from, to) =>
      Promise.resolve(received.all(department, from, to) as Array<{ hour: string; count: number }>),
    openCasesByDeadline: (department, days) =>
      Promise.resolve(buckets.all(...openCasesParams(department, days)) as BucketRow[]),
    assignedItems: (department, officer, limit) =>
      Promise.resolve((assigned.all(department, officer, limit) as AssignedItemRow[]).map(toAssignedItem)),
  };
}
