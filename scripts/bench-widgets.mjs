// Widgets benchmark: gzip and brotli sizes of the built bundles, as browsers download them (the
// build's .gz and .br beside each script, which the intake server sends; gzip -9 of the same
// files for comparison) (the loader, each procedure, the
// shared code, "check your answers", the signing step's views, the signing chunk and
// <ebok-applications>) and the time
// from navigation to a rendered, interactive form in headless Chromium, against the real Node
// server. Targets: loader < 3 kB gzip; loader + shared code + one procedure + "check your answers"
// (everything before the signing step) ≤ 35 kB gzip; signing chunk < 45 kB gzip; <ebok-applications>
// < 6 kB gzip; form interactive < 150 ms (median); the first screen ≤ 1.3× a bare Lit form with
// the same fields and its standalone validator, measured in turns in the same run.
/* global document -- inside page.waitForFunction, which runs in the browser */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'packages/widgets/dist');
const chunksDir = join(dist, 'chunks');
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

const files = new Map();
const read = (rel) => {
  if (!files.has(rel)) files.set(rel, readFileSync(join(dist, rel)));
  return files.get(rel);
};
const gzip9 = (rel) => gzipSync(read(rel), { level: 9 }).length;
/** A script's compressed size as served: its precompressed file, else compressed here. */
const served = (rel, ext, compress) => {
  const file = join(dist, `${rel}${ext}`);
  return existsSync(file) ? statSync(file).size : compress(read(rel)).length;
};
const gz = (rel) => served(rel, '.gz', (buf) => gzipSync(buf, { level: 9 }));
const br = (rel) =>
  served(rel, '.br', (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));

/** A chunk and everything it imports statically (what the browser must load before it runs). */
function closure(rel, seen = new Set()) {
  if (seen.has(rel)) return seen;
  seen.add(rel);
  const code = read(rel).toString('utf8');
  const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g)) {
    closure(join(dir, m[1]).replace(/\\/g, '/'), seen);
  }
  return seen;
}
const sizeOf = (set) =>
  [...set].reduce((a, f) => ({ gz: a.gz + gz(f), br: a.br + br(f), gzip9: a.gzip9 + gzip9(f) }), {
    gz: 0,
    br: 0,
    gzip9: 0,
  });

// Scripts only: each also has its .gz and .br beside it.
const chunks = readdirSync(chunksDir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => `chunks/${f}`);
// A chunk by its name and nothing after it but the 6-character hash: `sign` is not `sign-step-…`.
const named = (name) =>
  chunks.find((c) => c.startsWith(`chunks/${name}-`) && /^[\w-]{6}\.js$/.test(c.slice(name.length + 8)));
const loader = 'ebok.js';
// <ebok-form>, Lit, the runtime, the controls and the journey are one chunk (see the widgets' rollup.config.mjs).
const sharedChunk = named('shared');
const signingChunk = named('signing');
const checkChunk = named('check');
const signStepChunk = named('sign-step');
const catalogue = JSON.parse(readFileSync(join(root, 'schemas/dist/catalogue.json'), 'utf8'));

