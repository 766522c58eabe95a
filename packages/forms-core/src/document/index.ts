/** @module The document residents sign with a statutory signature: the application as a PDF carrying its canonical JSON. */
export {
  applicationDocument,
  APPLICATION_FILE_NAME,
  APPLICATION_MEDIA_TYPE,
  type ApplicationEnvelope,
} from './application.js';
export {
  answerSections,
  answerText,
  attachmentRows,
  polishSize,
  type AnswerRow,
  type AnswerSection,
} from './answers.js';
export { printable, textWidth, wrap, writePdf, PAGE, type PdfInput, type PdfPage } from './pdf.js';
export {
  DEFAULT_PADES_LIMITS,
  findPadesSignature,
  PadesError,
  type PadesLimits,
  type PadesSignature,
} from './pades.js';
