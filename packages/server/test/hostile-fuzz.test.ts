// Fuzzing the real server over HTTP with hostile requests: the JSON body reader (enrolments,
// certificates) and submissions mutated from a real signed one (the document, the signature, the
// multipart framing). Every answer must be a 4xx problem+json, never a 500, and nothing may be
// stored. Seeded and bounded (a few hundred requests); fast-check prints the seed and the path
// that reproduce a failure (the mutations are the same on every run; the submission they start
// from is signed afresh). Needs the built server (`tsc -b packages/server`), as node-target does.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, verifyDetached } from '@ebok/forms-core/signing';
import { x509 } from '@ebok/forms-core/pki';
import { api, enrol, example, prepare, type Submission } from './contract/client.js';
import { type NodeTarget, startNodeTarget } from './node-target.js';

const SEED = 20261206;
const KiB = 1024;
// The server's default limits (config.ts).
const JSON_BODY_BYTES = 64 * KiB;
const DOCUMENT_BYTES = 256 * KiB;
const SIGNATURE_BYTES = 64 * KiB;
const JSON_DEPTH = 64;

const utf8 = new TextEncoder();
/** Bytes on an ArrayBuffer of their own, as fetch takes them for a body. */
type Bytes = Uint8Array<ArrayBuffer>;

let target: NodeTarget;
let submission: Submission;
let caCertificate: x509.X509Certificate;
let before: Record<string, number>;

beforeAll(async () => {
  target = await startNodeTarget({
    // Failed activation attempts would soon be refused before their bodies are read.
    EBOK_ACTIVATION_ATTEMPTS_PER_ADDRESS: '1000000',
    EBOK_ACTIVATION_ATTEMPTS_TOTAL: '1000000',
  });
  // The example names its applicant by this PESEL: the signer must be that person.
  const resident = await enrol(target, '44051401359');
  submission = await prepare(resident, 'usc-odpis-aktu', {
    example: example('usc-odpis-aktu', 'valid-birth-short-self.json'),
  });
  const ca = await api(target, '/v1/ca/certificate');
  caCertificate = new x509.X509Certificate(await ca.arrayBuffer());
  before = await target.snapshot();
});
afterAll(async () => target?.stop());

/** What the server logged as unhandled, to show beside a 500. */
const unhandled = (): string =>
  target.logs
    .filter((l) => l['level'] === 'error')
    .map((l) => `\n  logged: ${String(l['message'])}: ${String(l['error'] ?? '')}`)
    .join('');

/** The answer to any hostile request: a 4xx problem+json whose status is the HTTP status. */
async function expectProblem(res: Response, request: string): Promise<void> {
  const text = await res.text();
  const why = `${request} → ${res.status} ${res.headers.get('content-type')} ${text.slice(0, 300)}${unhandled()}`;
  expect(res.status, why).toBeGreaterThanOrEqual(400);
  expect(res.status, why).toBeLessThan(500);
  expect(res.headers.get('content-type'), why).toMatch(/^application\/problem\+json(;|$)/);
  const problem = JSON.parse(text) as { status?: unknown; type?: unknown };
  expect(problem.status, why).toBe(res.status);
  expect(typeof problem.type, why).toBe('string');
}

/** `length` bytes from a small seeded generator (fast-check's own would take long for 64 KiB). */
function randomBytes(length: number, seed: number): Bytes {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const concat = (...chunks: Uint8Array[]): Bytes => new Uint8Array(Buffer.concat(chunks));

/** A body of exactly `bytes` UTF-8 bytes (at least 10): one JSON object with a long string, `ż` where it fits. */
function objectOfSize(bytes: number, key = 'givenNames'): string {
  const room = bytes - `{"${key}":""}`.length;
  const wide = Math.max(0, Math.floor(room / 2) - 1);
  return `{"${key}":"${'ż'.repeat(wide)}${'x'.repeat(room - wide * 2)}"}`;
}

// ---- the JSON body reader ----

/** Bytes that are not UTF-8: a stray continuation, overlong forms, a surrogate, past U+10FFFF, a cut sequence. */
const NOT_UTF8 = [
  [0x80],
  [0xc0, 0x80],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xff],
  [0xc5],
];

