import { describe, expect, it } from 'vitest';
import { editLine, lineOf, moveList, readKeys, tickedInOrder, type Key, type Line } from '../../src/ui/wizard/keys.js';

/** A key list written short: 'a' a character, '↓' a named key, '^u' Ctrl-U, '[paste:…]' a paste. */
function show(keys: Key[]): string[] {
  return keys.map((k) => {
    switch (k.name) {
      case 'char':
        return k.char;
      case 'paste':
        return `[paste:${k.text}]`;
      case 'ctrl':
        return `^${k.letter}`;
      case 'unknown':
        return `?${JSON.stringify(k.sequence)}`;
      default:
        return k.name;
    }
  });
}

describe('reading keys from what the terminal sent', () => {
  it.each([
    ['↓ Space Enter in one read', '\u001B[B \r', ['down', ' ', 'enter']],
    ['Space then Enter', ' \r', [' ', 'enter']],
    ['typed text and Enter', 'dev\r', ['d', 'e', 'v', 'enter']],
    ['\\n is Enter too', 'a\n', ['a', 'enter']],
    ['\\r\\n is one Enter', 'a\r\nb', ['a', 'enter', 'b']],
    ['two Enters', '\r\r', ['enter', 'enter']],
    ['arrows, CSI', '\u001B[A\u001B[B\u001B[C\u001B[D', ['up', 'down', 'right', 'left']],
    ['arrows, SS3 (application mode)', '\u001BOA\u001BOB\u001BOC\u001BOD', ['up', 'down', 'right', 'left']],
    ['Home and End, xterm', '\u001B[H\u001B[F', ['home', 'end']],
    ['Home and End, SS3', '\u001BOH\u001BOF', ['home', 'end']],
    ['Home and End, VT (tmux, screen)', '\u001B[1~\u001B[4~', ['home', 'end']],
    ['Home and End, rxvt', '\u001B[7~\u001B[8~', ['home', 'end']],
    ['Delete, Page Up/Down', '\u001B[3~\u001B[5~\u001B[6~', ['delete', 'pageUp', 'pageDown']],
    ['Backspace as DEL and as ^H', '\u007F\b', ['backspace', 'backspace']],
    ['Ctrl keys', '\u0001\u0005\u0015\u0017\u0003', ['^a', '^e', '^u', '^w', '^c']],
    ['Tab and Shift-Tab', '\t\u001B[Z', ['tab', 'backtab']],
    ['a lone Esc', '\u001B', ['escape']],
    ['Esc cut off before its sequence ends: Esc, then the rest as typed', '\u001B[', ['escape', '[']],
    ['Ctrl-→ and Alt-← move by words', '\u001B[1;5C\u001B[1;3D', ['wordRight', 'wordLeft']],
    ['Alt-b, Alt-f, Alt-Backspace, Alt-d', '\u001Bb\u001Bf\u001B\u007F\u001Bd', ['wordLeft', 'wordRight', 'deleteWordBefore', 'deleteWordAfter']],
    ['Shift-↑ is ↑', '\u001B[1;2A', ['up']],
    ['F1 and Insert are no text', '\u001BOP\u001B[2~x', ['?"\\u001bOP"', '?"\\u001b[2~"', 'x']],
    ['a bracketed paste is one key, its line break included', '\u001B[200~my-app\r\u001B[201~\r', ['[paste:my-app\r]', 'enter']],
    ['an emoji is one character', 'a😀b', ['a', '😀', 'b']],
    ['nothing', '', []],
  ])('%s', (_what, input, expected) => {
    expect(show(readKeys(input).keys)).toEqual(expected);
  });

  it('keeps a paste open across reads until its end mark comes', () => {
    const first = readKeys('x\u001B[200~ap-north');
    expect(show(first.keys)).toEqual(['x']);
    expect(first.reader).toEqual({ paste: 'ap-north' });
    const second = readKeys('east-1\u001B[201~\r', first.reader);
    expect(show(second.keys)).toEqual(['[paste:ap-northeast-1]', 'enter']);
    expect(second.reader).toEqual({});
  });

  it('reads the same keys however the input is cut at escape sequences (as Ink hands it over)', () => {
    const whole = '\u001B[Bab\u001B[D\u0015c\r';
    const pieces = ['\u001B[B', 'ab', '\u001B[D', '\u0015c\r'];
    let reader = {};
    const keys: Key[] = [];
    for (const p of pieces) {
      const r = readKeys(p, reader);
      reader = r.reader;
      keys.push(...r.keys);
    }
    expect(show(keys)).toEqual(show(readKeys(whole).keys));
  });
});

/** A line written with its cursor as `|`: 'ab|c' is "abc" with the cursor before c. */
const line = (s: string): Line => ({ value: s.replace('|', ''), cursor: Array.from(s).indexOf('|') });
const shown = (l: Line | undefined) => (l === undefined ? undefined : `${Array.from(l.value).slice(0, l.cursor).join('')}|${Array.from(l.value).slice(l.cursor).join('')}`);
const k = (input: string) => readKeys(input).keys[0]!;

