/**
 * @module A head of department's routes: the department's people (from the staff directory each
 * sign-in keeps), what an officer has in hand, and the department at a glance. Reassigning uses
 * the item's assignment and the case's officer routes, each audited and none extending a deadline.
 */
import { Hono, type Context } from 'hono';
import type { DepartmentOfficers, DepartmentOverview, OfficerWork } from '@ebok/schemas/api';
import { requireRole } from '../auth.js';
import { officeDay, officeDayStart } from '../cases.js';
import { addDays } from '../deadlines.js';
import { queryInt, type AppEnv, type RouteContext } from '../http.js';
import type { CaseRecord, CaseStatus, DeadlineBucket } from '../ports.js';
import { Problem } from '../problems.js';
import { json } from '../respond.js';

const DEPARTMENT = /^[A-Z][A-Z0-9]{0,9}$/;
/** An officer as the directory names them: their subject at the provider. */
const OFFICER = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]{1,255}$/u;
/** People one department lists at most. */
const OFFICERS_LIMIT = 500;
/** Items and cases of one officer an answer lists at most (the console reassigns them a page at a time). */
const WORK_LIMIT = 200;
const UNSETTLED: readonly CaseStatus[] = ['open', 'extended', 'suspended', 'waiting-for-resident'];
const BUCKETS: readonly DeadlineBucket[] = ['overdue', 'due-3', 'due-7', 'due-14', 'later', 'suspended'];

export function headRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { storage, clock, config } = ctx.deps;

  /** The department of the path, for its head (or an administrator). */
  const headOf = (c: Context<AppEnv>): string => {
    const code = c.req.param('code') ?? '';
    if (!DEPARTMENT.test(code)) throw new Problem('not-found');
    requireRole(c.get('roles'), `head:${code}`, 'admin');
    return code;
  };

  app.get('/v1/departments/:code/officers', async (c) => {
    const code = headOf(c);
    const people = await storage.departments.staffWith([`officer:${code}`, `head:${code}`], OFFICERS_LIMIT);
    return json(c, { officers: people.map((p) => ({ ...p, roles: [...p.roles] })) } satisfies DepartmentOfficers);
  });

  app.get('/v1/departments/:code/officers/:officer/work', async (c) => {
    const code = headOf(c);
    const officer = c.req.param('officer');
    if (!OFFICER.test(officer)) throw new Problem('bad-request', '"officer" is a person of the directory');
    const items = await storage.departments.assignedItems(code, officer, WORK_LIMIT);
    const byStatus = await Promise.all(
      UNSETTLED.map((status) => storage.cases.list({ department: code, officer, status, limit: WORK_LIMIT })),
    );
    // Soonest deadline first; those whose clock stands still last.
    const cases = byStatus
      .flat()
      .sort((a: CaseRecord, b: CaseRecord) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))
      .slice(0, WORK_LIMIT);
    return json(c, {
      officer,
      items: [...items],
      cases: cases.map((x) => ({
        caseNumber: x.caseNumber,
        title: x.title,
        department: x.department,
        officer: x.officer,
        status: x.status,
        receivedOn: x.receivedOn,
        dueOn: x.dueOn,
        openedAt: x.openedAt,
      })),
    } satisfies OfficerWork);
  });

  app.get('/v1/departments/:code/overview', async (c) => {
    const code = headOf(c);
    const days = queryInt(c, 'days', 30, 1, 92);
    const today = officeDay(clock.now(), config.timeZone);
    const first = addDays(today, -(days - 1));
    const hours = await storage.departments.receivedByHour(
      code,
      officeDayStart(first, config.timeZone).toISOString(),
      officeDayStart(addDays(today, 1), config.timeZone).toISOString(),
    );
    // Whole hours fold into office days: the office's offset from UTC is whole hours.
    const perDay = new Map<string, number>();
    for (const h of hours) {
      const day = officeDay(new Date(`${h.hour}:00:00.000Z`), config.timeZone);
      perDay.set(day, (perDay.get(day) ?? 0) + Number(h.count));
    }
    const counted = new Map(
      (
        await storage.departments.openCasesByDeadline(code, {
          today,
          in3: addDays(today, 3),
          in7: addDays(today, 7),
          in14: addDays(today, 14),
        })
      ).map((b) => [b.bucket, Number(b.count)]),
    );
    return json(c, {
      department: code,
      today,
      received: Array.from({ length: days }, (_, i) => {
        const day = addDays(first, i);
        return { day, count: perDay.get(day) ?? 0 };
      }),
      openCases: BUCKETS.map((bucket) => ({ bucket, count: counted.get(bucket) ?? 0 })),
    } satisfies DepartmentOverview);
  });
  return app;
}
