// Fuzzing the parsers an intake server runs on what anybody sends it: the CMS signature (DER and
// BER) and the canonical JSON of the signed document. Seeded and bounded, so it runs in `npm test`
// in a few seconds and fails the same way every time; fast-check prints the seed and the path
// that reproduce a failure.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecdsaDerToRaw } from '../src/cms/der-codec.js';
import { parseSignedData } from '../src/cms/parse.js';
import { CityCa } from '../src/pki/ca.js';
import {
  canonicalJson,
  CertificateCache,
  createCertificateRequest,
  generateResidentKeys,
  isCanonicalJson,
  parseCanonicalJson,
  signDetached,
  verifyDetached,
  type VerifyErrorCode,
  type VerifyOptions,
  type VerifyResult,
} from '../src/signing.js';
import { document, identity } from './shared/signing-suite.js';

const SEED = 20261206;
/** What the server accepts as a signature part: every input here is at most this long. */
const MAX_SIGNATURE_BYTES = 64 * 1024;

// Every code verifyDetached may answer with; the type makes this list follow rejection.ts.
const ERROR_CODES: readonly string[] = Object.keys({
  malformed: 1,
  'unsupported-algorithm': 1,
  'multiple-signers': 1,
  'certificate-missing': 1,
  'missing-signed-attributes': 1,
  'content-mismatch': 1,
  'signing-certificate-mismatch': 1,
  'signature-invalid': 1,
  'unknown-issuer': 1,
  'certificate-not-yet-valid': 1,
  'certificate-expired': 1,
  'key-usage': 1,
  'certificate-purpose': 1,
  'trust-anchor-invalid': 1,
  'signing-time-future': 1,
  'too-large': 1,
  'certificate-revoked': 1,
} satisfies Record<VerifyErrorCode, 1>);

// ---- a BER element tree, to mutate a signature where its parser looks ----

/** An element: constructed (children), primitive (content) or already written (raw bytes). */
type Node =
  | { tag: number; children: Node[]; length?: Length }
  | { tag: number; content: Uint8Array; length?: Length }
  | { raw: Uint8Array };
/** How the length is written: DER by default; BER's indefinite or long forms; or a wrong value. */
type Length = { form: 'indefinite' } | { form: 'long'; extra: number } | { form: 'wrong'; delta: number };

/** Reads definite-length elements between `start` and `end`; constructed ones that hold elements get children. */
function readNodes(bytes: Uint8Array, start: number, end: number): Node[] {
  const nodes: Node[] = [];
  for (let at = start; at < end;) {
    const tag = bytes[at]!;
    let length = bytes[at + 1]!;
    let contentStart = at + 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 4) throw new Error('not DER');
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[contentStart + i]!;
      contentStart += n;
    }
    const contentEnd = contentStart + length;
    if ((tag & 0x1f) === 0x1f || contentEnd > end) throw new Error('not DER');
    let node: Node = { tag, content: bytes.slice(contentStart, contentEnd) };
    if (tag & 0x20) {
      try {
        node = { tag, children: readNodes(bytes, contentStart, contentEnd) };
      } catch {
        // Constructed but not holding elements: kept as bytes.
      }
    }
    nodes.push(node);
    at = contentEnd;
  }
  return nodes;
}

const clone = (node: Node): Node =>
  'raw' in node ? node : 'children' in node ? { ...node, children: node.children.map(clone) } : { ...node };

