// One item as an officer reads it, over real HTTP on each runtime: the signature's verdict (who
// signed, the certificate, its revocation at receipt) beside the document, none for paper; a scan
// shown inline under a sandbox policy, a download as an attachment, TIFF downloaded only.
import { describe, expect, it } from 'vitest';
import { api, formData, prepare, signerFor, submit } from './client.js';
import type { Target } from './target.js';

type Verdict = {
  kind: string;
  signer: { name: string; identifier?: string };
  certificate: { serialNumber: string; subject: string; issuer?: string; notBefore?: string; notAfter?: string };
  validAtReceipt: boolean;
  revocation: string;
  revocationSource?: string;
  checkedAt: string;
};
type Document = {
  entry: { registryNumber: string; receivedAt: string };
  verdict?: Verdict | null;
  attachments: Array<{ name: string; mediaType: string; url: string }>;
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const TIFF = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);

export function itemViewContract(target: () => Target): void {
  describe('an item as an officer reads it', () => {
    const read = async (department: string, registryNumber: string): Promise<Document> => {
      const res = await api(target(), `/v1/departments/${department}/documents/${encodeURIComponent(registryNumber)}`, {
        token: target().departmentToken(department),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Document;
    };

    it('states who signed with the city certificate, its serial and validity, and that it was good at receipt', async () => {
      const resident = await signerFor(target(), 'usc-odpis-aktu');
      const s = await prepare(resident, 'usc-odpis-aktu');
      const res = await submit(target(), formData(s));
      expect(res.status).toBe(201);
      const { registryNumber } = (await res.json()) as { registryNumber: string };
      const doc = await read('USC', registryNumber);
      const v = doc.verdict!;
      expect(v).toMatchObject({
        kind: 'city',
        validAtReceipt: true,
        revocation: 'good',
        revocationSource: 'city-register',
        checkedAt: doc.entry.receivedAt,
      });
      expect(v.signer.identifier).toBe(resident.identifier);
      expect(v.signer.name.length).toBeGreaterThan(3);
      expect(v.certificate.serialNumber.replace(/^0+/, '')).toBe(resident.serialNumber.replace(/^0+/, ''));
      expect(Date.parse(v.certificate.notBefore!)).toBeLessThanOrEqual(Date.parse(doc.entry.receivedAt));
      expect(Date.parse(v.certificate.notAfter!)).toBeGreaterThan(Date.parse(doc.entry.receivedAt));
    });

    it('shows a PDF or PNG scan inline in a sandbox, downloads it otherwise, and TIFF only as a download', async () => {
      const form = new FormData();
      form.append(
        'metadata',
        JSON.stringify({ sender: 'Jan Nowak, ul. Lipowa 1, Olsztyn', subject: 'Pismo ze skanami', department: 'WGN' }),
      );
      form.append(
        'scan-1',
        new Blob([new Uint8Array([37, 80, 68, 70, 45])], { type: 'application/pdf' }),
        'scan-1.pdf',
      );
      form.append('scan-2', new Blob([PNG], { type: 'image/png' }), 'scan-2.png');
      form.append('scan-3', new Blob([TIFF], { type: 'image/tiff' }), 'scan-3.tif');
      const created = await fetch(`${target().baseUrl}/v1/chancelleries/k1/documents`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${target().registrarToken}` },
      });
      expect(created.status).toBe(201);
      const { registryNumber } = (await created.json()) as { registryNumber: string };
      const doc = await read('WGN', registryNumber);
      expect(doc.verdict).toBeNull();
      const token = target().departmentToken('WGN');
      const byType = (t: string) => doc.attachments.find((a) => a.mediaType === t)!;
      for (const type of ['application/pdf', 'image/png']) {
        const inline = await api(target(), `${byType(type).url}?view=inline`, { token });
        expect(inline.status).toBe(200);
        expect(inline.headers.get('content-type')).toBe(type);
        expect(inline.headers.get('content-security-policy')).toMatch(/^sandbox(;|$)/);
        expect(inline.headers.get('x-content-type-options')).toBe('nosniff');
        expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
        const download = await api(target(), byType(type).url, { token });
        expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
        await download.arrayBuffer();
        expect(new Uint8Array(await inline.arrayBuffer())).toEqual(
          type === 'image/png' ? PNG : new Uint8Array([37, 80, 68, 70, 45]),
        );
      }
      const tiff = await api(target(), `${byType('image/tiff').url}?view=inline`, { token });
      expect(tiff.status).toBe(400);
      await tiff.arrayBuffer();
      const tiffDownload = await api(target(), byType('image/tiff').url, { token });
      expect(tiffDownload.status).toBe(200);
      expect(tiffDownload.headers.get('content-disposition')).toMatch(/^attachment;/);
      await tiffDownload.arrayBuffer();
      // Another department sees neither.
      const other = await api(target(), `${byType('image/png').url}?view=inline`.replace('/WGN/', '/WSO/'), {
        token: target().departmentToken('WSO'),
      });
      expect(other.status).toBe(404);
      await other.arrayBuffer();
    });
  });
}
