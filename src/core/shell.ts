/** Words for a POSIX shell, for the commands net-wizard suggests. Pure. */

/** `path` as one shell word: unchanged when it holds only safe characters, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Control characters (newline, escape, NUL…) that have no place in a path typed or printed. */
export function controlCharacter(text: string): string | undefined {
  const m = /[\u0000-\u001f\u007f-\u009f]/.exec(text);
  return m ? `\\u${m[0].charCodeAt(0).toString(16).padStart(4, '0')}` : undefined;
}
