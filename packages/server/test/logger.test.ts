import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { jsonLogger } from '../src/adapters/node/logger.js';

it('writes the lines of one turn in one write, warnings and errors at once', async () => {
  const writes: string[] = [];
  const logger = jsonLogger((t) => writes.push(t));
  logger.info('request', { requestId: 'a' });
  logger.info('request', { requestId: 'b' });
  expect(writes).toEqual([]);
  await new Promise((r) => setImmediate(r));
  expect(writes).toHaveLength(1);
  expect(
    writes[0]!
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { requestId: string }).requestId),
  ).toEqual(['a', 'b']);
  logger.info('request', { requestId: 'c' });
  logger.error('unhandled error', { requestId: 'd' });
  // The error goes out at once, after what was waiting, in order.
  expect(writes).toHaveLength(2);
  expect(
    writes[1]!
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { level: string }).level),
  ).toEqual(['info', 'error']);
  await new Promise((r) => setImmediate(r));
  expect(writes).toHaveLength(2);
});

it('writes what is waiting before the process exits', async () => {
  const logger = resolve(import.meta.dirname, '../dist/adapters/node/logger.js');
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--input-type=module',
    '-e',
    `const { jsonLogger } = await import(${JSON.stringify(logger)}); jsonLogger().info('last words'); process.exit(0);`,
  ]);
  expect(JSON.parse(stdout)).toMatchObject({ level: 'info', message: 'last words' });
});