/** The enrolment body a registrar sends, to break in exactly one way that cannot leave it valid. */
const ENROLMENT = { givenNames: 'Anna', surname: 'Testowa', pesel: '44051401359' };
const brokenEnrolment = fc.oneof(
  fc.record({
    field: fc.constantFrom('givenNames', 'surname', 'pesel'),
    to: fc.oneof(
      fc.constantFrom(undefined, null, '', '   ', 0, true, [], {}, ['Anna'], 'x'.repeat(65)),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'string'),
    ),
  }),
  // PESELs that are not: a wrong check digit, a wrong length, letters, an impossible date.
  fc.record({
    field: fc.constant('pesel'),
    to: fc.constantFrom('44051401358', '4405140135', '440514013590', '4405140135X', '44133201359', ' 44051401359x'),
  }),
  // Both ways of naming a person, or a document of an unknown kind.
  fc.record({
    field: fc.constant('identityDocument'),
    to: fc.constantFrom({ kind: 'passport', country: 'DE', number: 'C01X00T47' }, 'AB123', null),
  }),
);

type JsonRecipe =
  | { kind: 'random'; length: number; seed: number }
  | { kind: 'not-utf8'; at: number; bytes: number[] }
  | { kind: 'shape'; value: unknown }
  | { kind: 'fields'; extra: Record<string, unknown>; field: string; to: unknown }
  | { kind: 'nested'; depth: number; open: string; closed: boolean }
  | { kind: 'long-string'; bytes: number }
  | { kind: 'content-type'; type: string | undefined }
  | { kind: 'over-limit'; extra: number; chunked: boolean };

const jsonRecipe: fc.Arbitrary<JsonRecipe> = fc.oneof(
  fc.record({
    kind: fc.constant('random' as const),
    length: fc.oneof(fc.nat(64), fc.nat(JSON_BODY_BYTES)),
    seed: fc.integer(),
  }),
  fc.record({ kind: fc.constant('not-utf8' as const), at: fc.nat(), bytes: fc.constantFrom(...NOT_UTF8) }),
  // Valid JSON of the wrong shape: not an object, or an object of anything.
  fc.record({
    kind: fc.constant('shape' as const),
    value: fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }))),
  }),
  fc
    .record({ kind: fc.constant('fields' as const), extra: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })) })
    .chain((r) => brokenEnrolment.map((b) => ({ ...r, ...b }))),
  fc.record({
    kind: fc.constant('nested' as const),
    // Past the depth limit to thousands of levels, within the size limit.
    depth: fc.oneof(fc.integer({ min: JSON_DEPTH - 2, max: JSON_DEPTH + 2 }), fc.integer({ min: 1, max: 12_000 })),
    open: fc.constantFrom('[', '{"a":', '[{"b":', '{"":['),
    closed: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('long-string' as const),
    bytes: fc.oneof(fc.integer({ min: 100, max: JSON_BODY_BYTES }), fc.constant(JSON_BODY_BYTES)),
  }),
  // A valid body under a media type that is not JSON: refused before it is read.
  fc.record({
    kind: fc.constant('content-type' as const),
    type: fc.constantFrom(
      undefined,
      'text/plain',
      'text/json',
      'application/jsonp',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      'application/ json',
    ),
  }),
  // Just over the limit, declared in Content-Length or sent in chunks without one.
  fc.record({
    kind: fc.constant('over-limit' as const),
    extra: fc.integer({ min: 1, max: 4096 }),
    chunked: fc.boolean(),
  }),
);

