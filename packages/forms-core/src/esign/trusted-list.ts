/**
 * @module EU trusted lists (ETSI TS 119 612): a national list read as hostile XML, its enveloped
 * signature verified against the scheme operator's certificates the operator pinned, and its
 * CA/QC services turned into issuers trusted for qualified signatures, with their status history.
 */
import { SignedXml } from 'xmldsigjs';
import { toArrayBuffer } from '../pki/encoding.js';
import { x509 } from '../pki/x509.js';
import { CA_QC, type Criteria, type QualificationElement, type ServicePeriod } from './qualification.js';
import { EsignError, fail, type TrustedIssuer } from './trust.js';
import {
  b64,
  CANONICALIZATIONS,
  childElements,
  digestReference,
  DIGESTS,
  DSIG,
  elements,
  equal,
  readXml,
  type ReferenceLike,
  SIGNATURE_METHODS,
  signatureValueVerifies,
  text,
  XADES,
} from './xades.js';

const TSL = 'http://uri.etsi.org/02231/v2#';
const ECC = 'http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface TrustedListLimits {
  readonly maxBytes: number;
  readonly maxElements: number;
  readonly maxDepth: number;
}

/**
 * The largest national lists are a few MiB (most, Poland's among them, a few hundred kB): 8 MiB
 * leaves room for growth while bounding the parsed tree (some tens of MiB). A list nests about
 * 16 deep (history, extensions, criteria); 32 leaves room for nested criteria.
 */
export const DEFAULT_TRUSTED_LIST_LIMITS: TrustedListLimits = {
  maxBytes: 8 * 1024 * 1024,
  maxElements: 400_000,
  maxDepth: 32,
};

export interface TrustedList {
  /** SchemeTerritory: `PL` for Poland's list. */
  readonly territory: string;
  readonly sequenceNumber: number;
  readonly issued: Date;
  readonly nextUpdate: Date;
  /** The pinned scheme-operator certificate the list's signature verified with. */
  readonly signedBy: x509.X509Certificate;
  /** One qualified issuer per certificate of each CA/QC service, with the service's statuses. */
  readonly issuers: TrustedIssuer[];
}

const kids = (parent: Element | undefined, ns: string, name: string): Element[] =>
  parent ? childElements(parent).filter((e) => e.namespaceURI === ns && e.localName === name) : [];
const child = (parent: Element | undefined, ns: string, name: string): Element | undefined => kids(parent, ns, name)[0];

/** A multilingual name: the English one, else the first. */
function nameOf(parent: Element | undefined): string {
  const names = kids(parent, TSL, 'Name');
  const en = names.find((n) => (n.getAttributeNS(XML_NS, 'lang') ?? n.getAttribute('xml:lang')) === 'en');
  return text(en ?? names[0]);
}

function time(el: Element | undefined, what: string): string {
  const t = text(el);
  if (!t || Number.isNaN(Date.parse(t))) fail('malformed', `the trusted list's ${what} is not a time`);
  return new Date(t).toISOString();
}

function criteria(list: Element): Criteria {
  const assert = list.getAttribute('assert') ?? 'all';
  if (assert !== 'all' && assert !== 'atLeastOne' && assert !== 'none') {
    fail('malformed', `a qualification's criteria assert "${assert}"`);
  }
  const result = {
    assert: assert as Criteria['assert'],
    keyUsage: [] as Array<Record<string, boolean>>,
    policySets: [] as string[][],
    lists: [] as Criteria[],
    unsupported: [] as string[],
  };
  for (const c of childElements(list)) {
    if (c.namespaceURI === ECC && c.localName === 'KeyUsage') {
      result.keyUsage.push(
        Object.fromEntries(kids(c, ECC, 'KeyUsageBit').map((b) => [b.getAttribute('name') ?? '', text(b) === 'true'])),
      );
    } else if (c.namespaceURI === ECC && c.localName === 'PolicySet') {
      result.policySets.push(
        kids(c, ECC, 'PolicyIdentifier').map((p) =>
          text(childElements(p).find((e) => e.localName === 'Identifier')).replace(/^urn:oid:/i, ''),
        ),
      );
    } else if (c.namespaceURI === ECC && c.localName === 'CriteriaList') {
      result.lists.push(criteria(c));
    } else if (c.localName !== 'Description') {
      result.unsupported.push(c.localName ?? 'unknown');
    }
  }
  return result;
}

