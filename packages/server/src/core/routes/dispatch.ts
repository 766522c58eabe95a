/**
 * @module Dispatch routes: the chancellery assigns an item to a department (and officer, deadline,
 * note); the department accepts it, or forwards one that is not its own with a reason, so that it
 * leaves one inbox and enters the other.
 */
import { Hono, type Context } from 'hono';
import type { DispatchHistory } from '@ebok/schemas/api';
import { allow, requireRole } from '../auth.js';
import { departmentCodes } from '../departments.js';
import { DispatchError, nextDispatch } from '../dispatch.js';
import { audit, holderOf, type AppEnv, type RouteContext } from '../http.js';
import type { Dispatch, RegisterEntry } from '../ports.js';
import { Problem } from '../problems.js';
import { json } from '../respond.js';
import { jsonBody } from '../validate.js';

export function dispatchRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { storage, clock, config, procedures } = deps;

  const departments = departmentCodes(config, procedures);
  const known = (department: string): void => {
    if (!departments.has(department)) throw new Problem('bad-request', `no department ${department} here`);
  };

  const entryOf = async (registryNumber: string): Promise<RegisterEntry> => {
    const stored = await storage.register.getDocument(registryNumber);
    if (!stored) throw new Problem('not-found');
    return stored.entry;
  };

  /** Records the step, audits it, and answers with the item's way so far. */
  const step = async (
    c: Context<AppEnv>,
    entry: RegisterEntry,
    make: (history: readonly Dispatch[], holder: string) => Dispatch,
  ): Promise<Response> => {
    const history = await storage.dispatches.history(entry.registryNumber);
    const holder = history.at(-1)?.department ?? entry.department;
    let d: Dispatch;
    try {
      d = make(history, holder);
    } catch (e) {
      if (e instanceof DispatchError) throw new Problem('case-conflict', e.message);
      throw e;
    }
    if ((await storage.dispatches.record(entry.registryNumber, d, clock.now())) === 'conflict')
      throw new Problem('case-conflict', 'the item was dispatched meanwhile: read it again');
    await audit(c, deps, {
      action: `register.${d.kind === 'assigned' ? 'assign' : d.kind === 'accepted' ? 'accept' : 'forward'}`,
      target: entry.registryNumber,
      before: { department: d.fromDepartment },
      after: { department: d.department, officer: d.officer, deadline: d.deadline, reason: d.reason },
    });
    return json(c, {
      registryNumber: entry.registryNumber,
      receivedAt: entry.receivedAt,
      department: d.department,
      dispatches: [...history, d].map((x) => ({ ...x })),
    } satisfies DispatchHistory);
  };

  app.post(
    '/v1/register/:registryNumber/assignment',
    // The chancellery assigns anything; a head, what their department holds, within it.
    allow('chancellery', (c) => c.get('roles').find((r) => r.startsWith('head:')) ?? 'chancellery'),
    jsonBody('AssignmentRequest', ctx.readJson),
    async (c) => {
      const body = c.req.valid('json');
      known(body.department);
      const entry = await entryOf(c.req.param('registryNumber'));
      const roles = c.get('roles');
      if (!roles.includes('chancellery')) {
        const holder = await holderOf(deps, entry);
        if (!roles.includes(`head:${holder}`)) throw new Problem('not-found');
        if (body.department !== holder) throw new Problem('forbidden', 'a head assigns within their own department');
      }
      return step(c, entry, (history, holder) =>
        nextDispatch(
          history,
          holder,
          {
            kind: 'assigned',
            department: body.department,
            officer: body.officer?.trim() || null,
            deadline: body.deadline ?? null,
            note: body.note?.trim() || null,
            reason: null,
          },
          c.get('actor'),
          clock.now(),
        ),
      );
    },
  );

  /** The item of the path, held by the department of the path, for that department's caller. */
  const heldBy = async (c: Context<AppEnv>): Promise<RegisterEntry> => {
    const code = c.req.param('code') ?? '';
    requireRole(c.get('roles'), `department:${code}`);
    const entry = await entryOf(c.req.param('registryNumber') ?? '');
    if ((await holderOf(deps, entry)) !== code) throw new Problem('not-found');
    return entry;
  };

  app.post('/v1/departments/:code/documents/:registryNumber/acceptance', async (c) => {
    const entry = await heldBy(c);
    return step(c, entry, (history, holder) =>
      nextDispatch(
        history,
        holder,
        { kind: 'accepted', department: holder, officer: null, deadline: null, note: null, reason: null },
        c.get('actor'),
        clock.now(),
      ),
    );
  });

  app.post(
    '/v1/departments/:code/documents/:registryNumber/forwarding',
    jsonBody('ForwardingRequest', ctx.readJson),
    async (c) => {
      const entry = await heldBy(c);
      const { to, reason } = c.req.valid('json');
      known(to);
      return step(c, entry, (history, holder) =>
        nextDispatch(
          history,
          holder,
          { kind: 'forwarded', department: to, officer: null, deadline: null, note: null, reason: reason.trim() },
          c.get('actor'),
          clock.now(),
        ),
      );
    },
  );
  return app;
}
