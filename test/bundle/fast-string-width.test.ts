import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { NARROW_RANGES, narrowWidth } from '../../scripts/fast-string-width.mjs';

describe('the bundle\'s fast path for string-width', () => {
  it('gives every character of its ranges the width string-width gives it, alone and side by side', () => {
    const wrong: string[] = [];
    for (const [from, to] of NARROW_RANGES as [number, number][]) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        for (const text of [ch, `a${ch}b`, `${ch}${ch}`]) if (narrowWidth(text, undefined) !== stringWidth(text)) wrong.push(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['the wizard\'s question line', '? Project name (--project) · ? help · esc back', 46],
    ['a coloured line', '\u001b[1m\u001b[36m› web\u001b[39m\u001b[22m', 5],
    ['box drawing', '╭──┬──╮', 7],
  ])('measures %s as string-width does', (_what, text, width) => {
    expect(narrowWidth(text, undefined)).toBe(width);
    expect(stringWidth(text)).toBe(width);
  });

  it.each([
    ['an emoji', 'ok ✅'],
    ['a wide character', '東京'],
    ['a combining accent', 'e\u0301'],
    ['a zero-width joiner', 'a\u200db'],
    ['a tab', 'a\tb'],
    ['a soft hyphen', 'a\u00adb'],
  ])('leaves %s to string-width', (_what, text) => {
    expect(narrowWidth(text, undefined)).toBeUndefined();
  });

  it('leaves any call with options to string-width', () => {
    expect(narrowWidth('abc', { ambiguousIsNarrow: false })).toBeUndefined();
  });
});
