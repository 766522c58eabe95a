/**
 * @module The pixel size of a JPEG or PNG file, read from its headers alone: no pixel is decoded,
 * nothing is read past the bytes given, and anything not shaped as the format says is refused.
 */

/** What an image's headers say: its media type and its size in pixels. */
export interface ImageSize {
  readonly mediaType: 'image/jpeg' | 'image/png';
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** "IHDR" */
const IHDR = 0x49484452;
/** The bit depths PNG allows for each colour type (PNG §11.2.2). */
const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** PNG's widths and heights are at most 2³¹ − 1. */
const PNG_MAX = 0x7fffffff;

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** PNG: the signature, then IHDR as the first chunk, whole, with its CRC right. */
function pngSize(b: Uint8Array): ImageSize | undefined {
  // Signature (8), IHDR's length and type (8), its data (13) and its CRC (4).
  if (b.length < 33 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return undefined;
  if (u32(b, 8) !== 13 || u32(b, 12) !== IHDR) return undefined;
  const width = u32(b, 16);
  const height = u32(b, 20);
  const [depth, colour, compression, filter, interlace] = [b[24]!, b[25]!, b[26]!, b[27]!, b[28]!];
  if (width < 1 || width > PNG_MAX || height < 1 || height > PNG_MAX) return undefined;
  if (!PNG_DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return undefined;
  if (crc32(b, 12, 29) !== u32(b, 29)) return undefined;
  return { mediaType: 'image/png', width, height };
}

/** SOF0–SOF15 carry the frame's size; C4 (DHT), C8 (JPG) and CC (DAC) share their range but are not frames. */
const isFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * JPEG: from SOI, marker segment after marker segment, each whole within the bytes, up to the
 * first SOS; exactly one frame header (SOFn) before it, with a height and width above zero and
 * as long as its component count says.
 */
function jpegSize(b: Uint8Array): ImageSize | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let at = 2;
  let size: ImageSize | undefined;
  for (;;) {
    // A marker: 0xFF, any number of 0xFF fill bytes, then its code.
    if (at >= b.length || b[at] !== 0xff) return undefined;
    while (at < b.length && b[at] === 0xff) at++;
    if (at >= b.length) return undefined;
    const marker = b[at++]!;
    // Markers with no segment: TEM and RST0–7 are out of place before the scan, as are a second
    // SOI, EOI (no scan at all) and 0x00 (a stuffed byte, only inside entropy-coded data).
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) return undefined;
    if (at + 2 > b.length) return undefined;
    const length = u16(b, at);
    // The length counts itself; the segment must end within the bytes.
    if (length < 2 || at + length > b.length) return undefined;
    if (isFrame(marker)) {
      if (size || length < 8) return undefined;
      const height = u16(b, at + 3);
      const width = u16(b, at + 5);
      const components = b[at + 7]!;
      if (height === 0 || width === 0 || components === 0 || length !== 8 + 3 * components) return undefined;
      size = { mediaType: 'image/jpeg', width, height };
    } else if (marker === 0xda) {
      return size;
    }
    at += length;
  }
}

/**
 * The media type and pixel size of a JPEG or PNG file, from its headers; undefined for anything
 * else, or for a JPEG or PNG whose headers are cut short or malformed. The pixels themselves are
 * not decoded (nor EXIF read: a photo's orientation is not taken into account).
 */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  return bytes.length > 0 && bytes[0] === 0xff ? jpegSize(bytes) : pngSize(bytes);
}
