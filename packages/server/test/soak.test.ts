// The soak test's load generator keeps its memory flat whatever the duration: run twice as long,
// its peak RSS stays within a tenth of the first run's. The rate is high enough for the check to
// bite: bodies signed for the whole run beforehand, as the intake bench does, take about 4 kB
// each while it signs them, 24 MB more for the longer run, where a tenth of the generator's peak
// is about 11 MB. Nothing here is judged on speed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const N = 10;
const RATE = 600;
const dir = mkdtempSync(join(tmpdir(), 'ebok-soak-test-'));

interface Run {
  output: string;
  /** The CSV's total row, by column. */
  total: Record<string, string>;
}

function soak(seconds: number): Promise<Run> {
  const csv = join(dir, `soak-${seconds}.csv`);
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [
        'scripts/soak.mjs',
        '--seconds',
        String(seconds),
        '--warmup',
        '0',
        '--rate',
        String(RATE),
        '--connections',
        '64',
        '--csv',
        csv,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', fail);
    child.once('close', () => {
      try {
        const [header, ...lines] = readFileSync(csv, 'utf8').trim().split('\n');
        const names = header!.split(',');
        const values = lines.find((l) => l.startsWith('total,'))!.split(',');
        ok({ output, total: Object.fromEntries(names.map((n, i) => [n, values[i]!])) });
      } catch (e) {
        fail(new Error(`no total row: ${String(e)}\n${output}`));
      }
    });
  });
}

describe('npm run soak', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the load generator at the same peak memory for twice the duration', { timeout: 120_000 }, async () => {
    const short = await soak(N);
    const long = await soak(2 * N);
    for (const run of [short, long]) {
      // Every acknowledged submission was found in the register under gapless numbers.
      expect(run.output).toMatch(/^PASS {2}register complete and gapless/m);
      expect(Number(run.total['sent'])).toBeGreaterThan(0);
    }
    // The longer run really sent more.
    expect(Number(long.total['sent'])).toBeGreaterThan(1.5 * Number(short.total['sent']));
    const peak = (run: Run) => Number(run.total['generator_rss_mb']);
    expect(peak(short)).toBeGreaterThan(0);
    expect(peak(long)).toBeLessThanOrEqual(peak(short) * 1.1);
  });
});