function lengthBytes(n: number, minBytes = 0): number[] {
  if (n < 0x80 && minBytes === 0) return [n];
  const out: number[] = [];
  for (let v = n; v > 0 || out.length < Math.max(1, minBytes); v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** Writes a tree into chunks (concatenated once): the nesting is shallow, as raw nodes hold the deep parts. */
function encode(node: Node, out: Uint8Array[]): number {
  if ('raw' in node) {
    out.push(node.raw);
    return node.raw.length;
  }
  const header: Uint8Array[] = [];
  const inner: Uint8Array[] = [];
  let size = 0;
  if ('children' in node) for (const child of node.children) size += encode(child, inner);
  else {
    inner.push(node.content);
    size = node.content.length;
  }
  const length = node.length;
  if (length?.form === 'indefinite') header.push(Uint8Array.of(node.tag, 0x80));
  else if (length?.form === 'long') {
    const minimal = lengthBytes(size).length - (size < 0x80 ? 0 : 1);
    header.push(Uint8Array.of(node.tag, ...lengthBytes(size, Math.min(4, minimal + length.extra))));
  } else if (length?.form === 'wrong')
    header.push(Uint8Array.of(node.tag, ...lengthBytes(Math.max(0, size + length.delta))));
  else header.push(Uint8Array.of(node.tag, ...lengthBytes(size)));
  out.push(...header, ...inner);
  if (length?.form === 'indefinite') out.push(Uint8Array.of(0, 0));
  return header[0]!.length + size + (length?.form === 'indefinite' ? 2 : 0);
}

const concat = (chunks: readonly Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(chunks));

const write = (nodes: readonly Node[]): Uint8Array => {
  const chunks: Uint8Array[] = [];
  for (const n of nodes) encode(n, chunks);
  return concat(chunks);
};

/** `node` inside `depth` elements of `tag`, written at once (deep nesting without deep recursion). */
function wrapped(node: Node, tag: number, depth: number, indefinite: boolean): Node {
  const inner = write([node]);
  if (indefinite) {
    const out = new Uint8Array(inner.length + depth * 4);
    for (let i = 0; i < depth; i++) out.set([tag, 0x80], i * 2);
    out.set(inner, depth * 2);
    return { raw: out };
  }
  const headers: number[][] = [];
  let size = inner.length;
  for (let i = 0; i < depth; i++) {
    const h = [tag, ...lengthBytes(size)];
    headers.push(h);
    size += h.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const h of headers.reverse()) {
    out.set(h, at);
    at += h.length;
  }
  out.set(inner, at);
  return { raw: out };
}

interface Located {
  readonly node: Node;
  /** The list the node is in (its parent's children, or the top level). */
  readonly siblings: Node[];
  readonly index: number;
  readonly path: string;
}

function locate(top: Node[]): Located[] {
  const out: Located[] = [];
  const visit = (siblings: Node[], path: string) =>
    siblings.forEach((node, index) => {
      out.push({ node, siblings, index, path: `${path}${index}` });
      if ('children' in node) visit(node.children, `${path}${index}.`);
    });
  visit(top, '');
  return out;
}

type TreeMutation =
  | { op: 'indefinite-length'; at: number }
  | { op: 'long-length'; at: number; extra: number }
  | { op: 'wrong-length'; at: number; delta: number }
  | { op: 'repeat'; at: number; times: number }
  | { op: 'remove'; at: number }
  | { op: 'nest'; at: number; tag: number; depth: number; indefinite: boolean }
  | { op: 'retag'; at: number; tag: number }
  | { op: 'replace'; at: number; bytes: Uint8Array }
  | { op: 'alter'; at: number; index: number; mask: number }
  | { op: 'swap'; at: number };

type ByteMutation =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number };

const CONSTRUCTED_TAGS = [0x30, 0x31, 0xa0, 0xa1, 0xa3, 0x24];

const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  fc.record({ op: fc.constant('indefinite-length' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('long-length' as const), at: fc.nat(), extra: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    op: fc.constant('wrong-length' as const),
    at: fc.nat(),
    delta: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -70_000, max: 70_000 })).filter((d) => d !== 0),
  }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('nest' as const),
    at: fc.nat(),
    tag: fc.constantFrom(...CONSTRUCTED_TAGS),
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 8000 })),
    indefinite: fc.boolean(),
  }),
  fc.record({ op: fc.constant('retag' as const), at: fc.nat(), tag: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 80 }) }),
  fc.record({
    op: fc.constant('alter' as const),
    at: fc.nat(),
    index: fc.nat(),
    mask: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat() }),
);

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyTree(top: Node[], m: TreeMutation): void {
  const all = locate(top);
  const { node, siblings, index } = all[m.at % all.length]!;
  const sizeNow = () => write(top).length;
  switch (m.op) {
    case 'indefinite-length':
      // BER allows it on constructed elements only; a primitive one gets it too, wrongly.
      if (!('raw' in node)) node.length = { form: 'indefinite' };
      break;
    case 'long-length':
      if (!('raw' in node)) node.length = { form: 'long', extra: m.extra };
      break;
    case 'wrong-length':
      if (!('raw' in node)) node.length = { form: 'wrong', delta: m.delta };
      break;
    case 'repeat': {
      // As many copies as fit in the limit: a set of many certificates, several SignerInfos …
      const room = Math.floor((MAX_SIGNATURE_BYTES - sizeNow()) / write([node]).length);
      const copies = Math.min(m.times, Math.max(1, room));
      siblings.splice(index + 1, 0, ...Array.from({ length: copies }, () => clone(node)));
      break;
    }
    case 'remove':
      siblings.splice(index, 1);
      break;
    case 'nest': {
      const header = m.indefinite ? 4 : 5;
      const depth = Math.max(1, Math.min(m.depth, Math.floor((MAX_SIGNATURE_BYTES - sizeNow()) / header)));
      siblings[index] = wrapped(node, m.tag, depth, m.indefinite);
      break;
    }
    case 'retag':
      if (!('raw' in node)) node.tag = m.tag;
      break;
    case 'replace':
      siblings[index] = 'children' in node ? { tag: node.tag, content: m.bytes } : { raw: m.bytes };
      break;
    case 'alter':
      // A byte of a primitive element's contents: an OID, a digest, a time, a serial, the signature value …
      if ('content' in node && node.content.length > 0) {
        node.content = node.content.slice();
        node.content[m.index % node.content.length]! ^= m.mask;
      }
      break;
    case 'swap':
      if (index + 1 < siblings.length) [siblings[index], siblings[index + 1]] = [siblings[index + 1]!, node];
      break;
  }
}

function applyBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const at = m.at % (bytes.length + 1);
  switch (m.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      out[at % bytes.length]! ^= m.mask;
      return out;
    }
    case 'insert':
      return concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    case 'delete':
      return concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case 'truncate':
      return bytes.subarray(0, at);
  }
}

// ---- the signature under test ----

interface Fixture {
  readonly document: Uint8Array;
  readonly signature: Uint8Array;
  readonly options: VerifyOptions;
  readonly accepted: Extract<VerifyResult, { ok: true }>;
  /** What the signature signs and its value: a mutation may be accepted only with these unchanged. */
  readonly signedAttrs: Uint8Array;
  readonly signatureValue: Uint8Array;
}

let f: Fixture;

beforeAll(async () => {
  const { ca } = await CityCa.create({ organization: 'Urząd Miasta Olsztyn' });
  const keys = await generateResidentKeys();
  const certificate = await ca.issueResidentCertificate(await createCertificateRequest(keys), identity);
  const signature = await signDetached(document, keys.privateKey, new Uint8Array(certificate.rawData));
  const options: VerifyOptions = { trustAnchors: [ca.certificate], purpose: 'resident', cache: new CertificateCache() };
  const result = await verifyDetached(document, signature, options);
  if (!result.ok) throw new Error(`the unmutated signature is not accepted: ${result.error} (${result.detail})`);
  const signer = parseSignedData(signature).signers[0]!;
  f = {
    document,
    signature,
    options,
    accepted: result,
    signedAttrs: signer.signedAttrs!,
    signatureValue: ecdsaDerToRaw(signer.signature)!,
  };
});

