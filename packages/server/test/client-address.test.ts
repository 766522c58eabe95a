import { expect, it } from 'vitest';
import { clientAddressOf, loadConfig } from '../src/core/config.js';

it('takes the client from X-Forwarded-For only when the connection is a trusted proxy', () => {
  const proxies = loadConfig({ EBOK_TRUSTED_PROXIES: '127.0.0.1, ::1' }).trustedProxies;
  expect(proxies).toEqual(['127.0.0.1', '::1']);
  // Straight from a client: its own address, whatever it claims.
  expect(clientAddressOf('203.0.113.7', '198.51.100.1', proxies)).toBe('203.0.113.7');
  // Through the proxy: the address the proxy added, not what the client wrote before it.
  expect(clientAddressOf('127.0.0.1', '198.51.100.1, 203.0.113.7', proxies)).toBe('203.0.113.7');
  expect(clientAddressOf('::1', '203.0.113.7, 127.0.0.1', proxies)).toBe('203.0.113.7');
  // No header, or no proxies configured: the connection's address.
  expect(clientAddressOf('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
  expect(clientAddressOf('127.0.0.1', '203.0.113.7', [])).toBe('127.0.0.1');
});
