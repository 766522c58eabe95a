/**
 * @module Whether a certificate is qualified for electronic signatures by what a trusted list
 * (ETSI TS 119 612) says of the service that issued it: the service's status when the
 * certificate was issued, and the qualifiers (TS 119 612 §5.5.9.2) that apply to it.
 */
import { x509 } from '../pki/x509.js';

const SVCSTATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/';
const SIE = 'http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/';

/** The service type of a CA issuing qualified certificates. */
export const CA_QC = 'http://uri.etsi.org/TrstSvc/Svctype/CA/QC';

/**
 * Statuses under which a CA/QC service's certificates are qualified: `granted` (eIDAS), and
 * before it `undersupervision`, `supervisionincessation` and `accredited` (Directive 1999/93/EC).
 */
export const QUALIFYING_STATUSES: ReadonlySet<string> = new Set(
  ['granted', 'undersupervision', 'supervisionincessation', 'accredited'].map((s) => SVCSTATUS + s),
);

/** The qualifiers of TS 119 612 §5.5.9.2.3 ebok acts on. */
export const QUALIFIER = {
  notQualified: `${SIE}NotQualified`,
  qcStatement: `${SIE}QCStatement`,
  forESig: `${SIE}QCForESig`,
  forESeal: `${SIE}QCForESeal`,
  forWSA: `${SIE}QCForWSA`,
  withSSCD: `${SIE}QCWithSSCD`,
  withQSCD: `${SIE}QCWithQSCD`,
  qscdManagedOnBehalf: `${SIE}QCQSCDManagedOnBehalf`,
  noSSCD: `${SIE}QCNoSSCD`,
  noQSCD: `${SIE}QCNoQSCD`,
} as const;

/** AdditionalServiceInformation (TS 119 612 §5.5.9.4): what a granted CA/QC service issues for. */
export const FOR_ESIGNATURES = `${SIE}ForeSignatures`;

/**
 * A CriteriaList (§5.5.9.2.2): which certificates a qualification element applies to. Key usage
 * (every listed bit as listed) and policy sets (every policy present) are evaluated, nested lists
 * too; any other criterion is named in `unsupported` and makes the list undecidable.
 */
export interface Criteria {
  readonly assert: 'all' | 'atLeastOne' | 'none';
  readonly keyUsage: ReadonlyArray<Readonly<Record<string, boolean>>>;
  readonly policySets: ReadonlyArray<readonly string[]>;
  readonly lists: readonly Criteria[];
  readonly unsupported: readonly string[];
}

export interface QualificationElement {
  readonly qualifiers: readonly string[];
  readonly criteria: Criteria;
}

/** One status of a service on a trusted list, from `from` until the next one (current or ServiceHistory). */
export interface ServicePeriod {
  readonly serviceType: string;
  readonly status: string;
  /** ISO 8601: StatusStartingTime. */
  readonly from: string;
  readonly additionalInformation: readonly string[];
  readonly qualifications: readonly QualificationElement[];
}

/** What a certificate's qcStatements say, as trust.ts reads them. */
export interface QcFacts {
  readonly compliance: boolean;
  readonly sscd: boolean;
  /** QcType's types; empty when the certificate states none. */
  readonly types: readonly string[];
}

const QC_TYPE_ESIGN = '0.4.0.1862.1.6.1';

/** The status in force at `when`: the latest period that started at or before it. */
export function periodAt(history: readonly ServicePeriod[], when: Date): ServicePeriod | undefined {
  let found: ServicePeriod | undefined;
  for (const p of history) {
    const from = Date.parse(p.from);
    if (from <= when.getTime() && (!found || from >= Date.parse(found.from))) found = p;
  }
  return found;
}

type Verdict = boolean | undefined;

function matches(c: Criteria, cert: x509.X509Certificate): Verdict {
  const usages = cert.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  const policies = new Set(cert.getExtension(x509.CertificatePolicyExtension)?.policies ?? []);
  const results: Verdict[] = [
    ...c.keyUsage.map((bits) =>
      Object.entries(bits).every(([name, set]) => {
        const flag = x509.KeyUsageFlags[name as keyof typeof x509.KeyUsageFlags] as number | undefined;
        return flag !== undefined && ((usages & flag) !== 0) === set;
      }),
    ),
    ...c.policySets.map((set) => set.every((p) => policies.has(p))),
    ...c.lists.map((l) => matches(l, cert)),
    ...c.unsupported.map((): Verdict => undefined),
  ];
  const any = (v: Verdict) => results.some((r) => r === v);
  if (c.assert === 'all') return any(false) ? false : any(undefined) ? undefined : true;
  if (c.assert === 'atLeastOne') return any(true) ? true : any(undefined) ? undefined : false;
  return any(true) ? false : any(undefined) ? undefined : true;
}

/**
 * Why a certificate of this service is not a qualified certificate for electronic signatures on
 * a qualified device, or undefined when it is. As the EU's determination of qualified status
 * (ETSI TS 119 615) does it, within what ebok reads: the service's status when the certificate
 * was issued (its notBefore) must be granted (or, before eIDAS, under supervision or
 * accredited), so a service withdrawn later leaves the certificates it issued before qualified;
 * the qualifiers whose criteria the certificate meets then override what the certificate says of
 * itself (QCStatement, QCForESig/ESeal/WSA, QCWithSSCD/QSCD, QCNoSSCD/QSCD, NotQualified).
 */
