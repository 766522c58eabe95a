// Which signatures each procedure accepts: its schema's kinds (the law), which a city's
// EBOK_SIGNATURES can narrow but never widen, in the catalogue and at intake alike.
import { describe, expect, it } from 'vitest';
import * as compiled from '@ebok/schemas';
import { ConfigError, loadConfig, parseSignaturePolicy } from '../src/core/config.js';
import { procedureRegistry } from '../src/core/procedures.js';
import { withAcceptedSignatures } from '../src/core/signatures.js';
import { testApp } from './app-support.js';

const registry = procedureRegistry(compiled);
const STATUTORY = ['qualified', 'trusted-profile', 'personal'];
const policy = (json: unknown) => parseSignaturePolicy(JSON.stringify(json));
const kinds = (json: unknown, id: string) => withAcceptedSignatures(registry, policy(json)).find(id)?.signatures;

describe('signature policy', () => {
  it("accepts each procedure's own kinds without a policy: the city's certificate, except where the act names only the three", () => {
    const open = withAcceptedSignatures(registry, new Map());
    expect(open.find('usc-odpis-aktu')?.signatures).toEqual(['city', ...STATUTORY]);
    expect(open.find('wso-zameldowanie-stale')?.signatures).toEqual(STATUTORY);
    expect(open.find('wso-wymeldowanie-stale', '1.0.0')?.signatures).toEqual(STATUTORY);
    for (const entry of open.catalogue) expect(entry.signatures?.length).toBeGreaterThan(0);
  });

  it('narrows every procedure with "*", and one procedure by its id, which comes first', () => {
    const json = { '*': STATUTORY, 'wgn-informacja-egib': ['city', 'qualified'] };
    expect(kinds(json, 'usc-odpis-aktu')).toEqual(STATUTORY);
    expect(kinds(json, 'wgn-informacja-egib')).toEqual(['city', 'qualified']);
    expect(kinds(json, 'wso-zameldowanie-stale')).toEqual(STATUTORY);
    expect(kinds({ '*': ['city', 'qualified'] }, 'wso-zameldowanie-stale')).toEqual(['qualified']);
  });

  it('refuses to start on a policy that widens a procedure, leaves one none, or names one that does not exist', () => {
    expect(() => kinds({ 'wso-zameldowanie-stale': ['city', 'qualified'] }, 'usc-odpis-aktu')).toThrow(
      /wso-zameldowanie-stale accepts qualified, trusted-profile, personal \(its schema\); a city cannot add city/,
    );
    expect(() => kinds({ '*': ['city'] }, 'usc-odpis-aktu')).toThrow(/leaves wso-\w+-stale no way to be signed/);
    expect(() => kinds({ 'no-such-procedure': ['city'] }, 'usc-odpis-aktu')).toThrow(
      /no procedure "no-such-procedure"/,
    );
  });

  it('refuses EBOK_SIGNATURES that is not an object of known kinds', () => {
    for (const raw of ['[', '["city"]', '{"*": []}', '{"*": ["wet-ink"]}', '{"*": "city"}']) {
      expect(() => loadConfig({ EBOK_SIGNATURES: raw })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ EBOK_SIGNATURES: '{"*": ["podpis"]}' })).toThrow(
      /"\*" must list one or more of city, qualified, trusted-profile, personal/,
    );
  });

  it('publishes what the city accepts in the catalogue and in each procedure', async () => {
    const { app, close } = await testApp({ env: { EBOK_SIGNATURES: JSON.stringify({ '*': STATUTORY }) } });
    try {
      const catalogue = (await (await app.request('/v1/procedures')).json()) as Array<{ signatures: string[] }>;
      expect(catalogue.length).toBe(14);
      for (const entry of catalogue) expect(entry.signatures).toEqual(STATUTORY);
      const detail = (await (await app.request('/v1/procedures/usc-odpis-aktu')).json()) as { signatures: string[] };
      expect(detail.signatures).toEqual(STATUTORY);
    } finally {
      close();
    }
  });
});
