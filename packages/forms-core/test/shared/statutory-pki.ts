// Test PKIs for the signatures the law names, made with OpenSSL as real ones are built, and files
// signed the way signing tools sign them: a qualified CA (RSA) issuing certificates with QC
// statements and the PESEL in serialNumber; a personal-signature root (ECDSA P-384) with an
// intermediate; CAdES by `openssl cms -sign -cades`; PAdES as an incremental update with the
// CMS over its byte ranges. Node only (it runs openssl).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EsignError } from '../../src/esign/index.js';

const exec = promisify(execFile);

const CONFIG = `
[qualified]
basicConstraints = critical,CA:FALSE
keyUsage = critical,nonRepudiation
1.3.6.1.5.5.7.1.3 = ASN1:SEQUENCE:qcs
[not_qualified]
basicConstraints = critical,CA:FALSE
keyUsage = critical,nonRepudiation
[personal]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
[intermediate]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
[qcs]
s1 = SEQUENCE:qc_compliance
s2 = SEQUENCE:qc_sscd
s3 = SEQUENCE:qc_type
[qc_compliance]
id = OID:0.4.0.1862.1.1
[qc_sscd]
id = OID:0.4.0.1862.1.4
[qc_type]
id = OID:0.4.0.1862.1.6
types = SEQUENCE:qc_types
[qc_types]
t1 = OID:0.4.0.1862.1.6.1
`;

const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';
const b64 = (bytes: ArrayBuffer | Uint8Array) =>
  Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');
const sha256 = async (bytes: ArrayBuffer | Uint8Array) =>
  b64(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));

/** The trusted profile's data as the state's service signs it, in the signer role (PodpisZP). */
export const podpisZP = (
  p: Person,
  account = 'resident',
) => `<xades:SignerRoleV2><xades:ClaimedRoles><xades:ClaimedRole>
  <ppZP:PodpisZP xmlns:ppZP="http://crd.gov.pl/xml/schematy/ppzp/" xmlns:os="http://crd.gov.pl/xml/schematy/osoba/2009/11/16/">
    <ppZP:DaneZP><ppZP:DaneZPOsobyFizycznej><os:Imie>${p.givenNames}</os:Imie><os:Nazwisko>${p.surname}</os:Nazwisko><os:PESEL>${p.pesel}</os:PESEL></ppZP:DaneZPOsobyFizycznej></ppZP:DaneZP>
    <ppZP:DanePodpisu><ppZP:IdKontaUzytkownikaEpuap>${account}</ppZP:IdKontaUzytkownikaEpuap></ppZP:DanePodpisu>
  </ppZP:PodpisZP></xades:ClaimedRole></xades:ClaimedRoles></xades:SignerRoleV2>`;

export interface XadesTemplate {
  readonly signer: string;
  /** The XML-DSig signature method; ECDSA for e-ID and service keys, RSA for qualified ones. */
  readonly method?: string;
  readonly detached?: boolean;
  /** Extra XML in the signed signature properties (the trusted profile's data). */
  readonly role?: string;
  /** Changes the template's text before it is signed. */
  readonly edit?: (xml: string) => string;
}

export interface Person {
  readonly givenNames: string;
  readonly surname: string;
  readonly pesel: string;
}

/** How a test certificate is issued: by the qualified CA with or without QC statements, or on an e-ID card. */
export type Issue = 'qualified' | 'not-qualified' | 'personal';

/** What a verifier made of a signature: `accepted`, or the code it was refused with. */
export async function esignOutcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'accepted';
  } catch (e) {
    if (e instanceof EsignError) return e.code;
    throw e;
  }
}

export class StatutoryPki {
  private constructor(readonly dir: string) {}

  /** A qualified CA, and a personal-signature root with its intermediate, in a fresh folder. */
  static async create(): Promise<StatutoryPki> {
    const pki = new StatutoryPki(await mkdtemp(join(tmpdir(), 'ebok-statutory-')));
    await writeFile(join(pki.dir, 'ext.cnf'), CONFIG);
    const ca = '-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -days 60';
    await pki.openssl('genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out qca.key');
    await pki.openssl(
      `req -x509 -key qca.key -subj /C=PL/O=Test_Trust_Service/CN=Test_Qualified_CA ${ca} -out qca.pem`,
    );
    await pki.openssl('ecparam -genkey -name secp384r1 -noout -out proot.key');
    await pki.openssl(`req -x509 -key proot.key -subj /C=PL/O=Test_State/CN=Test_ID_Root ${ca} -out proot.pem`);
    await pki.issueAs('pca', 'ec', '/C=PL/O=Test_State/CN=Test_Personal_Signature_CA', 'proot', 'intermediate');
    return pki;
  }

  /** Runs openssl in the PKI's folder; arguments are separated by single spaces (none has one). */
  async openssl(line: string): Promise<string> {
    try {
      return (await exec('openssl', line.split(' '), { cwd: this.dir })).stdout;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error("openssl not found: install Debian's openssl");
      throw e;
    }
  }

