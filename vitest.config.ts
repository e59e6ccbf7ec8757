import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests; harness tests of the test helpers (start moto, run python);
// e2e tests (terraform against moto): one file at a time, after the others, with long timeouts.
// harness and e2e fail (not skip) without terraform, the provider mirror or moto; `--project unit`
// (npm run test:unit) needs none of them.
export default defineConfig({
  // Ink components: React's automatic JSX runtime, as tsconfig's "jsx": "react-jsx".
  esbuild: { jsx: 'automatic' },
  test: {
    reporters: ['default', './test/helpers/closing-line-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', 'test/harness/**', '**/node_modules/**'],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'harness',
          include: ['test/harness/**/*.test.{ts,tsx}'],
          globalSetup: ['./test/helpers/e2e-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          globalSetup: ['./test/helpers/e2e-global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
