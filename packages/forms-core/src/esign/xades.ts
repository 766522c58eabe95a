/** @module XAdES signatures over the application document (podpis zaufany, and qualified or personal signatures as XML): hostile XML refused before parsing, references checked one by one, the signer found in the signed properties. */
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import xpath from 'xpath';
import { setNodeDependencies } from 'xml-core';
import { Application, SignedXml } from 'xmldsigjs';
import { fromBase64, toArrayBuffer } from '../pki/encoding.js';
import { x509 } from '../pki/x509.js';
import { identityFromSubject, type ResidentIdentity } from '../pki/names.js';
import { isPesel } from '../formats/index.js';
import {
  chain,
  checkQualified,
  checkValidity,
  EsignError,
  fail,
  statutorySigner,
  type StatutorySigner,
  type TrustedIssuer,
} from './trust.js';

export const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
export const XADES = ['http://uri.etsi.org/01903/v1.3.2#', 'http://uri.etsi.org/01903/v1.4.1#'];
const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
const BASE64 = 'http://www.w3.org/2000/09/xmldsig#base64';
export const CANONICALIZATIONS = new Set([
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
]);
export const DIGESTS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
};
export const SIGNATURE_METHODS: Readonly<Record<string, { name: 'RSASSA-PKCS1-v1_5' | 'ECDSA'; hash: string }>> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { name: 'ECDSA', hash: 'SHA-256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { name: 'ECDSA', hash: 'SHA-384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { name: 'ECDSA', hash: 'SHA-512' },
};

export interface XadesLimits {
  /** Elements an XML signature may have (one with a certificate and the trusted profile's data has about 60). */
  readonly maxElements: number;
  readonly maxDepth: number;
}

export const DEFAULT_XADES_LIMITS: XadesLimits = { maxElements: 2000, maxDepth: 32 };

export interface XadesResult {
  readonly signer: StatutorySigner;
  readonly signingTime: Date | undefined;
  /** `enveloping`: the document inside the signature (base64); `detached`: the document beside it, named by its reference. */
  readonly format: 'xades-enveloping' | 'xades-detached';
  /** The signer's certificate, and every certificate in KeyInfo (for its revocation check). */
  readonly certificate: x509.X509Certificate;
  readonly certificates: readonly x509.X509Certificate[];
}

let ready = false;
export function setUp(): void {
  if (ready) return;
  setNodeDependencies({ DOMParser, XMLSerializer, DOMImplementation, xpath });
  Application.setEngine('WebCrypto', globalThis.crypto);
  ready = true;
}

export const elements = (parent: Element, ns: string | readonly string[], name: string): Element[] => {
  const spaces = typeof ns === 'string' ? [ns] : ns;
  return spaces.flatMap((n) => Array.from(parent.getElementsByTagNameNS(n, name) as unknown as Element[]));
};

export const childElements = (parent: Element): Element[] =>
  Array.from(parent.childNodes as unknown as Node[]).filter((n): n is Element => n.nodeType === 1);

/** Hostile XML is refused before a parser sees it: DTDs and entities, processing instructions, too many elements. */
export function screen(text: string, limits: XadesLimits): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) fail('malformed', 'DTDs and entity declarations are not accepted');
  if (/<\?(?!xml[\s?])/.test(text.replace(/^\uFEFF/, '')) || /[^\s]\s*<\?xml[\s?]/.test(text.slice(1))) {
    fail('malformed', 'processing instructions (stylesheets among them) are not accepted');
  }
  let count = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    if (++count > limits.maxElements * 2) fail('too-large', `more than ${limits.maxElements} elements`);
  }
}

