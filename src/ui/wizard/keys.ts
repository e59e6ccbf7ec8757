/**
 * Keys as a terminal sends them, split and named, and what they do to a line of text and to a
 * list. Pure: no React, no stream. A terminal delivers several keys in one read (a paste, fast
 * typing, a slow link, a script writing `\x1b[B \r` at once); each key is handled in order, against
 * the state the previous key left.
 */

/** One key, named for what it does. */
export type Key =
  | { name: 'char'; char: string }
  /** Text pasted between the terminal's bracketed-paste marks: inserted, never submitted. */
  | { name: 'paste'; text: string }
  /** Ctrl and a letter that has no other name here (Ctrl-A is `ctrl` `a`; Ctrl-H is backspace). */
  | { name: 'ctrl'; letter: string }
  /** A sequence nothing here uses (F1, Insert, a mouse report): ignored, but not mistaken for text. */
  | { name: 'unknown'; sequence: string }
  | {
      name:
        | 'enter'
        | 'escape'
        | 'tab'
        | 'backtab'
        | 'backspace'
        | 'delete'
        | 'left'
        | 'right'
        | 'up'
        | 'down'
        | 'home'
        | 'end'
        | 'pageUp'
        | 'pageDown'
        | 'wordLeft'
        | 'wordRight'
        | 'deleteWordBefore'
        | 'deleteWordAfter';
    };

/** What the splitter carries from one read to the next: a bracketed paste still open. */
export interface KeyReader {
  /** The text of a paste whose end mark has not come yet. */
  paste?: string;
}

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

const CSI_LETTERS: Record<string, Key['name']> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'backtab' };
const CSI_TILDE: Record<string, Key['name']> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '5': 'pageUp', '6': 'pageDown' };

/** `name` as a Key of its own (the names without payload). */
const named = (name: Key['name']) => ({ name }) as Key;

/**
 * The keys in `input`, in order, and what is left open for the next read. Enter is `\r` (what a
 * terminal sends), `\n` (Ctrl-J, a script's newline) or `\r\n` once; Backspace is `\x7f` or `\b`;
 * escape sequences (CSI `\x1b[…`, SS3 `\x1bO…`, Alt+key `\x1b` key) are one key each, whole; a
 * lone `\x1b` is Esc. Between `\x1b[200~` and `\x1b[201~` (bracketed paste) everything is one
 * `paste` key, line breaks included, even when the paste comes in several reads.
 */
