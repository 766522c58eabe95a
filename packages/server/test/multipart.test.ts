import { parseMultipart } from '@remix-run/multipart-parser';
import { describe, expect, it } from 'vitest';
import { multipartBoundary, readParts, readPartsInTurns } from '../src/core/multipart.js';
import { Problem } from '../src/core/problems.js';

const MiB = 1024 * 1024;

/** A body as a browser's or undici's FormData encoder writes it, with its content type. */
async function encoded(form: FormData): Promise<{ contentType: string; body: Uint8Array }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    contentType: request.headers.get('content-type')!,
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

const bytes = (...values: number[]) => new Uint8Array(values);

function refusal(run: () => unknown): { type: string; detail: unknown } {
  try {
    run();
  } catch (e) {
    if (e instanceof Problem) return { type: e.type, detail: e.detail };
    throw e;
  }
  throw new Error('expected a problem');
}

describe('readParts', () => {
  it('reads what FormData encodes: names, files, media types and exact bytes', async () => {
    // Content that looks like a boundary, CR and LF, and bytes that are not UTF-8.
    const tricky = new Uint8Array([13, 10, 45, 45, 0, 255, 13, 10, 13, 10, 45, 45, 13]);
    const form = new FormData();
    form.append('document', new Blob(['{"a":"zażółć"}'], { type: 'application/json' }), 'd.json');
    form.append('signature', new Blob([tricky], { type: 'application/pkcs7-signature' }), 'd.p7s');
    form.append('note', 'plain "text" field; with = signs');
    form.append('empty', new Blob([], { type: 'application/pdf' }), 'pusty "plik".pdf');
    form.append('pole-żółte', 'ąę');
    const { contentType, body } = await encoded(form);
    const parts = readParts(contentType, body, MiB);
    expect(parts.map((p) => [p.name, p.isFile, p.mediaType])).toEqual([
      ['document', true, 'application/json'],
      ['signature', true, 'application/pkcs7-signature'],
      ['note', false, undefined],
      ['empty', true, 'application/pdf'],
      ['pole-żółte', false, undefined],
    ]);
    expect(new TextDecoder().decode(parts[0]!.bytes)).toBe('{"a":"zażółć"}');
    expect(parts[1]!.bytes).toEqual(tricky);
    expect(new TextDecoder().decode(parts[2]!.bytes)).toBe('plain "text" field; with = signs');
    expect(parts[3]!.bytes).toHaveLength(0);
    expect(new TextDecoder().decode(parts[4]!.bytes)).toBe('ąę');
  });

  it('gives the same parts as @remix-run/multipart-parser on random forms', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
    for (let round = 0; round < 200; round++) {
      const form = new FormData();
      const count = 1 + Math.floor(random() * 6);
      for (let i = 0; i < count; i++) {
        const content = Uint8Array.from({ length: Math.floor(random() ** 3 * 5000) }, () =>
          // Mostly CR, LF and dashes: the bytes a boundary is made of.
          random() < 0.5 ? [13, 10, 45][Math.floor(random() * 3)]! : Math.floor(random() * 256),
        );
        if (random() < 0.5)
          form.append(`part-${i}`, new Blob([content], { type: 'application/octet-stream' }), `f${i}`);
        else form.append(`field-${i}`, new TextDecoder().decode(content));
      }
      const { contentType, body } = await encoded(form);
      const ours = readParts(contentType, body, MiB).map((p) => ({
        name: p.name,
        isFile: p.isFile,
        mediaType: p.mediaType,
        bytes: [...p.bytes],
      }));
      const boundary = multipartBoundary(contentType)!;
      const theirs = [...parseMultipart(body, { boundary })].map((p) => ({
        name: p.name,
        isFile: p.isFile,
        mediaType: p.mediaType,
        bytes: [...p.bytes],
      }));
      expect(ours).toEqual(theirs);
    }
  });

  it('reads parameters with a tokenizer: a quoted filename that holds "; name=" does not rename the part', () => {
    const body = new TextEncoder().encode(
      '--B\r\nContent-Disposition: form-data; filename="x; name=document"; name="photo"\r\n' +
        'Content-Type: image/jpeg\r\n\r\njpeg\r\n--B--',
    );
    const parts = readParts('multipart/form-data; boundary=B', body, 10);
    expect(parts.map((p) => [p.name, p.filename, p.isFile, p.mediaType])).toEqual([
      ['photo', 'x; name=document', true, 'image/jpeg'],
    ]);
  });

  it('reads filename* (RFC 8187) before filename, parameter names in any case, and escapes in quoted strings', () => {
    const body = new TextEncoder().encode(
      [
        '--B',
        `Content-Disposition: FORM-DATA;FileName="fallback.pdf";  NAME="skan";filename*=UTF-8'pl'za%C5%BC%C3%B3%C5%82%C4%87%20%22x%22.pdf`,
        'content-type: Application/PDF; charset=binary',
        '',
        'pdf',
        '--B',
        String.raw`Content-Disposition: form-data; name="a\\\"b"; filename="C:\\fakepath\x.txt"`,
        '',
        'txt',
        '--B',
        "Content-Disposition: form-data; name=latin; filename*=iso-8859-1''%F3",
        '',
        '',
        '--B--',
      ].join('\r\n'),
    );
    const parts = readParts('multipart/form-data; boundary=B', body, 10);
    expect(parts.map((p) => [p.name, p.filename, p.isFile, p.mediaType])).toEqual([
      ['skan', 'zażółć "x".pdf', true, 'application/pdf'],
      ['a\\"b', 'C:\\fakepath\\x.txt', true, undefined],
      ['latin', 'ó', true, undefined],
    ]);
  });

  it('finds the boundary parameter with a tokenizer, not inside another quoted parameter', () => {
    expect(multipartBoundary('multipart/form-data; x="; boundary=evil;"; boundary=real')).toBe('real');
    expect(multipartBoundary('Multipart/Form-Data ;\tBOUNDARY="a b" ; charset=utf-8')).toBe('a b');
    expect(multipartBoundary('multipart/form-data; boundary=a; boundary=b')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data; boundary = a')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data; boundary="a "')).toBeUndefined();
    expect(multipartBoundary('multipart/form-datax; boundary=a')).toBeUndefined();
  });

  it('accepts a quoted boundary, transport padding and an epilogue', () => {
    const body = new TextEncoder().encode(
      '--a b\t \r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b--\r\nignored epilogue',
    );
    const parts = readParts('multipart/form-data; boundary="a b"', body, 10);
    expect(parts.map((p) => [p.name, new TextDecoder().decode(p.bytes)])).toEqual([['x', '1']]);
  });

  const part = (headers: string, content = 'x') => `${headers}\r\n\r\n${content}\r\n`;
  const ok = 'Content-Disposition: form-data; name="a"';
  const refused: Array<[string, string | undefined, string, string, RegExp]> = [
    ['no content type', undefined, '', 'unsupported-media-type', /boundary/],
    ['another content type', 'application/json', '{}', 'unsupported-media-type', /boundary/],
    ['multipart without a boundary', 'multipart/form-data', '', 'unsupported-media-type', /boundary/],
    [
      'a boundary over 70 characters',
      `multipart/form-data; boundary=${'b'.repeat(71)}`,
      '',
      'unsupported-media-type',
      /boundary/,
    ],
    ['an empty body', 'B', '', 'multipart-shape', /start with its boundary/],
    ['a preamble', 'B', `hello\r\n--B\r\n${part(ok)}--B--`, 'multipart-shape', /start with its boundary/],
    ['no closing boundary', 'B', `--B\r\n${part(ok)}`, 'multipart-shape', /closing boundary/],
    ['a cut-off body', 'B', `--B\r\n${ok}\r\n\r\nxyz`, 'multipart-shape', /closing boundary/],
    ['a boundary line that goes on', 'B', `--BX\r\n${part(ok)}--B--`, 'multipart-shape', /CRLF/],
    ['a part without headers', 'B', `--B\r\n\r\nx\r\n--B--`, 'multipart-shape', /name/],
    ['headers that never end', 'B', `--B\r\n${ok}\r\nx\r\n--B--`, 'multipart-shape', /headers/],
    [
      'a header line without a colon',
      'B',
      `--B\r\n${part(`${ok}\r\nnonsense`)}--B--`,
      'multipart-shape',
      /name: value/,
    ],
    ['no Content-Disposition', 'B', `--B\r\n${part('Content-Type: text/plain')}--B--`, 'multipart-shape', /form-data/],
    [
      'another disposition',
      'B',
      `--B\r\n${part('Content-Disposition: attachment; name="a"')}--B--`,
      'multipart-shape',
      /form-data/,
    ],
    [
      'a part without a name',
      'B',
      `--B\r\n${part('Content-Disposition: form-data; filename="a"')}--B--`,
      'multipart-shape',
      /name/,
    ],
    ['two dispositions', 'B', `--B\r\n${part(`${ok}\r\n${ok}`)}--B--`, 'multipart-shape', /two/],
    [
      'headers too long',
      'B',
      `--B\r\n${part(`${ok}\r\nX-Long: ${'x'.repeat(9000)}`)}--B--`,
      'multipart-shape',
      /too long/,
    ],
    [
      'too many parts',
      'B',
      `--B\r\n${part(ok)}--B\r\n${part(ok)}--B\r\n${part(ok)}--B--`,
      'multipart-shape',
      /more than 2/,
    ],
    ['a part over the limit', 'B', `--B\r\n${part(ok, 'x'.repeat(11))}--B--`, 'attachment-too-large', /larger than 10/],
    ['only the closing boundary', 'B', '--B--', 'multipart-shape', /no parts/],
    [
      'a boundary after the closing boundary',
      'B',
      `--B\r\n${part(ok)}--B--\r\n--B\r\n${part(ok)}--B--`,
      'multipart-shape',
      /follows the closing boundary/,
    ],
    [
      'the boundary inside part headers',
      'B',
      `--B\r\n${ok}\r\n--B: x\r\n\r\nx\r\n--B--`,
      'multipart-shape',
      /headers do not end/,
    ],
    [
      'content that opens with the boundary',
      'B',
      `--B\r\n${part(ok, '--B')}--B--`,
      'multipart-shape',
      /headers do not end/,
    ],
    ['a name given twice', 'B', `--B\r\n${part(`${ok}; NAME="b"`)}--B--`, 'multipart-shape', /"name" appears twice/],
    [
      'whitespace around "="',
      'B',
      `--B\r\n${part('Content-Disposition: form-data; name = "a"')}--B--`,
      'multipart-shape',
      /"=" right after/,
    ],
    [
      'an unterminated quoted string',
      'B',
      `--B\r\n${part('Content-Disposition: form-data; name="a\\"')}--B--`,
      'multipart-shape',
      /does not end/,
    ],
    [
      'parameters not separated by ";"',
      'B',
      `--B\r\n${part('Content-Disposition: form-data; name="a" filename="b"')}--B--`,
      'multipart-shape',
      /separated by ";"/,
    ],
    [
      'a folded header',
      'B',
      `--B\r\n${part('Content-Disposition: form-data;\r\n name="a"')}--B--`,
      'multipart-shape',
      /folded/,
    ],
    [
      'a space before the colon',
      'B',
      `--B\r\n${part('Content-Disposition : form-data; name="a"')}--B--`,
      'multipart-shape',
      /name: value/,
    ],
    [
      'a control character',
      'B',
      `--B\r\n${part(`${ok}\r\nX-Note: a\nb`)}--B--`,
      'multipart-shape',
      /control character/,
    ],
    [
      'a malformed Content-Type',
      'B',
      `--B\r\n${part(`${ok}\r\nContent-Type: application`)}--B--`,
      'multipart-shape',
      /type\/subtype/,
    ],
    [
      'a filename* in another charset',
      'B',
      `--B\r\n${part(`${ok}; filename*=windows-1250''a.pdf`)}--B--`,
      'multipart-shape',
      /UTF-8 or ISO-8859-1/,
    ],
    [
      'a filename* that is not UTF-8',
      'B',
      `--B\r\n${part(`${ok}; filename*=UTF-8''%C5`)}--B--`,
      'multipart-shape',
      /not UTF-8/,
    ],
    [
      'too many header lines',
      'B',
      `--B\r\n${part([ok, ...Array.from({ length: 32 }, () => 'X-A: 1')].join('\r\n'))}--B--`,
      'multipart-shape',
      /more than 32 header lines/,
    ],
    [
      'a boundary outside RFC 2046 characters',
      'multipart/form-data; boundary="a;b"',
      '',
      'unsupported-media-type',
      /boundary/,
    ],
  ];
  it.each(refused)('refuses %s with a problem', (_what, type, text, problem, detail) => {
    const contentType = type === 'B' ? 'multipart/form-data; boundary=B' : type;
    const result = refusal(() => readParts(contentType, new TextEncoder().encode(text), 10, 2));
    expect(result.type).toBe(problem);
    expect(result.detail).toMatch(detail);
  });

  it('refuses part headers that are not UTF-8', () => {
    const body = new Uint8Array([
      ...new TextEncoder().encode('--B\r\nContent-Disposition: form-data; name="'),
      ...bytes(0xff, 0xfe),
      ...new TextEncoder().encode('"\r\n\r\nx\r\n--B--'),
    ]);
    expect(refusal(() => readParts('multipart/form-data; boundary=B', body, 10))).toMatchObject({
      type: 'multipart-shape',
      detail: expect.stringMatching(/UTF-8/),
    });
  });
});

