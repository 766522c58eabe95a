import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { toArrayBuffer } from '../pki/encoding.js';
import { OID } from '../pki/oids.js';
import {
  checkBerBudget,
  children,
  contents,
  decodeOid,
  DerError,
  expectTag,
  readTlv,
  setOf,
  TAG,
  whole,
  type Tlv,
} from './der-codec.js';

export interface ParsedAttribute {
  readonly type: string;
  /** The DER of each value. */
  readonly values: readonly Uint8Array[];
}

export interface ParsedSignerInfo {
  readonly digestAlgorithm: string;
  readonly signatureAlgorithm: string;
  /** From an issuerAndSerialNumber signer identifier: the issuer Name's DER and the serial's bytes. */
  readonly issuer?: Uint8Array;
  readonly serialNumber?: Uint8Array;
  /** The signed attributes as they are signed: DER, with the SET OF tag. */
  readonly signedAttrs?: Uint8Array;
  readonly attributes: readonly ParsedAttribute[];
  /** The DER ECDSA-Sig-Value (or whatever the algorithm's value is). */
  readonly signature: Uint8Array;
}

export interface ParsedSignedData {
  readonly eContentType: string;
  readonly hasContent: boolean;
  /** The signed content when the signature carries it (attached), as one OCTET STRING's bytes. */
  readonly content?: Uint8Array;
  /** DER of each certificate included. */
  readonly certificates: readonly Uint8Array[];
  readonly signers: readonly ParsedSignerInfo[];
}

const algorithm = (bytes: Uint8Array, seq: Tlv | undefined): string =>
  decodeOid(
    contents(bytes, expectTag(children(bytes, expectTag(seq, TAG.sequence, 'AlgorithmIdentifier'))[0], TAG.oid, 'OID')),
  );

/** How much a SignedData may hold: checked as it is read, before anything is parsed further. */
export interface SignedDataLimits {
  /** Certificates in the `certificates` set (a signer's own, perhaps an intermediate). */
  readonly maxCertificates: number;
  /** SignerInfos: a document has one signer. */
  readonly maxSigners: number;
}

export const DEFAULT_SIGNED_DATA_LIMITS: SignedDataLimits = { maxCertificates: 4, maxSigners: 1 };

/** A SignedData beyond its limits: refused as it is, never read by the slower BER path. */
export class SignedDataLimitError extends Error {
  override name = 'SignedDataLimitError';
  constructor(
    /** What there is too much of. */
    readonly what: 'certificates' | 'signers',
    limit: number,
  ) {
    super(`more than ${limit} ${what}`);
  }
}

/**
 * The elements of a SET, read one at a time up to `max`: a set of a million empty entries costs
 * as little as one over the limit.
 */