export function readKeys(input: string, reader: KeyReader = {}): { keys: Key[]; reader: KeyReader } {
  const keys: Key[] = [];
  let paste = reader.paste;
  let i = 0;
  while (i < input.length) {
    if (paste !== undefined) {
      const end = input.indexOf(PASTE_END, i);
      if (end === -1) {
        paste += input.slice(i);
        i = input.length;
        break;
      }
      paste += input.slice(i, end);
      keys.push({ name: 'paste', text: paste });
      paste = undefined;
      i = end + PASTE_END.length;
      continue;
    }
    const c = input[i]!;
    if (c === '\u001B') {
      const { key, length } = escapeSequence(input, i);
      i += length;
      if (key === 'paste-start') paste = '';
      else if (key !== 'paste-end') keys.push(key);
      continue;
    }
    if (c === '\r') {
      keys.push(named('enter'));
      i += input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    i += 1;
    if (c === '\n') keys.push(named('enter'));
    else if (c === '\t') keys.push(named('tab'));
    else if (c === '\u007F' || c === '\b') keys.push(named('backspace'));
    else if (c < ' ') keys.push({ name: 'ctrl', letter: String.fromCharCode(c.charCodeAt(0) + 96) });
    else {
      // One character is one code point: an emoji's surrogate pair stays together.
      const code = input.codePointAt(i - 1)!;
      const char = String.fromCodePoint(code);
      i += char.length - 1;
      keys.push({ name: 'char', char });
    }
  }
  return { keys, reader: paste === undefined ? {} : { paste } };
}

/** The escape sequence at `at` (which holds `\x1b`): the key it is and how many characters it takes. */
function escapeSequence(input: string, at: number): { key: Key | 'paste-start' | 'paste-end'; length: number } {
  const next = input[at + 1];
  if (next === undefined) return { key: named('escape'), length: 1 };
  if (next === '[') {
    // CSI: parameters 0x30–0x3f, intermediates 0x20–0x2f, one final byte 0x40–0x7e.
    let j = at + 2;
    if (input[j] === '[') j += 1; // the Linux console's F1–F5: \x1b[[A
    while (j < input.length && input.charCodeAt(j) >= 0x30 && input.charCodeAt(j) <= 0x3f) j += 1;
    while (j < input.length && input.charCodeAt(j) >= 0x20 && input.charCodeAt(j) <= 0x2f) j += 1;
    const final = input[j];
    if (final === undefined || final.charCodeAt(0) < 0x40 || final.charCodeAt(0) > 0x7e) {
      // Cut off or malformed: Esc, and what follows is read as typed.
      return { key: named('escape'), length: 1 };
    }
    const sequence = input.slice(at, j + 1);
    if (sequence === PASTE_START) return { key: 'paste-start', length: sequence.length };
    if (sequence === PASTE_END) return { key: 'paste-end', length: sequence.length };
    return { key: csiKey(sequence.slice(2, -1), final) ?? { name: 'unknown', sequence }, length: sequence.length };
  }
  if (next === 'O') {
    const final = input[at + 2];
    if (final === undefined) return { key: named('escape'), length: 1 };
    const name = CSI_LETTERS[final];
    return { key: name ? named(name) : { name: 'unknown', sequence: input.slice(at, at + 3) }, length: 3 };
  }
  // Alt+key: readline's word motions; any other Alt+key is not text.
  if (next === '\u007F' || next === '\b') return { key: named('deleteWordBefore'), length: 2 };
  if (next === 'b') return { key: named('wordLeft'), length: 2 };
  if (next === 'f') return { key: named('wordRight'), length: 2 };
  if (next === 'd') return { key: named('deleteWordAfter'), length: 2 };
  if (next === '\r') return { key: named('enter'), length: 2 };
  if (next === '\u001B') return { key: named('escape'), length: 1 };
  const code = input.codePointAt(at + 1)!;
  const char = String.fromCodePoint(code);
  return { key: { name: 'unknown', sequence: `\u001B${char}` }, length: 1 + char.length };
}

/** A CSI sequence's key from its parameters and final byte (`1;5C` is Ctrl-→, a word right). */
function csiKey(params: string, final: string): Key | undefined {
  const [first = '', modifier = '1'] = params.split(';');
  // Modifier 1 + bits: shift 1, alt 2, ctrl 4. Ctrl or Alt with ← → moves by words.
  const bits = Number(modifier) - 1;
  const byWord = (bits & 6) !== 0;
  if (final === '~') {
    const name = CSI_TILDE[first];
    if (!name) return undefined;
    if (name === 'delete' && byWord) return named('deleteWordAfter');
    return named(name);
  }
  if (params.startsWith('[')) return undefined; // \x1b[[A: a function key
  if (first !== '' && first !== '1') return undefined;
  const name = CSI_LETTERS[final];
  if (!name) return undefined;
  if (byWord && name === 'left') return named('wordLeft');
  if (byWord && name === 'right') return named('wordRight');
  return named(name);
}

/** A line being typed: its text and the cursor, as a count of characters (code points) before it. */
export interface Line {
  value: string;
  cursor: number;
}

/** A line holding `value`, the cursor at its end. */
export function lineOf(value: string): Line {
  return { value, cursor: Array.from(value).length };
}

const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c);

/**
 * `line` after an editing key, or undefined when the key edits nothing (Enter, Esc, ↑, …: the
 * prompt's own). ← → Home End (and Ctrl-A, Ctrl-E, Ctrl-B, Ctrl-F) move; Alt-B/F and Ctrl/Alt-←→
 * move by words; Backspace and Delete (Ctrl-D) remove the character before and under the cursor;
 * Ctrl-U deletes to the start, Ctrl-K to the end; Ctrl-W the word before the cursor back to a
 * space (as bash does), Alt-Backspace back to a non-letter; a paste is inserted, its line breaks
 * and tabs as spaces, trailing ones dropped.
 */
