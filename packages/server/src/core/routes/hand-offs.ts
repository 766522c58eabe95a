/**
 * @module The administrator's view of delivery: the departments and how items reach them, the
 * hand-offs that failed (a queue message past its last delivery, a webhook push past its last
 * retry, an e-mail to a resident past its last try), and each put back for delivery once.
 */
import { Hono, type Context } from 'hono';
import type { Departments, FailedHandOffs, HandOffRetry } from '@ebok/schemas/api';
import { allow, requireRole } from '../auth.js';
import { departmentList } from '../departments.js';
import { audit, keepAliveOf, queryInt, type AppEnv, type RouteContext } from '../http.js';
import type { FailedHandOff, HandOffKind, HandOffPosition } from '../ports.js';
import { Problem } from '../problems.js';
import { json } from '../respond.js';

const HAND_OFF_ID = /^(email|queue|webhook)-([1-9][0-9]{0,15})$/;
const CURSOR = /^([0-9T:.Z-]{0,30})_(email|queue|webhook)-([1-9][0-9]{0,15})$/;

const handOffId = (h: Pick<FailedHandOff, 'kind' | 'id'>): string => `${h.kind}-${h.id}`;

/** Where the page after `cursor` starts (the `next` of the page before). */
function positionOf(c: Context<AppEnv>): HandOffPosition | undefined {
  const raw = c.req.query('cursor');
  if (raw === undefined || raw === '') return undefined;
  const m = CURSOR.exec(raw);
  if (!m) throw new Problem('bad-request', '"cursor" is the "next" of the page before');
  return { failedAt: m[1]!, kind: m[2] as HandOffKind, id: Number(m[3]) };
}

export function handOffRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = ctx;
  const { storage, clock, config, procedures } = deps;
  const departments = departmentList(config, procedures, deps.webhookDepartments ?? new Set());

  // Every member of staff may read which departments there are; nothing here is a secret.
  app.get('/v1/departments', async (c) => {
    const roles = c.get('roles');
    requireRole(roles, 'admin', 'desk', 'chancellery', ...roles.filter((r) => r.startsWith('department:')));
    return json(c, { departments } satisfies Departments);
  });

  app.get('/v1/hand-offs/failed', allow('admin'), async (c) => {
    const department = c.req.query('department');
    if (department !== undefined && !/^[A-Z][A-Z0-9]{0,9}$/.test(department))
      throw new Problem('bad-request', '"department" is a department code');
    const limit = queryInt(c, 'limit', 50, 1, 200);
    const after = positionOf(c);
    // One more than asked: whether there is a next page, without counting.
    const found = await storage.handOffs.failed({
      ...(department && { department }),
      ...(after && { after }),
      limit: limit + 1,
    });
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return json(c, {
      handOffs: page.map(({ kind, id, ...rest }) => ({ id: handOffId({ kind, id }), kind, ...rest })),
      ...(found.length > limit && last && { next: `${last.failedAt}_${handOffId(last)}` }),
    } satisfies FailedHandOffs);
  });

  app.post('/v1/hand-offs/:id/retry', allow('admin'), async (c) => {
    const m = HAND_OFF_ID.exec(c.req.param('id'));
    if (!m) throw new Problem('not-found');
    const kind = m[1] as HandOffKind;
    const result = await storage.handOffs.retry(kind, Number(m[2]), clock.now());
    if (result === 'not-found') throw new Problem('not-found');
    if (result === 'not-failed') throw new Problem('hand-off-not-failed');
    if (kind === 'email') deps.mailer?.wake(keepAliveOf(c));
    await audit(c, deps, {
      action: 'hand-off.retry',
      target: result.registryNumber,
      before: {
        handOff: handOffId(result),
        department: result.department,
        attempts: result.attempts,
        lastError: result.lastError,
        failedAt: result.failedAt,
      },
      after: { handOff: handOffId(result), state: 'retrying' },
    });
    return json(c, {
      id: handOffId(result),
      kind,
      department: result.department,
      registryNumber: result.registryNumber,
      status: 'retrying',
    } satisfies HandOffRetry);
  });
  return app;
}
