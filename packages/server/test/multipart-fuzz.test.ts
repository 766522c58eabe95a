// Differential fuzzing of the server's multipart parser against busboy, the reference: on every
// body, either both accept with the same parts (names, filenames, file-or-not, media types, exact
// bytes), or ours refuses with a Problem, and ours never throws anything else. Where ours refuses
// on purpose what busboy reads some way, or reads what busboy skips, the difference is listed (and
// shown on busboy) under "where busboy differs on purpose".
//
// Seeded and bounded: a fixed seed and a fixed number of runs per property (300 well-formed
// forms, 3,000 garbled ones, 2,000 random inputs: a few seconds in all). On a failure fast-check
// prints the seed, the path and the smallest counterexample it found; replay it with
// MULTIPART_FUZZ_SEED=<seed>, or explore further with another seed and MULTIPART_FUZZ_RUNS=<factor>.
import busboy from 'busboy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readParts, type Part } from '../src/core/multipart.js';
import { Problem } from '../src/core/problems.js';

const SEED = Number(process.env['MULTIPART_FUZZ_SEED'] ?? 7578);
const RUNS = Number(process.env['MULTIPART_FUZZ_RUNS'] ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.round(n * RUNS) });
const TIMEOUT = 30_000 * Math.max(1, RUNS);
const MiB = 1024 * 1024;

const encoder = new TextEncoder();
const bytesOf = (...chunks: Array<Uint8Array | string>): Uint8Array =>
  new Uint8Array(Buffer.concat(chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c))));
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

/** A part as either parser gives it. busboy has no "no media type": it says text/plain. */
interface Seen {
  name: string | undefined;
  filename: string | undefined;
  isFile: boolean;
  mediaType: string;
  bytes: Uint8Array | undefined;
}
type Outcome = { accepted: true; parts: Seen[] } | { accepted: false; why: string };

/** Ours; a Problem is a refusal, any other exception fails the test. */
function ours(contentType: string, body: Uint8Array, maxPartBytes = MiB, maxParts = 64): Outcome {
  let parts: Part[];
  try {
    parts = readParts(contentType, body, maxPartBytes, maxParts);
  } catch (e) {
    if (e instanceof Problem) return { accepted: false, why: `${e.type}: ${String(e.detail)}` };
    throw new Error(`the parser threw something that is not a Problem: ${String(e)}`, { cause: e });
  }
  return {
    accepted: true,
    parts: parts.map((p) => ({ ...p, mediaType: p.mediaType ?? 'text/plain', bytes: new Uint8Array(p.bytes) })),
  };
}

/**
 * busboy, fed the same bytes in one write. Its options make it comparable: parameter values read
 * as UTF-8 (as ours), filenames kept whole (no basename), fields read as Latin-1 so that their
 * strings give back their exact bytes, and no size or count limits.
 */
function theirs(contentType: string, body: Uint8Array): Promise<Outcome> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        defCharset: 'latin1',
        preservePath: true,
        limits: { fieldSize: Infinity, fileSize: Infinity, parts: Infinity, fields: Infinity, files: Infinity },
      });
    } catch (e) {
      resolve({ accepted: false, why: String(e) });
      return;
    }
    const parts: Seen[] = [];
    let error: unknown;
    parser.on('field', (name, value: string | undefined, info) => {
      // A field in a charset busboy cannot decode has no value: its bytes are not compared.
      const bytes = value === undefined ? undefined : Buffer.from(value, 'latin1');
      parts.push({ name, filename: undefined, isFile: false, mediaType: info.mimeType, bytes });
    });
    parser.on('file', (name, stream, info) => {
      const part: Seen = {
        name,
        filename: info.filename,
        isFile: true,
        mediaType: info.mimeType,
        bytes: new Uint8Array(),
      };
      parts.push(part);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => (part.bytes = Buffer.concat(chunks)));
      stream.on('error', (e) => (error ??= e));
    });
    parser.on('error', (e) => (error ??= e));
    parser.on('close', () => resolve(error ? { accepted: false, why: String(error) } : { accepted: true, parts }));
    parser.end(Buffer.from(body));
  });
}

