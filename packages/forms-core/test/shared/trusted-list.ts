// A test EU trusted list (ETSI TS 119 612) as a scheme operator publishes one: a scheme
// operator's key and certificate made with OpenSSL, a TrustServiceStatusList naming the test
// PKI's qualified CA (qca.pem) as a CA/QC service, signed enveloped by xmlsec1 (Debian's xmlsec1)
// from a template. Node only.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StatutoryPki } from './statutory-pki.js';

const exec = promisify(execFile);

export const TSL_NS = 'http://uri.etsi.org/02231/v2#';
const ECC_NS = 'http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#';
export const STATUS = (s: string) => `http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/${s}`;
export const QUALIFIER = (q: string) => `http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/${q}`;
export const CA_QC = 'http://uri.etsi.org/TrstSvc/Svctype/CA/QC';

export interface TestService {
  readonly name: string;
  /** The PEM file in the PKI's folder of the service's certificate. */
  readonly certificate: string;
  readonly type?: string;
  /** Current status first, then the history; default granted since 2016. */
  readonly statuses?: ReadonlyArray<{ readonly status: string; readonly from: Date; readonly extensions?: string }>;
}

export interface TestList {
  readonly services: readonly TestService[];
  readonly nextUpdate?: Date;
  readonly sequenceNumber?: number;
  /** The key (and certificate) that signs: the scheme operator's by default. */
  readonly signer?: string;
  /** The reference's URI: the whole list by default. */
  readonly referenceUri?: string;
  /** Changes the template before it is signed. */
  readonly edit?: (xml: string) => string;
}

/** A qualification (TS 119 612 §5.5.9.2): these qualifiers for the certificates `criteria` (a CriteriaList's content) select. */
export const qualificationsWhere = (criteria: string, ...qualifiers: string[]) =>
  `<tsl:Extension Critical="true"><ecc:Qualifications><ecc:QualificationElement><ecc:Qualifiers>` +
  qualifiers.map((q) => `<ecc:Qualifier uri="${QUALIFIER(q)}"/>`).join('') +
  `</ecc:Qualifiers><ecc:CriteriaList assert="atLeastOne">${criteria}</ecc:CriteriaList>` +
  `</ecc:QualificationElement></ecc:Qualifications></tsl:Extension>`;

/** A qualification for certificates with nonRepudiation, with these qualifiers. */
export const qualifications = (...qualifiers: string[]) =>
  qualificationsWhere(
    `<ecc:KeyUsage><ecc:KeyUsageBit name="nonRepudiation">true</ecc:KeyUsageBit></ecc:KeyUsage>`,
    ...qualifiers,
  );

const FOR_ESIGNATURES = `<tsl:Extension Critical="true"><tsl:AdditionalServiceInformation><tsl:URI xml:lang="en">${QUALIFIER('ForeSignatures')}</tsl:URI></tsl:AdditionalServiceInformation></tsl:Extension>`;

const der = (pem: string) => pem.replace(/-----[^-]+-----|\s+/g, '');

export class TestTrustedLists {
  private constructor(readonly pki: StatutoryPki) {}

  /** The scheme operator's key and certificate (tlso), and another that is no operator's (rogue-tlso). */
  static async create(pki: StatutoryPki): Promise<TestTrustedLists> {
    for (const name of ['tlso', 'rogue-tlso']) {
      await pki.openssl(
        `req -x509 -newkey rsa:2048 -nodes -keyout ${name}.key -out ${name}.pem -days 60 -subj /C=PL/O=Test_Scheme_Operator/CN=${name}`,
      );
    }
    return new TestTrustedLists(pki);
  }

