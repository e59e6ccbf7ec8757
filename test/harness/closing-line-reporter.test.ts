import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { countResults, formatClosingLine } from '../helpers/closing-line-reporter.js';

// The form CI reads: 'N passed, N failed' alone on a line, optionally ', N skipped', optionally one word and a colon before.
const CI_FORM = /^(\w+: )?\d+ passed, \d+ failed(, \d+ skipped)?$/;

function fakeModule(states: string[], moduleErrors = 0, suiteErrors: number[] = []): TestModule {
  const tests = states.map((state) => ({ result: () => ({ state }) }));
  const suites = suiteErrors.map((n) => ({ errors: () => Array(n).fill({}) }));
  return {
    errors: () => Array(moduleErrors).fill({}),
    children: { allTests: () => tests.values(), allSuites: () => suites.values() },
  } as unknown as TestModule;
}

describe('closing-line reporter', () => {
  it('formats the counts in the form CI reads', () => {
    const line = formatClosingLine({ passed: 12, failed: 0, skipped: 3 });
    expect(line).toBe('vitest: 12 passed, 0 failed, 3 skipped');
    expect(line).toMatch(CI_FORM);
  });

  it('counts tests by state, pending/todo as skipped', () => {
    const counts = countResults([fakeModule(['passed', 'passed', 'failed']), fakeModule(['skipped', 'pending', 'passed'])]);
    expect(counts).toEqual({ passed: 3, failed: 1, skipped: 2 });
  });

  it('counts a file that failed to load, a failing hook and unhandled errors as failures', () => {
    const counts = countResults([fakeModule([], 1), fakeModule(['skipped'], 0, [0, 2])], [{}]);
    expect(counts).toEqual({ passed: 0, failed: 3, skipped: 1 });
  });
});