console.log('\n## Widgets (gzip / brotli as served: the build compresses with zopfli and brotli 11)');
console.log(`loader ebok.js: ${kb(gz(loader))} / ${kb(br(loader))} (target < 3 kB gzip)`);
const shared = closure(sharedChunk, closure(loader));
console.log(
  `code every form shares (loader, <ebok-form>, Lit, the runtime, the controls, the journey): ${kb(sizeOf(shared).gz)}`,
);
// "Check your answers" comes at a form's last step: before signing, though not before the form is interactive.
const beforeSigning = checkChunk ? closure(checkChunk, new Set(shared)) : shared;
let heaviest = { id: '', gz: 0, gzip9: 0 };
for (const p of catalogue) {
  const chunk = named(p.id);
  const own = sizeOf(new Set([...closure(chunk, new Set(shared))].filter((f) => !shared.has(f))));
  const all = closure(chunk, new Set(beforeSigning));
  const total = sizeOf(all);
  if (total.gz > heaviest.gz) heaviest = { id: p.id, gz: total.gz, gzip9: total.gzip9 };
  console.log(
    `${p.id.padEnd(26)} procedure + its shared chunks ${kb(own.gz).padStart(8)} · loader + everything before signing ${kb(total.gz).padStart(8)} (${total.gz} B) gzip, ${kb(total.br).padStart(8)} brotli`,
  );
}
console.log(
  `heaviest before signing: ${heaviest.id} at ${kb(heaviest.gz)}, ${heaviest.gz} B (target ≤ 35 kB gzip, 35,840 B; gzip -9 of the same files: ${heaviest.gzip9} B)`,
);
/** What a lazily loaded chunk adds to the code every form shares. */
const added = (chunk) => sizeOf(new Set([...closure(chunk, new Set())].filter((f) => !shared.has(f))));
if (checkChunk) {
  const check = added(checkChunk);
  console.log(
    `"check your answers" (at a form's last step, counted before signing): ${kb(check.gz)} gzip, ${kb(check.br)} brotli`,
  );
}
if (signStepChunk) {
  const signStep = added(signStepChunk);
  console.log(
    `the signing step's page, sending and the receipt (at the signing step, beside the signing chunk): ${kb(signStep.gz)} gzip, ${kb(signStep.br)} brotli`,
  );
}
// What the signing step adds to what the form already loaded.
const signingOwn = added(signingChunk);
console.log(
  `signing chunk (CMS, PKCS#10, key store) with what it adds: ${kb(signingOwn.gz)} gzip, ${kb(signingOwn.br)} brotli (target < 45 kB gzip)`,
);
// "Where is my application?": its own chunk, loaded only on a page that shows <ebok-applications>.
const applicationsChunk = named('ebok-applications');
if (applicationsChunk) {
  const own = gz(applicationsChunk);
  const departments = named('departments');
  const files = named('receipt-files');
  console.log(
    `<ebok-applications> chunk: ${kb(own)} (${own} B) gzip, ${kb(br(applicationsChunk))} brotli (target < 6 kB gzip, 6,144 B)${own < 6144 ? '' : ' OVER TARGET'}; when it asks, the signing chunk and the departments' names it shares with the receipt (${departments ? kb(gz(departments)) : '?'} gzip); on a download, the files' names it shares with the receipt (${files ? kb(gz(files)) : '?'} gzip)`,
  );
}
const pkcs12 = named('pkcs12');
if (pkcs12) console.log(`PKCS#12 backup chunk (only when making or reading a backup): ${kb(gz(pkcs12))} gzip`);

/** The procedure the first screen is compared on: its first step's fields in a bare Lit form. */
const BASELINE_PROCEDURE = 'usc-odpis-aktu';

/**
 * A bare Lit form as a developer would write it without ebok: one element rendering the inputs of
 * the procedure's first step (groups flattened), labelled, checked on submit by the procedure's
 * standalone validator; one bundle (Lit and the validator), minified.
 */