function jsonRequest(recipe: JsonRecipe): { body: Bytes; contentType: string | undefined; chunked: boolean } {
  const json = (body: Bytes) => ({ body, contentType: 'application/json', chunked: false });
  switch (recipe.kind) {
    case 'random':
      return json(randomBytes(recipe.length, recipe.seed));
    case 'not-utf8': {
      const text = utf8.encode(JSON.stringify(ENROLMENT));
      const at = recipe.at % (text.length + 1);
      return json(concat(text.subarray(0, at), Uint8Array.from(recipe.bytes), text.subarray(at)));
    }
    case 'shape':
      return json(utf8.encode(JSON.stringify(recipe.value)));
    case 'fields': {
      const body: Record<string, unknown> = { ...recipe.extra, ...ENROLMENT, [recipe.field]: recipe.to };
      return json(utf8.encode(JSON.stringify(body)));
    }
    case 'nested': {
      const close = recipe.open.replace(/"[^"]*":/g, '').replace(/[[{]/g, (c) => (c === '[' ? ']' : '}'));
      const per = recipe.open.length + close.length;
      const depth = Math.min(recipe.depth, Math.floor((JSON_BODY_BYTES - 2) / per));
      const closing = [...close].reverse().join('').repeat(depth);
      return json(utf8.encode(recipe.open.repeat(depth) + '1' + (recipe.closed ? closing : closing.slice(1))));
    }
    case 'long-string':
      return json(utf8.encode(objectOfSize(recipe.bytes)));
    case 'content-type':
      return { body: utf8.encode(JSON.stringify(ENROLMENT)), contentType: recipe.type, chunked: false };
    case 'over-limit':
      return { ...json(utf8.encode(objectOfSize(JSON_BODY_BYTES + recipe.extra))), chunked: recipe.chunked };
  }
}

/** Sends a body; chunked, it has no Content-Length and the server must count as it reads. */
function post(
  path: string,
  request: { body: Bytes; contentType: string | undefined; chunked: boolean },
  headers: Record<string, string> = {},
): Promise<Response> {
  const all: Record<string, string> = { ...headers };
  if (request.contentType !== undefined) all['content-type'] = request.contentType;
  const { body } = request;
  const stream = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.length; at += 8 * KiB) controller.enqueue(body.slice(at, at + 8 * KiB));
        controller.close();
      },
    });
  return fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: all,
    body: request.chunked ? stream() : body,
    ...(request.chunked && { duplex: 'half' }),
  } as RequestInit);
}

describe('the JSON body reader', () => {
  it.each([
    ['/v1/certificates', 'anyone'],
    ['/v1/enrolments', 'registrar'],
  ] as const)('answers hostile bodies to POST %s with 4xx problems', async (path, who) => {
    await fc.assert(
      fc.asyncProperty(jsonRecipe, async (recipe) => {
        const headers: Record<string, string> =
          who === 'registrar' ? { authorization: `Bearer ${target.registrarToken}` } : {};
        const request = jsonRequest(recipe);
        await expectProblem(
          await post(path, request, headers),
          `${path} ${recipe.kind} (${request.body.length} bytes)`,
        );
      }),
      { seed: SEED, numRuns: 80 },
    );
    expect(await target.snapshot()).toEqual(before);
  });
});

// ---- submissions ----

interface Part {
  readonly name: string;
  readonly filename: string;
  readonly type: string;
  readonly bytes: Uint8Array;
  /** The header lines as sent, when a mutation changed them. */
  readonly headers?: string;
}

const BOUNDARY = 'fuzz-4b1c9e0d7a';

