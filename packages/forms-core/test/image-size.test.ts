// The pixel size of an image attachment, read from its headers: real files as a tool writes them
// (test/fixtures/images, made with ImageMagick), files cut short or tampered with where the parser
// looks, and random bytes (seeded, so a failure repeats). Every read is watched: none may fall
// outside the bytes given.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAttachmentImage,
  IMAGE_MESSAGES,
  imageProblem,
  imageSize,
  type ImageSize,
} from '../src/runtime/image-check.js';

const SEED = 20261207;
const FIXTURES = join(import.meta.dirname, 'fixtures/images');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** The bytes, watched: reading an index outside them throws instead of giving undefined. */
function watched(bytes: Uint8Array): Uint8Array {
  return new Proxy(bytes, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^-?\d+$/.test(key) && !(Number(key) >= 0 && Number(key) < target.length))
        throw new RangeError(`read at ${key} of ${target.length} bytes`);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value === target ? receiver : value;
    },
  });
}
const sizeOf = (bytes: Uint8Array): ImageSize | undefined => imageSize(watched(bytes));

const u16 = (n: number): number[] => [n >> 8, n & 0xff];
/** A JPEG made of the given segments after SOI: [marker, payload] (payload without its length). */
const jpeg = (...segments: Array<[number, number[]] | number[]>): Uint8Array =>
  new Uint8Array([
    0xff,
    0xd8,
    ...segments.flatMap((s) =>
      Array.isArray(s[1]) ? [0xff, s[0] as number, ...u16(s[1].length + 2), ...s[1]] : (s as number[]),
    ),
  ]);
const sof = (height: number, width: number, components = 3): number[] => [
  8,
  ...u16(height),
  ...u16(width),
  components,
  ...Array.from({ length: components }, (_, i) => [i + 1, 0x11, 0]).flat(),
];
const SOS: [number, number[]] = [0xda, [1, 1, 0, 0, 63, 0]];

describe('imageSize on files a real tool wrote', () => {
  const cases: Array<[string, ImageSize]> = [
    ['photo-480x615.jpg', { mediaType: 'image/jpeg', width: 480, height: 615 }],
    ['photo-400x500.jpg', { mediaType: 'image/jpeg', width: 400, height: 500 }],
    ['photo-492x633-progressive.jpg', { mediaType: 'image/jpeg', width: 492, height: 633 }],
    ['grey-3x9.jpg', { mediaType: 'image/jpeg', width: 3, height: 9 }],
    ['cmyk-4x6.jpg', { mediaType: 'image/jpeg', width: 4, height: 6 }],
    ['rgb-5x3.png', { mediaType: 'image/png', width: 5, height: 3 }],
    ['rgba-3x3.png', { mediaType: 'image/png', width: 3, height: 3 }],
    ['grey16-2x7.png', { mediaType: 'image/png', width: 2, height: 7 }],
    ['palette-6x8.png', { mediaType: 'image/png', width: 6, height: 8 }],
    ['interlaced-640x480.png', { mediaType: 'image/png', width: 640, height: 480 }],
  ];

  it('reads every fixture', () => {
    expect(
      readdirSync(FIXTURES)
        .filter((f) => /\.(jpg|png)$/.test(f))
        .sort(),
    ).toEqual(cases.map(([f]) => f).sort());
  });

  it.each(cases)('%s', (name, want) => {
    expect(sizeOf(fixture(name))).toEqual(want);
  });

  it.each(cases)('%s cut short: nothing until its headers are whole, then the same size', (name, want) => {
    const bytes = fixture(name);
    let whole = -1;
    for (let n = 0; n <= bytes.length; n++) {
      const got = sizeOf(bytes.subarray(0, n));
      if (got && whole < 0) whole = n;
      if (whole >= 0) expect(got, `${name} cut at ${n}`).toEqual(want);
    }
    expect(whole).toBeGreaterThan(0);
    // A PNG needs its IHDR (33 bytes); a JPEG every segment up to its first scan's header.
    const sos = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xda);
    expect(whole).toBe(name.endsWith('.png') ? 33 : sos + 2 + ((bytes[sos + 2]! << 8) | bytes[sos + 3]!));
  });
});

