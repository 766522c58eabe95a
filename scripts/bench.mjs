#!/usr/bin/env node
// Benchmarks (numbers, not pass/fail): compile time of all procedures and validations per second
// of the generated validators. Targets: full compile under 5 s; at least 100,000 valid
// documents per second through one generated validator in one process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
const { compileSchemas } = await import(pathToFileURL(join(root, 'packages/forms-core/dist/compiler.js')).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = mkdtempSync(join(tmpdir(), 'ebok-bench-'));

console.log('## Schema compiler');
const times = [];
let result;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  result = await compileSchemas({ schemasDir: join(root, 'schemas'), outDir: join(tmp, `out${i}`) });
  times.push(performance.now() - t0);
}
console.log(
  `compile ${result.procedures.length} procedures: median ${(median(times) / 1000).toFixed(2)} s, ` +
    `first (cold) ${(times[0] / 1000).toFixed(2)} s (target < 5 s)`,
);

console.log('\n## Generated validators (valid documents per second, one process)');
const rows = [];
for (const p of result.procedures) {
  const { id, version } = p.summary;
  const { validate } = await import(pathToFileURL(join(tmp, 'out0', 'procedures', id, version, 'validator.js')).href);
  const dir = join(root, 'schemas/examples', id);
  const docs = readdirSync(dir)
    .filter((f) => f.startsWith('valid-'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  for (const d of docs) if (!validate(d.data, d.attachments).valid) throw new Error(`${id}: a valid example failed`);
  // Warm up, then count validations for about half a second.
  for (let i = 0; i < 20_000; i++) validate(docs[i % docs.length].data, docs[i % docs.length].attachments);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 500) {
    for (let i = 0; i < 1000; i++, n++) validate(docs[n % docs.length].data, docs[n % docs.length].attachments);
  }
  const perSecond = Math.round(n / ((performance.now() - t0) / 1000));
  rows.push({ id, perSecond });
  console.log(`${id.padEnd(26)} ${perSecond.toLocaleString('en').padStart(10)} /s`);
}
const slowest = rows.reduce((a, b) => (a.perSecond < b.perSecond ? a : b));
console.log(`slowest: ${slowest.id} at ${slowest.perSecond.toLocaleString('en')} /s (target ≥ 100,000 /s)`);
rmSync(tmp, { recursive: true, force: true });

console.log('\n## Signatures (detached CMS, ECDSA P-256)');
const signing = await import(pathToFileURL(join(root, 'packages/forms-core/dist/signing.js')).href);
const { CityCa } = await import(pathToFileURL(join(root, 'packages/forms-core/dist/pki/index.js')).href);
const { ca } = await CityCa.create({ organization: 'Bench' });
const keys = await signing.generateResidentKeys();
const cert = await ca.issueResidentCertificate(await signing.createCertificateRequest(keys), {
  givenNames: 'Jan',
  surname: 'Kowalski',
  pesel: '44051401359',
});
const der = new Uint8Array(cert.rawData);
const doc = signing.canonicalBytes(
  JSON.parse(readFileSync(join(root, 'schemas/examples/usc-odpis-aktu/valid-birth-short-self.json'), 'utf8')),
);
const sig = await signing.signDetached(doc, keys.privateKey, der);

/** Operations per second, running `batch` at a time for about a second. */
async function rate(op, batch = 64, ms = 1000) {
  for (let i = 0; i < batch * 4; i++) await op();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    await Promise.all(Array.from({ length: batch }, op));
    n += batch;
  }
  return Math.round(n / ((performance.now() - t0) / 1000));
}
const anchors = [ca.certificate];
const warmCache = new signing.CertificateCache();
const warm = await rate(async () => {
  const r = await signing.verifyDetached(doc, sig, { trustAnchors: anchors, cache: warmCache });
  if (!r.ok) throw new Error(r.error);
});
const cold = await rate(async () => {
  const r = await signing.verifyDetached(doc, sig, { trustAnchors: anchors, cache: new signing.CertificateCache() });
  if (!r.ok) throw new Error(r.error);
});
const signs = await rate(() => signing.signDetached(doc, keys.privateKey, der));
console.log(`verifications, warm certificate cache: ${warm.toLocaleString('en')} /s (target ≥ 5,000 /s)`);
console.log(`verifications, cold (parse and chain-check every time): ${cold.toLocaleString('en')} /s`);
console.log(`signatures: ${signs.toLocaleString('en')} /s`);

// What a resident's browser needs to enrol and sign: key, PKCS#10 request, detached CMS.
const esbuild = await import('esbuild');
const { gzipSync } = await import('node:zlib');
const bundle = await esbuild.build({
  stdin: {
    contents: `export { signDetached } from './src/cms/sign.ts';
      export { createCertificateRequest, generateResidentKeys, toNonExtractable } from './src/resident/keys.ts';`,
    resolveDir: join(root, 'packages/forms-core'),
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
});
const code = bundle.outputFiles[0].contents;
console.log(
  `browser signing code (keys, PKCS#10, CMS): ${code.length.toLocaleString('en')} B min, ${gzipSync(code, { level: 9 }).length.toLocaleString('en')} B gzip (widgets target < 45 kB gzip)`,
);

await import('./bench-widgets.mjs');
await import('./bench-hostile.mjs');
await import('./bench-intake.mjs');
await import('./bench-office.mjs');
