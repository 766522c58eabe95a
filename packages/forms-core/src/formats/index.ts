import { isIdCardNumber } from './id-card.js';
import { isKwNumber } from './kw.js';
import { isIbanPl, isParcelId, isPostalCodePl } from './misc.js';
import { isNip } from './nip.js';
import { isPesel } from './pesel.js';
import { isRegon } from './regon.js';
import { isVin, vinCheckDigitOk } from './vin.js';

export { decodePesel, isPesel, type PeselInfo } from './pesel.js';
export { isNip, normalizeNip } from './nip.js';
export { isRegon } from './regon.js';
export { isIdCardNumber } from './id-card.js';
export { isKwNumber } from './kw.js';
export { isIbanPl, isParcelId, isPostalCodePl, normalizeIbanPl } from './misc.js';
export { isVin, vinCheckDigitOk } from './vin.js';

/**
 * Polish identifier formats, by the `format` name the schemas use. Pure functions over strings:
 * the same code runs in the browser, on Node and in workerd.
 */
export const formats: Record<string, (value: string) => boolean> = Object.freeze({
  pesel: isPesel,
  nip: isNip,
  regon: isRegon,
  'id-card-number': isIdCardNumber,
  'kw-number': isKwNumber,
  'postal-code-pl': isPostalCodePl,
  'parcel-id': isParcelId,
  'iban-pl': isIbanPl,
  vin: isVin,
});

/** Checks whose failure is only a warning; keyed by the format they refine. */
export const formatWarnings: Record<string, { code: string; check: (value: string) => boolean }> = Object.freeze({
  vin: { code: 'vin-check-digit', check: vinCheckDigitOk },
});
export {
  isIdentityDocument,
  normalizeDocumentNumber,
  parseSemanticsIdentifier,
  semanticsIdentifier,
  type IdentityDocument,
  type IdentityDocumentKind,
} from './identity.js';
