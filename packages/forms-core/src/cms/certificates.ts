import { equalBytes, sha256, toArrayBuffer, toHex } from '../pki/encoding.js';
import { identityFromSubject, type ResidentIdentity } from '../pki/names.js';
import { semanticsIdentifier } from '../formats/identity.js';
import { x509 } from '../pki/x509.js';
import { reject } from './rejection.js';
import { children, contents, decodeOid, expectTag, readTlv, TAG } from './der-codec.js';
import { OID } from '../pki/oids.js';

/** A city CA certificate that signers' certificates must be issued by. */
export type TrustAnchor = x509.X509Certificate;

/** What verification needs to know about a certificate that chains to a trust anchor. */
export interface VerifiedCertificate {
  readonly sha256: string;
  readonly serialNumber: string;
  readonly subject: string;
  readonly identity: ResidentIdentity | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: CryptoKey;
  /** digitalSignature or nonRepudiation is allowed (or the certificate does not restrict usage). */
  readonly signingKeyUsage: boolean;
  /** SHA-256 of the trust anchor it chains to, and that anchor's own validity. */
  readonly anchor: string;
  readonly anchorNotBefore: Date;
  readonly anchorNotAfter: Date;
  /** The semantics identifier it names its holder by (`PNOPL-<PESEL>` …); undefined when it names none. */
  readonly identifier: string | undefined;
  /** The certificate policies it carries (OIDs). */
  readonly policies: readonly string[];
  /** Its extended key usages (OIDs); undefined when it does not restrict them. */
  readonly extendedKeyUsages: readonly string[] | undefined;
}

const anchorHashes = new WeakMap<TrustAnchor, Promise<string>>();
function anchorHash(anchor: TrustAnchor): Promise<string> {
  let h = anchorHashes.get(anchor);
  if (!h) {
    h = sha256(new Uint8Array(anchor.rawData)).then(toHex);
    anchorHashes.set(anchor, h);
  }
  return h;
}

/**
 * The OIDs in a certificatePolicies extension (each PolicyInformation's first member) or an
 * extendedKeyUsage one (a SEQUENCE OF OID); undefined when the certificate has no such extension.
 */
function oidList(cert: x509.X509Certificate, type: string, policies: boolean): string[] | undefined {
  const ext = cert.extensions.find((e) => e.type === type);
  if (!ext) return undefined;
  const der = new Uint8Array(ext.value);
  try {
    return children(der, expectTag(readTlv(der, 0), TAG.sequence, 'SEQUENCE OF')).map((item) => {
      const oid = policies ? expectTag(children(der, item)[0], TAG.oid, 'policy') : expectTag(item, TAG.oid, 'purpose');
      return decodeOid(contents(der, oid));
    });
  } catch {
    return reject('malformed', `cannot read the certificate's ${policies ? 'policies' : 'extended key usage'}`);
  }
}

const SIGNING_USAGES = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;

/**
 * Certificates that have been parsed and checked against a trust anchor, by the SHA-256 of their
 * DER, so that a busy server parses and chain-checks each resident's certificate once. Time
 * validity and revocation are not cached: they are checked on every verification.
 */
export class CertificateCache {
  private readonly entries = new Map<string, VerifiedCertificate>();
  private readonly inFlight = new Map<string, Promise<VerifiedCertificate>>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  /** The certificate's SHA-256, and what is known of it if it was verified before against one of `anchors`. */
  async lookup(
    der: Uint8Array,
    anchors: readonly TrustAnchor[],
  ): Promise<{ hash: string; verified?: VerifiedCertificate }> {
    const hash = toHex(await sha256(der));
    const cached = this.entries.get(hash);
    if (!cached) return { hash };
    for (const a of anchors) {
      if ((await anchorHash(a)) === cached.anchor) {
        this.hits++;
        return { hash, verified: cached };
      }
    }
    return { hash };
  }

  async verify(der: Uint8Array, hash: string, anchors: readonly TrustAnchor[]): Promise<VerifiedCertificate> {
    const cached = this.entries.get(hash);
    if (cached) {
      for (const a of anchors) {
        if ((await anchorHash(a)) === cached.anchor) {
          this.hits++;
          return cached;
        }
      }
    }
    this.misses++;
    // Concurrent first sightings of one certificate share one check.
    let pending = this.inFlight.get(hash);
    if (!pending) {
      pending = checkCertificate(der, hash, anchors).finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
    }
    const verified = await pending;
    // Shared with a concurrent caller that may have trusted other anchors: check ours.
    const ours = await Promise.all(anchors.map(anchorHash));
    if (!ours.includes(verified.anchor)) return checkCertificate(der, hash, anchors);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, verified);
    return verified;
  }
}

async function checkCertificate(
  der: Uint8Array,
  hash: string,
  anchors: readonly TrustAnchor[],
): Promise<VerifiedCertificate> {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(toArrayBuffer(der));
  } catch {
    return reject('malformed', "cannot parse the signer's certificate");
  }
  const alg = cert.publicKey.algorithm as EcKeyAlgorithm;
  if (alg.name !== 'ECDSA' || alg.namedCurve !== 'P-256') {
    reject('unsupported-algorithm', "the signer's key is not ECDSA P-256");
  }
  let anchor: TrustAnchor | undefined;
  for (const a of anchors) {
    if (!equalBytes(new Uint8Array(a.subjectName.toArrayBuffer()), new Uint8Array(cert.issuerName.toArrayBuffer())))
      continue;
    try {
      if (await cert.verify({ publicKey: a.publicKey, signatureOnly: true })) {
        anchor = a;
        break;
      }
    } catch {
      // A signature the anchor's key cannot check: not issued by it.
    }
  }
  if (!anchor) return reject('unknown-issuer', 'the certificate was not issued by the city CA');
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  // Read with our own codec: the x509 library spells an arc of more than 53 bits in hex.
  const policies = oidList(cert, OID.certificatePolicies, true) ?? [];
  const eku = oidList(cert, OID.extendedKeyUsage, false);
  const identity = identityFromSubject(cert.subjectName);
  return {
    sha256: hash,
    serialNumber: cert.serialNumber.toLowerCase(),
    subject: cert.subject,
    identity,
    identifier: identity && semanticsIdentifier(identity),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    publicKey: await cert.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']),
    signingKeyUsage: !bc?.ca && (!ku || (ku.usages & SIGNING_USAGES) !== 0),
    anchor: await anchorHash(anchor),
    anchorNotBefore: anchor.notBefore,
    anchorNotAfter: anchor.notAfter,
    policies,
    extendedKeyUsages: eku,
  };
}
