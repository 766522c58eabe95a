import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { useEcdsa, useSha256 } from '@ebok/forms-core/pki';
import { CertificateCache } from '@ebok/forms-core/signing';
import { isOfficeFile, OFFICE_PAGE_HEADERS, officePage, staticFileHeaders } from '../../core/static-files.js';
import { createApp } from '../../core/app.js';
import { clientAddressOf, type Config, ConfigError, loadConfig } from '../../core/config.js';
import { loadTrustedLists } from '../../core/trusted-lists.js';
import type { BlobStore, Clock, Logger, Storage } from '../../core/platform.js';
import { procedureRegistry } from '../../core/procedures.js';
import { createDevProvider, DEV_OIDC_PATH, type DevAccount, type DevProvider } from './dev-oidc.js';
import { createBlobStore } from './file-blobs.js';
import { encodingFor, loadWidgetFiles, type WidgetFile } from './widget-files.js';
import { jsonLogger } from './logger.js';
import { nodeSha256, sharedWorkerEcdsa } from './node-crypto.js';
import { readIncomingBody } from './body.js';
import { loadOrCreatePki } from './pki-files.js';
import { createStorage } from './sqlite-storage.js';
import { createPgStorage, type PgStorage } from './pg-storage.js';
import { prometheusMetrics } from './metrics.js';
import { type Mailer, readSmtpUrl, smtpTransport, startMailer } from './smtp-mailer.js';

/** The repository's example pages, when the server runs from its source tree. */
const EXAMPLES = fileURLToPath(new URL('../../../../../examples', import.meta.url));

export interface StartOptions {
  readonly env?: Record<string, string | undefined>;
  readonly logger?: Logger;
  /**
   * The storage ports; by default SQLite in EBOK_DATA_DIR (`ebok.sqlite`), which the server opens
   * and, at `stop()`, drains and closes. Storage given here stays the caller's to close.
   */
  readonly storage?: Storage;
  /** Attachment files; by default in EBOK_DATA_DIR (`attachments/`). */
  readonly blobs?: BlobStore;
  /** The widget bundles served at /widgets/: by default those of the installed @ebok/widgets; false for none. */
  readonly widgetsDir?: string | false;
  /** The office console served at /office/: by default the installed @ebok/office's bundle; false for none. */
  readonly officeDir?: string | false;
  /** The pages served at /: by default the repository's examples/, when there; false for none. */
  readonly examplesDir?: string | false;
}

/**
 * The folder of the installed @ebok/widgets bundles: its entry is the loader, which sits at their
 * root (it loads its chunks relative to itself). Undefined when the package is not installed or
 * not built.
 */
function installedWidgets(): string | undefined {
  return installed('@ebok/widgets');
}

/** The folder of a package's entry (its bundle), when it is installed. */
function installed(name: string): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return undefined;
  }
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly config: Config;
  /** Development tokens made at start (only when EBOK_TOKENS is not set). */
  readonly devTokens: Readonly<Record<string, string>> | undefined;
  /** The development OpenID provider's sample staff accounts (only when it runs). */
  readonly devAccounts: readonly DevAccount[] | undefined;
  /** Where a development CA was created at this start (never in production). */
  readonly createdDevelopmentCa: string | undefined;
  stop(): Promise<void>;
}

/** A clock, shifted by EBOK_CLOCK_OFFSET_MS (for tests of a new year; 0 in production). */
function clockFrom(env: Record<string, string | undefined>): Clock {
  const offset = Number(env['EBOK_CLOCK_OFFSET_MS'] ?? 0);
  if (!Number.isFinite(offset)) throw new Error('EBOK_CLOCK_OFFSET_MS must be a number');
  return { now: () => new Date(Date.now() + offset) };
}

/**
 * EU trusted lists (EBOK_TRUSTED_LISTS_FILES, comma-separated) verified against the scheme-operator
 * certificates in EBOK_TRUSTED_LIST_OPERATORS_FILE: a list that does not verify, or has expired,
 * stops the server from starting.
 */
