// The receipt carries what an official confirmation of submission (UPP) carries, for a filing
// signed online and for a letter a chancellery registered.
import { describe, expect, it } from 'vitest';
import { receiptContent } from '../src/core/receipt.js';
import type { RegisterEntry } from '../src/core/platform.js';

const entry: RegisterEntry = {
  registryNumber: 'RPW/7/2026',
  year: 2026,
  sequence: 7,
  receivedAt: '2026-12-07T10:00:00.000Z',
  channel: 'web',
  procedure: { id: 'usc-odpis-aktu', version: '1.0.0' },
  department: 'USC',
  subject: 'Wniosek o wydanie odpisu aktu stanu cywilnego',
  sender: { givenNames: 'Anna Maria', surname: 'Kowalska', pesel: '44051401359' },
  senderReference: null,
  documentDate: null,
  documentSha256: 'a'.repeat(64),
  attachmentCount: 0,
  notes: null,
  signatureKind: 'personal',
  verification: {
    kind: 'personal',
    format: 'cades-detached',
    issuer: 'Test ID root',
    subject: 'CN=Anna Maria Kowalska',
    certificateSha256: 'b'.repeat(64),
    signingTime: '2026-12-07T09:59:00.000Z',
    serialNumber: '01',
  },
  details: null,
  notFullyScanned: false,
};
const recipient = {
  name: 'Urząd Miasta Olsztyn',
  address: 'pl. Jana Pawła II 1, 10-101 Olsztyn',
  eDeliveryAddress: 'AE:PL-12345-67890-ABCDE-12',
};

describe('the receipt', () => {
  it('names the office, when, what, who filed it and how it was signed', () => {
    expect(receiptContent(entry, recipient)).toEqual({
      type: 'ebok-receipt',
      version: 1,
      office: 'Urząd Miasta Olsztyn',
      recipient,
      registryNumber: 'RPW/7/2026',
      receivedAt: '2026-12-07T10:00:00.000Z',
      channel: 'web',
      procedure: { id: 'usc-odpis-aktu', version: '1.0.0' },
      title: 'Wniosek o wydanie odpisu aktu stanu cywilnego',
      department: 'USC',
      documentSha256: 'a'.repeat(64),
      attachmentCount: 0,
      sender: { name: 'Anna Maria Kowalska', identifier: 'PNOPL-44051401359' },
      signatureKind: 'personal',
      signature: {
        kind: 'personal',
        format: 'cades-detached',
        issuer: 'Test ID root',
        subject: 'CN=Anna Maria Kowalska',
        certificateSha256: 'b'.repeat(64),
        signingTime: '2026-12-07T09:59:00.000Z',
      },
    });
  });

  it("names a letter's sender as the chancellery registered it, with no signature", () => {
    const letter = receiptContent(
      {
        ...entry,
        channel: 'chancellery:K1',
        sender: 'Jan Nowak, ul. Dworcowa 7',
        signatureKind: null,
        verification: null,
      },
      { name: 'Urząd Miasta' },
    );
    expect(letter['sender']).toEqual({ name: 'Jan Nowak, ul. Dworcowa 7' });
    expect(letter['recipient']).toEqual({ name: 'Urząd Miasta' });
    expect(letter).not.toHaveProperty('signature');
    expect(letter).not.toHaveProperty('signatureKind');
  });

  it('refuses an e-delivery address that is not one', async () => {
    const { loadConfig } = await import('../src/core/config.js');
    expect(() => loadConfig({ EBOK_OFFICE_EDELIVERY_ADDRESS: 'urzad@olsztyn.eu' })).toThrow(
      /AE:PL-12345-67890-ABCDE-12/,
    );
    expect(loadConfig({ EBOK_OFFICE_EDELIVERY_ADDRESS: recipient.eDeliveryAddress }).officeEDeliveryAddress).toBe(
      recipient.eDeliveryAddress,
    );
  });
});
