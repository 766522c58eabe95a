import { formats } from '../formats/index.js';
import { isDate, isDateTime, isEmail, isPartialDate } from '../formats/standard.js';

/**
 * The format table the generated validators use: Polish identifiers plus the standard formats
 * the schemas use. Small functions of our own rather than ajv-formats' full table, which would
 * add its every format (URIs, IPv6 …) to each validator a browser loads.
 */
export const validatorFormats: Record<string, (value: string) => boolean> = {
  ...formats,
  date: isDate,
  'partial-date': isPartialDate,
  'date-time': isDateTime,
  email: isEmail,
};

/** Every format name a schema may use. */
export const KNOWN_FORMATS: readonly string[] = Object.keys(validatorFormats);
