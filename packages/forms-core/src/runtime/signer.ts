import { semanticsIdentifier } from '../formats/identity.js';

/** The person an application must be signed by, as its data names them. */
export interface ExpectedSigner {
  /** Where the person is in the data, e.g. `/proxy` or `/owners/1`. */
  readonly pointer: string;
  /** Their semantics identifier (`PNOPL-<PESEL>`, `PAS<CC>-<number>` …); undefined when the data gives neither. */
  readonly identifier: string | undefined;
}

function at(data: unknown, pointer: string): unknown {
  let value = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value) && /^(0|[1-9][0-9]*)$/.test(key)) value = value[Number(key)];
    else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, key))
      value = (value as Record<string, unknown>)[key];
    else return undefined;
  }
  return value;
}

const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Who must sign: of the procedure's signer pointers (`x-ebok-procedure.signers`, in order, e.g.
 * `["/proxy", "/owners/*"]`), the first that holds a person in the data. A pointer ending in `/*`
 * names a list whose every person must sign (co-owners): it holds people when the list has one,
 * and then each item is expected, in the list's order. An item that names no one a certificate
 * can name (a company: neither `pesel` nor `identityDocument`) is expected with no identifier:
 * it cannot sign itself, so the filing needs a proxy. Empty when no pointer holds anyone.
 */
export function expectedSigners(data: unknown, signers: readonly string[]): ExpectedSigner[] {
  for (const pointer of signers) {
    if (pointer.endsWith('/*')) {
      const list = at(data, pointer.slice(0, -2));
      if (!Array.isArray(list) || !list.some(isObject)) continue;
      return list.flatMap((person, i) =>
        isObject(person) ? [{ pointer: `${pointer.slice(0, -2)}/${i}`, identifier: semanticsIdentifier(person) }] : [],
      );
    }
    const person = at(data, pointer);
    if (isObject(person)) return [{ pointer, identifier: semanticsIdentifier(person) }];
  }
  return [];
}

/**
 * The one person who must sign, for procedures one person files: the first of
 * {@link expectedSigners}. Undefined when no pointer holds anyone.
 */
export function expectedSigner(data: unknown, signers: readonly string[]): ExpectedSigner | undefined {
  return expectedSigners(data, signers)[0];
}