/** A status of a service (its ServiceInformation, or a ServiceHistoryInstance). */
function period(info: Element): ServicePeriod {
  const additionalInformation: string[] = [];
  const qualifications: QualificationElement[] = [];
  for (const ext of kids(child(info, TSL, 'ServiceInformationExtensions'), TSL, 'Extension')) {
    for (const c of childElements(ext)) {
      if (c.localName === 'AdditionalServiceInformation') {
        additionalInformation.push(text(child(c, TSL, 'URI')));
      } else if (c.namespaceURI === ECC && c.localName === 'Qualifications') {
        for (const q of kids(c, ECC, 'QualificationElement')) {
          const list = child(q, ECC, 'CriteriaList');
          if (!list) fail('malformed', 'a qualification has no criteria');
          qualifications.push({
            qualifiers: kids(child(q, ECC, 'Qualifiers'), ECC, 'Qualifier').map((e) => e.getAttribute('uri') ?? ''),
            criteria: criteria(list!),
          });
        }
      } else if (
        ext.getAttribute('Critical') === 'true' &&
        c.localName !== 'TakenOverBy' &&
        c.localName !== 'ExpiredCertsRevocationInfo'
      ) {
        // A critical extension not understood: no certificate of the period is taken as qualified.
        qualifications.push({
          qualifiers: [],
          criteria: { assert: 'all', keyUsage: [], policySets: [], lists: [], unsupported: [c.localName ?? ''] },
        });
      }
    }
  }
  return {
    serviceType: text(child(info, TSL, 'ServiceTypeIdentifier')),
    status: text(child(info, TSL, 'ServiceStatus')),
    from: time(child(info, TSL, 'StatusStartingTime'), 'StatusStartingTime'),
    additionalInformation,
    qualifications,
  };
}

/**
 * The enveloped signature must cover the whole list: exactly one ds:Signature, a child of the
 * list's root; one reference to the whole document (`URI=""`, or the root's Id) with the
 * enveloped-signature transform and canonicalization only; beside it only XAdES signed
 * properties inside the signature. Its value must verify with one of `operators`.
 */
async function verifySignature(
  doc: Document,
  operators: readonly x509.X509Certificate[],
): Promise<x509.X509Certificate> {
  const root = doc.documentElement;
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature') as unknown as Element[]);
  if (signatures.length === 0) fail('signature-invalid', 'the trusted list is not signed');
  if (signatures.length > 1) fail('multiple-signers', 'the trusted list holds more than one signature');
  const signature = signatures[0]!;
  if (signature.parentNode !== root) fail('malformed', "the trusted list's signature is not a child of the list");
  const signedXml = new SignedXml(doc);
  try {
    signedXml.LoadXml(signature);
  } catch (e) {
    fail('malformed', `the trusted list's signature cannot be read (${(e as Error).message})`);
  }
  const signedInfo = signedXml.XmlSignature.SignedInfo;
  if (!CANONICALIZATIONS.has(signedInfo.CanonicalizationMethod.Algorithm)) {
    fail('unsupported-algorithm', `canonicalization ${signedInfo.CanonicalizationMethod.Algorithm} is not accepted`);
  }
  const method = SIGNATURE_METHODS[signedInfo.SignatureMethod.Algorithm ?? ''];
  if (!method)
    fail('unsupported-algorithm', `signature method ${signedInfo.SignatureMethod.Algorithm} is not accepted`);
  const rootId = root.getAttribute('Id');
  let whole = 0;
  for (const ref of signedInfo.References.GetIterator() as unknown as ReferenceLike[]) {
    if (!DIGESTS[ref.DigestMethod.Algorithm]) fail('unsupported-algorithm', `digest ${ref.DigestMethod.Algorithm}`);
    const transforms = ref.Transforms ? ref.Transforms.GetIterator().map((t) => t.Algorithm) : [];
    const uri = ref.Uri ?? '';
    if (ref.Type === SIGNED_PROPERTIES_TYPE && uri.startsWith('#')) {
      const target = elements(signature, XADES, 'SignedProperties').filter(
        (e) => e.getAttribute('Id') === uri.slice(1),
      );
      if (target.length !== 1 || transforms.some((t) => !CANONICALIZATIONS.has(t))) {
        fail('malformed', "the trusted list's signed properties must be in its signature, canonicalized only");
      }
    } else if (uri === '' || (rootId && uri === `#${rootId}`)) {
      if (!transforms.includes(ENVELOPED) || transforms.some((t) => t !== ENVELOPED && !CANONICALIZATIONS.has(t))) {
        fail('malformed', "the list's reference must have the enveloped-signature transform and canonicalization only");
      }
      whole++;
    } else {
      fail('malformed', `the trusted list's signature references "${uri}", not the whole list`);
    }
    // Each digest over a copy: the enveloped-signature transform removes the signature from what it is given.
    const computed = await digestReference(signedXml, root.cloneNode(true) as Element, ref);
    if (!equal(computed, new Uint8Array(ref.DigestValue))) {
      fail('signature-invalid', 'the trusted list was changed after it was signed (a digest does not match)');
    }
  }
  if (whole !== 1) fail('malformed', "the trusted list's signature must reference the whole list exactly once");
  for (const operator of operators) {
    if (await signatureValueVerifies(signedXml, operator, method!)) return operator;
  }
  return fail(
    'unknown-issuer',
    "the trusted list's signature does not verify with any of the configured scheme-operator certificates",
  );
}