function boundedChildren(bytes: Uint8Array, set: Tlv, max: number, what: SignedDataLimitError['what']): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = set.contentStart; offset < set.end;) {
    if (out.length === max) throw new SignedDataLimitError(what, max);
    const child = readTlv(bytes, offset, set.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** Most elements a BER SignedData may have before the general parser reads it (a signature with a certificate has about 120). */
const MAX_BER_ELEMENTS = 1000;

/** Reads a DER ContentInfo holding SignedData by position. Throws DerError on anything else. */
export function parseSignedDataDer(
  input: Uint8Array,
  limits: SignedDataLimits = DEFAULT_SIGNED_DATA_LIMITS,
): ParsedSignedData {
  // A plain view (not a Node Buffer), so every field read is a plain Uint8Array too.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const top = expectTag(readTlv(bytes, 0), TAG.sequence, 'ContentInfo');
  if (top.end !== bytes.length) throw new DerError('trailing bytes');
  const [type, explicit] = children(bytes, top);
  if (decodeOid(contents(bytes, expectTag(type, TAG.oid, 'content type'))) !== OID.signedData)
    throw new DerError('not SignedData');
  const sd = expectTag(
    children(bytes, expectTag(explicit, TAG.context0, '[0] content'))[0],
    TAG.sequence,
    'SignedData',
  );
  const parts = children(bytes, sd);
  let i = 1; // version
  expectTag(parts[i++], TAG.set, 'digestAlgorithms');
  const encap = children(bytes, expectTag(parts[i++], TAG.sequence, 'encapContentInfo'));
  const eContentType = decodeOid(contents(bytes, expectTag(encap[0], TAG.oid, 'eContentType')));
  // Attached content in DER is one primitive OCTET STRING; a constructed one is BER, read below.
  const content =
    encap.length > 1
      ? contents(
          bytes,
          expectTag(children(bytes, expectTag(encap[1], TAG.context0, '[0] eContent'))[0], TAG.octetString, 'eContent'),
        )
      : undefined;
  const certificates: Uint8Array[] = [];
  if (parts[i]?.tag === TAG.context0) {
    for (const c of boundedChildren(bytes, parts[i++]!, limits.maxCertificates, 'certificates')) {
      if (c.tag !== TAG.sequence) throw new DerError('a certificate is not a SEQUENCE');
      certificates.push(whole(bytes, c));
    }
  }
  if (parts[i]?.tag === TAG.context1) i++; // CRLs: not used
  const signerSet = expectTag(parts[i], TAG.set, 'signerInfos');
  const signers = boundedChildren(bytes, signerSet, limits.maxSigners, 'signers').map((si) =>
    parseSignerInfo(bytes, expectTag(si, TAG.sequence, 'SignerInfo')),
  );
  return { eContentType, hasContent: encap.length > 1, ...(content && { content }), certificates, signers };
}

function parseSignerInfo(bytes: Uint8Array, si: Tlv): ParsedSignerInfo {
  const f = children(bytes, si);
  let i = 1; // version
  const sid = f[i++];
  let issuer: Uint8Array | undefined;
  let serialNumber: Uint8Array | undefined;
  if (sid?.tag === TAG.sequence) {
    const [name, serial] = children(bytes, sid);
    issuer = whole(bytes, expectTag(name, TAG.sequence, 'issuer'));
    serialNumber = contents(bytes, expectTag(serial, TAG.integer, 'serial'));
  }
  const digestAlgorithm = algorithm(bytes, f[i++]);
  let signedAttrs: Uint8Array | undefined;
  const attributes: ParsedAttribute[] = [];
  if (f[i]?.tag === TAG.context0) {
    const raw = whole(bytes, f[i]!);
    signedAttrs = new Uint8Array(raw);
    signedAttrs[0] = TAG.set;
    for (const attr of children(bytes, f[i++]!)) {
      const [t, values] = children(bytes, expectTag(attr, TAG.sequence, 'Attribute'));
      attributes.push({
        type: decodeOid(contents(bytes, expectTag(t, TAG.oid, 'attribute type'))),
        values: children(bytes, expectTag(values, TAG.set, 'attribute values')).map((v) => whole(bytes, v)),
      });
    }
  }
  const signatureAlgorithm = algorithm(bytes, f[i++]);
  const signature = contents(bytes, expectTag(f[i++], TAG.octetString, 'signature'));
  return {
    digestAlgorithm,
    signatureAlgorithm,
    ...(issuer && { issuer }),
    ...(serialNumber && { serialNumber }),
    ...(signedAttrs && { signedAttrs }),
    attributes,
    signature,
  };
}

/**
 * The same reading with @peculiar/asn1-cms: slower, but it accepts BER (indefinite lengths, as
 * streaming signers write). Used when the DER reader refuses the input.
 */
export function parseSignedDataBer(
  bytes: Uint8Array,
  limits: SignedDataLimits = DEFAULT_SIGNED_DATA_LIMITS,
): ParsedSignedData {
  // The general parser's time grows with the number of elements: bound it first.
  checkBerBudget(bytes, MAX_BER_ELEMENTS);
  const buffer = toArrayBuffer(bytes);
  const contentInfo = AsnConvert.parse(buffer, ContentInfo);
  if (contentInfo.contentType !== OID.signedData) throw new DerError('not SignedData');
  const sd = AsnConvert.parse(contentInfo.content, SignedData);
  if ((sd.certificates?.length ?? 0) > limits.maxCertificates)
    throw new SignedDataLimitError('certificates', limits.maxCertificates);
  if (sd.signerInfos.length > limits.maxSigners) throw new SignedDataLimitError('signers', limits.maxSigners);
  const der = (v: unknown): Uint8Array => new Uint8Array(AsnConvert.serialize(v));
  const eContent = sd.encapContentInfo.eContent;
  const content = eContent?.single
    ? new Uint8Array(eContent.single.buffer)
    : eContent?.any
      ? new Uint8Array(eContent.any)
      : undefined;
  return {
    eContentType: sd.encapContentInfo.eContentType,
    hasContent: !!eContent,
    ...(content && { content }),
    certificates: (sd.certificates ?? []).flatMap((c) => (c.certificate ? [der(c.certificate)] : [])),
    signers: sd.signerInfos.map((si) => {
      const attrs = si.signedAttrs;
      // Re-encoded as DER (members sorted), as OpenSSL does before checking the signature.
      const signedAttrs = attrs ? setOf(...attrs.map(der)) : undefined;
      const ias = si.sid.issuerAndSerialNumber;
      return {
        digestAlgorithm: si.digestAlgorithm.algorithm,
        signatureAlgorithm: si.signatureAlgorithm.algorithm,
        ...(ias && { issuer: der(ias.issuer), serialNumber: new Uint8Array(ias.serialNumber) }),
        ...(signedAttrs && { signedAttrs }),
        attributes: (attrs ?? []).map((a) => ({
          type: a.attrType,
          values: a.attrValues.map((v) => new Uint8Array(v)),
        })),
        signature: new Uint8Array(si.signature.buffer),
      };
    }),
  };
}

/** Reads SignedData: by position when it is DER, with the library otherwise. */
export function parseSignedData(
  bytes: Uint8Array,
  limits: SignedDataLimits = DEFAULT_SIGNED_DATA_LIMITS,
): ParsedSignedData {
  try {
    return parseSignedDataDer(bytes, limits);
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    return parseSignedDataBer(bytes, limits);
  }
}