export function parse(text: string, limits: XadesLimits): Document {
  let problem: string | undefined;
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') problem ??= message;
    },
  }).parseFromString(text, 'application/xml') as unknown as Document;
  if (problem || !doc?.documentElement) fail('malformed', `not well-formed XML (${problem ?? 'no root element'})`);
  // Depth and element count, and every Id once: a reference must find one element, never another.
  const ids = new Set<string>();
  let count = 0;
  const walk = (el: Element, depth: number): void => {
    if (depth > limits.maxDepth) fail('too-large', `nested deeper than ${limits.maxDepth}`);
    if (++count > limits.maxElements) fail('too-large', `more than ${limits.maxElements} elements`);
    for (const name of ['Id', 'ID', 'id']) {
      const id = el.getAttribute(name);
      if (id === null || id === '') continue;
      if (ids.has(id)) fail('malformed', `the Id "${id}" appears more than once`);
      ids.add(id);
    }
    for (const child of childElements(el)) walk(child, depth + 1);
  };
  walk(doc.documentElement, 0);
  return doc;
}

const byId = (root: Element, id: string): Element | undefined => {
  const stack = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.getAttribute('Id') === id || el.getAttribute('ID') === id || el.getAttribute('id') === id) return el;
    stack.push(...childElements(el));
  }
  return undefined;
};

/** XML bytes as a screened, parsed document: UTF-8 only, no DTD, entities or PIs, within the limits. */
export function readXml(xml: Uint8Array, limits: XadesLimits, what: string): Document {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    return fail('malformed', `${what} is not UTF-8`);
  }
  screen(source, limits);
  setUp();
  return parse(source, limits);
}

export const text = (el: Element | undefined): string => (el?.textContent ?? '').trim();
export const b64 = (s: string): Uint8Array => fromBase64(s.replace(/\s+/g, ''));
export const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
const digest = async (hash: string, bytes: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest(hash, toArrayBuffer(bytes)));

/** What xmldsigjs computes as a reference's digest over `source` (the signature's document, or its root). */
export const digestReference = async (signedXml: SignedXml, source: Element, ref: unknown): Promise<Uint8Array> =>
  new Uint8Array(
    await (
      signedXml as unknown as { DigestReference(source: Element, ref: unknown, hmac: boolean): Promise<Uint8Array> }
    ).DigestReference(source, ref, false),
  );

/** Whether the signature value over the canonical SignedInfo verifies with `cert`'s key. */
export async function signatureValueVerifies(
  signedXml: SignedXml,
  cert: x509.X509Certificate,
  method: { name: 'RSASSA-PKCS1-v1_5' | 'ECDSA'; hash: string },
): Promise<boolean> {
  try {
    const key =
      method.name === 'ECDSA'
        ? await cert.publicKey.export(
            { name: 'ECDSA', namedCurve: (cert.publicKey.algorithm as EcKeyAlgorithm).namedCurve },
            ['verify'],
          )
        : await cert.publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: method.hash }, ['verify']);
    return await (
      signedXml as unknown as { ValidateSignatureValue(keys: CryptoKey[]): Promise<boolean> }
    ).ValidateSignatureValue([key]);
  } catch (e) {
    if (e instanceof EsignError) throw e;
    return false;
  }
}

export interface ReferenceLike {
  readonly Uri: string | undefined;
  readonly Type: string | undefined;
  readonly DigestMethod: { readonly Algorithm: string };
  readonly DigestValue: Uint8Array;
  readonly Transforms?: { GetIterator(): Array<{ readonly Algorithm: string }> };
}

/**
 * The identity podpis zaufany signs with: the trusted profile's data the state's service puts in
 * the signed properties (`PodpisZP` … `DaneZPOsobyFizycznej` with `Imie`, `Nazwisko`, `PESEL`).
 * Only what the signature covers is read.
 */
function trustedProfileIdentity(signedProperties: Element): ResidentIdentity {
  const people = Array.from(signedProperties.getElementsByTagName('*') as unknown as Element[]).filter(
    (e) => e.localName === 'DaneZPOsobyFizycznej',
  );
  if (people.length !== 1)
    fail('missing-signed-attributes', 'the trusted profile’s data (DaneZPOsobyFizycznej) is not signed once');
  const field = (name: string) => text(childElements(people[0]!).find((e) => e.localName === name));
  const pesel = field('PESEL');
  if (!isPesel(pesel)) fail('malformed', 'the trusted profile’s PESEL is not a valid PESEL');
  return { givenNames: field('Imie'), surname: field('Nazwisko'), pesel };
}