/**
 * The parts ours and busboy's agree. One difference is allowed for: a part whose `filename` is
 * empty is a file to us (RFC 7578 §4.2: the parameter is there), while busboy takes an empty
 * filename for none; its file-or-not is not compared, its bytes and the rest are.
 */
function expectSameParts(mine: Seen[], reference: Seen[]): void {
  expect(reference.map((p) => p.name)).toEqual(mine.map((p) => p.name));
  mine.forEach((part, i) => {
    const other = reference[i]!;
    expect(other.mediaType).toBe(part.mediaType);
    if (part.filename !== '') {
      expect(other.isFile).toBe(part.isFile);
      if (other.isFile) expect(other.filename).toBe(part.filename);
    }
    if (other.bytes) expect(sameBytes(other.bytes, part.bytes!)).toBe(true);
  });
}

/**
 * RFC 2046 transport padding (spaces and tabs between a boundary and its CRLF) is read by ours
 * and not by busboy, which then skips the part that follows: busboy is given the body without it.
 * Only for bodies ours accepted, whose delimiters are then exactly the boundary's occurrences.
 */
function withoutPadding(body: Uint8Array, boundary: string): Uint8Array {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const source = Buffer.from(body);
  const kept: Uint8Array[] = [];
  let from = 0;
  let at = 2 + boundary.length; // after the opening "--boundary"
  for (;;) {
    if (source[at] === 0x2d && source[at + 1] === 0x2d) break;
    kept.push(source.subarray(from, at));
    while (source[at] === 0x20 || source[at] === 0x09) at++;
    from = at;
    const next = source.indexOf(delimiter, at);
    if (next === -1) break;
    at = next + delimiter.length;
  }
  kept.push(source.subarray(from));
  return bytesOf(...kept);
}

// ---------------------------------------------------------------------------------------------
// Generators

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BCHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'()+_,-./:=?";
const OWS = fc.constantFrom('', '', ' ', '\t', '  ');

/** A string with each letter's case flipped by a random mask. */
const mixedCase = (s: string) =>
  fc
    .nat()
    .map((mask) =>
      [...s]
        .map((c, i) => ((mask >> (i % 30)) & 1 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c))
        .join(''),
    );

const boundaryArb = fc.oneof(
  fc.stringMatching(/^[0-9]{11}$/).map((d) => `----formdata-undici-0${d}`),
  fc.stringMatching(/^[0-9A-Za-z]{16}$/).map((s) => `----WebKitFormBoundary${s}`),
  fc.constantFrom('B', 'a b', '--', "'()+_,-./:=?", 'x'.repeat(70)),
  fc.string({ unit: fc.constantFrom(...BCHARS, ' '), minLength: 1, maxLength: 70 }).filter((s) => !s.endsWith(' ')),
);

/** Names and filenames: the characters and snippets that confuse parameter readers. */
const adversarialText = (minLength: number) =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
        { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }) },
        {
          weight: 4,
          arbitrary: fc.constantFrom(
            '"',
            '\\',
            '\\\\',
            '\\"',
            ';',
            '=',
            ' ',
            '\t',
            "'",
            '%',
            '%22',
            '*',
            'name=',
            'name="document"',
            '; name=document',
            ' name = "signature"',
            'filename=',
            "filename*=UTF-8''x",
            'NaMe=x',
            'ż',
            'zażółć gęślą jaźń',
            'Привіт',
            '€',
            '😀',
            '\u00a0',
            '\u0085',
            '\ufeff',
            'document',
            'C:\\fakepath\\a.pdf',
          ),
        },
      ),
      { minLength: minLength, maxLength: 6 },
    )
    .map((pieces) => pieces.join(''))
    // No control characters (bar HTAB) can be written in a header value.
    .filter((s) => s.length >= minLength && ![...s].some((c) => (c < ' ' && c !== '\t') || c === '\x7f'));

/**
 * A parameter value written as a token when it can be (and the coin says so), else a quoted
 * string: RFC 9110's (every `"` and `\` escaped) or a browser's (a backslash raw where that
 * cannot be read as an escape).
 */
const written = (value: string) =>
  fc.constantFrom('token', 'rfc', 'browser').map((how) => {
    if (how === 'token' && TCHAR.test(value)) return value;
    if (how === 'rfc') return `"${value.replace(/[\\"]/g, '\\$&')}"`;
    return `"${value.replace(/\\(?=["\\]|$)|"/g, '\\$&')}"`;
  });

