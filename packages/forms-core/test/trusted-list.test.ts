import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCades, EsignError, type TrustedIssuer } from '../src/esign/cades.js';
import { verifyXades } from '../src/esign/xades.js';
import { readTrustedList } from '../src/esign/trusted-list.js';
import { x509 } from '../src/pki/x509.js';
import { StatutoryPki } from './shared/statutory-pki.js';
import {
  qualifications,
  qualificationsWhere,
  STATUS,
  TestTrustedLists,
  TSL_NS,
  type TestList,
} from './shared/trusted-list.js';

// EU trusted lists (ETSI TS 119 612) signed by xmlsec1 as a scheme operator signs them, naming
// the test PKI's qualified CA; xmlsec1 verifies the good ones too.
let pki: StatutoryPki;
let lists: TestTrustedLists;
let operators: x509.X509Certificate[];
let issued: Date;
const PERSON = { givenNames: 'Jan', surname: 'Kowalski', pesel: '80010101230' };
const content = new TextEncoder().encode('%PDF-1.7 the application document');
const HOUR = 3_600_000;
const SERVICE = { name: 'Test Qualified CA', certificate: 'qca' };

const read = async (list: TestList | Uint8Array, now = new Date()) =>
  readTrustedList(list instanceof Uint8Array ? list : await lists.signed(list), { operators, now });

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'accepted';
  } catch (e) {
    if (e instanceof EsignError) return `${e.code}: ${e.message}`;
    throw e;
  }
}

/** The qualified signer's CAdES signature, verified against the issuers a list gives, `now` an hour after it was issued. */
async function verdictOf(trusted: TrustedIssuer[], signer = 'qes', now = new Date(issued.getTime() + HOUR)) {
  const cms = await pki.cades(signer, content);
  return refusal(() => verifyCades(cms, { trusted, content, now }));
}

beforeAll(async () => {
  pki = await StatutoryPki.create();
  await pki.issue('qes', PERSON, 'qualified');
  await pki.issue('plain', PERSON, 'not-qualified');
  lists = await TestTrustedLists.create(pki);
  operators = [new x509.X509Certificate(await pki.pem('tlso'))];
  issued = new x509.X509Certificate(await pki.pem('qes')).notBefore;
}, 90_000);