export function editLine(line: Line, key: Key): Line | undefined {
  const chars = Array.from(line.value);
  const at = Math.max(0, Math.min(line.cursor, chars.length));
  const make = (before: string[], after: string[]): Line => ({ value: [...before, ...after].join(''), cursor: before.length });
  const before = chars.slice(0, at);
  const after = chars.slice(at);
  const move = (cursor: number): Line => ({ value: line.value, cursor: Math.max(0, Math.min(cursor, chars.length)) });
  const wordStart = (test: (c: string) => boolean) => {
    let j = at;
    while (j > 0 && !test(chars[j - 1]!)) j -= 1;
    while (j > 0 && test(chars[j - 1]!)) j -= 1;
    return j;
  };
  const wordEnd = () => {
    let j = at;
    while (j < chars.length && !isWordChar(chars[j]!)) j += 1;
    while (j < chars.length && isWordChar(chars[j]!)) j += 1;
    return j;
  };
  const notSpace = (c: string) => !/\s/u.test(c);
  switch (key.name) {
    case 'char':
      return make([...before, key.char], after);
    case 'paste': {
      const text = key.text.replace(/[\r\n\t]+$/u, '').replace(/\r\n|[\r\n\t]/gu, ' ').replace(/\p{Cc}/gu, '');
      return make([...before, ...Array.from(text)], after);
    }
    case 'left':
      return move(at - 1);
    case 'right':
      return move(at + 1);
    case 'home':
      return move(0);
    case 'end':
      return move(chars.length);
    case 'wordLeft':
      return move(wordStart(isWordChar));
    case 'wordRight':
      return move(wordEnd());
    case 'backspace':
      return make(before.slice(0, -1), after);
    case 'delete':
      return make(before, after.slice(1));
    case 'deleteWordBefore':
      return make(before.slice(0, wordStart(isWordChar)), after);
    case 'deleteWordAfter':
      return make(before, chars.slice(wordEnd()));
    case 'ctrl':
      switch (key.letter) {
        case 'a':
          return move(0);
        case 'e':
          return move(chars.length);
        case 'b':
          return move(at - 1);
        case 'f':
          return move(at + 1);
        case 'd':
          return make(before, after.slice(1));
        case 'u':
          return make([], after);
        case 'k':
          return make(before, []);
        case 'w':
          return make(before.slice(0, wordStart(notSpace)), after);
        default:
          return undefined;
      }
    default:
      return undefined;
  }
}

/** A list being chosen from: the highlighted row and, in a multi-select, the ticked values. */
export interface ListCursor {
  cursor: number;
  ticked: string[];
}

/**
 * `list` after a moving or ticking key, or undefined when the key does neither (Enter, Esc, …).
 * ↑ ↓ (and Ctrl-P, Ctrl-N) move and wrap around; Home End go to the first and last row; Page
 * Up/Down move by `page` rows; Space ticks or unticks the highlighted value (`multiple` only).
 */
export function moveList(list: ListCursor, key: Key, values: readonly string[], multiple: boolean, page = 8): ListCursor | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const to = (cursor: number): ListCursor => ({ ...list, cursor });
  const up = key.name === 'up' || (key.name === 'ctrl' && key.letter === 'p');
  const down = key.name === 'down' || (key.name === 'ctrl' && key.letter === 'n');
  if (up) return to((list.cursor - 1 + n) % n);
  if (down) return to((list.cursor + 1) % n);
  if (key.name === 'home') return to(0);
  if (key.name === 'end') return to(n - 1);
  if (key.name === 'pageUp') return to(Math.max(0, list.cursor - page));
  if (key.name === 'pageDown') return to(Math.min(n - 1, list.cursor + page));
  if (multiple && key.name === 'char' && key.char === ' ') {
    const value = values[list.cursor]!;
    return { ...list, ticked: list.ticked.includes(value) ? list.ticked.filter((v) => v !== value) : [...list.ticked, value] };
  }
  return undefined;
}

/** The ticked values in the list's order, whatever order they were ticked in. */
export function tickedInOrder(list: ListCursor, values: readonly string[]): string[] {
  return values.filter((v) => list.ticked.includes(v));
}