/**
 * Verifies an XAdES signature (XML-DSig with signed properties) over `document`, the PDF ebok
 * made: enveloping (the PDF inside, base64) or detached (a reference by name with the PDF's
 * digest). Refused before parsing: DTDs, entities, processing instructions (stylesheets), too
 * many or too deeply nested elements. Then: one signature, at the root; every Id once; only
 * canonicalization, base64 and SHA-2 (no XPath, XSLT or external resources); exactly one
 * reference to the document and one to the signed properties, each digest checked; the signing
 * certificate named by its digest in the signed properties; its chain to a trusted issuer (the
 * kind); the signature value. Who signed: the certificate's subject, or for podpis zaufany (the
 * state service's certificate) the trusted profile's data in the signed properties.
 */
export async function verifyXades(xml: Uint8Array, options: Parameters<typeof verify>[1]): Promise<XadesResult> {
  try {
    return await verify(xml, options);
  } catch (e) {
    // Whatever the XML library throws on input it cannot read is a refusal of that input, not a failure of ours.
    if (e instanceof EsignError) throw e;
    return fail('malformed', `unreadable XML signature (${(e as Error).name}: ${(e as Error).message})`);
  }
}

async function verify(
  xml: Uint8Array,
  options: {
    readonly trusted: readonly TrustedIssuer[];
    readonly document: Uint8Array;
    readonly now?: Date;
    readonly maxClockSkewMs?: number;
    readonly limits?: XadesLimits;
  },
): Promise<XadesResult> {
  const limits = options.limits ?? DEFAULT_XADES_LIMITS;
  const now = options.now ?? new Date();
  const doc = readXml(xml, limits, 'the XML');
  const root = doc.documentElement;
  if (root.namespaceURI !== DSIG || root.localName !== 'Signature') {
    fail('malformed', 'the signature must be the document’s root (enveloping or detached XAdES)');
  }
  if (elements(root, DSIG, 'Signature').length !== 0)
    fail('multiple-signers', 'the file holds more than one signature');

  const signedXml = new SignedXml(doc);
  try {
    signedXml.LoadXml(root);
  } catch (e) {
    fail('malformed', `not an XML signature (${(e as Error).message})`);
  }
  const signedInfo = signedXml.XmlSignature.SignedInfo;
  if (!CANONICALIZATIONS.has(signedInfo.CanonicalizationMethod.Algorithm)) {
    fail('unsupported-algorithm', `canonicalization ${signedInfo.CanonicalizationMethod.Algorithm} is not accepted`);
  }
  const method = SIGNATURE_METHODS[signedInfo.SignatureMethod.Algorithm ?? ''];
  if (!method)
    fail('unsupported-algorithm', `signature method ${signedInfo.SignatureMethod.Algorithm} is not accepted`);

  let signedProperties: Element | undefined;
  let format: XadesResult['format'] | undefined;
  const references = signedInfo.References.GetIterator() as unknown as ReferenceLike[];
  for (const ref of references) {
    const hash = DIGESTS[ref.DigestMethod.Algorithm];
    if (!hash) fail('unsupported-algorithm', `digest ${ref.DigestMethod.Algorithm} is not accepted`);
    const transforms = ref.Transforms ? ref.Transforms.GetIterator().map((t) => t.Algorithm) : [];
    for (const t of transforms) {
      if (t !== BASE64 && !CANONICALIZATIONS.has(t)) fail('unsupported-algorithm', `transform ${t} is not accepted`);
    }
    const uri = ref.Uri ?? '';
    if (uri.startsWith('#')) {
      const target = byId(root, uri.slice(1));
      if (!target) fail('malformed', `nothing in the signature has the Id ${uri}`);
      if (ref.Type === SIGNED_PROPERTIES_TYPE) {
        if (
          signedProperties ||
          !XADES.includes(target!.namespaceURI ?? '') ||
          target!.localName !== 'SignedProperties'
        ) {
          fail('malformed', 'the signed properties must be referenced once, as SignedProperties');
        }
        signedProperties = target;
      } else {
        // The document inside the signature: a ds:Object of this signature, its content the PDF in base64.
        if (format || target!.parentNode !== root || target!.localName !== 'Object' || transforms.join() !== BASE64) {
          fail(
            'malformed',
            'the document must be one ds:Object of the signature, referenced with the base64 transform',
          );
        }
        if (!equal(b64(text(target)), options.document))
          fail('content-mismatch', 'the document is not the one that was signed');
        format = 'xades-enveloping';
      }
      const computed = await digestReference(signedXml, root, ref);
      if (!equal(new Uint8Array(computed), new Uint8Array(ref.DigestValue))) {
        fail(
          ref.Type === SIGNED_PROPERTIES_TYPE ? 'signature-invalid' : 'content-mismatch',
          `the digest of ${uri} does not match`,
        );
      }
    } else if (
      uri !== '' &&
      !/^[a-z][a-z0-9+.-]*:/i.test(uri) &&
      transforms.length === 0 &&
      ref.Type !== SIGNED_PROPERTIES_TYPE
    ) {
      // Detached: the PDF beside the signature, named by the reference; its digest is the PDF's.
      if (format) fail('malformed', 'the signature references more than one document');
      if (!equal(await digest(hash!, options.document), new Uint8Array(ref.DigestValue))) {
        fail('content-mismatch', 'the document is not the one that was signed');
      }
      format = 'xades-detached';
    } else {
      fail(
        'malformed',
        `the reference "${uri}" is not accepted (whole-document, external and transformed references are not)`,
      );
    }
  }
  if (!format) fail('content-missing', 'the signature does not reference the document');
  if (!signedProperties) fail('missing-signed-attributes', 'the signature has no signed properties (it is not XAdES)');

  // The certificates in KeyInfo; the signer's is the one the signed properties name by digest.
  const certificates = elements(root, DSIG, 'X509Certificate').map((el) => {
    try {
      return { der: b64(text(el)), cert: new x509.X509Certificate(toArrayBuffer(b64(text(el)))) };
    } catch {
      return fail('malformed', 'a certificate in KeyInfo cannot be read');
    }
  });
  const certDigests = [
    ...elements(signedProperties!, XADES, 'SigningCertificateV2'),
    ...elements(signedProperties!, XADES, 'SigningCertificate'),
  ]
    .flatMap((sc) => elements(sc, XADES, 'CertDigest'))
    .map((cd) => ({
      algorithm: elements(cd, DSIG, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '',
      value: b64(text(elements(cd, DSIG, 'DigestValue')[0])),
    }));
  if (certDigests.length === 0)
    fail('missing-signed-attributes', 'the signed properties do not name the signing certificate');
  let signerCert: x509.X509Certificate | undefined;
  for (const c of certificates) {
    for (const d of certDigests) {
      const hash = DIGESTS[d.algorithm];
      if (hash && equal(await digest(hash, c.der), d.value)) signerCert ??= c.cert;
    }
  }
  if (!signerCert)
    fail('signing-certificate-mismatch', 'no certificate in the signature is the one its signed properties name');
  const cert = signerCert!;
  const issuer = await chain(
    cert,
    certificates.map((c) => c.cert),
    options.trusted,
    now,
  );

  if (!(await signatureValueVerifies(signedXml, cert, method!)))
    fail('signature-invalid', 'the signature does not verify');

  const timeText = text(elements(signedProperties!, XADES, 'SigningTime')[0]);
  const signingTime = timeText ? new Date(timeText) : undefined;
  if (signingTime && Number.isNaN(signingTime.getTime())) fail('malformed', 'the signing time cannot be read');
  checkValidity(cert, now, signingTime, options.maxClockSkewMs);
  if (issuer.kind === 'qualified') checkQualified(cert, issuer);
  const identity =
    issuer.kind === 'trusted-profile'
      ? trustedProfileIdentity(signedProperties!)
      : identityFromSubject(cert.subjectName);
  return {
    format: format!,
    signingTime,
    certificate: cert,
    certificates: certificates.map((c) => c.cert),
    signer: await statutorySigner(cert, issuer, identity),
  };
}
