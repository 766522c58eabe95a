/**
 * @module Cases' routes: a department opens a case (znak sprawy) on one of its items, adds items
 * and events to it, reads it with its deadline, lists its cases due soon or overdue, and exports
 * the spis spraw.
 */
import { Hono, type Context } from 'hono';
import type { Case, CasePage, CaseSummary } from '@ebok/schemas/api';
import {
  applyCaseEvent,
  caseDeadline,
  CaseEventError,
  caseState,
  csvCell,
  lateNotice,
  officeDay,
  openedCase,
  SPIS_COLUMNS,
  spisRows,
} from '../cases.js';
import { addDays, procedurePeriod, type Period } from '../deadlines.js';
import { audit, holderOf, keepAliveOf, queryInt, type AppEnv, type RouteContext } from '../http.js';
import type { CaseFile, CaseRecord, CaseStatus } from '../ports.js';
import { Problem } from '../problems.js';
import { mailForEvent } from '../mail.js';
import { json, respond } from '../respond.js';
import { jsonBody } from '../validate.js';
import { requireDepartmentRole, requireRole } from '../auth.js';

/** Days before its deadline that a case counts as due soon. */
const DUE_SOON_DAYS = 7;
/** Cases in one page of the spis spraw's CSV. */
const SPIS_PAGE = 200;
const CASE_NUMBER = /^[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*\.[0-9]{1,4}\.[1-9][0-9]{0,9}\.[0-9]{4}$/;
const DEPARTMENT = /^[A-Z][A-Z0-9]{0,9}$/;

const summary = (c: CaseRecord): CaseSummary => ({
  caseNumber: c.caseNumber,
  title: c.title,
  department: c.department,
  officer: c.officer,
  status: c.status,
  receivedOn: c.receivedOn,
  dueOn: c.dueOn,
  openedAt: c.openedAt,
});

/** Cases for the departments that handle them (`department:<CODE>`); administrators read them too. */
export function caseRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { storage, clock, config, procedures } = deps;
  const today = (): string => officeDay(clock.now(), config.timeZone);

  /** Throws unless the caller works for the department (or, to read, administers). */
  const forDepartment = (c: Context<AppEnv>, department: string, read = false): void =>
    requireRole(c.get('roles'), `department:${department}`, ...(read ? ['admin'] : []));

  /** The case of the path, for a caller of its department; 404 for anyone else, who may not know it exists. */
  const caseFor = async (c: Context<AppEnv>, read = false): Promise<CaseFile> => {
    const caseNumber = c.req.param('caseNumber') ?? '';
    if (!CASE_NUMBER.test(caseNumber)) throw new Problem('not-found');
    requireDepartmentRole(c.get('roles'), read);
    const file = await storage.cases.get(caseNumber);
    if (!file) throw new Problem('not-found');
    try {
      forDepartment(c, file.case.department, read);
    } catch {
      throw new Problem('not-found');
    }
    return file;
  };

  /** An item of the register that the caller's department holds, and the case it is in, if any. */
  const itemFor = async (c: Context<AppEnv>, registryNumber: string) => {
    const stored = await storage.register.getDocument(registryNumber);
    const entry = stored?.entry;
    if (!entry) throw new Problem('not-found');
    const department = await holderOf(deps, entry);
    if (!c.get('roles').includes(`department:${department}`)) throw new Problem('not-found');
    return { ...entry, department };
  };

  const caseBody = (file: CaseFile): Case => {
    const day = today();
    const due = caseDeadline(file.case, file.events, day);
    const state = caseState(file.case, due, day);
    const { case: c } = file;
    const lastReason = [...file.events].reverse().find((e) => e.reason)?.reason ?? null;
    return {
      caseNumber: c.caseNumber,
      unit: c.unit,
      jrwa: c.jrwa,
      year: c.year,
      sequence: c.sequence,
      title: c.title,
      department: c.department,
      officer: c.officer,
      openedBy: c.openedBy,
      openedAt: c.openedAt,
      receivedOn: c.receivedOn,
      status: c.status,
      deadline: due,
      state,
      closedAt: c.closedAt,
      outcome: c.outcome,
      documents: [...file.documents],
      events: file.events.map((e) => ({ ...e })),
      ...(state === 'overdue' && { lateNotice: lateNotice(c, due, day, lastReason) }),
    };
  };

  app.post('/v1/cases', jsonBody('CaseRequest', ctx.readJson), async (c) => {
    requireDepartmentRole(c.get('roles'));
    const body = c.req.valid('json');
    const entry = await itemFor(c, body.registryNumber);
    const procedure = entry.procedure ? procedures.find(entry.procedure.id, entry.procedure.version) : undefined;
    const jrwa = body.jrwa ?? procedure?.jrwa.class;
    if (!jrwa) throw new Problem('bad-request', 'an item without a procedure needs "jrwa", the JRWA class of its case');
    const now = clock.now();
    const receivedOn = officeDay(new Date(entry.receivedAt), config.timeZone);
    const own = procedure?.deadline as (Period & { basis?: string }) | undefined;
    if (body.complicated && own)
      throw new Problem(
        'bad-request',
        `the procedure's deadline is its own act's${own.basis ? ` (${own.basis})` : ''}: art. 35 § 3 KPA does not apply`,
      );
    // Art. 35 § 3 KPA: a particularly complicated case, two months.
    const period: Period = body.complicated ? { months: 2 } : procedurePeriod(own);
    const opened = await storage.cases.open({
      registryNumber: entry.registryNumber,
      unit: entry.department,
      jrwa,
      year: Number(today().slice(0, 4)),
      title: body.title?.trim() || entry.subject,
      department: entry.department,
      officer: body.officer?.trim() || null,
      openedBy: c.get('actor'),
      openedAt: now.toISOString(),
      receivedOn,
      period: period as unknown as Readonly<Record<string, number>>,
      ...openedCase(receivedOn, period, today()),
    });
    if (opened === 'taken')
      throw new Problem(
        'case-conflict',
        `${entry.registryNumber} is in ${await storage.cases.caseOf(entry.registryNumber)}`,
      );
    await audit(c, deps, {
      action: 'case.open',
      target: opened.caseNumber,
      after: { registryNumber: entry.registryNumber, jrwa, title: opened.title, dueOn: opened.dueOn },
    });
    return json(c, caseBody({ case: opened, documents: [entry.registryNumber], events: [] }), 201);
  });

  app.get('/v1/cases', async (c) => {
    const department = c.req.query('department') ?? '';
    if (!DEPARTMENT.test(department)) throw new Problem('bad-request', '"department" must be a department code');
    forDepartment(c, department, true);
    const status = c.req.query('status');
    const statuses: readonly CaseStatus[] = [
      'open',
      'suspended',
      'extended',
      'waiting-for-resident',
      'decided',
      'closed',
    ];
    if (status !== undefined && !statuses.includes(status as CaseStatus))
      throw new Problem('bad-request', `"status" is one of ${statuses.join(', ')}`);
    const due = c.req.query('due');
    if (due !== undefined && due !== 'soon' && due !== 'overdue')
      throw new Problem('bad-request', '"due" is soon or overdue');
    const after = c.req.query('after');
    if (after !== undefined && !CASE_NUMBER.test(after)) throw new Problem('bad-request', '"after" is a znak sprawy');
    const limit = queryInt(c, 'limit', 100, 1, 1000);
    const officer = c.req.query('officer')?.trim();
    if (officer !== undefined && (officer === '' || officer.length > 200))
      throw new Problem('bad-request', '"officer" is the name a case was given, at most 200 characters');
    const day = today();
    const cases = await storage.cases.list({
      department,
      ...(officer !== undefined && { officer }),
      ...(status !== undefined && { status: status as CaseStatus }),
      ...(due === 'overdue' && { dueTo: addDays(day, -1) }),
      ...(due === 'soon' && { dueFrom: day, dueTo: addDays(day, DUE_SOON_DAYS) }),
      ...(after !== undefined && { after }),
      limit,
    });
    return json(c, { cases: cases.map(summary) } satisfies CasePage);
  });

  // The spis spraw of a unit, JRWA class and year, as CSV: at most SPIS_PAGE cases a request; a
  // `Link: <…&after=N>; rel="next"` header names the rest.
  app.get('/v1/cases/export', async (c) => {
    const department = c.req.query('department') ?? '';
    if (!DEPARTMENT.test(department)) throw new Problem('bad-request', '"department" must be a department code');
    forDepartment(c, department, true);
    const jrwa = c.req.query('jrwa') ?? '';
    if (!/^[0-9]{1,4}$/.test(jrwa)) throw new Problem('bad-request', '"jrwa" must be a JRWA class (1 to 4 digits)');
    const year = c.req.query('year') ?? today().slice(0, 4);
    if (!/^20[0-9]{2}$/.test(year)) throw new Problem('bad-request', '"year" must be a year (20YY)');
    const after = queryInt(c, 'after', 0, 0, 999_999_999);
    const lines = await storage.cases.caseList({ unit: department, jrwa, year: Number(year), after, limit: SPIS_PAGE });
    const headers: Record<string, string> = {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="spis-spraw-${department}-${jrwa}-${year}${after ? `-od-${after + 1}` : ''}.csv"`,
    };
    if (lines.length === SPIS_PAGE) {
      const next = new URLSearchParams({ department, jrwa, year, after: String(lines.at(-1)!.case.sequence) });
      headers['link'] = `</v1/cases/export?${next.toString()}>; rel="next"`;
    }
    // A BOM first, so that spreadsheets read the Polish letters as UTF-8; the header row on the first page.
    const head = after === 0 ? `\uFEFF${SPIS_COLUMNS.map(csvCell).join(';')}\r\n` : '';
    return respond(c, head + spisRows(lines, config.timeZone), 200, headers);
  });

  app.get('/v1/cases/:caseNumber', async (c) => json(c, caseBody(await caseFor(c, true))));

  app.post('/v1/cases/:caseNumber/documents', jsonBody('CaseDocumentRequest', ctx.readJson), async (c) => {
    const file = await caseFor(c);
    const entry = await itemFor(c, c.req.valid('json').registryNumber);
    if (entry.department !== file.case.department) throw new Problem('not-found');
    if (file.case.status === 'closed') throw new Problem('case-conflict', 'the case is closed');
    const added = await storage.cases.addDocument(
      file.case.caseNumber,
      entry.registryNumber,
      clock.now().toISOString(),
    );
    if (added === 'taken')
      throw new Problem(
        'case-conflict',
        `${entry.registryNumber} is in ${await storage.cases.caseOf(entry.registryNumber)}`,
      );
    await audit(c, deps, {
      action: 'case.add-document',
      target: file.case.caseNumber,
      after: { registryNumber: entry.registryNumber },
    });
    return json(c, caseBody((await storage.cases.get(file.case.caseNumber))!), 201);
  });

  // The prowadzący: who leads the case now (an open one); the change is in the audit log.
  app.post('/v1/cases/:caseNumber/officer', jsonBody('CaseOfficerRequest', ctx.readJson), async (c) => {
    const file = await caseFor(c);
    const officer = c.req.valid('json').officer.trim();
    if (!officer) throw new Problem('bad-request', '"officer" is a name');
    if (file.case.status === 'closed' || (await storage.cases.setOfficer(file.case.caseNumber, officer)) === 'closed')
      throw new Problem('case-conflict', 'the case is closed');
    await audit(c, deps, {
      action: 'case.officer',
      target: file.case.caseNumber,
      before: { officer: file.case.officer },
      after: { officer },
    });
    return json(c, caseBody((await storage.cases.get(file.case.caseNumber))!));
  });

  app.post('/v1/cases/:caseNumber/events', jsonBody('CaseEventRequest', ctx.readJson), async (c) => {
    const file = await caseFor(c);
    const body = c.req.valid('json');
    let applied;
    try {
      applied = applyCaseEvent(file, body, c.get('actor'), clock.now(), today());
    } catch (e) {
      if (e instanceof CaseEventError) throw new Problem('case-conflict', e.message);
      throw e;
    }
    const mail = await mailForEvent(
      { mail: config.mail, office: config.office, register: storage.register, procedures },
      file,
      applied.event,
    );
    if ((await storage.cases.addEvent(file.case.caseNumber, applied.event, applied.change, mail)) === 'conflict')
      throw new Problem('case-conflict', 'the case changed meanwhile: read it again');
    if (mail.length > 0) deps.mailer?.wake(keepAliveOf(c));
    await audit(c, deps, {
      action: `case.${applied.event.type}`,
      target: file.case.caseNumber,
      before: { status: file.case.status, dueOn: file.case.dueOn },
      after: {
        ...applied.change,
        reason: applied.event.reason,
        until: applied.event.until,
        inform: applied.event.inform,
      },
    });
    return json(c, caseBody((await storage.cases.get(file.case.caseNumber))!), 201);
  });
  return app;
}
