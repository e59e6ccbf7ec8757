import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The plain closing line CI reads: `vitest: N passed, N failed, N skipped`. */
export function formatClosingLine(c: RunCounts): string {
  return `vitest: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

/** Counts tests by result; errors outside tests (a file that fails to load, a failing hook, an unhandled error) count as failures. */
export function countResults(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): RunCounts {
  const c: RunCounts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
  for (const mod of modules) {
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') c.passed++;
      else if (state === 'failed') c.failed++;
      else c.skipped++;
    }
    for (const suite of [mod, ...mod.children.allSuites()]) if (suite.errors().length) c.failed++;
  }
  return c;
}

/** Vitest reporter that prints the closing line, alone on its line, after the run. */
export default class ClosingLineReporter implements Reporter {
  async onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): Promise<void> {
    const line = formatClosingLine(countResults(modules, unhandledErrors));
    // Let the default reporter print its summary first, so this stays the last line.
    await new Promise((resolve) => setImmediate(resolve));
    process.stdout.write(`\n${line}\n`);
  }
}
