import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { decodeOid, type DerNode, derNode, encodeDer, oid, readTlv, TAG, tlv } from '../src/cms/der-codec.js';

describe('DER writer', () => {
  it.each([0, 1, 127, 128, 255, 256, 65535, 65536, 70000, 1_000_003])(
    'writes the minimal length for %i content bytes, as asn1js reads it',
    (size) => {
      const content = new Uint8Array(size).fill(0xab);
      const half = Math.floor(size / 2);
      const out = tlv(TAG.octetString, content.subarray(0, half), content.subarray(half));
      const read = readTlv(out, 0);
      expect(read.end).toBe(out.length);
      expect(read.end - read.contentStart).toBe(size);
      // Minimal: one byte under 128, else 0x80 | n followed by n bytes without a leading zero.
      expect(read.contentStart).toBe(size < 128 ? 2 : 2 + Math.ceil(Math.log2(size + 1) / 8));
      const parsed = asn1js.fromBER(out);
      expect(parsed.offset).toBe(out.length);
      expect((parsed.result as asn1js.OctetString).valueBlock.valueHexView.length).toBe(size);
    },
  );

  it('writes a tree of elements in one pass exactly as nested tlv calls do', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const tree = (depth: number): { node: DerNode; bytes: Uint8Array } => {
      const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        if (depth < 4 && next() < 0.5) return tree(depth + 1);
        const leaf = new Uint8Array(Math.floor(next() * (next() < 0.2 ? 400 : 40))).fill(depth);
        return { node: leaf, bytes: leaf };
      });
      const tag = [TAG.sequence, TAG.set, TAG.octetString, TAG.context0][Math.floor(next() * 4)]!;
      return { node: derNode(tag, ...parts.map((p) => p.node)), bytes: tlv(tag, ...parts.map((p) => p.bytes)) };
    };
    for (let i = 0; i < 200; i++) {
      const { node, bytes } = tree(0);
      expect(node.size).toBe(bytes.length);
      expect(encodeDer(node)).toEqual(bytes);
    }
  });

  it('reads OBJECT IDENTIFIERs back to their dotted form, the same every time', () => {
    const dotted = [
      '1.2.840.113549.1.7.2',
      '2.16.840.1.101.3.4.2.1',
      '1.2.840.10045.4.3.2',
      '2.999.3',
      '0.9.2342.19200300.100.1.1',
    ];
    dotted.push(`1.3.6.1.4.1.${Array.from({ length: 12 }, (_, i) => 100000 + i).join('.')}`); // longer than remembered ones
    for (let round = 0; round < 2; round++)
      for (const d of dotted) {
        const der = oid(d);
        expect(decodeOid(der.subarray(readTlv(der, 0).contentStart))).toBe(d);
      }
  });
});