const headerLines = (p: Part): string =>
  p.headers ?? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}`;

function multipart(parts: readonly Part[], boundary = BOUNDARY): Bytes {
  const chunks: Uint8Array[] = [];
  for (const p of parts)
    chunks.push(utf8.encode(`--${boundary}\r\n${headerLines(p)}\r\n\r\n`), p.bytes, utf8.encode('\r\n'));
  chunks.push(utf8.encode(`--${boundary}--\r\n`));
  return concat(...chunks);
}

function partsOf(documentBytes: Uint8Array, signature: Uint8Array): Part[] {
  return [
    { name: 'document', filename: 'document.json', type: 'application/json', bytes: documentBytes },
    { name: 'signature', filename: 'document.p7s', type: 'application/pkcs7-signature', bytes: signature },
    ...[...submission.files].map(([name, f]) => ({ name, filename: name, type: f.mediaType, bytes: f.bytes })),
  ];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in the document a value sits: a path of keys and indexes. */
function places(value: Json, path: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

type DocumentMutation =
  | { op: 'set'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'add'; at: number; key: string; value: Json }
  | { op: 'nest'; at: number; depth: number; array: boolean }
  | { op: 'grow'; total: number; wide: boolean }
  | { op: 'future'; ms: number };

type TextMutation =
  | { op: 'indent'; indent: number | string }
  | { op: 'unsorted' }
  | { op: 'insert'; at: number; text: string }
  | { op: 'escape'; at: number }
  | { op: 'not-utf8'; at: number; bytes: number[] }
  | { op: 'bom' };

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const documentMutation: fc.Arbitrary<DocumentMutation> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.oneof(
      jsonValue,
      fc.constantFrom<Json>('', -0, 1e21, 5e-324, '2999-01-01T00:00:00Z', '1.0.0', 'x'.repeat(200)),
    ),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.string(), value: jsonValue }),
  fc.record({
    op: fc.constant('nest' as const),
    at: fc.nat(),
    depth: fc.oneof(fc.integer({ min: 1, max: JSON_DEPTH + 4 }), fc.integer({ min: 1, max: 1000 })),
    array: fc.boolean(),
  }),
  // Around the document limit, on both sides, and well past it.
  fc.record({
    op: fc.constant('grow' as const),
    total: fc.oneof(
      fc.integer({ min: DOCUMENT_BYTES - 64, max: DOCUMENT_BYTES + 64 }),
      fc.integer({ min: 100 * KiB, max: 320 * KiB }),
    ),
    wide: fc.boolean(),
  }),
  // Signed in the future: from just past the allowed clock skew to years ahead.
  fc.record({ op: fc.constant('future' as const), ms: fc.integer({ min: 6 * 60_000, max: 10 * 365 * 86_400_000 }) }),
);
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('indent' as const), indent: fc.constantFrom(1, 2, '\t', ' ') }),
  fc.record({ op: fc.constant('unsorted' as const) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(' ', '\n', '\r\n', '\t', ',', '}', '\u00a0'),
  }),
  fc.record({ op: fc.constant('escape' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('not-utf8' as const), at: fc.nat(), bytes: fc.constantFrom(...NOT_UTF8) }),
  fc.record({ op: fc.constant('bom' as const) }),
);

function mutateDocument(doc: Record<string, Json>, m: DocumentMutation): void {
  const all = places(doc);
  const path = all[('at' in m ? m.at : 0) % all.length]!;
  const parentOf = (p: Array<string | number>) => p.slice(0, -1).reduce<Json>((v, k) => (v as never)[k], doc);
  const setAt = (p: Array<string | number>, value: Json) => {
    if (p.length === 0) return;
    (parentOf(p) as Record<string | number, Json>)[p[p.length - 1]!] = value;
  };
  const valueAt = (p: Array<string | number>) => p.reduce<Json>((v, k) => (v as never)[k], doc);
  switch (m.op) {
    case 'set':
      setAt(path, m.value);
      break;
    case 'delete': {
      if (path.length === 0) break;
      const parent = parentOf(path);
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete (parent as Record<string, Json>)[path[path.length - 1]!];
      break;
    }
    case 'add': {
      const v = valueAt(path);
      if (Array.isArray(v)) v.push(m.value);
      else if (v !== null && typeof v === 'object') v[m.key] = m.value;
      else (doc as Record<string, Json>)[m.key] = m.value;
      break;
    }
    case 'nest': {
      let v = valueAt(path);
      for (let i = 0; i < m.depth; i++) v = m.array ? [v] : { a: v };
      if (path.length === 0) doc['data'] = v;
      else setAt(path, v);
      break;
    }
    case 'grow': {
      const data = (
        doc['data'] !== null && typeof doc['data'] === 'object' ? doc['data'] : (doc['data'] = {})
      ) as Record<string, Json>;
      data['uwagi'] = '';
      const room = Math.max(0, m.total - utf8.encode(canonicalJson(doc)).length);
      data['uwagi'] = m.wide ? 'ż'.repeat(Math.floor(room / 2)) + 'x'.repeat(room % 2) : 'x'.repeat(room);
      break;
    }
    case 'future':
      doc['submittedAt'] = new Date(Date.now() + m.ms).toISOString();
      break;
  }
}

function mutateText(text: string, doc: Json, m: TextMutation): Bytes {
  switch (m.op) {
    case 'indent':
      return utf8.encode(JSON.stringify(JSON.parse(text), null, m.indent));
    case 'unsorted':
      // The members as written, not sorted: JSON.stringify keeps the order they were added in.
      return utf8.encode(
        JSON.stringify(doc, (_, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ),
      );
    case 'insert': {
      const at = m.at % (text.length + 1);
      return utf8.encode(text.slice(0, at) + m.text + text.slice(at));
    }
    case 'escape': {
      // A character of a string written as \uXXXX: the same value, not the canonical text.
      const inString = [...text.matchAll(/[a-z]/g)];
      if (inString.length === 0) return utf8.encode(text);
      const i = inString[m.at % inString.length]!.index;
      return utf8.encode(
        `${text.slice(0, i)}\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}${text.slice(i + 1)}`,
      );
    }
    case 'not-utf8': {
      const bytes = utf8.encode(text);
      const at = m.at % (bytes.length + 1);
      return concat(bytes.subarray(0, at), Uint8Array.from(m.bytes), bytes.subarray(at));
    }
    case 'bom':
      return utf8.encode(`\ufeff${text}`);
  }
}

type SignatureMutation =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'repeat'; times: number }
  | { op: 'pad'; total: number; seed: number }
  | { op: 'random'; length: number; seed: number }
  | { op: 'other'; what: 'empty' | 'document' | 'certificate' };

const signatureMutation: fc.Arbitrary<SignatureMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  // Copies of itself one after another: up to and past the signature limit.
  fc.record({ op: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 80 }) }),
  fc.record({
    op: fc.constant('pad' as const),
    total: fc.integer({ min: SIGNATURE_BYTES - 16, max: SIGNATURE_BYTES + 16 }),
    seed: fc.integer(),
  }),
  fc.record({ op: fc.constant('random' as const), length: fc.nat(SIGNATURE_BYTES + 1024), seed: fc.integer() }),
  fc.record({
    op: fc.constant('other' as const),
    what: fc.constantFrom('empty' as const, 'document' as const, 'certificate' as const),
  }),
);

function mutateSignature(signature: Uint8Array, m: SignatureMutation): Uint8Array {
  const at = 'at' in m ? m.at % (signature.length + 1) : 0;
  switch (m.op) {
    case 'flip': {
      if (signature.length === 0) return signature;
      const out = signature.slice();
      out[at % signature.length]! ^= m.mask;
      return out;
    }
    case 'insert':
      return concat(signature.subarray(0, at), m.bytes, signature.subarray(at));
    case 'delete':
      return concat(signature.subarray(0, at), signature.subarray(at + m.length));
    case 'truncate':
      return signature.subarray(0, at);
    case 'repeat':
      return concat(...Array.from({ length: m.times }, () => signature));
    case 'pad':
      return concat(signature, randomBytes(Math.max(0, m.total - signature.length), m.seed));
    case 'random':
      return randomBytes(m.length, m.seed);
    case 'other':
      return m.what === 'empty'
        ? new Uint8Array(0)
        : m.what === 'document'
          ? utf8.encode(submission.documentText)
          : new Uint8Array(caCertificate.rawData);
  }
}

/** Changes to the multipart framing, each of which leaves no valid submission. */
type FramingMutation =
  | { op: 'omit'; part: number }
  | { op: 'duplicate'; part: number; changed: boolean }
  | { op: 'rename'; part: number; name: string }
  | { op: 'undeclared'; name: string; bytes: Uint8Array }
  | { op: 'headers'; part: number; headers: number }
  | { op: 'boundary'; boundary: string }
  | { op: 'content-type'; type: string | undefined }
  | { op: 'lf-only' }
  | { op: 'preamble'; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'boundary-inside'; at: number; closing: boolean };

/** Part headers that are not what RFC 7578 asks for (the server refuses each). */
const BAD_HEADERS = [
  (p: Part) => `Content-Type: ${p.type}`,
  (p: Part) => `Content-Disposition: attachment; name="${p.name}"`,
  (p: Part) => `Content-Disposition: form-data; filename="${p.filename}"`,
  (p: Part) => `Content-Disposition: form-data;\r\n name="${p.name}"`,
  (p: Part) => `Content-Disposition: form-data; name="${p.name}"\r\nContent-Disposition: form-data; name="x"`,
  (p: Part) => `Content-Disposition: form-data; name="${p.name}"\u0001`,
  (p: Part) => `Content-Disposition form-data; name="${p.name}"`,
  (p: Part) => `Content-Disposition: form-data; name="${p.name}"; name="${p.name}"`,
  (p: Part) => `Content-Disposition: form-data; name=${p.name}"`,
  (p: Part) => `Content-Disposition: form-data; name="${p.name}"\r\nContent-Type: ${p.type}; ; x`,
  (p: Part) => `Content-Disposition: form-data; name="${p.name}\xff"`,
];

