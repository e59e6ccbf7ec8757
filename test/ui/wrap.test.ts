/** Long lines wrap to the terminal's width and keep their indentation. */
import { describe, expect, it } from 'vitest';
import { wrapIndented } from '../../src/ui/wrap.js';

describe('wrapIndented', () => {
  it.each([
    ['  ✔ the flows of the network, each with what decides it', 30, ['  ✔ the flows of the network,', '    each with what decides it']],
    ['    reasons: a long reason that will wrap', 24, ['    reasons: a long', '    reason that will', '    wrap']],
    ['short line', 30, ['short line']],
    ['no width given stays as it is', undefined, ['no width given stays as it is']],
    ['- one npx net-wizard apply --project shop --nat single', 30, ['- one npx net-wizard apply', '  --project shop --nat single']],
  ] as [string, number | undefined, string[]][])('%j at %s columns', (text, width, lines) => {
    const out = wrapIndented(text, width);
    expect(out.split('\n')).toEqual(lines);
    if (width) for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(width);
  });

  it('keeps a command in backticks on one line', () => {
    expect(wrapIndented('Next step: run `terraform state rm aws_vpc.main` and then again', 30).split('\n')).toEqual(['Next step: run', '`terraform state rm aws_vpc.main`', 'and then again']);
  });

  it('leaves a word longer than the line whole', () => {
    expect(wrapIndented('  see https://example.com/a/very/long/path/that/does/not/fit', 20).split('\n')).toContain('  https://example.com/a/very/long/path/that/does/not/fit');
  });
});
