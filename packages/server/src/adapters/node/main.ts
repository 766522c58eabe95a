#!/usr/bin/env node
// `npm start`: the intake server on 127.0.0.1 (EBOK_PORT, default 8787), data in EBOK_DATA_DIR.
import { startNodeServer } from './server.js';

const running = await startNodeServer().catch((e: unknown) => {
  console.error(`ebok: cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

const lines = [
  '',
  `ebok intake server: ${running.url}`,
  `  API description: ${running.url}/v1/openapi.json`,
  `  procedures:      ${running.url}/v1/procedures`,
];
if (running.createdDevelopmentCa) {
  lines.push(
    '',
    `  DEVELOPMENT CA created in ${running.createdDevelopmentCa}: certificates it issues are for trying ebok out.`,
    '  For real use, put the city CA there and run with EBOK_ENV=production (see docs/operating.md).',
  );
}
if (running.devTokens) {
  lines.push('', '  DEVELOPMENT TOKENS (new at every start; set EBOK_TOKENS for real use):');
  for (const [role, token] of Object.entries(running.devTokens)) lines.push(`    ${role.padEnd(16)} ${token}`);
}
if (running.devAccounts) {
  lines.push(
    '',
    `  DEVELOPMENT SIGN-IN for staff at ${running.url}/office/sign-in (a development OpenID provider;`,
    "  set EBOK_OIDC_ISSUER for the city's). Log in as one of these, with any password:",
  );
  for (const a of running.devAccounts) lines.push(`    ${a.login.padEnd(16)} ${a.roles.join(', ')}`);
}
lines.push('', 'Press Ctrl-C to stop.', '');
process.stderr.write(lines.join('\n'));
process.stdout.write(
  `${JSON.stringify({ time: new Date().toISOString(), level: 'info', message: 'listening', url: running.url, port: running.port })}\n`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
