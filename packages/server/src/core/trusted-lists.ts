/** @module EU trusted lists an operator configures (EBOK_TRUSTED_LISTS_FILES): each verified against the pinned scheme-operator certificates, its qualified CAs turned into trusted issuers, and those issuers as the JSON EBOK_TRUSTED_ISSUERS takes. */
import { EsignError, readTrustedList, type TrustedIssuer } from '@ebok/forms-core/esign';
import { x509 } from '@ebok/forms-core/pki';

/** What the server logs of a list it loaded. */
export interface LoadedTrustedList {
  readonly source: string;
  readonly territory: string;
  readonly sequenceNumber: number;
  readonly issued: string;
  readonly nextUpdate: string;
  readonly issuers: readonly TrustedIssuer[];
}

/** The certificates of a PEM bundle (EBOK_TRUSTED_LIST_OPERATORS_FILE); throws when it holds none or one cannot be read. */
export function certificatesFromPem(text: string): x509.X509Certificate[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('the scheme-operator certificates file holds no PEM certificate');
  return blocks.map((pem, i) => {
    try {
      return new x509.X509Certificate(pem);
    } catch {
      throw new Error(`scheme-operator certificate ${i + 1} cannot be read`);
    }
  });
}

/**
 * Reads and verifies each list (its bytes, and where it came from for messages) against the
 * scheme-operator certificates in `operatorsPem`, as of `now`. Throws, naming the list and why,
 * on the first that is refused: unsigned, signed by no pinned operator, changed, expired (its
 * NextUpdate passed), or not a trusted list. A server does not start on a list it cannot trust.
 */
export async function loadTrustedLists(
  lists: ReadonlyArray<{ readonly source: string; readonly bytes: Uint8Array }>,
  operatorsPem: string,
  now: Date,
): Promise<LoadedTrustedList[]> {
  const operators = certificatesFromPem(operatorsPem);
  const loaded: LoadedTrustedList[] = [];
  for (const { source, bytes } of lists) {
    try {
      const list = await readTrustedList(bytes, { operators, now });
      loaded.push({
        source,
        territory: list.territory,
        sequenceNumber: list.sequenceNumber,
        issued: list.issued.toISOString(),
        nextUpdate: list.nextUpdate.toISOString(),
        issuers: list.issuers,
      });
    } catch (e) {
      if (e instanceof EsignError) throw new Error(`the trusted list ${source} is refused (${e.code}): ${e.message}`);
      throw e;
    }
  }
  return loaded;
}

/**
 * Trusted issuers as the JSON EBOK_TRUSTED_ISSUERS takes (trustedIssuersFromJson reads it back):
 * an issuer from a trusted list keeps its service's status history and its list's NextUpdate.
 */
export function trustedIssuersToJson(issuers: readonly TrustedIssuer[]): string {
  return JSON.stringify(
    issuers.map((t) => ({
      kind: t.kind,
      name: t.name,
      certificate: t.certificate.toString('pem'),
      ...(t.statusHistory && { statusHistory: t.statusHistory }),
      ...(t.trustedList && { trustedList: t.trustedList }),
    })),
    null,
    2,
  );
}