const partName = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('Document', 'SIGNATURE', 'document ', 'signatures', 'proof_of_payment', 'doc', ''),
);
const framingMutation: fc.Arbitrary<FramingMutation> = fc.oneof(
  fc.record({ op: fc.constant('omit' as const), part: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), part: fc.nat(), changed: fc.boolean() }),
  fc.record({
    op: fc.constant('rename' as const),
    part: fc.nat(),
    // Never to a name a part had: two renames must not put the parts back as they were.
    name: partName.filter((n) => !['document', 'signature', 'proof-of-payment'].includes(n)),
  }),
  fc.record({ op: fc.constant('undeclared' as const), name: partName, bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ op: fc.constant('headers' as const), part: fc.nat(), headers: fc.nat(BAD_HEADERS.length - 1) }),
  fc.record({
    op: fc.constant('boundary' as const),
    // Another boundary (header values lose their outer whitespace on the way: not another one).
    boundary: fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.constantFrom('', BOUNDARY.slice(0, -1), `${BOUNDARY}x`, BOUNDARY.toUpperCase(), 'a'.repeat(71)),
      )
      .filter((b) => b.trim() !== BOUNDARY),
  }),
  fc.record({
    op: fc.constant('content-type' as const),
    type: fc.constantFrom(
      undefined,
      'multipart/form-data',
      'multipart/mixed; boundary=' + BOUNDARY,
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary="' + BOUNDARY,
      'multipart/form-data; boundary=' + BOUNDARY + '; boundary=' + BOUNDARY,
      'application/json',
      'text/plain',
    ),
  }),
  fc.record({ op: fc.constant('lf-only' as const) }),
  fc.record({ op: fc.constant('preamble' as const), text: fc.constantFrom('x', '\r\n', 'preamble\r\n', ' ') }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('boundary-inside' as const), at: fc.nat(), closing: fc.boolean() }),
);