describe('a trusted list', () => {
  it('is read: territory, sequence number, dates, and the CA/QC service as a qualified issuer; xmlsec1 verifies it too', async () => {
    const list = await read({ services: [SERVICE] });
    expect(await lists.xmlsecVerifies()).toBe(true);
    expect(list).toMatchObject({ territory: 'PL', sequenceNumber: 42 });
    expect(list.nextUpdate.getTime()).toBeGreaterThan(Date.now());
    expect(list.issued.getTime()).toBeLessThan(Date.now());
    expect(list.signedBy.subject).toMatch(/tlso/);
    expect(list.issuers).toHaveLength(1);
    expect(list.issuers[0]).toMatchObject({ kind: 'qualified', name: 'Test Qualified CA' });
    expect(list.issuers[0]!.statusHistory![0]!.status).toBe(STATUS('granted'));
  });

  it('its issuers verify a qualified CAdES and XAdES signature; a certificate without QC statements is not qualified', async () => {
    const { issuers } = await read({ services: [SERVICE] });
    const cades = await verifyCades(await pki.cades('qes', content), { trusted: issuers, content });
    expect(cades.signer).toMatchObject({ kind: 'qualified', issuer: 'Test Qualified CA' });
    const xades = await verifyXades(await pki.xades(content, { signer: 'qes' }), {
      trusted: issuers,
      document: content,
    });
    expect(xades.signer.identifier).toBe('PNOPL-80010101230');
    expect(await verdictOf(issuers, 'plain')).toMatch(/^not-qualified: .*EU qualified certificate/);
  });

  it('a service withdrawn after the certificate was issued: its certificates stay qualified', async () => {
    const { issuers } = await read({
      services: [
        {
          ...SERVICE,
          statuses: [
            { status: STATUS('withdrawn'), from: new Date(issued.getTime() + 60_000) },
            { status: STATUS('granted'), from: new Date('2016-07-01T00:00:00Z') },
            { status: STATUS('undersupervision'), from: new Date('2010-01-01T00:00:00Z') },
          ],
        },
      ],
    });
    expect(issuers[0]!.statusHistory).toHaveLength(3);
    expect(await verdictOf(issuers)).toBe('accepted');
  });

  it('a service withdrawn before the certificate was issued: not qualified', async () => {
    const { issuers } = await read({
      services: [
        {
          ...SERVICE,
          statuses: [
            { status: STATUS('withdrawn'), from: new Date(issued.getTime() - HOUR) },
            { status: STATUS('granted'), from: new Date('2016-07-01T00:00:00Z') },
          ],
        },
      ],
    });
    expect(await verdictOf(issuers)).toMatch(/^not-qualified: .*withdrawn, not granted/);
  });

  it('qualifiers decide over the certificate: QCStatement and QCWithQSCD qualify one without QC statements, QCNoQSCD disqualifies', async () => {
    const overriding = await read({
      services: [
        {
          ...SERVICE,
          statuses: [
            {
              status: STATUS('granted'),
              from: new Date('2016-07-01T00:00:00Z'),
              extensions: qualifications('QCStatement', 'QCWithQSCD', 'QCForESig'),
            },
          ],
        },
      ],
    });
    expect(await verdictOf(overriding.issuers, 'plain')).toBe('accepted');
    const noDevice = await read({
      services: [
        {
          ...SERVICE,
          statuses: [
            {
              status: STATUS('granted'),
              from: new Date('2016-07-01T00:00:00Z'),
              extensions: qualifications('QCNoQSCD'),
            },
          ],
        },
      ],
    });
    expect(await verdictOf(noDevice.issuers)).toMatch(/^not-qualified: .*device/);
  });

  it('one CA in two services, for seals and for signatures: its signature certificates are qualified by the second', async () => {
    const seals = {
      status: STATUS('granted'),
      from: new Date('2016-07-01T00:00:00Z'),
      extensions: qualifications('QCForESeal'),
    };
    const { issuers } = await read({
      services: [{ name: 'Seals', certificate: 'qca', statuses: [seals] }, { ...SERVICE }],
    });
    expect(issuers.map((i) => i.name)).toEqual(['Seals', 'Test Qualified CA']);
    const cms = await pki.cades('qes', content);
    const result = await verifyCades(cms, { trusted: issuers, content, now: new Date(issued.getTime() + HOUR) });
    expect(result.signer.issuer).toBe('Test Qualified CA');
    expect(await verdictOf(issuers.slice(0, 1))).toMatch(
      /^not-qualified: .*not a certificate for electronic signatures/,
    );
  });

  it('a qualifier applies only to the certificates its criteria select; criteria ebok cannot evaluate refuse', async () => {
    const granted = (extensions: string) => ({
      ...SERVICE,
      statuses: [{ status: STATUS('granted'), from: new Date('2016-07-01T00:00:00Z'), extensions }],
    });
    const policy = `<ecc:PolicySet><ecc:PolicyIdentifier><xades:Identifier>1.2.3.4</xades:Identifier></ecc:PolicyIdentifier></ecc:PolicySet>`;
    const otherPolicy = await read({ services: [granted(qualificationsWhere(policy, 'NotQualified'))] });
    expect(await verdictOf(otherPolicy.issuers)).toBe('accepted');
    const none = await read({
      services: [
        granted(qualificationsWhere(`<ecc:CriteriaList assert="none">${policy}</ecc:CriteriaList>`, 'NotQualified')),
      ],
    });
    expect(await verdictOf(none.issuers)).toMatch(/^not-qualified: .*says its certificates are not qualified/);
    const other = await read({
      services: [granted(qualificationsWhere('<ecc:otherCriteriaList><x/></ecc:otherCriteriaList>', 'QCWithQSCD'))],
    });
    expect(await verdictOf(other.issuers)).toMatch(/^not-qualified: .*criteria this server does not evaluate/);
  });

  it('the signature may reference the list by its Id', async () => {
    const { issuers } = await read({ services: [SERVICE], referenceUri: '#tsl' });
    expect(await lists.xmlsecVerifies()).toBe(true);
    expect(await verdictOf(issuers)).toBe('accepted');
  });

  it('a service that is not CA/QC gives no issuer', async () => {
    const { issuers } = await read({
      services: [{ ...SERVICE, type: 'http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST' }],
    });
    expect(issuers).toEqual([]);
    expect(await verdictOf(issuers)).toMatch(/^unknown-issuer/);
  });

  it("its issuers are trusted no longer once the list's NextUpdate has passed", async () => {
    const list = await read({ services: [SERVICE], nextUpdate: new Date(Date.now() + 24 * HOUR) });
    expect(await verdictOf(list.issuers, 'qes', new Date(Date.now() + 25 * HOUR))).toMatch(
      /^unknown-issuer: the trusted list \(PL, number 42\) that names "Test Qualified CA" expired at /,
    );
  });
});

