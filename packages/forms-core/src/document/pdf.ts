/** @module A small PDF writer for the documents residents sign: text set in EbokSans, files embedded, the same bytes from the same input. */
import { fromBase64 } from '../pki/encoding.js';
import { FONT_FILE, FONT_METRICS, FONT_RUNS, FONT_WIDTHS } from './font.js';

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** A line of text placed on a page: `x`, `y` of its baseline in points from the bottom left. */
export interface PlacedText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  /** 0 black … 1 white. */
  readonly gray?: number;
  readonly bold?: boolean;
}

/** A line between two points, in points. */
export interface PlacedRule {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly gray?: number;
}

export interface PdfPage {
  readonly texts: readonly PlacedText[];
  readonly rules?: readonly PlacedRule[];
}

export interface EmbeddedFile {
  readonly name: string;
  readonly mediaType: string;
  readonly description: string;
  readonly bytes: Uint8Array;
}

export interface PdfInput {
  readonly title: string;
  /** BCP 47 language of the text, e.g. `pl-PL`. */
  readonly lang: string;
  readonly pages: readonly PdfPage[];
  readonly files: readonly EmbeddedFile[];
  /** The file identifier (16 bytes): derive it from the content, so the same content gives the same file. */
  readonly id: Uint8Array;
}

/** The glyph of each code point the font has (0: none), by code point: every one is below U+2200. */
const GLYPHS: Uint16Array = (() => {
  const end = Math.max(...FONT_RUNS.map(([cp, , count]) => cp + count));
  const table = new Uint16Array(end);
  for (const [cp, gid, count] of FONT_RUNS) for (let i = 0; i < count; i++) table[cp + i] = gid + i;
  return table;
})();

const glyphOf = (codeUnit: number): number => (codeUnit < GLYPHS.length ? GLYPHS[codeUnit]! : 0);

/**
 * The text as the font can show it: each character the font lacks is written as its code point
 * (`[U+1F600]`), so nothing a resident wrote silently disappears; control characters become spaces.
 * What it returns has only characters of the font, one UTF-16 unit each.
 */