interface Built {
  body: Bytes;
  contentType: string | undefined;
}

/** The order framing mutations apply in, so that none undoes another (a part added, then omitted …). */
const FRAMING_ORDER: ReadonlyArray<FramingMutation['op']> = [
  'omit',
  'rename',
  'duplicate',
  'undeclared',
  'headers',
  'boundary-inside',
  'boundary',
  'content-type',
  'lf-only',
  'preamble',
  'truncate',
];

function frame(parts: Part[], framing: readonly FramingMutation[]): Built {
  let contentType: string | undefined = `multipart/form-data; boundary=${BOUNDARY}`;
  const after: Array<(body: Bytes) => Bytes> = [];
  const ordered = [...framing].sort((a, b) => FRAMING_ORDER.indexOf(a.op) - FRAMING_ORDER.indexOf(b.op));
  for (const m of ordered) {
    const i = 'part' in m ? m.part % parts.length : 0;
    switch (m.op) {
      case 'omit':
        parts.splice(i, 1);
        if (parts.length === 0) parts.push({ name: 'x', filename: 'x', type: 'text/plain', bytes: new Uint8Array(0) });
        break;
      case 'duplicate': {
        const p = parts[i]!;
        parts.splice(i + 1, 0, m.changed ? { ...p, bytes: concat(p.bytes, utf8.encode(' ')) } : p);
        break;
      }
      case 'rename': {
        const { filename, type, bytes } = parts[i]!;
        parts[i] = { name: m.name, filename, type, bytes };
        break;
      }
      case 'undeclared':
        if (!['document', 'signature', ...submission.files.keys()].includes(m.name))
          parts.push({ name: m.name, filename: 'extra.bin', type: 'application/octet-stream', bytes: m.bytes });
        else parts.push({ ...parts[0]!, name: m.name }); // a second part of that name
        break;
      case 'headers':
        parts[i] = { ...parts[i]!, headers: BAD_HEADERS[m.headers]!(parts[i]!) };
        break;
      case 'boundary':
        // The body keeps its boundary; the header names another.
        contentType = `multipart/form-data; boundary=${m.boundary}`;
        break;
      case 'content-type':
        contentType = m.type;
        break;
      case 'lf-only':
        after.push((body) => utf8.encode(new TextDecoder().decode(body).replaceAll('\r\n', '\n')));
        break;
      case 'preamble':
        after.push((body) => concat(utf8.encode(m.text), body));
        break;
      case 'truncate':
        // Anywhere before the closing delimiter is whole.
        after.push((body) => body.subarray(0, m.at % (body.length - `--\r\n`.length - 1)));
        break;
      case 'boundary-inside':
        parts[0] = {
          ...parts[0]!,
          bytes: (() => {
            const b = parts[0]!.bytes;
            const at = m.at % (b.length + 1);
            return concat(
              b.subarray(0, at),
              utf8.encode(`\r\n--${BOUNDARY}${m.closing ? '--' : '\r\n'}`),
              b.subarray(at),
            );
          })(),
        };
        break;
    }
  }
  let body = multipart(parts);
  for (const f of after) body = f(body);
  return { body, contentType };
}

