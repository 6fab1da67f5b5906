import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '**/*.config.*', '**/bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      curly: 'error',
      eqeqeq: 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // The domain core is pure: no I/O, no framework, no Node built-ins.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto'], message: 'core is pure: no I/O.' },
            { group: ['fastify*', 'drizzle-orm*', 'pg', '@electric-sql/*', 'react*'], message: 'core is pure.' },
            { group: ['@haven/*'], message: 'core depends on nothing of Haven.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/contract/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@haven/server', '@haven/web', '@haven/cli', 'fastify*', 'drizzle-orm*'], message: 'contract depends on core only.' }] },
      ],
    },
  },
  {
    files: ['packages/server/src/test-support/global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
