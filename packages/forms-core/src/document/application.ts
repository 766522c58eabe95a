/** @module The application as one file a resident reads and signs: a PDF in Polish of everything "check your answers" shows, carrying the canonical JSON it renders. */
import { canonicalJson } from '../canonical/index.js';
import { sha256, toHex } from '../pki/encoding.js';
import type { BrowserFormModel, Json } from '../runtime/types.js';
import { answerSections, attachmentRows, type AnswerRow, type AttachmentLine } from './answers.js';
import { PAGE, wrap, writePdf, type PdfPage, type PlacedRule, type PlacedText } from './pdf.js';

/** The signed envelope (DESIGN: signatures and certificates), as the document renders it. */
export interface ApplicationEnvelope {
  readonly procedure: string;
  readonly schemaVersion: string;
  readonly data: Json;
  readonly attachments: readonly AttachmentLine[];
  readonly submittedAt: string;
  readonly nonce: string;
}

/** The name of the embedded file holding the canonical JSON, in every application document. */
export const APPLICATION_FILE_NAME = 'wniosek.json';
export const APPLICATION_MEDIA_TYPE = 'application/pdf';

const MARGIN = 56;
const WIDTH = PAGE.width - 2 * MARGIN;
const TOP = PAGE.height - MARGIN;
const BOTTOM = MARGIN + 24;
const LABEL = { size: 8.5, leading: 11, gray: 0.3 } as const;
const ANSWER = { size: 10.5, leading: 13.5 } as const;

/** Lays text out down the pages, starting a new page where the next block does not fit. */
class Layout {
  readonly pages: Array<{ texts: PlacedText[]; rules: PlacedRule[] }> = [];
  #y = 0;

  constructor() {
    this.#newPage();
  }

  #newPage(): void {
    this.pages.push({ texts: [], rules: [] });
    this.#y = TOP;
  }

  get #page() {
    return this.pages[this.pages.length - 1]!;
  }

  /** Makes room for `height` points, or the rest of the page when a block is taller than one. */
  #room(height: number): void {
    if (this.#y - height < BOTTOM && this.#y < TOP) this.#newPage();
  }

  #lines(lines: readonly string[], size: number, leading: number, style: { gray?: number; bold?: boolean } = {}): void {
    for (const text of lines) {
      this.#room(leading);
      this.#y -= leading;
      this.#page.texts.push({ text, x: MARGIN, y: this.#y, size, ...style });
    }
  }

  gap(points: number): void {
    this.#y -= points;
  }

  title(text: string): void {
    this.#lines(wrap(text, 16, WIDTH), 16, 20, { bold: true });
    this.gap(6);
  }

  heading(text: string): void {
    const lines = wrap(text, 12, WIDTH);
    // A heading stays with the first row under it.
    this.#room(lines.length * 16 + 8 + LABEL.leading + ANSWER.leading);
    this.gap(10);
    this.#lines(lines, 12, 16, { bold: true });
    this.gap(4);
    this.#page.rules.push({ x1: MARGIN, y1: this.#y, x2: MARGIN + WIDTH, y2: this.#y, gray: 0.6 });
    this.gap(2);
  }

  row({ label, answer }: AnswerRow): void {
    const labels = wrap(label, LABEL.size, WIDTH);
    const answers = wrap(answer, ANSWER.size, WIDTH);
    // A label stays with the first line of its answer.
    this.#room(labels.length * LABEL.leading + ANSWER.leading + 4);
    this.gap(4);
    this.#lines(labels, LABEL.size, LABEL.leading, { gray: LABEL.gray });
    this.#lines(answers, ANSWER.size, ANSWER.leading);
  }

  paragraph(text: string, size = 9): void {
    this.#lines(wrap(text, size, WIDTH), size, size * 1.3);
  }
}

/**
 * The PDF a resident signs with a qualified signature, podpis zaufany or podpis osobisty: in
 * Polish, the procedure, every answer as "check your answers" shows it, the attachments by their
 * SHA-256, and the canonical JSON of the envelope itself as the embedded file `wniosek.json`
 * (what the server registers). Deterministic: the same model and envelope give the same bytes
 * in every runtime, so whoever holds the envelope can make the document again and compare.
 */
export async function applicationDocument(
  model: BrowserFormModel,
  envelope: ApplicationEnvelope,
): Promise<{ readonly pdf: Uint8Array; readonly canonical: string; readonly sha256: string }> {
  const { id, version, title, legalBasis } = model.procedure;
  if (envelope.procedure !== id || envelope.schemaVersion !== version) {
    throw new RangeError(
      `the envelope is for ${envelope.procedure} ${envelope.schemaVersion}, the model for ${id} ${version}`,
    );
  }
  const canonical = canonicalJson(envelope);
  const bytes = new TextEncoder().encode(canonical);
  const digest = await sha256(bytes);
  const hash = toHex(digest);

  const layout = new Layout();
  layout.title(title.pl);
  layout.row({ label: 'Procedura', answer: `${id}, wersja ${version}` });
  layout.row({ label: 'Przygotowano', answer: envelope.submittedAt });
  if (legalBasis.length) layout.row({ label: 'Podstawa prawna', answer: legalBasis.map((b) => b.pl).join('\n') });
  for (const section of answerSections(model, envelope.data)) {
    layout.heading(section.title);
    if (section.rows.length === 0) layout.paragraph('Brak odpowiedzi w tej części.', ANSWER.size);
    for (const row of section.rows) layout.row(row);
  }
  if (envelope.attachments.length) {
    layout.heading('Załączniki');
    for (const row of attachmentRows(model, envelope.attachments)) layout.row(row);
  }
  layout.heading('Dane wniosku');
  layout.paragraph(
    `Ten dokument przedstawia dane z dołączonego do niego pliku ${APPLICATION_FILE_NAME} (JSON w postaci ` +
      'kanonicznej, RFC 8785), które urząd rejestruje. Podpis złożony pod tym dokumentem obejmuje oba.',
  );
  layout.row({ label: `SHA-256 pliku ${APPLICATION_FILE_NAME}`, answer: hash });
  layout.row({ label: 'Identyfikator jednorazowy', answer: envelope.nonce });

  const pages: PdfPage[] = layout.pages.map((page, i, all) => ({
    rules: page.rules,
    texts: [
      ...page.texts,
      {
        text: `${id} ${version} · SHA-256 danych ${hash.slice(0, 16)}… · strona ${i + 1} z ${all.length}`,
        x: MARGIN,
        y: MARGIN,
        size: 7.5,
        gray: 0.4,
      },
    ],
  }));
  const pdf = writePdf({
    title: title.pl,
    lang: 'pl-PL',
    pages,
    files: [
      {
        name: APPLICATION_FILE_NAME,
        mediaType: 'application/json',
        description: 'Dane wniosku: JSON w postaci kanonicznej (RFC 8785)',
        bytes,
      },
    ],
    id: digest.slice(0, 16),
  });
  return { pdf, canonical, sha256: hash };
}
