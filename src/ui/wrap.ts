/**
 * Text wrapped to the terminal's width with its indentation kept: a line that starts with spaces,
 * a mark (`✔ `, `✗ `, `! `, `- `, `· `) or a label ending in `: ` at the start of an indented
 * line continues under its first word, not at the left edge. Wrapping is wrap-ansi's (ANSI
 * colours and wide characters measured right); a word longer than the line (a URL, a command)
 * is left whole rather than cut, and so is a command quoted in backticks: it must paste as one
 * line.
 */
import wrapAnsi from 'wrap-ansi';

const NBSP = '\u00a0';

/** The indentation a line's continuation takes: its leading spaces, and a mark after them. */
function hangingIndent(line: string): number {
  const m = /^(\s*)([✔✗!·•–\-*?»■]\s+)?/u.exec(line)!;
  return [...m[0]].length;
}

/** Wrap every line of `text` to `width` columns, keeping each line's indentation on its continuations. */
export function wrapIndented(text: string, width: number | undefined): string {
  if (!width || width < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      if ([...line].length <= width) return line;
      const indent = Math.min(hangingIndent(line), Math.floor(width / 2));
      const body = line.slice(line.length - [...line].slice(indent).join('').length);
      const head = line.slice(0, line.length - body.length);
      const kept = body.replace(/`[^`\n]+`/g, (code) => code.replace(/ /g, NBSP));
      const wrapped = wrapAnsi(kept, width - indent, { hard: false, trim: true }).split('\n');
      return wrapped.map((part, i) => (i === 0 ? head : ' '.repeat(indent)) + part.replaceAll(NBSP, ' ')).join('\n');
    })
    .join('\n');
}