/** `length` bytes from a small seeded generator (fast-check's own would take long for 64 KiB). */
function randomBytes(length: number, seed: number): Uint8Array {
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

const topOf = (signature: Uint8Array): Node[] => readNodes(signature, 0, signature.length);

/**
 * Verifies a mutated signature: it never throws, every refusal has a known code, and it is
 * accepted only as the same signature (same signed attributes and value, same signer, time and
 * document), as BER's other ways of writing lengths, another order of the certificates and the
 * like may be.
 */
async function verifyMutated(bytes: Uint8Array): Promise<VerifyResult> {
  expect(bytes.length).toBeLessThanOrEqual(MAX_SIGNATURE_BYTES);
  const result = await verifyDetached(f.document, bytes, f.options);
  if (!result.ok) {
    expect(ERROR_CODES).toContain(result.error);
    expect(typeof result.detail).toBe('string');
    return result;
  }
  expect(result).toEqual(f.accepted);
  const signer = parseSignedData(bytes).signers[0]!;
  expect(signer.signedAttrs).toEqual(f.signedAttrs);
  expect(ecdsaDerToRaw(signer.signature)).toEqual(f.signatureValue);
  return result;
}

const path = (tree: Node[], prefix: string): Located[] => locate(tree).filter((l) => l.path.startsWith(prefix));
// ContentInfo 0 > [0] 0.1 > SignedData 0.1.0 > certificates 0.1.0.3, signerInfos 0.1.0.4 (SignerInfo 0.1.0.4.0)
const CERTIFICATES = '0.1.0.3';
const SIGNER_INFOS = '0.1.0.4';
const SIGNER_ID = '0.1.0.4.0.1';
const SIGNED_ATTRS = '0.1.0.4.0.3';

describe('verifyDetached on mutated signatures', () => {
  it('accepts the unmutated signature, as a resident’s', () => {
    expect(f.accepted.signer.identity?.pesel).toBe('44051401359');
    const top = topOf(f.signature);
    expect(write(top)).toEqual(f.signature);
    expect((path(top, CERTIFICATES)[0]!.node as { tag: number }).tag).toBe(0xa0);
    expect((path(top, SIGNER_INFOS)[0]!.node as { tag: number }).tag).toBe(0x31);
    expect((path(top, SIGNED_ATTRS)[0]!.node as { tag: number }).tag).toBe(0xa0);
  });

  it('never throws nor accepts another signature, for flipped, inserted, deleted, repeated and nested elements', async () => {
    await fc.assert(
      fc.asyncProperty(
        // One mutation mostly (to reach the later checks), else a few of both kinds.
        fc.oneof(
          { arbitrary: fc.tuple(fc.tuple(treeMutation), fc.constant<ByteMutation[]>([])), weight: 3 },
          { arbitrary: fc.tuple(fc.constant<TreeMutation[]>([]), fc.tuple(byteMutation)), weight: 2 },
          fc.tuple(fc.array(treeMutation, { maxLength: 3 }), fc.array(byteMutation, { maxLength: 3 })),
        ),
        async ([tree, bytes]: [TreeMutation[], ByteMutation[]]) => {
          const top = topOf(f.signature);
          for (const m of tree) applyTree(top, m);
          let signature = write(top);
          for (const m of bytes) signature = applyBytes(signature, m);
          await verifyMutated(signature.subarray(0, MAX_SIGNATURE_BYTES));
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('refuses a certificates set of many entries as too large, read no further than the limit', async () => {
    const entry = fc.oneof(
      fc.constant('certificate' as const),
      fc.constant(Uint8Array.of(0x30, 0x00)),
      fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.of(0x30, b.length, ...b)),
    );
    await fc.assert(
      // A pattern of entries repeated up to the limit's worth (32 768 empty SEQUENCEs).
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.nat(33_000), async (pattern, count) => {
        const top = topOf(f.signature);
        const certificates = path(top, CERTIFICATES)[0]!.node as { children: Node[] };
        const own = certificates.children[0]!;
        const entries = pattern.map((e): Node => (e === 'certificate' ? own : { raw: e }));
        const sizes = entries.map((e) => write([e]).length);
        const children: Node[] = [];
        let size = write(top).length - write([own]).length;
        for (let i = 0; i < count; i++) {
          size += sizes[i % entries.length]!;
          if (size > MAX_SIGNATURE_BYTES - 16) break; // the headers around grow a little too
          children.push(entries[i % entries.length]!);
        }
        certificates.children = children;
        const result = await verifyMutated(write(top));
        if (children.length > 4) expect(result).toMatchObject({ ok: false, error: 'too-large' });
        if (!children.includes(own)) expect(result.ok).toBe(false);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('refuses several SignerInfos as multiple signers, whatever they hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5000 }),
        fc.array(treeMutation, { maxLength: 2 }),
        async (count, mutations) => {
          const top = topOf(f.signature);
          const set = path(top, SIGNER_INFOS)[0]!.node as { children: Node[] };
          const signerInfo = set.children[0]!;
          const other: Node[] = [clone(signerInfo)];
          for (const m of mutations) applyTree(other, m);
          const each = write([signerInfo]).length;
          const room = Math.floor((MAX_SIGNATURE_BYTES - write(top).length - write(other).length) / each);
          set.children = [
            signerInfo,
            ...other,
            ...Array.from({ length: Math.max(0, Math.min(count - 2, room)) }, () => signerInfo),
          ];
          const result = await verifyMutated(write(top).subarray(0, MAX_SIGNATURE_BYTES));
          // Unless the mutations left nothing to read as a second one.
          if (set.children.length > 2 || write(other).length > 0)
            expect(['multiple-signers', 'malformed']).toContain(!result.ok && result.error);
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('reads BER lengths (indefinite, long form) on the envelope as the same signature', async () => {
    const top = topOf(f.signature);
    // The envelope, what a streaming signer writes with indefinite lengths: not inside the
    // certificate, the signer's issuer name or the signed attributes, which are compared as DER.
    const envelope = locate(top)
      .filter(
        (l) =>
          'children' in l.node &&
          ![CERTIFICATES, SIGNER_ID, SIGNED_ATTRS].some((inside) => l.path.startsWith(`${inside}.`)),
      )
      .map((l) => l.path);
    expect(envelope.length).toBeGreaterThan(8);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(envelope, { minLength: 1 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        async (paths, indefinite, extra) => {
          const tree = topOf(f.signature);
          for (const l of locate(tree))
            if (paths.includes(l.path) && !('raw' in l.node))
              l.node.length = indefinite ? { form: 'indefinite' } : { form: 'long', extra };
          const result = await verifyMutated(write(tree));
          expect(result.ok).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('never throws on bytes of any kind up to the limit, nor on nesting thousands deep', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(fc.nat(MAX_SIGNATURE_BYTES), fc.integer()).map(([length, seed]) => randomBytes(length, seed)),
          fc.uint8Array({ maxLength: 64 }),
          fc
            .record({
              tag: fc.constantFrom(...CONSTRUCTED_TAGS),
              depth: fc.integer({ min: 1, max: 16_000 }),
              indefinite: fc.boolean(),
              closed: fc.boolean(),
            })
            .map(({ tag, depth, indefinite, closed }) => {
              const nested = write([wrapped({ tag: 0x05, content: new Uint8Array(0) }, tag, depth, indefinite)]);
              // Indefinite nesting may also never be closed.
              return indefinite && !closed ? nested.subarray(0, depth * 2) : nested;
            }),
        ),
        async (bytes) => {
          await verifyMutated(bytes.subarray(0, MAX_SIGNATURE_BYTES));
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
});

// ---- canonical JSON ----

/** Numbers where writing them goes wrong first: -0, exponents from 1e21, the smallest doubles … */
const edgeNumber = fc.constantFrom(
  -0,
  0,
  1e21,
  1e20,
  -1e21,
  1e-7,
  1e-6,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  0.1 + 0.2,
  333333333.3333333,
);
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), edgeNumber);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const unicode = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('a', 'ż', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '😀', '\ufeff') }),
);
/** Keys that parse into another order than written (integer-like ones come first). */
const key = fc.oneof(
  unicode,
  fc.constantFrom('', '0', '1', '9', '10', '01', '-1', '4294967294', '4294967295', '__proto__', 'toJSON', 'a', 'B'),
);

function jsonOf(strings: fc.Arbitrary<string>, keys: fc.Arbitrary<string>, maxDepth: number): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.constant(null),
      fc.boolean(),
      number,
      strings,
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(keys, tie('value'), { maxKeys: 5, noNullPrototype: true }),
    ),
  }));
  return value;
}

// fast-check's own JSON values, with any code point in strings, and ours, with the edge numbers and keys.
const jsonValue = fc.oneof(fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }), jsonOf(unicode, key, 6));

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

/** Whether a parsed JSON value holds what canonical JSON cannot write: a lone surrogate, a number out of range. */
function unwritable(value: unknown): boolean {
  if (typeof value === 'string') return !wellFormed(value);
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(unwritable);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => !wellFormed(k) || unwritable(v));
  return false;
}

/** What parseCanonicalJson must answer: the value when `text` is exactly the canonical JSON of what it parses to. */
function expected(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (unwritable(value)) return undefined;
  return canonicalJson(value) === text ? { value } : undefined;
}

/** The contract for any text: its value when it is canonical, else undefined, never a throw. */
function checkParse(text: string): void {
  const result = parseCanonicalJson(text);
  const want = expected(text);
  expect(result).toEqual(want);
  if (result) expect(canonicalJson(result.value)).toBe(text);
  expect(isCanonicalJson(text)).toBe(result !== undefined);
}

/** Changes a canonical text the ways writers differ: whitespace, escapes, number forms, order, duplicates. */
const textMutation = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0') }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    s: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '0', '-', '.', 'e', 'E', '+', '\\u0061', '\ud800'),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    from: fc.constantFrom('"', ':', ',', '0', '1', 'e', 'a', '/'),
    to: fc.constantFrom('\\"', ': ', ' ,', '0.0', '1e0', 'E', '\\u0061', '\\/', '1.0', '-0', '00', '1e400'),
  }),
);
type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateText(text: string, m: TextMutation): string {
  const at = m.at % (text.length + 1);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.s + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + 1);
    case 'swap':
      return at + 1 < text.length ? text.slice(0, at) + text[at + 1]! + text[at]! + text.slice(at + 2) : text;
    case 'replace': {
      const i = text.indexOf(m.from, at);
      return i < 0 ? text : text.slice(0, i) + m.to + text.slice(i + m.from.length);
    }
  }
}