describe('imageSize on JPEG headers made by hand', () => {
  it('reads every frame type SOF0–SOF15, and takes DHT, JPG and DAC for what they are', () => {
    for (let m = 0xc0; m <= 0xcf; m++) {
      const got = sizeOf(jpeg([m, sof(615, 480)], SOS));
      if (m === 0xc4 || m === 0xc8 || m === 0xcc) expect(got, m.toString(16)).toBeUndefined();
      else expect(got, m.toString(16)).toEqual({ mediaType: 'image/jpeg', width: 480, height: 615 });
    }
    // DHT, DAC and JPG before the frame are skipped as segments, not read as one.
    const tables = [
      [0xc4, [0, ...new Array<number>(16).fill(0)]] as [number, number[]],
      [0xcc, [0x00, 0x10]] as [number, number[]],
    ];
    expect(sizeOf(jpeg(...tables, [0xc0, sof(2, 3)], SOS))).toEqual({ mediaType: 'image/jpeg', width: 3, height: 2 });
  });

  it('skips application segments of any length and fill bytes before a marker', () => {
    const exif: [number, number[]] = [
      0xe1,
      [...new TextEncoder().encode('Exif\0\0'), ...new Array<number>(65000).fill(7)],
    ];
    expect(sizeOf(jpeg(exif, [0xfe, [1, 2, 3]], [0xff, 0xff], [0xc2, sof(633, 492, 1)], SOS))).toEqual({
      mediaType: 'image/jpeg',
      width: 492,
      height: 633,
    });
  });

  it.each([
    ['no SOI', new Uint8Array([0xff, 0xd9, 0xff, 0xc0])],
    ['SOI alone', jpeg()],
    ['a scan before any frame', jpeg(SOS, [0xc0, sof(2, 3)])],
    ['the end of the image before any scan', jpeg([0xc0, sof(2, 3)], [0xff, 0xd9])],
    ['no scan', jpeg([0xc0, sof(2, 3)])],
    ['two frames', jpeg([0xc0, sof(2, 3)], [0xc2, sof(2, 3)], SOS)],
    ['a height of 0 (given later by DNL)', jpeg([0xc0, sof(0, 3)], SOS)],
    ['a width of 0', jpeg([0xc0, sof(2, 0)], SOS)],
    ['no components', jpeg([0xc0, sof(2, 3, 0)], SOS)],
    ['a frame longer than its components', jpeg([0xc0, [...sof(2, 3), 0]], SOS)],
    ['a frame shorter than its header', jpeg([0xc0, [8, 0, 2, 0, 3]], SOS)],
    ['a segment length of 0', jpeg([0xff, 0xe0, 0, 0], [0xc0, sof(2, 3)], SOS)],
    ['a segment length of 1', jpeg([0xff, 0xe0, 0, 1], [0xc0, sof(2, 3)], SOS)],
    ['a segment running past the end', jpeg([0xff, 0xe0, 0xff, 0xff, 1, 2, 3])],
    ['a frame running past the end', jpeg([0xff, 0xc0, 0, 17, 8, 0, 2, 0, 3, 3])],
    ['a scan header running past the end', jpeg([0xc0, sof(2, 3)], [0xff, 0xda, 0, 12, 1])],
    ['bytes that are not a marker', jpeg([0xc0, sof(2, 3)], [0x12, 0x34], SOS)],
    ['a stuffed zero', jpeg([0xff, 0x00], [0xc0, sof(2, 3)], SOS)],
    ['a restart marker before the scan', jpeg([0xff, 0xd0], [0xc0, sof(2, 3)], SOS)],
    ['a second SOI', jpeg([0xff, 0xd8], [0xc0, sof(2, 3)], SOS)],
    ['TEM', jpeg([0xff, 0x01], [0xc0, sof(2, 3)], SOS)],
    ['fill bytes to the end', jpeg([0xc0, sof(2, 3)], [0xff, 0xff, 0xff])],
  ])('refuses %s', (_name, bytes) => {
    expect(sizeOf(bytes)).toBeUndefined();
  });
});