async function readTrustedListFiles(env: Record<string, string | undefined>, now: Date) {
  const files = (env['EBOK_TRUSTED_LISTS_FILES'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (files.length === 0) return [];
  const operatorsFile = env['EBOK_TRUSTED_LIST_OPERATORS_FILE'];
  if (!operatorsFile) {
    throw new ConfigError(
      "EBOK_TRUSTED_LISTS_FILES needs EBOK_TRUSTED_LIST_OPERATORS_FILE: the scheme operators' certificates (PEM) the lists are signed with",
    );
  }
  try {
    const operators = await readFile(operatorsFile, 'utf8');
    const lists = await Promise.all(files.map(async (f) => ({ source: f, bytes: new Uint8Array(await readFile(f)) })));
    return await loadTrustedLists(lists, operators, now);
  } catch (e) {
    throw new ConfigError(`EBOK_TRUSTED_LISTS_FILES: ${(e as Error).message}`);
  }
}

/** Starts the intake server on Node: storage (SQLite) and attachment files, the API, examples and widgets. */
export async function startNodeServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  // node:crypto for hashes, and ECDSA in batches on a worker thread: the same results as WebCrypto, for less of the event loop.
  useSha256(nodeSha256);
  useEcdsa(sharedWorkerEcdsa());
  const logger = options.logger ?? jsonLogger();
  const clock = clockFrom(env);
  const dataDir = resolve(env['EBOK_DATA_DIR'] || 'data');
  await mkdir(dataDir, { recursive: true });

  let devTokens: Record<string, string> | undefined;
  // EBOK_SCHEMAS_DIR: another compiled schemas folder (the output of `ebok-forms compile --out`).
  const schemasDir = env['EBOK_SCHEMAS_DIR'];
  const procedures = procedureRegistry(
    schemasDir
      ? ((await import(pathToFileURL(join(resolve(schemasDir), 'index.js')).href)) as typeof import('@ebok/schemas'))
      : await import('@ebok/schemas'),
  );
  let tokensEnv = env['EBOK_TOKENS'];
  // In production nothing is made up: loadConfig refuses to start without tokens.
  if (!tokensEnv && env['EBOK_ENV'] !== 'production') {
    // Development only: fresh tokens every start, printed once, never stored.
    devTokens = {};
    const hashes: Record<string, string[]> = {};
    const add = (role: string) => {
      const token = randomBytes(24).toString('base64url');
      devTokens![role] = token;
      hashes[createHash('sha256').update(token).digest('hex')] = [role];
    };
    add('registrar');
    add('monitoring');
    for (const d of [...new Set(procedures.catalogue.map((p) => p.department))].sort()) add(`department:${d}`);
    tokensEnv = JSON.stringify(hashes);
  }
  // The issuers trusted for qualified and personal signatures: a JSON file an operator keeps (docs/operating.md).
  const trustFile = env['EBOK_TRUSTED_ISSUERS_FILE'];
  const trustedIssuers = trustFile ? await readFile(trustFile, 'utf8') : env['EBOK_TRUSTED_ISSUERS'];
  const loaded = loadConfig({
    ...env,
    EBOK_TOKENS: tokensEnv,
    ...(trustedIssuers !== undefined && { EBOK_TRUSTED_ISSUERS: trustedIssuers }),
  });
  const lists = await readTrustedListFiles(env, clock.now());
  let config: Config = { ...loaded, trustedIssuers: [...loaded.trustedIssuers, ...lists.flatMap((l) => l.issuers)] };
  for (const l of lists) {
    logger.info('trusted list loaded', {
      file: l.source,
      territory: l.territory,
      sequenceNumber: l.sequenceNumber,
      nextUpdate: l.nextUpdate,
      qualifiedIssuers: l.issuers.length,
    });
    if (Date.parse(l.nextUpdate) - clock.now().getTime() < 7 * 86_400_000) {
      logger.warn('trusted list expires within a week: download its current version and restart', {
        file: l.source,
        nextUpdate: l.nextUpdate,
      });
    }
  }

  const pki = await loadOrCreatePki(dataDir, config.office, clock.now(), { production: config.env === 'production' });
  if (pki.created) logger.warn('created a DEVELOPMENT CA and service certificate', { dir: join(dataDir, 'pki') });
  // PostgreSQL when EBOK_DATABASE_URL names one (several instances may share it), else SQLite in
  // the data folder. The database is the server's own only when it opened it.
  const databaseUrl = env['EBOK_DATABASE_URL'];
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('EBOK_DATABASE_URL must be a postgres:// URL');
  const postgres: PgStorage | undefined =
    options.storage || !databaseUrl
      ? undefined
      : await createPgStorage({
          url: databaseUrl,
          poolSize: Math.min(Math.max(Number(env['EBOK_DATABASE_POOL'] ?? 10) || 10, 2), 100),
          clock,
          registryFormat: config.registryFormat,
          timeZone: config.timeZone,
        });
  const sqlite =
    options.storage || postgres
      ? undefined
      : createStorage({
          path: join(dataDir, 'ebok.sqlite'),
          clock,
          registryFormat: config.registryFormat,
          timeZone: config.timeZone,
          checkpointWorker: new URL('./checkpoint-worker.js', import.meta.url),
          warn: (message, fields) => logger.warn(message, fields),
        });
  const storage = options.storage ?? postgres ?? sqlite!;
  let draining = false;
  // E-mail to residents, when configured: sent by SMTP to the office's relay.
  const mailer: Mailer | undefined = config.mail
    ? startMailer({
        store: storage.mail,
        transport: smtpTransport(readSmtpUrl(env['EBOK_SMTP_URL'])),
        settings: config.mail,
        clock,
        logger,
        pollMs: 1000 * Math.min(Math.max(Number(env['EBOK_MAIL_POLL_SECONDS'] ?? 30) || 30, 1), 3600),
      })
    : undefined;

  const port = Number(env['EBOK_PORT'] ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`EBOK_PORT must be a port number, not "${env['EBOK_PORT']}"`);
  // Listening first: the development OpenID provider's address is the server's own, known from here.
  const serving: { app?: ReturnType<typeof createApp> } = {};
  const server: ServerType = await new Promise((resolveServer, reject) => {
    const s = serve(
      {
        fetch: (request, bindings) =>
          serving.app ? serving.app.fetch(request, bindings) : new Response(null, { status: 503 }),
        port,
        hostname: '127.0.0.1',
      },
      () => resolveServer(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}`;

  // Staff sign-in: the city's provider, or in development (EBOK_DEV_OIDC=off: none) a provider of our own.
  let devProvider: DevProvider | undefined;
  if (!config.oidc && config.env !== 'production' && env['EBOK_DEV_OIDC'] !== 'off') {
    devProvider = await createDevProvider({
      providerOrigin: config.publicOrigin ?? url,
      appOrigin: config.publicOrigin ?? url,
      departments: [...new Set(procedures.catalogue.map((p) => p.department))].sort(),
    });
    config = { ...config, oidc: devProvider.settings };
    const [api] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const path = req.url ?? '';
      if (path === DEV_OIDC_PATH || path.startsWith(`${DEV_OIDC_PATH}/`)) devProvider!.handle(req, res);
      else api!(req, res);
    });
  }

  // Operators' metrics (GET /metrics); the database's gauges only of a database the server opened.
  const metrics = prometheusMetrics({
    ...(sqlite && { database: { read: sqlite.gauges, wal: true } }),
    ...(postgres && { database: { read: postgres.gauges, wal: false } }),
    clock,
    logger,
  });
  const intake = createApp({
    config,
    storage,
    blobs: options.blobs ?? postgres?.blobs ?? createBlobStore(join(dataDir, 'attachments')),
    clock,
    logger,
    procedures,
    ca: pki.ca,
    service: pki.service,
    certificateCache: new CertificateCache(),
    draining: () => draining,
    metrics,
    ...(mailer && { mailer }),
    readBody: readIncomingBody,
    clientAddress: (c) =>
      clientAddressOf(
        (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress,
        c.req.header('x-forwarded-for'),
        config.trustedProxies,
      ),
  });

  // Static files: the widget bundles at /widgets/, the office console at /office/, the examples at /.
  const widgets = options.widgetsDir ?? installedWidgets();
  const office = options.officeDir ?? installed('@ebok/office');
  const examples = options.examplesDir ?? EXAMPLES;
  const sendFile = (c: Context, file: WidgetFile) => {
    const encoded = encodingFor(file, c.req.header('accept-encoding'));
    return c.body((encoded?.body ?? file.body) as Uint8Array<ArrayBuffer>, 200, {
      ...staticFileHeaders(c.req.path),
      'content-type': file.type,
      vary: 'accept-encoding',
      ...(encoded && { 'content-encoding': encoded.encoding }),
      ...(file.immutable ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
    });
  };
  if (widgets && existsSync(widgets)) {
    const files = loadWidgetFiles(widgets);
    intake.get('/widgets/*', (c) => {
      const file = files.get(c.req.path);
      return file ? sendFile(c, file) : c.notFound();
    });
  }
  if (office && existsSync(join(office, 'index.html'))) {
    // After the API: /office/sign-in and /office/callback stay its routes. Every other address
    // under /office/ that is not a file is a page of the console, which finds its screen itself.
    const files = loadWidgetFiles(office, '/office/');
    const page = officePage(readFileSync(join(office, 'index.html'), 'utf8'), config.office);
    intake.get('/office', (c) => c.redirect('/office/', 301));
    intake.get('/office/*', (c) => {
      const file = files.get(c.req.path);
      if (file && !c.req.path.endsWith('.html')) return sendFile(c, file);
      if (isOfficeFile(c.req.path)) return c.notFound();
      return c.body(page, 200, OFFICE_PAGE_HEADERS);
    });
  }
  if (examples && existsSync(examples)) {
    // The example pages run under the strict policy a BIP page may have: no inline script, no eval.
    intake.use('/*', async (c, next) => {
      // The API's own answers (a 404 under /v1/ too) keep the API's stricter headers.
      if (!c.req.path.startsWith('/v1/'))
        for (const [name, value] of Object.entries(staticFileHeaders(c.req.path))) c.header(name, value);
      await next();
    });
    intake.use('/*', serveStatic({ root: relative(process.cwd(), examples) }));
  }
  serving.app = intake;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      draining = true;
      // Finish in-flight requests, then the pending commits, then close the database.
      await new Promise<void>((done) => {
        server.close(() => done());
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      await mailer?.stop();
      if (sqlite) {
        await sqlite.drained();
        await sqlite.close();
      }
      if (postgres) {
        await postgres.drained();
        await postgres.close();
      }
      logger.info('stopped');
    })());
  return {
    url,
    port: actualPort,
    config,
    devTokens,
    devAccounts: devProvider?.accounts,
    createdDevelopmentCa: pki.created ? join(dataDir, 'pki') : undefined,
    stop,
  };
}