describe('editing a line', () => {
  it.each([
    ['types at the cursor', 'ab|', 'c', 'abc|'],
    ['types in the middle', 'a|c', 'b', 'ab|c'],
    ['← moves left', 'abc|', '\u001B[D', 'ab|c'],
    ['← stops at the start', '|abc', '\u001B[D', '|abc'],
    ['→ moves right', 'a|bc', '\u001B[C', 'ab|c'],
    ['→ stops at the end', 'abc|', '\u001B[C', 'abc|'],
    ['Home', 'ab|c', '\u001B[H', '|abc'],
    ['Home (VT)', 'ab|c', '\u001B[1~', '|abc'],
    ['End', 'a|bc', '\u001B[F', 'abc|'],
    ['End (SS3)', 'a|bc', '\u001BOF', 'abc|'],
    ['Ctrl-A', 'ab|c', '\u0001', '|abc'],
    ['Ctrl-E', 'a|bc', '\u0005', 'abc|'],
    ['Backspace in the middle', 'ab|c', '\u007F', 'a|c'],
    ['Backspace at the start does nothing', '|abc', '\u007F', '|abc'],
    ['Delete in the middle', 'a|bc', '\u001B[3~', 'a|c'],
    ['Delete at the end does nothing', 'abc|', '\u001B[3~', 'abc|'],
    ['Ctrl-D deletes under the cursor', 'a|bc', '\u0004', 'a|c'],
    ['Ctrl-U deletes to the start', 'my-a|pp', '\u0015', '|pp'],
    ['Ctrl-K deletes to the end', 'my-a|pp', '\u000B', 'my-a|'],
    ['Ctrl-W deletes the word before the cursor, back to a space', 'ecr-pull logs|', '\u0017', 'ecr-pull |'],
    ['Ctrl-W takes the spaces before the cursor with the word', 'one two  |three', '\u0017', 'one |three'],
    ['Alt-Backspace deletes back to a non-letter', 'ap-northeast-1a|', '\u001B\u007F', 'ap-northeast-|'],
    ['Alt-b moves a word left', 'ap-northeast|', '\u001Bb', 'ap-|northeast'],
    ['Ctrl-→ moves a word right', '|ap-northeast', '\u001B[1;5C', 'ap|-northeast'],
    ['a paste is inserted at the cursor', 'my-|', '\u001B[200~app\u001B[201~', 'my-app|'],
    ['a paste loses its trailing line break', '|', '\u001B[200~10.0.0.0/16\r\n\u001B[201~', '10.0.0.0/16|'],
    ['a paste’s inner line breaks become spaces', '|', '\u001B[200~a\nb\u001B[201~', 'a b|'],
    ['an emoji is one character to the cursor', 'a😀|', '\u007F', 'a|'],
  ])('%s', (_what, before, input, after) => {
    expect(shown(editLine(line(before), k(input)))).toBe(after);
  });

  it.each([['Enter', '\r'], ['Esc', '\u001B'], ['↑', '\u001B[A'], ['Tab', '\t'], ['Ctrl-C', '\u0003']])('%s edits nothing (the prompt handles it)', (_what, input) => {
    expect(editLine(line('ab|'), k(input))).toBeUndefined();
  });

  it('a line starts with the cursor at its end', () => {
    expect(shown(lineOf('dev'))).toBe('dev|');
  });
});

describe('moving in a list', () => {
  const values = ['none', 'external-api', 'ecr-pull', 'logs'];
  it.each([
    ['↓ moves down', 0, '\u001B[B', 1],
    ['↑ wraps to the last', 0, '\u001B[A', 3],
    ['↓ wraps to the first', 3, '\u001B[B', 0],
    ['Ctrl-N and Ctrl-P', 1, '\u000E', 2],
    ['Home', 2, '\u001B[H', 0],
    ['End', 0, '\u001B[4~', 3],
    ['Page Down stops at the last', 1, '\u001B[6~', 3],
  ])('%s', (_what, from, input, to) => {
    expect(moveList({ cursor: from, ticked: [] }, k(input), values, true)?.cursor).toBe(to);
  });

  it('Space ticks and unticks in a multi-select, and does nothing in a single one', () => {
    const once = moveList({ cursor: 1, ticked: [] }, k(' '), values, true)!;
    expect(once.ticked).toEqual(['external-api']);
    expect(moveList(once, k(' '), values, true)!.ticked).toEqual([]);
    expect(moveList({ cursor: 1, ticked: [] }, k(' '), values, false)).toBeUndefined();
  });

  it('the keys of one read applied in order: ↓ Space ↓ ↓ Space ticks the second and the fourth', () => {
    let list = { cursor: 0, ticked: [] as string[] };
    for (const key of readKeys('\u001B[B \u001B[B\u001B[B ').keys) list = moveList(list, key, values, true) ?? list;
    expect(tickedInOrder(list, values)).toEqual(['external-api', 'logs']);
  });

  it('gives the ticked values in the list order', () => {
    expect(tickedInOrder({ cursor: 0, ticked: ['logs', 'none'] }, values)).toEqual(['none', 'logs']);
  });
});
