import { fullFormats } from 'ajv-formats/dist/formats.js';
import { formats } from '../formats/index.js';

/**
 * The format table the generated validators use: Polish identifiers plus the standard formats
 * the schemas may use, taken from ajv-formats (the same checks ajv applies in memory).
 */
export const validatorFormats = {
  ...formats,
  date: fullFormats.date,
  'date-time': fullFormats['date-time'],
  email: fullFormats.email,
};

/** Every format name a schema may use. */
export const KNOWN_FORMATS: readonly string[] = Object.keys(validatorFormats);
