// A throwaway PostgreSQL for tests and benchmarks, from Debian's packages: a fresh cluster in a
// temporary folder, owned by its own user (PostgreSQL refuses to run as root), on a free port of
// 127.0.0.1, its socket in that folder; removed on stop. Nothing of the machine's own clusters is
// touched.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of PostgreSQL's programs (initdb, pg_ctl), or undefined when it is not installed. */
export function findPostgres() {
  const candidates = [process.env.EBOK_PG_BIN];
  const root = '/usr/lib/postgresql';
  if (existsSync(root))
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(join(root, v, 'bin'));
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** What to install where PostgreSQL is missing. */
export const POSTGRES_MISSING =
  'PostgreSQL is not installed: sudo apt-get install -y postgresql (or set EBOK_PG_BIN to the folder of initdb and pg_ctl)';

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/**
 * Starts a cluster and creates the database `ebok`; `url` connects to it as the superuser `ebok`
 * (trust authentication, on 127.0.0.1 only). `settings` are extra server settings (`-c name=value`).
 */
export async function startPostgres(settings = {}) {
  const bin = findPostgres();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'ebok-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  // As root, the cluster belongs to the postgres user Debian's package created.
  const as = (cmd, args) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (root) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres', dir]);
  }
  const run = (cmd, args) => {
    const [c, a] = as(join(bin, cmd), args);
    const r = spawnSync(c, a, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'ebok', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'ebok', 'ebok']);
  const url = `postgres://ebok@127.0.0.1:${port}/ebok`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    /** Runs SQL with psql and returns its rows (JSON), for tests that look into the database. */
    psql(sql, database = 'ebok') {
      const [c, a] = as(join(bin, 'psql'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'ebok',
        '-d',
        database,
        '-At',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        sql,
      ]);
      const r = spawnSync(c, a, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
      return r.stdout;
    },
    /** Stops the server at once (immediate mode: as a crash would), to start it again on the same data. */
    kill() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    },
    /** Starts it again on the same data and port. */
    restart() {
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    },
    /** Stops the server and removes its folder. */
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