describe('a trusted list is refused', () => {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('changed after signing (a byte inside a service)', async () => {
    const signed = text(await lists.signed({ services: [SERVICE] }));
    const tampered = signed.replace('2016-07-01T00:00:00Z', '2016-07-01T00:00:01Z');
    expect(tampered).not.toBe(signed);
    expect(await refusal(() => read(bytes(tampered)))).toMatch(/^signature-invalid: .*changed after it was signed/);
  });

  it('signed by someone other than the configured scheme operator', async () => {
    expect(await refusal(() => read({ services: [SERVICE], signer: 'rogue-tlso' }))).toMatch(
      /^unknown-issuer: .*scheme-operator/,
    );
  });

  it('unsigned', async () => {
    const unsigned = (await lists.template({ services: [SERVICE] })).replace(
      /<ds:Signature[\s\S]*<\/ds:Signature>/,
      '',
    );
    expect(await refusal(() => read(bytes(unsigned)))).toMatch(/^signature-invalid: the trusted list is not signed/);
  });

  it('expired: NextUpdate has passed', async () => {
    const nextUpdate = new Date(Date.now() - HOUR);
    expect(await refusal(() => read({ services: [SERVICE], nextUpdate }))).toMatch(
      /^list-expired: the trusted list of PL \(number 42\) expired/,
    );
  });

  it('wrapping: a second signature', async () => {
    const signed = text(await lists.signed({ services: [SERVICE] }));
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
    const doubled = signed.replace(
      '<tsl:TrustServiceProviderList>',
      `${signature.replace(' Id="sig"', '')}<tsl:TrustServiceProviderList>`,
    );
    expect(await refusal(() => read(bytes(doubled)))).toMatch(/^multiple-signers/);
  });

  it('wrapping: a trust service provider hidden in the signature, outside what it covers', async () => {
    const signed = text(await lists.signed({ services: [SERVICE] }));
    const provider = /<tsl:TrustServiceProvider>[\s\S]*<\/tsl:TrustServiceProvider>/.exec(signed)![0];
    const hidden = signed.replace(
      '</ds:Signature>',
      `<ds:Object><tsl:TrustServiceProviderList>${provider}</tsl:TrustServiceProviderList></ds:Object></ds:Signature>`,
    );
    expect(await refusal(() => read(bytes(hidden)))).toMatch(/^malformed: .*outside its list of providers/);
  });

  it('wrapping: the signed list inside another list with a provider of its own', async () => {
    const signed = text(await lists.signed({ services: [SERVICE] }));
    const provider = /<tsl:TrustServiceProvider>[\s\S]*<\/tsl:TrustServiceProvider>/.exec(signed)![0];
    const body = signed.replace(/^<\?xml[^>]*>\s*/, '');
    const wrapped = `<tsl:TrustServiceStatusList xmlns:tsl="${TSL_NS}"><tsl:TrustServiceProviderList>${provider}</tsl:TrustServiceProviderList>${body}</tsl:TrustServiceStatusList>`;
    expect(await refusal(() => read(bytes(wrapped)))).toMatch(/^malformed: .*not a child of the list/);
  });

  it('wrapping: the signature references one element by Id, not the whole list', async () => {
    const partial = await lists.signed({ services: [SERVICE], referenceUri: '#scheme' });
    expect(await refusal(() => read(partial))).toMatch(/^malformed: .*references "#scheme", not the whole list/);
  });

  it('a root other than TrustServiceStatusList', async () => {
    const other = await lists.signed({
      services: [SERVICE],
      edit: (xml) => xml.replaceAll('tsl:TrustServiceStatusList', 'tsl:TrustServiceStatusLists'),
    });
    expect(await refusal(() => read(other))).toMatch(/^malformed: not a trusted list/);
  });

  it('with a DOCTYPE and entities', async () => {
    const signed = text(await lists.signed({ services: [SERVICE] }));
    const dtd = signed.replace('?>', '?>\n<!DOCTYPE tsl [<!ENTITY x "PL">]>');
    expect(await refusal(() => read(bytes(dtd)))).toMatch(/^malformed: DTDs and entity declarations/);
  });

  it('larger than the limit, or nested too deeply', async () => {
    const signed = await lists.signed({ services: [SERVICE] });
    const limits = { maxBytes: signed.length - 1, maxElements: 400_000, maxDepth: 32 };
    expect(await refusal(() => readTrustedList(signed, { operators, now: new Date(), limits }))).toMatch(/^too-large/);
    const deep = text(signed).replace(
      '</tsl:SchemeInformation>',
      `<tsl:SchemeInformationURI>${'<tsl:x>'.repeat(40)}${'</tsl:x>'.repeat(40)}</tsl:SchemeInformationURI></tsl:SchemeInformation>`,
    );
    expect(await refusal(() => read(bytes(deep)))).toMatch(/^too-large: nested deeper than 32/);
  });
});
