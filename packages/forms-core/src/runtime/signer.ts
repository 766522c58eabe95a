import { semanticsIdentifier } from '../formats/identity.js';

/** The person an application must be signed by, as its data names them. */
export interface ExpectedSigner {
  /** Where the person is in the data, e.g. `/proxy`. */
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

/**
 * Who must sign: of the procedure's signer pointers (`x-ebok-procedure.signers`, in order, e.g.
 * `["/proxy", "/applicant"]`), the first that holds a person in the data. Undefined when none does.
 */
export function expectedSigner(data: unknown, signers: readonly string[]): ExpectedSigner | undefined {
  for (const pointer of signers) {
    const person = at(data, pointer);
    if (typeof person === 'object' && person !== null && !Array.isArray(person)) {
      return { pointer, identifier: semanticsIdentifier(person) };
    }
  }
  return undefined;
}