describe('imageSize on PNG headers made by hand', () => {
  const base = fixture('rgb-5x3.png');
  /** The real file with its IHDR's data changed (and its CRC made right again, unless `crc` is false). */
  function withIhdr(change: (view: DataView) => void, crc = true): Uint8Array {
    const bytes = base.slice();
    const view = new DataView(bytes.buffer);
    change(view);
    if (crc) view.setUint32(29, crc32(bytes.subarray(12, 29)));
    return bytes;
  }

  it('reads a PNG whose IHDR was rewritten with its CRC', () => {
    expect(sizeOf(withIhdr((v) => (v.setUint32(16, 480), v.setUint32(20, 615))))).toEqual({
      mediaType: 'image/png',
      width: 480,
      height: 615,
    });
    expect(sizeOf(withIhdr((v) => v.setUint32(16, 0x7fffffff)))?.width).toBe(0x7fffffff);
  });

  it.each([
    ['a wrong CRC', withIhdr((v) => v.setUint32(16, 480), false)],
    ['a width of 0', withIhdr((v) => v.setUint32(16, 0))],
    ['a height of 2³¹', withIhdr((v) => v.setUint32(20, 0x80000000))],
    ['an IHDR length of 14', withIhdr((v) => v.setUint32(8, 14))],
    ['another chunk first', withIhdr((v) => v.setUint32(12, 0x74455874))],
    ['16-bit palette colour', withIhdr((v) => (v.setUint8(24, 16), v.setUint8(25, 3)))],
    ['colour type 1', withIhdr((v) => v.setUint8(25, 1))],
    ['bit depth 4 for RGB', withIhdr((v) => v.setUint8(24, 4))],
    ['compression method 1', withIhdr((v) => v.setUint8(26, 1))],
    ['filter method 1', withIhdr((v) => v.setUint8(27, 1))],
    ['interlace method 2', withIhdr((v) => v.setUint8(28, 2))],
    ['a changed signature', withIhdr((v) => v.setUint8(4, 0x0a))],
    ['the header alone', base.subarray(0, 32)],
    ['nothing', new Uint8Array()],
  ])('refuses %s', (_name, bytes) => {
    expect(sizeOf(bytes)).toBeUndefined();
  });
});