describe('readPartsInTurns', () => {
  it('splits a body over a megabyte as readParts does, a megabyte per turn of the event loop', async () => {
    const form = new FormData();
    const big = new Uint8Array(3 * MiB).map((_, i) => (i % 7 === 0 ? 13 : i % 251));
    form.append('document', new Blob(['{"a":1}'], { type: 'application/json' }), 'd.json');
    form.append('scan', new Blob([big], { type: 'application/pdf' }), 'scan.pdf');
    form.append('note', 'tail');
    const { contentType, body } = await encoded(form);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const parts = await readPartsInTurns(contentType, body, 4 * MiB);
    clearInterval(ticking);
    expect(parts.map((p) => [p.name, p.bytes.length])).toEqual(
      readParts(contentType, body, 4 * MiB).map((p) => [p.name, p.bytes.length]),
    );
    // Buffer.equals: a deep equality of megabytes element by element would take seconds.
    expect(Buffer.from(parts[1]!.bytes).equals(big)).toBe(true);
    // The timer ran between the slices: the search let the event loop go.
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it('refuses a big body of delimiters by its parts, not after reading every one', async () => {
    const boundary = 'b0undary';
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n`);
    const repeat = new TextEncoder().encode(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n`);
    const body = new Uint8Array(head.length + repeat.length * 40_000);
    body.set(head);
    for (let i = 0; i < 40_000; i++) body.set(repeat, head.length + i * repeat.length);
    await expect(readPartsInTurns(`multipart/form-data; boundary=${boundary}`, body, MiB)).rejects.toMatchObject({
      type: 'multipart-shape',
    });
  });
});
