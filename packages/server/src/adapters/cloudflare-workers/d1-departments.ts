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

/** A department as its head sees it, on D1, with the statements core/sql-departments.ts shares with SQLite. */
export function d1Departments(db: D1Database): DepartmentStore {
  return {
    async staffWith(roles, limit) {
      const q = staffWithQuery(roles, limit);
      const { results } = await db
        .prepare(q.sql)
        .bind(...q.params)
        .all<StaffRow>();
      return results.map(toStaffMember);
    },
    async receivedByHour(department, from, to) {
      const { results } = await db
        .prepare(RECEIVED_BY_HOUR_SQL)
        .bind(department, from, to)
        .all<{ hour: string; count: number }>();
      return results;
    },
    async openCasesByDeadline(department, days) {
      const { results } = await db
        .prepare(OPEN_CASES_BY_DEADLINE_SQL)
        .bind(...openCasesParams(department, days))
        .all<BucketRow>();
      return results;
    },
    async assignedItems(department, officer, limit) {
      const { results } = await db.prepare(ASSIGNED_ITEMS_SQL).bind(department, officer, limit).all<AssignedItemRow>();
      return results.map(toAssignedItem);
    },
  };
}
