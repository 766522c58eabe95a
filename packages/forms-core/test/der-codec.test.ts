import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { readTlv, TAG, tlv } from '../src/cms/der-codec.js';

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
});