/**
 * Reads a trusted list (ETSI TS 119 612 XML) an operator downloaded, e.g. Poland's from NCCert.
 * Refused: more than `limits.maxBytes`, not UTF-8, DTDs, entities and processing instructions
 * (before parsing), too many or too deeply nested elements, a root other than
 * TrustServiceStatusList, no signature or one that does not cover the whole list, a signature no
 * pinned `operators` certificate verifies, services outside the list's structure, a list without
 * NextUpdate (closed) or whose NextUpdate is before `now`. Gives one issuer of kind `qualified`
 * for each X509Certificate of each service of type CA/QC, with the service's current status and
 * ServiceHistory; which of its certificates are qualified is decided per certificate when a
 * signature is verified (qualification.ts).
 */
export async function readTrustedList(
  xml: Uint8Array,
  options: {
    readonly operators: readonly x509.X509Certificate[];
    readonly now: Date;
    readonly limits?: TrustedListLimits;
  },
): Promise<TrustedList> {
  try {
    return await read(xml, options);
  } catch (e) {
    if (e instanceof EsignError) throw e;
    return fail('malformed', `unreadable trusted list (${(e as Error).name}: ${(e as Error).message})`);
  }
}

async function read(xml: Uint8Array, options: Parameters<typeof readTrustedList>[1]): Promise<TrustedList> {
  const limits = options.limits ?? DEFAULT_TRUSTED_LIST_LIMITS;
  if (options.operators.length === 0) fail('unknown-issuer', 'no scheme-operator certificate is configured');
  if (xml.length > limits.maxBytes) fail('too-large', `the trusted list is larger than ${limits.maxBytes} bytes`);
  const doc = readXml(xml, limits, 'the trusted list');
  const root = doc.documentElement;
  if (root.namespaceURI !== TSL || root.localName !== 'TrustServiceStatusList') {
    fail('malformed', 'not a trusted list (its root is not TrustServiceStatusList of ETSI TS 119 612)');
  }
  const signedBy = await verifySignature(doc, options.operators);

  const scheme = child(root, TSL, 'SchemeInformation');
  const territory = text(child(scheme, TSL, 'SchemeTerritory'));
  const sequenceNumber = Number(text(child(scheme, TSL, 'TSLSequenceNumber')));
  if (!territory || !Number.isInteger(sequenceNumber) || sequenceNumber < 1) {
    fail('malformed', 'the trusted list has no scheme territory or sequence number');
  }
  const issued = time(child(scheme, TSL, 'ListIssueDateTime'), 'ListIssueDateTime');
  const next = child(child(scheme, TSL, 'NextUpdate'), TSL, 'dateTime');
  if (!next) fail('list-expired', `the trusted list of ${territory} is closed (it has no NextUpdate)`);
  const nextUpdate = time(next, 'NextUpdate');
  if (options.now.getTime() > Date.parse(nextUpdate)) {
    fail(
      'list-expired',
      `the trusted list of ${territory} (number ${sequenceNumber}) expired: its NextUpdate ${nextUpdate} has passed; download the current list`,
    );
  }

  const trustedList = { territory, sequenceNumber, nextUpdate };
  const issuers: TrustedIssuer[] = [];
  const providers = kids(child(root, TSL, 'TrustServiceProviderList'), TSL, 'TrustServiceProvider');
  let services = 0;
  for (const tsp of providers) {
    const tspName = nameOf(child(child(tsp, TSL, 'TSPInformation'), TSL, 'TSPName'));
    for (const svc of kids(child(tsp, TSL, 'TSPServices'), TSL, 'TSPService')) {
      services++;
      const info = child(svc, TSL, 'ServiceInformation');
      if (!info || text(child(info, TSL, 'ServiceTypeIdentifier')) !== CA_QC) continue;
      const certificates = kids(child(info, TSL, 'ServiceDigitalIdentity'), TSL, 'DigitalId').flatMap((d) =>
        kids(d, TSL, 'X509Certificate'),
      );
      if (certificates.length === 0) continue;
      const statusHistory = [
        period(info),
        ...kids(child(svc, TSL, 'ServiceHistory'), TSL, 'ServiceHistoryInstance').map(period),
      ];
      const name = nameOf(child(info, TSL, 'ServiceName')) || tspName;
      for (const c of certificates) {
        let certificate: x509.X509Certificate;
        try {
          certificate = new x509.X509Certificate(toArrayBuffer(b64(text(c))));
        } catch {
          return fail('malformed', `a certificate of the service "${name}" cannot be read`);
        }
        issuers.push({ kind: 'qualified', name, certificate, statusHistory, trustedList });
      }
    }
  }
  // What the reading above finds is all there is: no provider or service hides elsewhere (in the signature's objects, say).
  if (
    doc.getElementsByTagNameNS(TSL, 'TrustServiceProvider').length !== providers.length ||
    doc.getElementsByTagNameNS(TSL, 'TSPService').length !== services
  ) {
    fail('malformed', 'the trusted list has trust services outside its list of providers');
  }
  return { territory, sequenceNumber, issued: new Date(issued), nextUpdate: new Date(nextUpdate), signedBy, issuers };
}
