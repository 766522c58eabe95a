import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/core/config.js';
import { trustedIssuersFromJson } from '../src/core/statutory.js';
import { checkRevocation, revocationCheck } from '../src/core/revocation.js';
import { Problem } from '../src/core/problems.js';
import { x509 } from '@ebok/forms-core/pki';

it('reads EBOK_REVOCATION and its timeout, best-effort and 3 s by default, and refuses anything else', () => {
  expect(loadConfig({}).revocation).toEqual({ policy: 'best-effort', timeoutMs: 3000 });
  expect(loadConfig({ EBOK_REVOCATION: 'require', EBOK_REVOCATION_TIMEOUT_MS: '1500' }).revocation).toEqual({
    policy: 'require',
    timeoutMs: 1500,
  });
  expect(loadConfig({ EBOK_REVOCATION: 'off' }).revocation.policy).toBe('off');
  expect(() => loadConfig({ EBOK_REVOCATION: 'strict' })).toThrow(ConfigError);
  expect(() => loadConfig({ EBOK_REVOCATION_TIMEOUT_MS: '0' })).toThrow(ConfigError);
  expect(() => loadConfig({ EBOK_REVOCATION_TIMEOUT_MS: '60000' })).toThrow(/at most 30000/);
});

it("takes the trusted-profile service's CA as issuerCertificate, and names an entry whose one cannot be read", async () => {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = await crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Test State CA',
    keys,
    signingAlgorithm: alg,
  });
  const pem = ca.toString('pem');
  const [entry] = trustedIssuersFromJson(
    JSON.stringify([{ kind: 'trusted-profile', name: 'Service', certificate: pem, issuerCertificate: pem }]),
  );
  expect(entry!.issuerCertificate?.subject).toBe('CN=Test State CA');
  expect(() =>
    trustedIssuersFromJson(
      JSON.stringify([{ kind: 'trusted-profile', name: 'Service', certificate: pem, issuerCertificate: 'x' }]),
    ),
  ).toThrow(/trusted issuer 0 \(Service\): the issuer's certificate cannot be read/);

  // A certificate that names no responder: best-effort records why, require refuses (422, no retry helps), off looks nothing up.
  const signed = { certificate: ca, certificates: [] };
  const now = new Date();
  expect(
    await checkRevocation(signed, [], now, revocationCheck({ policy: 'best-effort', timeoutMs: 100 })),
  ).toMatchObject({ revocation: 'unavailable', revocationDetail: { why: 'no-source', checkedAt: now.toISOString() } });
  const refused = await checkRevocation(signed, [], now, revocationCheck({ policy: 'require', timeoutMs: 100 })).catch(
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(Problem);
  expect(refused).toMatchObject({ type: 'certificate-invalid', extra: { reason: 'no-revocation-source' } });
  expect(await checkRevocation(signed, [], now, revocationCheck({ policy: 'off', timeoutMs: 100 }))).toEqual({
    revocation: 'not-checked',
  });
});