/** An RFC 8187 ext-value for `value`: UTF-8, its bytes that are not attr-char percent-encoded. */
const extValue = (value: string) =>
  fc.tuple(fc.constantFrom("UTF-8''", "utf-8''", "UTF-8'pl'", "utf-8'en-GB'"), fc.boolean()).map(([prefix, lower]) => {
    let out = prefix;
    for (const byte of encoder.encode(value)) {
      const c = String.fromCharCode(byte);
      out += /[A-Za-z0-9!#$&+\-.^_`|~]/.test(c) ? c : `%${byte.toString(16).padStart(2, '0')}`;
    }
    return lower ? out.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()) : out;
  });

const MEDIA_TYPES = [
  'application/json',
  'Application/PDF',
  'text/plain',
  'application/octet-stream',
  'APPLICATION/OCTET-STREAM',
  'image/jpeg',
  'application/pkcs7-signature',
  'x-Custom/y.z+json',
];

/** Content: random bytes and the bytes a delimiter is made of, but never a delimiter. */
const contentArb = (boundary: string, maxPieces: number) =>
  fc
    .array(
      fc.oneof(
        fc.uint8Array({ maxLength: 40 }),
        fc.constantFrom('\r\n', '\r', '\n', '--', '\r\n--', '\r\n\r\n', '"', ';').map((s) => encoder.encode(s)),
        fc
          .constantFrom(
            `--${boundary}`,
            `\r\n-${boundary}`,
            `\r\n--${boundary.slice(0, -1)}`,
            `\n--${boundary}`,
            `\r--${boundary}--`,
            boundary,
          )
          .map((s) => encoder.encode(s)),
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => bytesOf(...pieces))
    // Content follows a CRLF: it may not hold the delimiter, nor open with the boundary (RFC 2046).
    .filter((content) => Buffer.from(bytesOf('\r\n', content)).indexOf(`\r\n--${boundary}`) === -1);

/** Deliberate refusals a part can carry (see "where busboy differs"), or none. */
type Quirk =
  | 'none'
  | 'space-around-equals'
  | 'duplicate-name'
  | 'no-name'
  | 'folded-header'
  | 'two-dispositions'
  | 'empty-parameter'
  | 'other-charset'
  | 'empty-ext-value';

interface GeneratedPart {
  headers: string;
  quirk: Quirk;
  expected: Seen;
}

const partArb = (boundary: string, maxPieces: number, quirks: boolean) =>
  fc
    .record({
      name: adversarialText(1),
      filename: fc.option(adversarialText(1), { freq: 2 }),
      filenameStar: fc.option(adversarialText(1), { freq: 4 }),
      mediaType: fc.option(fc.constantFrom(...MEDIA_TYPES), { freq: 3 }),
      // busboy reads a field in its part's charset: in Latin-1 it gives back the exact bytes.
      charset: fc.constantFrom('', '; charset=iso-8859-1', ';charset="ISO-8859-1"', ' ; Charset=latin1'),
      decoys: fc.subarray(['foo=bar', 'x="; name=\\"document\\""', 'size=123', "title*=UTF-8''%C5%BC", 'n="a\\b"']),
      extra: fc.subarray([
        'X-Note: "; name=evil"',
        'Content-Transfer-Encoding: binary',
        'Content-ID: <a@b>',
        'X-Empty:',
      ]),
      content: contentArb(boundary, maxPieces),
      quirk: quirks
        ? fc.constantFrom<Quirk>(
            'none',
            'none',
            'none',
            'space-around-equals',
            'duplicate-name',
            'no-name',
            'folded-header',
            'two-dispositions',
            'empty-parameter',
            'other-charset',
            'empty-ext-value',
          )
        : fc.constant<Quirk>('none'),
      order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
      ows: fc.array(OWS, { minLength: 12, maxLength: 12 }),
    })
    .chain((p) =>
      fc
        .record({
          name: written(p.name),
          filename: p.filename === null ? fc.constant(null) : written(p.filename),
          filenameStar: p.filenameStar === null ? fc.constant(null) : extValue(p.filenameStar),
          nameKey: mixedCase('name'),
          filenameKey: mixedCase('filename'),
          dispositionName: mixedCase('Content-Disposition'),
          dispositionType: mixedCase('form-data'),
          contentTypeName: mixedCase('Content-Type'),
        })
        .map((w): GeneratedPart => {
          const ows = (i: number) => p.ows[i]!;
          const params: string[] = [];
          if (p.quirk === 'space-around-equals') params.push(`${w.nameKey} = ${w.name}`);
          else if (p.quirk !== 'no-name') params.push(`${w.nameKey}=${w.name}`);
          if (p.quirk === 'duplicate-name') params.push(`NAME="other"`);
          if (w.filename !== null) params.push(`${w.filenameKey}=${w.filename}`);
          if (w.filenameStar !== null) params.push(`${w.filenameKey}*=${w.filenameStar}`);
          if (p.quirk === 'other-charset') params.push("filename*=windows-1250''plik.pdf");
          if (p.quirk === 'empty-ext-value') params.push("title*=UTF-8''");
          params.push(...p.decoys);
          const order = params.map((param, i) => [p.order[i]!, param] as const).sort((a, b) => a[0] - b[0]);
          let disposition = `${w.dispositionName}:${ows(0)}${w.dispositionType}`;
          order.forEach(([, param], i) => (disposition += `${ows(i + 1)};${ows(i + 2)}${param}`));
          if (p.quirk === 'empty-parameter') disposition += '; ;';
          disposition += ows(11);
          if (p.quirk === 'folded-header') disposition = disposition.replace(';', ';\r\n ');
          const lines = [disposition, ...p.extra];
          if (p.quirk === 'two-dispositions') lines.push(`Content-Disposition: form-data; name="other"`);
          if (p.mediaType !== null) lines.push(`${w.contentTypeName}:${ows(3)}${p.mediaType}${p.charset}${ows(4)}`);
          const shuffled = lines.map((line, i) => [p.order[i]!, line] as const).sort((a, b) => a[0] - b[0]);
          const mediaType = p.mediaType?.toLowerCase() ?? 'text/plain';
          const filename = p.filenameStar ?? p.filename ?? undefined;
          const isFile = filename !== undefined || mediaType === 'application/octet-stream';
          return {
            headers: shuffled.map(([, line]) => line).join('\r\n'),
            quirk: p.quirk,
            expected: { name: p.name, filename, isFile, mediaType, bytes: p.content },
          };
        }),
    );

interface GeneratedForm {
  contentType: string;
  boundary: string;
  body: Uint8Array;
  /** The body with transport padding, when the form has some; the body without is `body`. */
  padded: Uint8Array | undefined;
  quirks: Quirk[];
  expected: Seen[];
}

const formArb = ({ maxParts = 6, maxPieces = 8, quirks = false } = {}) =>
  fc
    .record({
      boundary: boundaryArb,
      quoted: fc.boolean(),
      typeName: mixedCase('multipart/form-data'),
      typeOws: fc.tuple(OWS, OWS),
      charset: fc.constantFrom('', '; charset=utf-8', ';CHARSET="utf-8"'),
      charsetFirst: fc.boolean(),
      epilogue: fc.oneof(fc.constant(''), fc.constant('\r\n'), fc.uint8Array({ maxLength: 30 })),
      padding: fc.option(fc.constantFrom(' ', '\t', ' \t  '), { freq: 5 }),
    })
    // An epilogue with a boundary in it is refused (see "where busboy differs").
    .filter((f) => Buffer.from(f.epilogue).indexOf(`\r\n--${f.boundary}`) === -1)
    .chain((f) =>
      fc.record({
        f: fc.constant(f),
        parts: fc.array(partArb(f.boundary, maxPieces, quirks), { minLength: 1, maxLength: maxParts }),
      }),
    )
    .map(({ f, parts }): GeneratedForm => {
      const boundaryParam = `boundary=${f.quoted || !TCHAR.test(f.boundary) ? `"${f.boundary}"` : f.boundary}`;
      const params = f.charsetFirst
        ? [f.charset, `;${f.typeOws[1]}${boundaryParam}`]
        : [`;${f.typeOws[1]}${boundaryParam}`, f.charset];
      const contentType = `${f.typeName}${f.typeOws[0]}${params.join('')}`;
      const build = (padding: string) =>
        bytesOf(
          ...parts.flatMap((part, i) => [
            i === 0 ? `--${f.boundary}` : `\r\n--${f.boundary}`,
            padding,
            '\r\n',
            part.headers,
            '\r\n\r\n',
            part.expected.bytes!,
          ]),
          `\r\n--${f.boundary}--`,
          f.epilogue,
        );
      return {
        contentType,
        boundary: f.boundary,
        body: build(''),
        padded: f.padding === null ? undefined : build(f.padding),
        quirks: parts.map((part) => part.quirk).filter((q) => q !== 'none'),
        expected: parts.map((part) => part.expected),
      };
    });

/** Where in a body (modulo its length): unbiased, else fast-check would favour its first bytes. */
const position = fc.noBias(fc.nat());

/** One change to a body: a byte, an insertion of what parsers key on, a cut, a copy. */
const mutationArb = (boundary: string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        at: position,
        byte: fc.oneof(
          fc.integer({ min: 0, max: 255 }),
          fc.constantFrom(13, 10, 34, 92, 59, 61, 32, 9, 45, 58, 0, 127, 0xc5, 0xff),
        ),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        at: position,
        text: fc.oneof(
          fc
            .constantFrom(
              '\r\n',
              '\r\n\r\n',
              ' ',
              '\t',
              '"',
              '\\',
              ';',
              '=',
              ':',
              '; name="evil"',
              'filename*=',
              "UTF-8''%ff",
              '\r\n ',
              `--${boundary}`,
              `\r\n--${boundary}`,
              `\r\n--${boundary}--`,
              `\r\n--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n`,
              'Content-Type: text/plain\r\n',
            )
            .map((s) => encoder.encode(s)),
          fc.uint8Array({ minLength: 1, maxLength: 4 }),
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('delete' as const),
        at: position,
        length: fc.integer({ min: 1, max: 8 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('copy' as const),
        at: position,
        length: fc.integer({ min: 1, max: 24 }),
        to: position,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: position }) },
  );
type Mutation = typeof mutationArb extends (b: string) => fc.Arbitrary<infer M> ? M : never;

function mutate(body: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = body;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'set' && at < out.length) {
      out = new Uint8Array(out);
      out[at] = m.byte;
    } else if (m.kind === 'insert') out = bytesOf(out.subarray(0, at), m.text, out.subarray(at));
    else if (m.kind === 'delete') out = bytesOf(out.subarray(0, at), out.subarray(at + m.length));
    else if (m.kind === 'copy') {
      const to = m.to % (out.length + 1);
      out = bytesOf(out.subarray(0, to), out.subarray(at, at + m.length), out.subarray(to));
    } else if (m.kind === 'cut') out = out.subarray(0, at);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('readParts against busboy', () => {
  it(
    'reads well-formed bodies with adversarial names, filenames and content as busboy does',
    async () => {
      await fc.assert(
        fc.asyncProperty(formArb({ quirks: true }), async (form) => {
          const mine = ours(form.contentType, form.body);
          if (form.quirks.length > 0) {
            // A deliberate difference: ours refuses what busboy reads some way (see below).
            expect(mine).toMatchObject({ accepted: false, why: expect.stringMatching(/^multipart-shape: /) });
            return;
          }
          if (!mine.accepted) throw new Error(`refused a well-formed body: ${mine.why}`);
          expect(mine.parts.map((p) => p.name)).toEqual(form.expected.map((p) => p.name));
          mine.parts.forEach((part, i) => {
            const expected = form.expected[i]!;
            expect([part.filename, part.isFile, part.mediaType]).toEqual([
              expected.filename,
              expected.isFile,
              expected.mediaType,
            ]);
            expect(sameBytes(part.bytes!, expected.bytes!)).toBe(true);
          });
          const reference = await theirs(form.contentType, form.body);
          if (!reference.accepted) throw new Error(`busboy refused a well-formed body: ${reference.why}`);
          expectSameParts(mine.parts, reference.parts);
          if (form.padded) {
            // Transport padding: ours reads the same parts; busboy is compared without it.
            const padded = ours(form.contentType, form.padded);
            if (!padded.accepted) throw new Error(`refused a body with transport padding: ${padded.why}`);
            expectSameParts(padded.parts, mine.parts);
          }
        }),
        runs(300),
      );
    },
    TIMEOUT,
  );

  it(
    'on garbled bodies, either reads what busboy reads or refuses with a problem',
    async () => {
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          formArb({ maxParts: 3, maxPieces: 3 }).chain((form) =>
            fc.record({
              form: fc.constant(form),
              mutations: fc.array(mutationArb(form.boundary), { minLength: 1, maxLength: 3 }),
            }),
          ),
          async ({ form, mutations }) => {
            const body = mutate(form.padded ?? form.body, mutations);
            const mine = ours(form.contentType, body);
            if (!mine.accepted) return;
            accepted++;
            const reference = await theirs(form.contentType, withoutPadding(body, form.boundary));
            if (!reference.accepted) throw new Error(`ours accepted what busboy refuses: ${reference.why}`);
            expectSameParts(mine.parts, reference.parts);
          },
        ),
        runs(3000),
      );
      // The mutations must leave enough bodies whole for the comparison to mean something.
      expect(accepted).toBeGreaterThan(150 * RUNS);
    },
    TIMEOUT,
  );

  it(
    'never throws anything but a problem, whatever the bytes, content type and limits',
    () => {
      const contentTypes = fc.oneof(
        fc.constant('multipart/form-data; boundary=B'),
        fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `multipart/form-data; boundary=${s}`),
        fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
      );
      const bodies = fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc
          .array(
            fc.constantFrom(
              '--B',
              '\r\n--B',
              '--',
              '\r\n',
              '\r\n\r\n',
              'Content-Disposition: form-data; name="a"',
              'x',
            ),
            { maxLength: 12 },
          )
          .map((pieces) => bytesOf(...pieces)),
      );
      fc.assert(
        fc.property(
          contentTypes,
          bodies,
          fc.nat(64),
          fc.integer({ min: 1, max: 8 }),
          (contentType, body, max, maxParts) => {
            ours(contentType, body, max, maxParts);
          },
        ),
        runs(2000),
      );
    },
    TIMEOUT,
  );
});

