// What the intake benchmark and the soak test share: the real Node server started on a fresh data
// folder (its staff tokens given, no development OpenID provider, as in production), a resident
// enrolled through the API, and signed multipart submissions as the widget sends them.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = join(import.meta.dirname, '..');

/** The multipart boundary of every body signed here, and the content type that names it. */
export const BOUNDARY = 'ebokbenchboundary7MA4YWxkTrZu0gW';
export const SUBMISSION_CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/**
 * Resolves with the first match of `pattern` in what a child writes; from then on its lines (a
 * log line a request) are read and dropped: keeping and searching them would cost the load
 * generator more with every request.
 */
export function firstMatch(stream, pattern) {
  return new Promise((resolve) => {
    let out = '';
    const look = (d) => {
      out += d;
      const m = pattern.exec(out);
      if (!m) return;
      stream.off('data', look);
      stream.on('data', () => {});
      resolve(m);
    };
    stream.on('data', look);
  });
}

/** A Node child, resolved with its URL once it wrote `readyPattern` (its first group is the URL). */
export function startChild(args, env, readyPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    // The last lines only: enough to say why it could not start.
    child.stderr.on('data', (d) => (errors = (errors + d).slice(-2000)));
    child.once('exit', (code) => reject(new Error(`exited ${code}${errors ? `: ${errors.trim()}` : ''}`)));
    void firstMatch(child.stdout, readyPattern).then((m) => resolve({ child, url: m[1] }));
  });
}

/** Stops a child with SIGTERM (the server's graceful stop) and waits for it. */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** A new staff token. */
export const newToken = () => randomBytes(24).toString('base64url');

/** EBOK_TOKENS for tokens and their roles: `[[token, ['registrar']], …]`. */
export const tokensEnv = (entries) =>
  JSON.stringify(
    Object.fromEntries(entries.map(([token, roles]) => [createHash('sha256').update(token).digest('hex'), roles])),
  );

/**
 * The intake server (packages/server/dist) on a free port of 127.0.0.1 and a fresh data folder
 * unless one is given; `env` adds to the environment (EBOK_TOKENS, EBOK_DATABASE_URL, …).
 */
export const startIntake = ({ env = {}, nodeArgs = [], dataDir = mkdtempSync(join(tmpdir(), 'ebok-bench-')) } = {}) =>
  startChild(
    [...nodeArgs, 'packages/server/dist/adapters/node/main.js'],
    {
      EBOK_DATA_DIR: dataDir,
      EBOK_PORT: '0',
      // As in production: no development OpenID provider in the process.
      EBOK_DEV_OIDC: 'off',
      ...env,
    },
    /"url":"([^"]+)"/,
  ).then((started) => ({ ...started, dataDir }));

/**
 * The resident's signing code (forms-core's build): the modules that make keys and sign, not the
 * whole of `signing.js`, whose verifier would add 25 MB to every thread of a load generator.
 */
export async function loadSigning() {
  const load = (path) => import(pathToFileURL(join(root, 'packages/forms-core/dist', path)).href);
  const [sign, canonical, keys] = await Promise.all([
    load('cms/sign.js'),
    load('canonical/index.js'),
    load('resident/keys.js'),
  ]);
  return {
    signDetached: sign.signDetached,
    canonicalJson: canonical.canonicalJson,
    generateResidentKeys: keys.generateResidentKeys,
    createCertificateRequest: keys.createCertificateRequest,
  };
}

/**
 * A resident enrolled at the desk (`registrar` token) and issued a certificate for a new key:
 * the key pair and the certificate (DER). `fetch` may be another implementation (undici's, where
 * a load generator has it loaded already and would rather not load Node's own copy).
 */
export async function enrolResident(url, registrar, signing, fetch = globalThis.fetch) {
  const enrolment = await (
    await fetch(`${url}/v1/enrolments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar}`, 'content-type': 'application/json' },
      body: JSON.stringify({ givenNames: 'Jan', surname: 'Kowalski', pesel: '44051401359' }),
    })
  ).json();
  const keys = await signing.generateResidentKeys();
  const answer = await fetch(`${url}/v1/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      activationCode: enrolment.activationCode,
      csr: await signing.createCertificateRequest(keys),
    }),
  });
  if (answer.status !== 201) throw new Error(`no certificate: ${answer.status} ${await answer.text()}`);
  const issued = await answer.json();
  const certDer = new Uint8Array(Buffer.from(issued.certificate.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
  return { keys, certDer };
}

/** The data of a valid application: the one every signed document carries. */
export const exampleData = () =>
  JSON.parse(readFileSync(join(root, 'schemas/examples/wgn-numer-porzadkowy/valid-existing-house-owner.json'), 'utf8'))
    .data;

/**
 * One multipart submission: a new document (submitted now, with `nonce`) signed with
 * `privateKey`, whose certificate is `der`.
 */
export async function signedBody(signing, data, privateKey, der, nonce) {
  const doc = signing.canonicalJson({
    procedure: 'wgn-numer-porzadkowy',
    schemaVersion: '1.0.0',
    data,
    attachments: [],
    submittedAt: new Date().toISOString(),
    nonce,
  });
  const sig = await signing.signDetached(new TextEncoder().encode(doc), privateKey, der);
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="d.json"\r\nContent-Type: application/json\r\n\r\n${doc}\r\n`,
    ),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="signature"; filename="d.p7s"\r\nContent-Type: application/pkcs7-signature\r\n\r\n`,
    ),
    Buffer.from(sig),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** A process's resident memory now (VmRSS) and at its peak (VmHWM), in bytes (Linux). */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}
