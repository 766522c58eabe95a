import { afterAll, expect, it } from 'vitest';
import { api, formData, prepare, signerFor, type Submission, submit } from './contract/client.js';
import { DEPARTMENTS, type NodeTarget, startNodeTarget } from './node-target.js';

// Killed with SIGKILL while under load: nothing answered with 201 may be lost.
let target: NodeTarget | undefined;
afterAll(async () => target?.stop());

it('keeps every acknowledged submission, gapless numbers and every queue message after SIGKILL under load', async () => {
  target = await startNodeTarget();
  const procedures = ['usc-odpis-aktu', 'wso-dowod-osobisty', 'wk-prawo-jazdy', 'wgn-numer-porzadkowy'];
  const prepared: Submission[] = [];
  for (let i = 0; i < 400; i++) {
    const procedure = procedures[i % procedures.length]!;
    prepared.push(await prepare(await signerFor(target, procedure), procedure));
  }

  const acknowledged: Array<{ registryNumber: string; department: string; submission: Submission }> = [];
  let next = 0;
  const worker = async () => {
    while (next < prepared.length) {
      const s = prepared[next++]!;
      try {
        const res = await submit(target!, formData(s));
        if (res.status === 201) {
          const body = (await res.json()) as { registryNumber: string; department: string };
          acknowledged.push({ ...body, submission: s });
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const load = Promise.all(Array.from({ length: 24 }, worker));
  while (acknowledged.length < 120) await new Promise((r) => setTimeout(r, 5));
  await target.kill();
  await load;
  expect(acknowledged.length).toBeGreaterThanOrEqual(120);

  await target.restart();
  const registrar = target.registrarToken;
  const register = (await (await api(target, '/v1/register?limit=10000', { token: registrar })).json()) as {
    entries: Array<{ sequence: number; registryNumber: string; department: string }>;
  };
  const sequences = register.entries.map((e) => e.sequence);
  expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));

  for (const a of acknowledged) {
    const token = target.departmentToken(a.department);
    const res = await api(target, `/v1/departments/${a.department}/documents/${encodeURIComponent(a.registryNumber)}`, {
      token,
    });
    expect(res.status, a.registryNumber).toBe(200);
    const stored = (await res.json()) as { document: string; attachments: Array<{ name: string; url: string }> };
    expect(stored.document).toBe(a.submission.documentText);
    for (const file of stored.attachments) {
      const bytes = new Uint8Array(await (await api(target, file.url, { token })).arrayBuffer());
      expect(bytes).toEqual(a.submission.files.get(file.name)!.bytes);
    }
  }

  // Every registered entry has its one queue message.
  const queued: string[] = [];
  for (const d of DEPARTMENTS) {
    const token = target.departmentToken(d);
    for (;;) {
      const { messages } = (await (
        await api(target, `/v1/departments/${d}/queue/lease`, {
          method: 'POST',
          token,
          json: { max: 100, visibilitySeconds: 600 },
        })
      ).json()) as {
        messages: Array<{ registryNumber: string }>;
      };
      if (messages.length === 0) break;
      queued.push(...messages.map((m) => m.registryNumber));
    }
  }
  expect(queued.sort()).toEqual(register.entries.map((e) => e.registryNumber).sort());
}, 120_000);