export function printable(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && glyphOf(text.charCodeAt(i)) !== 0) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (const ch of text.slice(i)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
    else if (cp < GLYPHS.length && GLYPHS[cp] !== 0) out += ch;
    else out += `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out;
}

/** The width of printable text at a size, in points. */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) units += FONT_WIDTHS[glyphOf(text.charCodeAt(i))]!;
  return (units * size) / FONT_METRICS.unitsPerEm;
}

/** Lines of at most `width` points: broken at spaces, and inside a word only when it alone is wider. */
export function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = textWidth(' ', size);
  for (const paragraph of text.split(/\r\n?|\n/).map(printable)) {
    // Widths are added up word by word: each character is measured once.
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ')) {
      const wordWidth = textWidth(word, size);
      const candidateWidth = line === '' ? wordWidth : lineWidth + space + wordWidth;
      if (candidateWidth <= width) {
        line = line === '' ? word : `${line} ${word}`;
        lineWidth = candidateWidth;
        continue;
      }
      if (line !== '') lines.push(line.trimEnd());
      line = '';
      // A word wider than a line is cut where it fills one, in one pass over its characters.
      let start = 0;
      let pieceWidth = 0;
      for (let i = 0; i < word.length; i++) {
        const w = (FONT_WIDTHS[glyphOf(word.charCodeAt(i))]! * size) / FONT_METRICS.unitsPerEm;
        if (i > start && pieceWidth + w > width) {
          lines.push(word.slice(start, i));
          start = i;
          pieceWidth = 0;
        }
        pieceWidth += w;
      }
      line = word.slice(start);
      lineWidth = pieceWidth;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** A number as PDF writes it: at most two decimals, no trailing zeros, no exponent. */
const num = (n: number): string => {
  const s = (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
};

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** Glyph ids of printable text as a hex string for Identity-H. */
const glyphString = (text: string): string => {
  let out = '<';
  for (let i = 0; i < text.length; i++) out += hex4(glyphOf(text.charCodeAt(i)));
  return `${out}>`;
};

/** A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with its byte order mark. */
function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let out = '<FEFF';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return `${out}>`;
}

/** A PDF name: characters outside the regular ones as #XX. */
const pdfName = (name: string): string =>
  `/${[...new TextEncoder().encode(name)]
    .map((b) =>
      b > 0x20 && b < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `#${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')}`;

function contentStream(page: PdfPage): string {
  const ops: string[] = [];
  for (const r of page.rules ?? []) {
    ops.push(`${num(r.gray ?? 0)} G 0.5 w ${num(r.x1)} ${num(r.y1)} m ${num(r.x2)} ${num(r.y2)} l S`);
  }
  for (const t of page.texts) {
    const gray = num(t.gray ?? 0);
    // Bold is the regular face filled and stroked: one embedded font serves both.
    const mode = t.bold ? `2 Tr ${num(t.size * 0.03)} w ${gray} G` : '0 Tr';
    ops.push(`BT /F1 ${num(t.size)} Tf ${gray} g ${mode} ${num(t.x)} ${num(t.y)} Td ${glyphString(t.text)} Tj ET`);
  }
  return ops.join('\n');
}

/** The glyph-to-Unicode map that lets readers copy and search the text. */
function toUnicodeCMap(): string {
  const ranges: string[] = [];
  const seen = new Set<number>();
  for (const [cp0, gid0, count] of FONT_RUNS) {
    let i = 0;
    while (i < count) {
      const cp = cp0 + i;
      const gid = gid0 + i;
      // A range may only change the last byte of its source and of its destination.
      const n = Math.min(count - i, 256 - (gid & 0xff), 256 - (cp & 0xff));
      if (!seen.has(gid)) ranges.push(`<${hex4(gid)}> <${hex4(gid + n - 1)}> <${hex4(cp)}>`);
      for (let k = 0; k < n; k++) seen.add(gid + k);
      i += n;
    }
  }
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const part = ranges.slice(i, i + 100);
    blocks.push(`${part.length} beginbfrange\n${part.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

let fontBytes: Uint8Array | undefined;

/** Writes the PDF. Everything in it comes from `input`: no clock, no randomness. */
export function writePdf(input: PdfInput): Uint8Array {
  if (input.id.length !== 16) throw new RangeError('a PDF file identifier is 16 bytes');
  const encoder = new TextEncoder();
  const objects: Array<Array<string | Uint8Array>> = [];
  const add = (...parts: Array<string | Uint8Array>): number => objects.push(parts);
  const reserve = (): number => objects.push([]);
  const set = (ref: number, ...parts: Array<string | Uint8Array>): void => {
    objects[ref - 1] = parts;
  };
  const stream = (dict: string, bytes: Uint8Array | string): Array<string | Uint8Array> => {
    const body = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
    return [`<< ${dict}${dict ? ' ' : ''}/Length ${body.length} >>\nstream\n`, body, '\nendstream'];
  };

  const catalog = reserve();
  const pages = reserve();
  fontBytes ??= fromBase64(FONT_FILE.deflated);
  const fontFile = add(...stream(`/Filter /FlateDecode /Length1 ${FONT_FILE.length}`, fontBytes));
  const { ascent, descent, capHeight, bbox } = FONT_METRICS;
  const descriptor = add(
    `<< /Type /FontDescriptor /FontName /EBOKAA+EbokSans /Flags 32 /FontBBox [${bbox.join(' ')}] /ItalicAngle 0 ` +
      `/Ascent ${ascent} /Descent ${descent} /CapHeight ${capHeight} /StemV 80 /FontFile2 ${fontFile} 0 R >>`,
  );
  const cidFont = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /EBOKAA+EbokSans ` +
      `/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R ` +
      `/CIDToGIDMap /Identity /W [0 [${FONT_WIDTHS.join(' ')}]] >>`,
  );
  const toUnicode = add(...stream('', toUnicodeCMap()));
  const font = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /EBOKAA+EbokSans /Encoding /Identity-H ` +
      `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
  );

  const pageRefs: number[] = [];
  for (const page of input.pages) {
    const content = add(...stream('', contentStream(page)));
    pageRefs.push(
      add(
        `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${num(PAGE.width)} ${num(PAGE.height)}] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  set(pages, `<< /Type /Pages /Kids [${pageRefs.map((r) => `${r} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`);

  const specs: Array<{ name: string; ref: number }> = [];
  for (const file of input.files) {
    const data = add(
      ...stream(
        `/Type /EmbeddedFile /Subtype ${pdfName(file.mediaType)} /Params << /Size ${file.bytes.length} >>`,
        file.bytes,
      ),
    );
    const name = pdfString(file.name);
    specs.push({
      name: file.name,
      ref: add(
        `<< /Type /Filespec /F ${name} /UF ${name} /Desc ${pdfString(file.description)} ` +
          `/AFRelationship /Source /EF << /F ${data} 0 R /UF ${data} 0 R >> >>`,
      ),
    });
  }
  const names = [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  set(
    catalog,
    `<< /Type /Catalog /Pages ${pages} 0 R /Lang ${pdfString(input.lang)} /ViewerPreferences << /DisplayDocTitle true >>` +
      (specs.length
        ? ` /Names << /EmbeddedFiles << /Names [${names.map((s) => `${pdfString(s.name)} ${s.ref} 0 R`).join(' ')}] >> >>` +
          ` /AF [${specs.map((s) => `${s.ref} 0 R`).join(' ')}]`
        : '') +
      ' >>',
  );
  const info = add(`<< /Title ${pdfString(input.title)} /Creator (ebok) /Producer (ebok) >>`);

  const chunks: Uint8Array[] = [];
  let offset = 0;
  const push = (part: string | Uint8Array): void => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    offset += bytes.length;
  };
  push('%PDF-1.7\n');
  // A comment of bytes above 127: tells transfer tools the file is binary.
  push(new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  const offsets: number[] = [];
  objects.forEach((parts, i) => {
    offsets.push(offset);
    push(`${i + 1} 0 obj\n`);
    for (const part of parts) push(part);
    push('\nendobj\n');
  });
  const xref = offset;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const o of offsets) push(`${String(o).padStart(10, '0')} 00000 n \n`);
  const id = `<${[...input.id].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')}>`;
  push(
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R /ID [${id} ${id}] >>\nstartxref\n${xref}\n%%EOF\n`,
  );
  const out = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