  async template(list: TestList): Promise<string> {
    const services = await Promise.all(
      list.services.map(async (s) => {
        const statuses = s.statuses ?? [{ status: STATUS('granted'), from: new Date('2016-07-01T00:00:00Z') }];
        const cert = der(await this.pki.pem(s.certificate));
        const block = (st: (typeof statuses)[number]) =>
          `<tsl:ServiceTypeIdentifier>${s.type ?? CA_QC}</tsl:ServiceTypeIdentifier>` +
          `<tsl:ServiceName><tsl:Name xml:lang="pl">Usługa ${s.name}</tsl:Name><tsl:Name xml:lang="en">${s.name}</tsl:Name></tsl:ServiceName>` +
          `<tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>${cert}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>` +
          `<tsl:ServiceStatus>${st.status}</tsl:ServiceStatus><tsl:StatusStartingTime>${st.from.toISOString().replace(/\.\d+Z$/, 'Z')}</tsl:StatusStartingTime>` +
          `<tsl:ServiceInformationExtensions>${FOR_ESIGNATURES}${st.extensions ?? ''}</tsl:ServiceInformationExtensions>`;
        const [current, ...history] = statuses;
        return (
          `<tsl:TSPService><tsl:ServiceInformation>${block(current!)}</tsl:ServiceInformation>` +
          (history.length
            ? `<tsl:ServiceHistory>${history.map((h) => `<tsl:ServiceHistoryInstance>${block(h)}</tsl:ServiceHistoryInstance>`).join('')}</tsl:ServiceHistory>`
            : '') +
          `</tsl:TSPService>`
        );
      }),
    );
    const signer = list.signer ?? 'tlso';
    const iso = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');
    let xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<tsl:TrustServiceStatusList xmlns:tsl="${TSL_NS}" xmlns:ecc="${ECC_NS}" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" TSLTag="http://uri.etsi.org/19612/TSLTag" Id="tsl">` +
      `<tsl:SchemeInformation Id="scheme"><tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier><tsl:TSLSequenceNumber>${list.sequenceNumber ?? 42}</tsl:TSLSequenceNumber>` +
      `<tsl:TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</tsl:TSLType>` +
      `<tsl:SchemeOperatorName><tsl:Name xml:lang="en">Test Scheme Operator</tsl:Name></tsl:SchemeOperatorName>` +
      `<tsl:SchemeTerritory>PL</tsl:SchemeTerritory>` +
      `<tsl:ListIssueDateTime>${iso(new Date(Date.now() - 86_400_000))}</tsl:ListIssueDateTime>` +
      `<tsl:NextUpdate><tsl:dateTime>${iso(list.nextUpdate ?? new Date(Date.now() + 90 * 86_400_000))}</tsl:dateTime></tsl:NextUpdate>` +
      `</tsl:SchemeInformation>` +
      `<tsl:TrustServiceProviderList><tsl:TrustServiceProvider><tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang="en">Test Trust Service</tsl:Name></tsl:TSPName></tsl:TSPInformation>` +
      `<tsl:TSPServices>${services.join('')}</tsl:TSPServices></tsl:TrustServiceProvider></tsl:TrustServiceProviderList>` +
      `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="sig"><ds:SignedInfo>` +
      `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>` +
      `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
      `<ds:Reference URI="${list.referenceUri ?? ''}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>` +
      `<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>` +
      `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo>` +
      `<ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${der(await this.pki.pem(signer))}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
      `</ds:Signature></tsl:TrustServiceStatusList>\n`;
    if (list.edit) xml = list.edit(xml);
    return xml;
  }

  /** The list signed by xmlsec1 (written to `file` in the PKI's folder too). */
  async signed(list: TestList, file = 'tsl.xml'): Promise<Uint8Array> {
    await writeFile(join(this.pki.dir, 'tsl-template.xml'), await this.template(list));
    const signer = list.signer ?? 'tlso';
    await this.xmlsec([
      '--sign',
      '--privkey-pem',
      `${signer}.key,${signer}.pem`,
      '--id-attr:Id',
      `${TSL_NS}:SchemeInformation`,
      '--id-attr:Id',
      `${TSL_NS}:TrustServiceStatusList`,
      '--output',
      file,
      'tsl-template.xml',
    ]);
    return new Uint8Array(await readFile(join(this.pki.dir, file)));
  }

  /** xmlsec1's own verdict on a list in the PKI's folder, with the scheme operator's certificate trusted. */
  async xmlsecVerifies(file = 'tsl.xml'): Promise<boolean> {
    try {
      await this.xmlsec([
        '--verify',
        '--trusted-pem',
        'tlso.pem',
        '--id-attr:Id',
        `${TSL_NS}:TrustServiceStatusList`,
        file,
      ]);
      return true;
    } catch (e) {
      if ((e as Error).message.startsWith('xmlsec1 not found')) throw e;
      return false;
    }
  }

  private async xmlsec(args: string[]) {
    try {
      return await exec('xmlsec1', args, { cwd: this.pki.dir });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error("xmlsec1 not found: install Debian's xmlsec1");
      throw e;
    }
  }
}
