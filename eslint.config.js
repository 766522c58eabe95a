import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'schemas/dist/**',
      'packages/forms-core/test/goldens/**',
      'packages/widgets/src/generated/**',
      'packages/office/src/generated/**',
      'stories/procedures/**',
      'data/**',
      '**/.wrangler/**',
      'storybook-static/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'eval breaks strict CSP and Workers.' },
        { selector: "NewExpression[callee.name='Function']", message: 'new Function breaks strict CSP and Workers.' },
        { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'Use modules.' },
      ],
    },
  },
  {
    files: [
      'packages/widgets/**/*.ts',
      'packages/office/src/**/*.ts',
      'examples/**/*.js',
      '**/*.browser.test.ts',
      'stories/**/*.ts',
      '.storybook/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // chai's property assertions (expect(x).to.exist) are expressions by design.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
