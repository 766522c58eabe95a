import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts', '**/*.workerd.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