export function notQualifiedReason(
  cert: x509.X509Certificate,
  history: readonly ServicePeriod[],
  qc: QcFacts,
): string | undefined {
  const period = periodAt(history, cert.notBefore);
  if (!period) return 'the trusted list names no status of its service when the certificate was issued';
  if (period.serviceType !== CA_QC || !QUALIFYING_STATUSES.has(period.status)) {
    return `its service's status when the certificate was issued (${period.from}) was ${period.status}, not granted`;
  }
  const qualifiers = new Set<string>();
  for (const q of period.qualifications) {
    const verdict = matches(q.criteria, cert);
    if (verdict === undefined) {
      return 'the trusted list qualifies its service by criteria this server does not evaluate';
    }
    if (verdict) for (const uri of q.qualifiers) qualifiers.add(uri);
  }
  const has = (uri: string) => qualifiers.has(uri);
  if (has(QUALIFIER.notQualified)) return 'the trusted list says its certificates are not qualified';
  if (!qc.compliance && !has(QUALIFIER.qcStatement)) return 'it does not state that it is an EU qualified certificate';
  // The list's type qualifiers decide over the certificate's QcType; QCForESig with another type is a contradiction.
  const forOther = has(QUALIFIER.forESeal) || has(QUALIFIER.forWSA);
  const certificateSaysOther = qc.types.length > 0 && !qc.types.includes(QC_TYPE_ESIGN);
  if (forOther || (!has(QUALIFIER.forESig) && certificateSaysOther)) {
    return 'it is not a certificate for electronic signatures';
  }
  if (
    !has(QUALIFIER.forESig) &&
    period.status === `${SVCSTATUS}granted` &&
    period.additionalInformation.length > 0 &&
    !period.additionalInformation.includes(FOR_ESIGNATURES)
  ) {
    return 'its service is not granted for electronic signatures';
  }
  if (has(QUALIFIER.noSSCD) || has(QUALIFIER.noQSCD)) return 'its key is not on a qualified signature device';
  const device = has(QUALIFIER.withSSCD) || has(QUALIFIER.withQSCD) || has(QUALIFIER.qscdManagedOnBehalf);
  if (!device && !qc.sscd) return 'its key is not on a qualified signature device';
  return undefined;
}

// JSON: the form EBOK_TRUSTED_ISSUERS carries a list's services in (ebok-trusted-list prints it).

const strings = (v: unknown, what: string): string[] => {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new Error(`${what} must be strings`);
  return v as string[];
};

function criteriaFromJson(v: unknown, depth = 0): Criteria {
  const o = (v ?? {}) as Record<string, unknown>;
  if (depth > 8) throw new Error('criteria are nested too deeply');
  if (o['assert'] !== 'all' && o['assert'] !== 'atLeastOne' && o['assert'] !== 'none')
    throw new Error('criteria "assert" must be all, atLeastOne or none');
  if (!Array.isArray(o['keyUsage']) || !Array.isArray(o['policySets']) || !Array.isArray(o['lists']))
    throw new Error('criteria need keyUsage, policySets and lists');
  return {
    assert: o['assert'],
    keyUsage: o['keyUsage'].map((bits: unknown) => {
      if (typeof bits !== 'object' || bits === null || !Object.values(bits).every((b) => typeof b === 'boolean'))
        throw new Error('a key usage criterion must map bits to true or false');
      return bits as Record<string, boolean>;
    }),
    policySets: o['policySets'].map((s: unknown) => strings(s, 'a policy set')),
    lists: o['lists'].map((l: unknown) => criteriaFromJson(l, depth + 1)),
    unsupported: strings(o['unsupported'] ?? [], 'unsupported criteria'),
  };
}

/** A service's status history from its JSON form; throws on what is not one. */
export function statusHistoryFromJson(value: unknown): ServicePeriod[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error('"statusHistory" must be a non-empty array');
  return value.map((p: unknown) => {
    const o = (p ?? {}) as Record<string, unknown>;
    for (const k of ['serviceType', 'status', 'from'])
      if (typeof o[k] !== 'string') throw new Error(`a status needs "${k}"`);
    if (Number.isNaN(Date.parse(o['from'] as string))) throw new Error(`"${o['from'] as string}" is not a time`);
    if (!Array.isArray(o['qualifications'])) throw new Error('a status needs "qualifications"');
    return {
      serviceType: o['serviceType'] as string,
      status: o['status'] as string,
      from: o['from'] as string,
      additionalInformation: strings(o['additionalInformation'] ?? [], '"additionalInformation"'),
      qualifications: o['qualifications'].map((q: unknown) => {
        const e = (q ?? {}) as Record<string, unknown>;
        return { qualifiers: strings(e['qualifiers'], '"qualifiers"'), criteria: criteriaFromJson(e['criteria']) };
      }),
    };
  });
}