  private async issueAs(name: string, key: 'rsa' | 'ec', subject: string, issuer: string, ext: string): Promise<void> {
    await this.openssl(
      `${key === 'rsa' ? 'genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048' : 'ecparam -genkey -name secp384r1 -noout'} -out ${name}.key`,
    );
    // -utf8: Polish names in the subject, as real certificates have them.
    await writeFile(join(this.dir, `${name}.subject`), subject);
    await exec('openssl', ['req', '-new', '-utf8', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`], {
      cwd: this.dir,
    });
    await this.openssl(
      `x509 -req -in ${name}.csr -CA ${issuer}.pem -CAkey ${issuer}.key -CAcreateserial -days 30 -extfile ext.cnf -extensions ${ext} -out ${name}.pem`,
    );
  }

  /** A signer's certificate and key, named `name`: the person's PESEL in serialNumber as PNOPL-…. */
  async issue(name: string, person: Person, how: Issue): Promise<void> {
    const subject = `/C=PL/GN=${person.givenNames}/SN=${person.surname}/CN=${person.givenNames} ${person.surname}/serialNumber=PNOPL-${person.pesel}`;
    if (how === 'personal') await this.issueAs(name, 'ec', subject, 'pca', 'personal');
    else await this.issueAs(name, 'rsa', subject, 'qca', how === 'qualified' ? 'qualified' : 'not_qualified');
  }

  async pem(name: string): Promise<string> {
    return readFile(join(this.dir, `${name}.pem`), 'utf8');
  }

  /** The operator's trust list as EBOK_TRUSTED_ISSUERS takes it: the qualified CA and the e-ID root. */
  async trustedIssuersJson(): Promise<string> {
    return JSON.stringify([
      { kind: 'qualified', name: 'Test Qualified CA', certificate: await this.pem('qca') },
      { kind: 'personal', name: 'Test ID root', certificate: await this.pem('proot') },
    ]);
  }

  /** A CAdES signature (DER) by `signer` over `content`: detached, or carrying it; with the intermediate for e-ID certificates. */
  async cades(
    signer: string,
    content: Uint8Array,
    options: { attached?: boolean; md?: string; withIntermediate?: boolean } = {},
  ): Promise<Uint8Array> {
    await writeFile(join(this.dir, 'content.bin'), content);
    await this.openssl(
      `cms -sign -binary -cades -md ${options.md ?? 'sha256'} -outform DER -nosmimecap -signer ${signer}.pem -inkey ${signer}.key ` +
        `${options.withIntermediate ? '-certfile pca.pem ' : ''}${options.attached ? '-nodetach ' : ''}-in content.bin -out sig.der`,
    );
    return new Uint8Array(await readFile(join(this.dir, 'sig.der')));
  }

  /**
   * `content` signed in XAdES by xmlsec1 (Debian's xmlsec1) from a template shaped as signing
   * services shape it: enveloping (the content inside, base64) or detached (referenced as
   * wniosek.pdf), with signed properties naming the signing certificate.
   */
  async xades(content: Uint8Array, t: XadesTemplate): Promise<Uint8Array> {
    const cert = new Uint8Array(Buffer.from((await this.pem(t.signer)).replace(/-----[^-]+-----|\s+/g, ''), 'base64'));
    const method =
      t.method ??
      ((await this.openssl(`pkey -in ${t.signer}.key -noout -text`)).includes('ASN1 OID')
        ? 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384'
        : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const sha = 'http://www.w3.org/2001/04/xmlenc#sha256';
    const docRef = t.detached
      ? `<ds:Reference URI="wniosek.pdf"><ds:DigestMethod Algorithm="${sha}"/><ds:DigestValue>${await sha256(content)}</ds:DigestValue></ds:Reference>`
      : `<ds:Reference URI="#doc"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#base64"/></ds:Transforms><ds:DigestMethod Algorithm="${sha}"/><ds:DigestValue/></ds:Reference>`;
    let xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="sig"><ds:SignedInfo>` +
      `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="${method}"/>${docRef}` +
      `<ds:Reference URI="#props" Type="http://uri.etsi.org/01903#SignedProperties"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>` +
      `<ds:DigestMethod Algorithm="${sha}"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>` +
      `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${b64(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
      (t.detached
        ? ''
        : `<ds:Object Id="doc" MimeType="application/pdf" Encoding="http://www.w3.org/2000/09/xmldsig#base64">${b64(content)}</ds:Object>`) +
      `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES_NS}" Target="#sig"><xades:SignedProperties Id="props"><xades:SignedSignatureProperties>` +
      `<xades:SigningTime>${new Date().toISOString()}</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest>` +
      `<ds:DigestMethod Algorithm="${sha}"/><ds:DigestValue>${await sha256(cert)}</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>` +
      `${t.role ?? ''}</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature>`;
    if (t.edit) xml = t.edit(xml);
    await writeFile(join(this.dir, 'template.xml'), xml);
    await writeFile(join(this.dir, 'content.pdf'), content);
    try {
      await exec(
        'xmlsec1',
        [
          '--sign',
          '--privkey-pem',
          `${t.signer}.key,${t.signer}.pem`,
          ...this.xmlsecIds(),
          ...(t.detached ? ['--url-map:wniosek.pdf', 'content.pdf'] : []),
          '--output',
          'signed.xml',
          'template.xml',
        ],
        { cwd: this.dir },
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new Error("xmlsec1 not found: install Debian's xmlsec1");
      throw e;
    }
    return new Uint8Array(await readFile(join(this.dir, 'signed.xml')));
  }

  /** The Id attributes xmlsec1 must know to find what the references name. */
  xmlsecIds(): string[] {
    return ['--id-attr:Id', 'Object', '--id-attr:Id', `${XADES_NS}:SignedProperties`];
  }

  /**
   * `pdf` signed in PAdES by `signer`, as PDF signing tools do it: an incremental update with a
   * signature dictionary, a signature field on the first page and the catalog's AcroForm, and the
   * CMS (CAdES, detached) over the byte ranges. `afterSigning` is appended after the signature.
   */
  async pades(
    pdf: Uint8Array,
    signer: string,
    options: { subFilter?: string; afterSigning?: string; withIntermediate?: boolean } = {},
  ): Promise<Uint8Array> {
    const text = Buffer.from(pdf).toString('latin1');
    const trailer = text.slice(text.lastIndexOf('trailer'));
    const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
    const root = Number(/\/Root (\d+) 0 R/.exec(trailer)![1]);
    const prevXref = Number(/startxref\n(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))![1]);
    const firstPage = Number(/\/Kids \[(\d+) 0 R/.exec(text)![1]);
    const objectText = (n: number): string =>
      [...text.matchAll(new RegExp(`(?:^|\\n)${n} 0 obj\\n(<<[\\s\\S]*?>>)\\nendobj`, 'g'))].at(-1)![1]!;
    const digits = 16384;
    const placeholder = '0000000000';
    const [sig, field] = [size, size + 1];
    const objects: Array<[number, string]> = [
      [
        sig,
        `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${options.subFilter ?? 'ETSI.CAdES.detached'} ` +
          `/ByteRange [0 ${placeholder} ${placeholder} ${placeholder}] /Contents <${'0'.repeat(digits)}> ` +
          `/M (D:20261207093000Z) /Name (Resident) >>`,
      ],
      [
        field,
        `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /T (Podpis1) /V ${sig} 0 R /P ${firstPage} 0 R >>`,
      ],
      [root, objectText(root).replace(/>>$/, ` /AcroForm << /Fields [${field} 0 R] /SigFlags 3 >> >>`)],
      [firstPage, objectText(firstPage).replace(/>>$/, ` /Annots [${field} 0 R] >>`)],
    ];
    let update = '\n';
    const offsets = new Map<number, number>();
    for (const [n, body] of objects) {
      offsets.set(n, pdf.length + update.length);
      update += `${n} 0 obj\n${body}\nendobj\n`;
    }
    const xref = pdf.length + update.length;
    update += 'xref\n';
    for (const n of [...offsets.keys()].sort((x, y) => x - y)) {
      update += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
    }
    const id = /\/ID \[(<[0-9A-F]+>)/.exec(text)![1];
    update += `trailer\n<< /Size ${size + 2} /Root ${root} 0 R /Prev ${prevXref} /ID [${id} ${id}] >>\nstartxref\n${xref}\n%%EOF\n`;
    let file = Buffer.concat([Buffer.from(pdf), Buffer.from(update, 'latin1')]);
    const asText = file.toString('latin1');
    const a = asText.indexOf('/Contents <', pdf.length) + '/Contents '.length;
    const b = a + digits + 2;
    const range = (n: number) => String(n).padEnd(placeholder.length, ' ');
    file.write(
      `[0 ${range(a)} ${range(b)} ${range(file.length - b)}]`,
      asText.indexOf('/ByteRange [', pdf.length) + '/ByteRange '.length,
      'latin1',
    );
    await writeFile(join(this.dir, 'ranges.bin'), Buffer.concat([file.subarray(0, a), file.subarray(b)]));
    const cms = await this.cades(signer, new Uint8Array(await readFile(join(this.dir, 'ranges.bin'))), {
      withIntermediate: options.withIntermediate ?? false,
    });
    file.write(Buffer.from(cms).toString('hex').toUpperCase(), a + 1, 'latin1');
    if (options.afterSigning) file = Buffer.concat([file, Buffer.from(options.afterSigning, 'latin1')]);
    return new Uint8Array(file);
  }
}
