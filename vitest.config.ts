import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Tests import workspace packages from source, so they run without a build.
const alias = {
  // Before @haven/core, which would otherwise swallow the subpath.
  '@haven/core/identity': fileURLToPath(new URL('./packages/core/src/identity/index.ts', import.meta.url)),
  '@haven/server/compare-in-threads': fileURLToPath(new URL('./packages/server/src/identity/compare-in-threads.ts', import.meta.url)),
  ...Object.fromEntries(
    ['core', 'contract', 'server', 'bench'].map((name) => [
      `@haven/${name}`,
      fileURLToPath(new URL(`./${name === 'bench' ? 'bench' : `packages/${name}`}/src/index.ts`, import.meta.url)),
    ]),
  ),
};

const databaseProject = (engine: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name: `server-${engine}`,
    include: ['packages/server/src/**/*.test.ts', 'packages/cli/src/**/*.test.ts'],
    globalSetup: ['packages/server/src/test-support/global-setup.ts'],
    env: { HAVEN_TEST_ENGINE: engine },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'contract', include: ['packages/contract/src/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'bench', include: ['bench/src/**/*.test.ts'] } },
      databaseProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [databaseProject('postgres')] : []),
      {
        // JSX of the component tests, compiled as the app build does.
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['packages/web/src/test-support/setup.ts'],
        },
      },
      {
        // The browser test starts the server in-process from source.
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