/** An object written member by member in the given order, duplicates and all. */
const memberValue = fc.oneof(
  { arbitrary: jsonValue.map((v) => JSON.stringify(v)), weight: 5 },
  fc.constantFrom('1e400', '-1e999', '"\\udc00"', '1.0', '-0', ' 1'),
);
const membersText = fc
  .array(fc.tuple(key, memberValue), { minLength: 2, maxLength: 6 })
  .chain((members) =>
    fc.tuple(fc.shuffledSubarray(members, { minLength: members.length }), fc.nat(members.length - 1), fc.boolean()),
  )
  .map(([members, dup, duplicate]) => {
    const list = duplicate ? [...members, members[dup]!] : members;
    return `{${list.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  })
  .filter((text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false; // a lone surrogate JSON.stringify escaped is still JSON; an undefined member is not
    }
  });

/** Arrays and objects nested a few hundred deep, sometimes with a fault at the bottom or an end missing. */
const nestedText = fc
  .record({
    depth: fc.integer({ min: 1, max: 400 }),
    kinds: fc.array(fc.constantFrom('[', '{'), { minLength: 1, maxLength: 3 }),
    leaf: fc.constantFrom('', '1', '"x"', 'null', '1.0', ' ', '"\\ud800"', '1e400'),
    cut: fc.nat(3),
  })
  .map(({ depth, kinds, leaf, cut }) => {
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
      const kind = kinds[i % kinds.length]!;
      open += kind === '[' ? '[' : '{"k":';
      close = (kind === '[' ? ']' : '}') + close;
    }
    // An object needs a value at the bottom: with none, it is not JSON, as it should not be.
    return open + leaf + close.slice(0, close.length - (cut === 0 ? 1 : 0));
  });

describe('canonical JSON', () => {
  it('parses the canonical text of any JSON value back to an equal value, and knows it for canonical', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = canonicalJson(value);
        const back = parseCanonicalJson(text);
        expect(back).toBeDefined();
        // JSON has no -0: it comes back as 0, as JSON.parse(JSON.stringify(…)) makes it.
        expect(back!.value).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(back!.value)).toBe(text);
        expect(isCanonicalJson(text)).toBe(true);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('refuses to write a value with a lone surrogate, with a TypeError', () => {
    const strings = fc.tuple(unicode, loneSurrogate, unicode).map(([a, s, b]) => a + s + b);
    fc.assert(
      fc.property(fc.oneof(jsonOf(strings, key, 3), jsonOf(unicode, strings, 3)).filter(unwritable), (value) => {
        expect(() => canonicalJson(value)).toThrow(TypeError);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('answers for any text: the value if it is canonical, else undefined, and nothing else', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', 'a', '\\', ' ', 'e', '-', '.') }),
      jsonValue.map((v) => JSON.stringify(v)),
      fc.tuple(jsonValue, fc.constantFrom(1, 2, '\t', ' \r\n')).map(([v, indent]) => JSON.stringify(v, null, indent)),
      fc
        .tuple(jsonValue, fc.array(textMutation, { minLength: 1, maxLength: 3 }))
        .map(([v, ms]) => ms.reduce(mutateText, canonicalJson(v))),
      membersText,
      nestedText,
      fc
        .tuple(
          jsonOf(
            fc.tuple(unicode, loneSurrogate).map(([a, s]) => a + s),
            key,
            3,
          ),
          fc.boolean(),
        )
        .map(([v, escaped]) => {
          const t = JSON.stringify(v);
          // JSON.stringify escapes lone surrogates; unescaped, they are what a decoder that lets them pass makes.
          return escaped
            ? t
            : t.replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        }),
    );
    fc.assert(fc.property(text, checkParse), { seed: SEED, numRuns: 1500 });
  });

  it('reads nesting a few hundred levels deep without running out of stack', () => {
    for (const depth of [100, 400]) {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        const text = open.repeat(depth) + '0' + close.repeat(depth);
        expect(parseCanonicalJson(text)).toEqual({ value: JSON.parse(text) });
        checkParse(text.replace('0', '0 '));
      }
    }
  });

  // Found by the properties above: text whose value canonicalJson cannot write is not canonical.
  it('returns undefined, not a TypeError, for a lone surrogate: "\\ud800"', () => {
    expect(parseCanonicalJson('"\\ud800"')).toBeUndefined();
  });
  it('returns undefined, not a TypeError, for a number out of range among unsorted keys: {"b":1e400,"a":0}', () => {
    expect(parseCanonicalJson('{"b":1e400,"a":0}')).toBeUndefined();
  });
});