interface SubmissionRecipe {
  document: DocumentMutation[];
  text: TextMutation[];
  signature: SignatureMutation[];
  framing: FramingMutation[];
}

async function build(recipe: SubmissionRecipe): Promise<Built | undefined> {
  const doc = JSON.parse(submission.documentText) as Record<string, Json>;
  for (const m of recipe.document) mutateDocument(doc, m);
  const text = canonicalJson(doc);
  let documentBytes = utf8.encode(text);
  for (const m of recipe.text) documentBytes = mutateText(new TextDecoder().decode(documentBytes), doc, m);
  let signature = submission.signature;
  for (const m of recipe.signature) signature = mutateSignature(signature, m);
  if (recipe.framing.length === 0) {
    // Without a broken frame the document or the signature must be changed, in meaning: a
    // signature the server's CA would accept over these bytes is the real one, written otherwise.
    const verified = await verifyDetached(documentBytes, signature, {
      trustAnchors: [caCertificate],
      purpose: 'resident',
    });
    if (verified.ok) return undefined;
  }
  return frame(partsOf(documentBytes, signature), recipe.framing);
}

/** From `least` to one more mutations of a kind. */
const some = <T>(arbitrary: fc.Arbitrary<T>, least = 0): fc.Arbitrary<T[]> =>
  fc.array(arbitrary, { minLength: least, maxLength: least + 1 });

const submissionRecipe = (least: Partial<Record<keyof SubmissionRecipe, number>>): fc.Arbitrary<SubmissionRecipe> =>
  fc.record({
    document: some(documentMutation, least.document),
    text: some(textMutation, least.text),
    signature: some(signatureMutation, least.signature),
    framing: some(framingMutation, least.framing),
  });

const describeRecipe = (r: SubmissionRecipe): string =>
  JSON.stringify(r, (_, v: unknown) =>
    v instanceof Uint8Array
      ? `<${v.length} bytes>`
      : typeof v === 'string' && v.length > 80
        ? `<${v.length} chars>`
        : v,
  );

async function submitMutated(recipe: SubmissionRecipe): Promise<void> {
  const built = await build(recipe);
  fc.pre(built !== undefined);
  const headers: Record<string, string> =
    built!.contentType === undefined ? {} : { 'content-type': built!.contentType };
  const res = await fetch(`${target.baseUrl}/v1/submissions`, { method: 'POST', headers, body: built!.body });
  await expectProblem(res, `submission ${describeRecipe(recipe)}`);
}

describe('submissions mutated from a real signed one', () => {
  it.each([
    ['the document', { document: 1 }, 50],
    ['the document text', { text: 1 }, 30],
    ['the signature', { signature: 1 }, 50],
    ['the multipart framing', { framing: 1 }, 50],
    ['all of them together', {}, 30],
  ] as const)('answers mutations of %s with 4xx problems, storing nothing', async (_, least, numRuns) => {
    await fc.assert(fc.asyncProperty(submissionRecipe(least), submitMutated), { seed: SEED, numRuns });
    expect(await target.snapshot()).toEqual(before);
  });

  it('registers the unmutated submission, framed as the mutations were (the control)', async () => {
    const { body, contentType } = frame(partsOf(utf8.encode(submission.documentText), submission.signature), []);
    const res = await fetch(`${target.baseUrl}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': contentType! },
      body,
    });
    expect(res.status, `${await res.clone().text()}${unhandled()}`).toBe(201);
    const after = await target.snapshot();
    expect(after['register']).toBe(before['register']! + 1);
  });
});
