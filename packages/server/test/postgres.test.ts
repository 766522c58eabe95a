// Two Node instances on one PostgreSQL under load (see postgres-target.ts): numbers stay gapless
// and unique when both register at once; an instance killed with SIGKILL loses no acknowledged
// submission and leaves no gap; PostgreSQL stopped under load gives clients 503 with Retry-After,
// then the instances recover by themselves, and nothing acknowledged is lost.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPostgres } from '../../../scripts/postgres.mjs';
import { api, formData, prepare, signerFor, type Submission, submit } from './contract/client.js';
import { DEPARTMENTS } from './node-target.js';
import { type PostgresTarget, startPostgresTarget } from './postgres-target.js';

const AUDIT_CLI = resolve(import.meta.dirname, '../bin/ebok-audit.js');
const PROCEDURES = ['usc-odpis-aktu', 'wso-dowod-osobisty', 'wk-prawo-jazdy', 'wgn-numer-porzadkowy'];

let target: PostgresTarget | undefined;
afterEach(async () => {
  await target?.stop();
  target = undefined;
});

async function prepared(t: PostgresTarget, n: number): Promise<Submission[]> {
  const out: Submission[] = [];
  for (let i = 0; i < n; i++) {
    const procedure = PROCEDURES[i % PROCEDURES.length]!;
    out.push(await prepare(await signerFor(t, procedure), procedure));
  }
  return out;
}

interface Acknowledged {
  readonly registryNumber: string;
  readonly department: string;
  readonly submission: Submission;
}

/** Sends every submission, `parallel` at a time; what was acknowledged (201), and every other status seen. */
async function load(t: PostgresTarget, all: readonly Submission[], parallel: number, onAck?: (n: number) => void) {
  const acknowledged: Acknowledged[] = [];
  const others: Array<{ status: number; type?: string; retryAfter: string | null }> = [];
  let next = 0;
  const worker = async () => {
    while (next < all.length) {
      const s = all[next++]!;
      let res: Response;
      try {
        res = await submit(t, formData(s));
      } catch {
        others.push({ status: 0, retryAfter: null });
        continue;
      }
      if (res.status === 201) {
        acknowledged.push({ ...((await res.json()) as { registryNumber: string; department: string }), submission: s });
        onAck?.(acknowledged.length);
      } else {
        const body = (await res.json().catch(() => ({}))) as { type?: string };
        others.push({
          status: res.status,
          ...(body.type && { type: body.type }),
          retryAfter: res.headers.get('retry-after'),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { acknowledged, others };
}

/** The register is 1…n without a gap, every acknowledged filing is in it as filed, and each has its one queue message. */
async function expectWhole(t: PostgresTarget, acknowledged: readonly Acknowledged[]): Promise<void> {
  const register = (await (await api(t, '/v1/register?limit=10000', { token: t.registrarToken })).json()) as {
    entries: Array<{ sequence: number; registryNumber: string }>;
  };
  const sequences = register.entries.map((e) => e.sequence).sort((a, b) => a - b);
  expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
  const numbers = new Set(register.entries.map((e) => e.registryNumber));
  for (const a of acknowledged) {
    expect(numbers.has(a.registryNumber), a.registryNumber).toBe(true);
    const res = await api(t, `/v1/departments/${a.department}/documents/${encodeURIComponent(a.registryNumber)}`, {
      token: t.departmentToken(a.department),
    });
    expect(res.status, a.registryNumber).toBe(200);
    expect(((await res.json()) as { document: string }).document).toBe(a.submission.documentText);
  }
  const queued = t.sql<{ registry_number: string }>('SELECT registry_number FROM queue');
  expect(queued.map((q) => q.registry_number).sort()).toEqual([...numbers].sort());
  expect(DEPARTMENTS.length).toBeGreaterThan(0);
}

describe.skipIf(!findPostgres())('two instances on one PostgreSQL', () => {
  it('gives 200 parallel submissions over two instances 200 consecutive numbers', async () => {
    target = await startPostgresTarget();
    const all = await prepared(target, 200);
    const { acknowledged, others } = await load(target, all, 200);
    expect(others).toEqual([]);
    expect(acknowledged).toHaveLength(200);
    const sequences = acknowledged.map((a) => Number(/^RPW\/(\d+)\//.exec(a.registryNumber)![1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Both instances registered some of them.
    const served = target.instances.map(
      (i) => i.logs.filter((l) => l['message'] === 'request' && l['status'] === 201).length,
    );
    expect(
      served.every((n) => n > 0),
      JSON.stringify(served),
    ).toBe(true);
    await expectWhole(target, acknowledged);
    // The audit chain both instances wrote (the enrolments), checked offline from the database, read-only.
    const audit = spawnSync(process.execPath, [AUDIT_CLI, 'verify', target.databaseUrl], { encoding: 'utf8' });
    expect(audit.status, audit.stderr).toBe(0);
    const outcome = JSON.parse(audit.stdout) as { ok: boolean; records: number };
    expect(outcome.ok).toBe(true);
    expect(outcome.records).toBeGreaterThan(0);
  }, 180_000);

  it('loses no acknowledged submission and leaves no gap when an instance is killed under load', async () => {
    target = await startPostgresTarget();
    const t = target;
    const all = await prepared(t, 300);
    let killed: Promise<void> | undefined;
    const { acknowledged } = await load(t, all, 24, (n) => {
      if (n === 80) killed ??= t.instances[1]!.kill();
    });
    await killed;
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    await t.instances[1]!.restart();
    await expectWhole(t, acknowledged);
  }, 180_000);

  it('answers 503 with Retry-After while PostgreSQL is down, recovers by itself, and loses nothing acknowledged', async () => {
    target = await startPostgresTarget();
    const t = target;
    const all = await prepared(t, 300);
    let stopped = false;
    const { acknowledged, others } = await load(t, all.slice(0, 200), 16, (n) => {
      if (n === 60 && !stopped) {
        stopped = true;
        t.postgres.kill();
        setTimeout(() => t.postgres.restart(), 1500);
      }
    });
    // Told to come back, in problem+json, never a 500.
    expect(others.length).toBeGreaterThan(0);
    for (const o of others) {
      expect(o.status).toBe(503);
      expect(o.retryAfter).toMatch(/^\d+$/);
    }
    expect(others.some((o) => o.type === 'urn:ebok:problem:database-unavailable')).toBe(true);
    // Running again without a restart of the instances: the rest are registered.
    await new Promise((r) => setTimeout(r, 2000));
    const after = await load(t, all.slice(200), 16);
    expect(after.others).toEqual([]);
    await expectWhole(t, [...acknowledged, ...after.acknowledged]);
  }, 180_000);
});