describe('where busboy differs on purpose', () => {
  // Each body here busboy accepts in some way (shown), and ours refuses: readers that disagree on
  // a form's parts are how a part gets past one of them, so what is ambiguous is refused.
  const B = 'multipart/form-data; boundary=B';
  const form = (...parts: string[]) => `--B\r\n${parts.join('\r\n--B\r\n')}\r\n--B--`;
  const differences: Array<[string, string, string, Array<Partial<Seen>>, RegExp]> = [
    [
      // RFC 9110 §5.6.6 has no whitespace around "="; busboy skips such a part.
      'whitespace around "=" in a parameter',
      B,
      form('Content-Disposition: form-data; name = "a"\r\n\r\nx'),
      [],
      /"=" right after/,
    ],
    [
      // busboy takes the first name; another reader may take the last.
      'a name given twice',
      B,
      form('Content-Disposition: form-data; name="a"; name="b"\r\n\r\nx'),
      [{ name: 'a' }],
      /appears twice/,
    ],
    [
      // busboy emits the part with no name.
      'a part without a name',
      B,
      form('Content-Disposition: form-data\r\n\r\nx'),
      [{ name: undefined }],
      /needs a name/,
    ],
    [
      // busboy skips a part without Content-Disposition (or with another disposition) silently.
      'a part without Content-Disposition',
      B,
      form('Content-Type: text/plain\r\n\r\nx', 'Content-Disposition: form-data; name="b"\r\n\r\ny'),
      [{ name: 'b' }],
      /Content-Disposition: form-data/,
    ],
    [
      // busboy reads the first of two Content-Disposition (or Content-Type) headers.
      'two Content-Disposition headers',
      B,
      form('Content-Disposition: form-data; name="a"\r\nContent-Disposition: form-data; name="b"\r\n\r\nx'),
      [{ name: 'a' }],
      /two Content-Disposition/,
    ],
    [
      // busboy takes a Content-Type it cannot read for text/plain.
      'a malformed Content-Type',
      B,
      form('Content-Disposition: form-data; name="a"\r\nContent-Type: application\r\n\r\nx'),
      [{ name: 'a', mediaType: 'text/plain' }],
      /type\/subtype/,
    ],
    [
      // RFC 9112 §5.2 obsoletes line folding; busboy joins the lines.
      'a folded header',
      B,
      form('Content-Disposition: form-data;\r\n name="a"\r\n\r\nx'),
      [{ name: 'a' }],
      /folded/,
    ],
    [
      // busboy reads part headers as Latin-1 (or replaces what is not UTF-8).
      'part headers that are not UTF-8',
      B,
      `--B\r\nContent-Disposition: form-data; name="\xff"\r\n\r\nx\r\n--B--`,
      [{ name: '\ufffd' }],
      /UTF-8/,
    ],
    [
      // RFC 8187 asks for UTF-8 (and allows ISO-8859-1); busboy reads some other charsets too.
      'a filename* in another charset',
      B,
      form('Content-Disposition: form-data; name="a"; filename*=us-ascii\'\'a.pdf\r\n\r\nx'),
      [{ name: 'a', filename: 'a.pdf', isFile: true }],
      /UTF-8 or ISO-8859-1/,
    ],
    [
      // RFC 2046 keeps the boundary out of every part, headers too; busboy ends the part there.
      'the boundary inside part headers',
      B,
      '--B\r\nContent-Disposition: form-data; name="a"\r\n--B: x\r\n\r\nx\r\n--B\r\nContent-Disposition: form-data; name="b"\r\n\r\ny\r\n--B--',
      [{ name: 'b' }],
      /headers do not end/,
    ],
    [
      // busboy skips what follows a boundary that goes on, up to the next boundary.
      'a boundary line that goes on',
      B,
      '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--BX\r\nContent-Disposition: form-data; name="b"\r\n\r\ny\r\n--B--',
      [{ name: 'a' }],
      /CRLF/,
    ],
    [
      // busboy skips a preamble (RFC 2046 allows one; a browser never sends it).
      'a preamble',
      B,
      `preamble\r\n${form('Content-Disposition: form-data; name="a"\r\n\r\nx')}`,
      [{ name: 'a' }],
      /start with its boundary/,
    ],
    [
      // RFC 2046 ignores the epilogue; busboy reads on for parts in it (from its second boundary on,
      // when it came in the same chunk).
      'a part after the closing boundary',
      B,
      `${form('Content-Disposition: form-data; name="a"\r\n\r\nx')}\r\n--B\r\n${form('Content-Disposition: form-data; name="b"\r\n\r\ny')}`,
      [{ name: 'a' }, { name: 'b' }],
      /follows the closing boundary/,
    ],
    [
      // busboy accepts a form without parts.
      'no parts',
      B,
      '--B--',
      [],
      /no parts/,
    ],
    [
      // RFC 2046 §5.1.1: a boundary is 1 to 70 of its characters; busboy takes any parameter value.
      'a boundary with characters RFC 2046 does not allow',
      'multipart/form-data; boundary="a;b"',
      '--a;b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--a;b--',
      [{ name: 'a' }],
      /boundary/,
    ],
  ];
  it.each(differences)('%s', async (_what, contentType, text, busboyReads, why) => {
    const body = Uint8Array.from(text, (c) => c.charCodeAt(0)); // the text is written byte by byte
    const reference = await theirs(contentType, body);
    expect(reference.accepted && reference.parts).toMatchObject(busboyReads);
    const mine = ours(contentType, body);
    expect(mine.accepted).toBe(false);
    expect(!mine.accepted && mine.why).toMatch(why);
  });

  it('takes an empty filename for a file, where busboy takes it for none', async () => {
    const body = encoder.encode(form('Content-Disposition: form-data; name="a"; filename=""\r\n\r\nx'));
    expect(await theirs(B, body)).toMatchObject({ accepted: true, parts: [{ name: 'a', isFile: false }] });
    expect(ours(B, body)).toMatchObject({ accepted: true, parts: [{ name: 'a', filename: '', isFile: true }] });
  });

  it('reads transport padding (RFC 2046), where busboy skips the part after it', async () => {
    const body = encoder.encode('--B \r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--B--');
    expect(await theirs(B, body)).toEqual({ accepted: true, parts: [] });
    expect(ours(B, body)).toMatchObject({ accepted: true, parts: [{ name: 'a' }] });
  });
});
