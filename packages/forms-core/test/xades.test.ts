import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustedIssuer } from '../src/esign/cades.js';
import { verifyXades } from '../src/esign/xades.js';
import { x509 } from '../src/pki/x509.js';
import { esignOutcome, podpisZP, StatutoryPki, type XadesTemplate } from './shared/statutory-pki.js';

// XAdES made by xmlsec1 (Debian's xmlsec1, an implementation that is not ours) from templates
// shaped as the signing services shape them: enveloping (the PDF inside, base64) and detached;
// for podpis zaufany, the state service's certificate and the trusted profile's data
// (PodpisZP … DaneZPOsobyFizycznej) in the signed properties. xmlsec1 verifies each file too.
const run = promisify(execFile);
let pki: StatutoryPki;
let trusted: TrustedIssuer[];
const document = new TextEncoder().encode('%PDF-1.7\n% the application document\n%%EOF\n');
const PERSON = { givenNames: 'Anna', surname: 'Nowak', pesel: '90021512347' };

async function xmlsec(...args: string[]) {
  try {
    return await run('xmlsec1', args, { cwd: pki.dir });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error("xmlsec1 not found: install Debian's xmlsec1");
    throw e;
  }
}

const sign = (t: XadesTemplate) => pki.xades(document, t);

const code = (xml: Uint8Array, content = document, trust = trusted): Promise<string> =>
  esignOutcome(() => verifyXades(xml, { trusted: trust, document: content }));

beforeAll(async () => {
  pki = await StatutoryPki.create();
  await pki.issue('qes', PERSON, 'qualified');
  await pki.issue('eid', PERSON, 'personal');
  // The trusted-profile service signs with its own certificate; the state's CA issued it.
  await pki.issue('pz', { givenNames: 'Podpis', surname: 'Zaufany', pesel: '00000000000' }, 'personal');
  trusted = [
    { kind: 'qualified', name: 'Test Qualified CA', certificate: new x509.X509Certificate(await pki.pem('qca')) },
    {
      kind: 'trusted-profile',
      name: 'Test trusted-profile service',
      certificate: new x509.X509Certificate(await pki.pem('pz')),
    },
  ];
}, 90_000);

describe('XAdES signatures over the application document', () => {
  it('podpis zaufany: enveloping, the signer is the trusted profile named in the signed properties; xmlsec1 agrees', async () => {
    const xml = await sign({
      signer: 'pz',
      method: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
      role: podpisZP(PERSON),
    });
    await xmlsec(
      '--verify',
      '--trusted-pem',
      'proot.pem',
      '--untrusted-pem',
      'pca.pem',
      ...pki.xmlsecIds(),
      'signed.xml',
    );
    const result = await verifyXades(xml, { trusted, document });
    expect(result.format).toBe('xades-enveloping');
    expect(result.signer.kind).toBe('trusted-profile');
    expect(result.signer.identifier).toBe(`PNOPL-${PERSON.pesel}`);
    expect(result.signer.identity).toMatchObject({ givenNames: 'Anna', surname: 'Nowak' });
  });

  it('a qualified signature in XAdES, enveloping and detached', async () => {
    const enveloping = await verifyXades(await sign({ signer: 'qes' }), { trusted, document });
    expect(enveloping.signer.kind).toBe('qualified');
    expect(enveloping.signer.identifier).toBe(`PNOPL-${PERSON.pesel}`);
    const detached = await verifyXades(await sign({ signer: 'qes', detached: true }), { trusted, document });
    expect(detached.format).toBe('xades-detached');
  });

  it('refuses another document, an untrusted issuer, and a changed signed property', async () => {
    const xml = await sign({ signer: 'qes' });
    expect(await code(xml, new TextEncoder().encode('%PDF-1.7 another'))).toBe('content-mismatch');
    expect(
      await code(
        xml,
        document,
        trusted.filter((t) => t.kind !== 'qualified'),
      ),
    ).toBe('unknown-issuer');
    const changed = new TextEncoder().encode(
      new TextDecoder().decode(xml).replace(/<xades:SigningTime>[^<]+/, '<xades:SigningTime>2020-01-01T00:00:00Z'),
    );
    expect(await code(changed)).toBe('signature-invalid');
    const pz = await sign({
      signer: 'pz',
      method: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
      role: podpisZP(PERSON),
    });
    const otherPerson = new TextEncoder().encode(new TextDecoder().decode(pz).replace(PERSON.pesel, '80010101230'));
    expect(await code(otherPerson)).toBe('signature-invalid');
  });

  it('refuses hostile XML before parsing it: entities, DTDs, stylesheets, depth and size', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">&b;</ds:Signature>`;
    expect(await code(new TextEncoder().encode(bomb))).toBe('malformed');
    const external = `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>`;
    expect(await code(new TextEncoder().encode(external))).toBe('malformed');
    const xslt = `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="http://evil/x.xsl"?><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>`;
    expect(await code(new TextEncoder().encode(xslt))).toBe('malformed');
    const deep = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</ds:Signature>`;
    expect(await code(new TextEncoder().encode(deep))).toBe('too-large');
    const wide = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${'<a/>'.repeat(50_000)}</ds:Signature>`;
    const started = performance.now();
    expect(await code(new TextEncoder().encode(wide))).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses signature wrapping: a second signature, a duplicated Id, a document outside the signature, XPath or XSLT transforms', async () => {
    const xml = new TextDecoder().decode(await sign({ signer: 'qes' }));
    // A second signature hidden in an Object (its Ids changed, so that only the second signature is wrong).
    const inner = xml.replace(/^<\?xml[^>]*>\s*/, '').replace(/ Id="(\w+)"/g, ' Id="inner-$1"');
    const twice = xml.trimEnd().replace(/<\/ds:Signature>$/, `<ds:Object>${inner}</ds:Object></ds:Signature>`);
    expect(twice).not.toBe(xml);
    expect(await code(new TextEncoder().encode(twice))).toBe('multiple-signers');
    const duplicated = xml.replace('<ds:KeyInfo>', '<ds:Object Id="doc">JVBERi0=</ds:Object><ds:KeyInfo>');
    expect(await code(new TextEncoder().encode(duplicated))).toBe('malformed');
    const xpathRef = await sign({
      signer: 'qes',
      edit: (t) =>
        t.replace(
          '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#base64"/>',
          '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>true()</ds:XPath></ds:Transform><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#base64"/>',
        ),
    });
    expect(await code(xpathRef)).toBe('unsupported-algorithm');
    // Enveloped, as for an XML document: the PDF in an element around the signature, which
    // references the whole file. A PDF is not XML, so the application is not what was signed.
    const pdfB64 = Buffer.from(document).toString('base64');
    const enveloped = await sign({
      signer: 'qes',
      edit: (t) =>
        t
          .replace(
            /<ds:Reference URI="#doc">.*?<\/ds:Reference>/,
            '<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>',
          )
          .replace(/<ds:Object Id="doc"[^>]*>[^<]*<\/ds:Object>/, '')
          .replace('<ds:Signature ', `<wniosek><pdf>${pdfB64}</pdf><ds:Signature `)
          .replace(/<\/ds:Signature>$/, '</ds:Signature></wniosek>'),
    });
    expect(new TextDecoder().decode(enveloped)).toContain('enveloped-signature');
    expect(['unsupported-algorithm', 'malformed']).toContain(await code(enveloped));
  });
});
