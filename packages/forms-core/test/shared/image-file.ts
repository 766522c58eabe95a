// An image file of a given pixel size and byte size, for tests that need an attachment to pass
// (or fail) a procedure's `image` rule: a JPEG or PNG whose headers are what a tool writes (the
// image check reads only those), with filler where the pixels would be. No browser decodes it.

/** What an example says of an image attachment: its pixel size. */
export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
}

const be16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = ~0;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** A PNG chunk of `length` data bytes at `at` in `out`: its data is what is there already. */
function pngChunk(out: Uint8Array, at: number, type: string, data: readonly number[], length = data.length): number {
  out.set(be32(length), at);
  out.set([...type].map((c) => c.charCodeAt(0)).concat(data), at + 4);
  out.set(be32(crc32(out.subarray(at + 4, at + 8 + length))), at + 8 + length);
  return at + 12 + length;
}

/**
 * A JPEG (baseline, three components, JFIF) or PNG (8-bit RGB) of `width`×`height` pixels and
 * exactly `size` bytes (at least its headers' length: about 200 bytes for a JPEG, 60 for a PNG).
 */
export function imageFile(
  mediaType: string,
  { width, height }: ImageDimensions,
  size: number,
): Uint8Array<ArrayBuffer> {
  // Entropy-coded data never holds a bare 0xFF; PNG's IDAT holds anything (the check reads neither).
  const out = new Uint8Array(size).fill(0x55);
  const fits = (n: number) => {
    if (n > size) throw new Error(`a ${mediaType} file of ${size} bytes cannot hold its headers`);
  };
  if (mediaType === 'image/jpeg') {
    const segment = (marker: number, data: number[]) => [0xff, marker, ...be16(data.length + 2), ...data];
    const head = [
      0xff,
      0xd8,
      ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
      ...segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
      ...segment(0xc0, [8, ...be16(height), ...be16(width), 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
      ...segment(0xc4, [0, 0, 1, ...new Array<number>(14).fill(0), 0]),
      ...segment(0xda, [3, 1, 0, 2, 0, 3, 0, 0, 63, 0]),
    ];
    fits(head.length + 2);
    out.set(head);
    out.set([0xff, 0xd9], size - 2);
  } else if (mediaType === 'image/png') {
    fits(8 + 25 + 12 + 12);
    out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let at = pngChunk(out, 8, 'IHDR', [...be32(width), ...be32(height), 8, 2, 0, 0, 0]);
    at = pngChunk(out, at, 'IDAT', [], size - at - 24);
    pngChunk(out, at, 'IEND', []);
  } else {
    throw new Error(`no image file of type ${mediaType}`);
  }
  return out;
}