async function buildBaseline(id) {
  const { rollup } = await import('rollup');
  const { default: nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terserPlugin } = await import('@rollup/plugin-terser');
  const { writeFileSync } = await import('node:fs');
  const version = catalogue.find((p) => p.id === id).version;
  const modelDir = join(root, 'schemas/dist/procedures', id, version);
  const model = JSON.parse(readFileSync(join(modelDir, 'form-model.json'), 'utf8'));
  const inputs = [];
  const flatten = (f, prefix) => {
    if (f.fields && f.kind !== 'repeatable') for (const sub of f.fields) flatten(sub, `${prefix}${f.name}.`);
    else
      inputs.push({
        name: `${prefix}${f.name}`,
        label: f.label.pl,
        kind: f.kind,
        options: (f.options ?? []).map((o) => o.value),
      });
  };
  for (const name of model.steps[0].fields)
    flatten(
      model.fields.find((f) => f.name === name),
      '',
    );
  const dir = mkdtempSync(join(tmpdir(), 'ebok-bench-baseline-'));
  writeFileSync(
    join(dir, 'bare-form.mjs'),
    `import { LitElement, html } from 'lit';
import { validate } from ${JSON.stringify(join(modelDir, 'validator.js'))};
const INPUTS = ${JSON.stringify(inputs)};
const control = (f) =>
  f.kind === 'select' || (f.kind === 'radio' && f.options.length > 5)
    ? html\`<select id=\${f.name} name=\${f.name}>\${f.options.map((o) => html\`<option>\${o}</option>\`)}</select>\`
    : f.kind === 'radio'
      ? html\`<fieldset><legend>\${f.label}</legend>\${f.options.map((o) => html\`<label><input type="radio" name=\${f.name} value=\${o}> \${o}</label>\`)}</fieldset>\`
      : f.kind === 'textarea'
        ? html\`<textarea id=\${f.name} name=\${f.name}></textarea>\`
        : html\`<input id=\${f.name} name=\${f.name} type=\${f.kind === 'checkbox' ? 'checkbox' : f.kind === 'number' ? 'number' : f.kind === 'date' ? 'date' : 'text'}>\`;
class BareForm extends LitElement {
  static properties = { errors: { state: true } };
  render() {
    return html\`<form @submit=\${this.submit}>\${INPUTS.map((f) => html\`<div>\${f.kind === 'radio' && f.options.length <= 5 ? '' : html\`<label for=\${f.name}>\${f.label}</label>\`}\${control(f)}</div>\`)}
      <p>\${(this.errors ?? []).map((e) => e.message.pl).join(' ')}</p><button>Dalej</button></form>\`;
  }
  submit(e) {
    e.preventDefault();
    this.errors = validate(Object.fromEntries(new FormData(e.target)), []).errors;
  }
}
customElements.define('bare-form', BareForm);
`,
  );
  const bundle = await rollup({
    input: join(dir, 'bare-form.mjs'),
    plugins: [nodeResolve({ modulePaths: [join(root, 'node_modules')] }), terserPlugin()],
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  rmSync(dir, { recursive: true, force: true });
  return {
    code: output[0].code,
    inputs: inputs.reduce((n, f) => n + (f.kind === 'radio' && f.options.length <= 5 ? f.options.length : 1), 0),
  };
}

/**
 * The pages the first screen is compared on, from one static server so both are served alike: the
 * same page around each form; ebok as `embedding.md` embeds it (one script tag, one element) with
 * its bundles as the intake server sends them (the build's `.gz`), the bare form's bundle
 * compressed the same way (gzip -9).
 */
async function firstScreenPages(id) {
  const { createServer } = await import('node:http');
  const baseline = await buildBaseline(id);
  const bareGz = gzipSync(baseline.code, { level: 9 });
  const page = (script, body) =>
    `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Wniosek</title><script type="module" src="${script}"></script></head><body><main><h1>Wniosek</h1>${body}</main></body></html>`;
  const pages = {
    '/bare.html': page('/bare-form.js', '<bare-form></bare-form>'),
    '/ebok-start.html': page('/widgets/ebok.js', `<ebok-form procedure="${id}"></ebok-form>`),
    '/ebok-first-step.html': page('/widgets/ebok.js', `<ebok-form procedure="${id}" start="first-step"></ebok-form>`),
  };
  const script = (res, body) =>
    res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip' }).end(body);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (pages[path]) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[path]);
    if (path === '/bare-form.js') return script(res, bareGz);
    const file = join(dist, path.slice('/widgets/'.length));
    if (path.startsWith('/widgets/') && !path.includes('..') && existsSync(`${file}.gz`))
      return script(res, readFileSync(`${file}.gz`));
    res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: (p) => `http://127.0.0.1:${server.address().port}${p}`,
    inputs: baseline.inputs,
    gz: bareGz.length,
    close: () => server.close(),
  };
}

// Time to an interactive form: headless Chromium, a fresh profile per load.
const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);
if (!chrome) {
  console.log('form interactive: skipped (no Chromium; install it with: sudo apt-get install -y chromium)');
} else {
  const { default: puppeteer } = await import('puppeteer-core');
  const dataDir = mkdtempSync(join(tmpdir(), 'ebok-bench-widgets-'));
  const server = spawn(process.execPath, [join(root, 'packages/server/dist/adapters/node/main.js')], {
    env: { ...process.env, EBOK_DATA_DIR: dataDir, EBOK_PORT: '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  const browser = await puppeteer.launch({
    executablePath: chrome,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const pages = await firstScreenPages(BASELINE_PROCEDURE);
  /**
   * Milliseconds from navigation to interactive, in a fresh profile, and the rounds of requests
   * made before then (a request is one round after the latest response that ended before it
   * started; the page itself is round 1): `readyAt` runs in the page at every frame and answers
   * the time once what it looks for is there. `network`: Chromium's emulated network, if any.
   */
  const load = async (address, readyAt, arg, network) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    if (network) {
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
    }
    await page.goto(address, { waitUntil: 'domcontentloaded' });
    const ms = await (await page.waitForFunction(readyAt, { polling: 'raf', timeout: 60_000 }, arg)).jsonValue();
    const rounds = await page.evaluate((before) => {
      const nav = performance.getEntriesByType('navigation')[0];
      const done = [{ end: nav.responseEnd, round: 1 }];
      let most = 1;
      for (const r of performance.getEntriesByType('resource').sort((a, b) => a.startTime - b.startTime)) {
        if (r.startTime > before) break;
        const round = 1 + Math.max(...done.filter((d) => d.end <= r.startTime).map((d) => d.round));
        done.push({ end: r.responseEnd, round });
        most = Math.max(most, round);
      }
      return most;
    }, ms);
    await context.close();
    return { ms, rounds };
  };
  // Interactive: the start button of the form, rendered and enabled inside its shadow root.
  const ebokReady = (tag) => {
    const form = document.querySelector('ebok-form')?.shadowRoot?.querySelector(tag);
    const button = form?.shadowRoot?.querySelector('button.primary');
    return !!button && !button.disabled && performance.now();
  };
  // Interactive, starting at the first step: its first control's input rendered.
  const ebokInputReady = (tag) => {
    const root = document.querySelector('ebok-form')?.shadowRoot?.querySelector(tag)?.shadowRoot;
    const control = root?.querySelector('form [name]');
    return !!control?.shadowRoot?.querySelector('input, select, textarea') && performance.now();
  };
  // Interactive: every input of the bare form rendered.
  const bareReady = (n) =>
    (document.querySelector('bare-form')?.shadowRoot?.querySelectorAll('input, select, textarea').length ?? 0) >= n &&
    performance.now();
  const tag = `ebok-${BASELINE_PROCEDURE}`;
  const kinds = [
    ['bare', pages.url('/bare.html'), bareReady, pages.inputs],
    ['start', pages.url('/ebok-start.html'), ebokReady, tag],
    ['firstStep', pages.url('/ebok-first-step.html'), ebokInputReady, tag],
  ];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // The example BIP page on the real server (with its own script, styles and the certificate widget).
  const times = [];
  for (let i = 0; i < 9; i++) times.push((await load(`${url}/bip-page/?procedure=usc-odpis-aktu`, ebokReady, tag)).ms);
  times.sort((a, b) => a - b);
  console.log(
    `form interactive (the example BIP page on the intake server, navigation → start button, usc-odpis-aktu, fresh profile, 9 loads): median ${Math.round(times[4])} ms, fastest ${Math.round(times[0])} ms, slowest ${Math.round(times[8])} ms (target < 150 ms)`,
  );
  // The first screen, in turns in the same run: 15 loads of each page, then the medians.
  const fast = { bare: [], start: [], firstStep: [] };
  for (let i = 0; i < 15; i++)
    for (const [k, address, ready, arg] of kinds) fast[k].push((await load(address, ready, arg)).ms);
  const [b, e, f] = [median(fast.bare), median(fast.start), median(fast.firstStep)];
  console.log(
    `first screen, ${BASELINE_PROCEDURE} (${pages.inputs} inputs on its first step; the same page around each; 15 loads each, in turns): ` +
      `a bare Lit form with the same fields and its standalone validator (one bundle, ${kb(pages.gz)} gzip) ${Math.round(b)} ms; ` +
      `ebok's start page (its start button) ${Math.round(e)} ms, ratio ${(e / b).toFixed(2)}; ` +
      `ebok from its first step (start="first-step", its first input) ${Math.round(f)} ms, ratio ${(f / b).toFixed(2)} (target ≤ 1.3)`,
  );
  // The same on a slow network: Chromium's emulation, 150 ms round trip, 1.6 Mbit/s down.
  const slow = { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
  const throttled = { bare: [], start: [], firstStep: [] };
  for (let i = 0; i < 3; i++)
    for (const [k, address, ready, arg] of kinds) throttled[k].push(await load(address, ready, arg, slow));
  const at = (k) => {
    const ms = median(throttled[k].map((r) => r.ms));
    const rounds = Math.max(...throttled[k].map((r) => r.rounds));
    return { ms, rounds, text: `${Math.round(ms)} ms, ${rounds} rounds of requests` };
  };
  const [tb, te, tf] = [at('bare'), at('start'), at('firstStep')];
  console.log(
    `first screen on a slow network (150 ms round trip, 1.6 Mbit/s; 3 loads each): bare Lit form ${tb.text}; ` +
      `ebok's start page ${te.text}; ebok from its first step ${tf.text}; ` +
      `ebok's rounds more than the bare form's: ${Math.max(te.rounds, tf.rounds) - tb.rounds} (target ≤ 1)`,
  );
  await browser.close();
  pages.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