describe('imageSize on random and tampered bytes', () => {
  const valid = (got: ImageSize | undefined) =>
    got === undefined ||
    (Number.isInteger(got.width) && got.width >= 1 && Number.isInteger(got.height) && got.height >= 1);

  it('never reads outside the bytes or throws, whatever they are', () => {
    const headed = fc
      .tuple(
        fc.constantFrom([0xff, 0xd8], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], []),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([head, rest]) => new Uint8Array([...head, ...rest]));
    fc.assert(
      fc.property(headed, (bytes) => valid(sizeOf(bytes))),
      { seed: SEED, numRuns: 5000 },
    );
  });

  it('never reads outside a real file with bytes changed, lengths above all', () => {
    const files = readdirSync(FIXTURES)
      .filter((f) => /\.(jpg|png)$/.test(f))
      .map(fixture);
    const tampered = fc
      .tuple(
        fc.constantFrom(...files),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x01, 0x7f, 0xc0, 0xd8, 0xd9, 0xda, 0xff, 0xfe)), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.nat(),
      )
      .map(([file, changes, cut]) => {
        // Only the headers matter: change them, and cut the file anywhere in them.
        const bytes = file.slice(0, Math.min(file.length, 700));
        for (const [at, value] of changes) bytes[at % bytes.length] = value;
        return bytes.subarray(0, 1 + (cut % bytes.length));
      });
    fc.assert(
      fc.property(tampered, (bytes) => valid(sizeOf(bytes))),
      { seed: SEED, numRuns: 5000 },
    );
  });

  it('walks a file of nothing but tiny segments, to its end, quickly', () => {
    const bytes = new Uint8Array(2_621_440).fill(0xff);
    bytes.set([0xff, 0xd8]);
    for (let at = 2; at + 4 <= bytes.length; at += 4) bytes.set([0xff, 0xe0, 0, 2], at);
    const started = performance.now();
    expect(imageSize(bytes)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('an attachment checked by its image rule', () => {
  const photo = fixture('photo-480x615.jpg');
  const small = fixture('photo-400x500.jpg');
  const exact = { minWidth: 480, minHeight: 615, maxWidth: 480, maxHeight: 615 };
  const atLeast = { minWidth: 492, minHeight: 633 };

  it('takes an image of its rule, of the declared type', () => {
    expect(imageProblem(exact, 'image/jpeg', photo)).toBeUndefined();
    expect(imageProblem({ minWidth: 480, minHeight: 600 }, 'image/jpeg', photo)).toBeUndefined();
    expect(checkAttachmentImage({ name: 'photo', image: exact }, 'image/jpeg', photo)).toBeUndefined();
    // No rule, nothing to check.
    expect(checkAttachmentImage({ name: 'scan' }, 'application/pdf', new Uint8Array([1]))).toBeUndefined();
  });

  it('refuses bytes that are not the declared JPEG or PNG', () => {
    expect(imageProblem(exact, 'image/png', photo)).toEqual({
      code: 'attachment.not-an-image',
      params: { format: 'PNG' },
    });
    expect(imageProblem(exact, 'image/jpeg', new TextEncoder().encode('%PDF-1.7'))?.code).toBe(
      'attachment.not-an-image',
    );
    expect(imageProblem(exact, 'application/pdf', photo)).toEqual({
      code: 'attachment.not-an-image',
      params: { format: 'JPEG/PNG' },
    });
  });

  it('says what size the photo is and what it must be, in pl, en and uk', () => {
    const issue = checkAttachmentImage({ name: 'photo', image: atLeast }, 'image/jpeg', small)!;
    expect(issue).toMatchObject({
      pointer: '/attachments/photo',
      code: 'attachment.image-too-small',
      params: { name: 'photo', width: 400, height: 500, minWidth: 492, minHeight: 633 },
    });
    expect(issue.message).toEqual({
      pl: 'Zdjęcie ma 400×500 pikseli, a musi mieć co najmniej 492×633.',
      en: 'The photo is 400×500 pixels; it must be at least 492×633.',
      uk: 'Розмір фото — 400×500 пікселів, а потрібно щонайменше 492×633.',
    });
    expect(checkAttachmentImage({ name: 'photo', image: exact }, 'image/jpeg', small)!.message.pl).toBe(
      'Zdjęcie ma 400×500 pikseli, a musi mieć dokładnie 480×615.',
    );
    const large = checkAttachmentImage(
      { name: 'photo', image: exact },
      'image/jpeg',
      fixture('photo-492x633-progressive.jpg'),
    )!;
    expect(large.code).toBe('attachment.image-too-large');
    expect(large.message).toEqual({
      pl: 'Zdjęcie ma 492×633 piksele, a musi mieć dokładnie 480×615.',
      en: 'The photo is 492×633 pixels; it must be exactly 480×615.',
      uk: 'Розмір фото — 492×633 пікселі, а потрібно рівно 480×615.',
    });
    const bounded = { minWidth: 100, minHeight: 100, maxWidth: 450, maxHeight: 600 };
    expect(checkAttachmentImage({ name: 'photo', image: bounded }, 'image/jpeg', photo)!.message.pl).toBe(
      'Zdjęcie ma 480×615 pikseli, a może mieć najwyżej 450×600.',
    );
    // Too small one way and too large the other: what it lacks comes first.
    expect(imageProblem({ ...bounded, minWidth: 481 }, 'image/jpeg', photo)?.code).toBe('attachment.image-too-small');
  });

  it('has every message in every language, each its own', () => {
    const params = {
      format: 'JPEG',
      width: 400,
      height: 500,
      minWidth: 492,
      minHeight: 633,
      maxWidth: 500,
      maxHeight: 700,
    };
    for (const code of Object.keys(IMAGE_MESSAGES.pl) as Array<keyof typeof IMAGE_MESSAGES.pl>) {
      const [pl, en, uk] = (['pl', 'en', 'uk'] as const).map((lang) => {
        const m = IMAGE_MESSAGES[lang][code];
        return typeof m === 'string' ? m : m(params);
      });
      expect(new Set([pl, en, uk]).size, code).toBe(3);
      expect(Object.keys(IMAGE_MESSAGES.en).sort()).toEqual(Object.keys(IMAGE_MESSAGES.pl).sort());
      expect(Object.keys(IMAGE_MESSAGES.uk).sort()).toEqual(Object.keys(IMAGE_MESSAGES.pl).sort());
    }
  });
});

let table: Uint32Array | undefined;
/** CRC-32 as PNG computes it, written again here so that the parser's own is not the reference. */
function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = ~0;
  for (const b of bytes) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
