// A fast path for string-width, put in front of each copy of it in the bundle (scripts/bundle.mjs):
// Ink and wrap-ansi measure every piece of text with it, and string-width measures anything that
// is not plain ASCII through Intl.Segmenter and an emoji regex whose first use alone costs ~10 ms
// of the wizard's first frame. The wizard's own text (letters, punctuation, arrows, box drawing)
// is one column per character and needs neither. test/bundle/fast-string-width.test.ts checks
// every character of these ranges against string-width.
import stripAnsi from 'strip-ansi';

/** The UTF-16 code unit ranges [from, to] whose characters are one column wide, alone or side by side. */
export const NARROW_RANGES = [
  [0x20, 0x7e], // ASCII
  [0xa1, 0xac], // Latin-1 (not the no-break space, not the soft hyphen)
  [0xae, 0x2ff], // Latin-1, Latin Extended, IPA, spacing modifiers
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, guillemets
  [0x20a0, 0x20c0], // currency signs
  [0x2190, 0x21ff], // arrows
  [0x2500, 0x259f], // box drawing, block elements
];

function narrow(c) {
  if (c >= 0x20 && c <= 0x7e) return true;
  for (const [from, to] of NARROW_RANGES) if (c >= from && c <= to) return true;
  return false;
}

/**
 * The width string-width gives, when the text (its colour codes aside) is made of these
 * characters only; undefined otherwise, or with options: then string-width decides.
 */
export function narrowWidth(input, options) {
  if (typeof input !== 'string' || options !== undefined) return undefined;
  const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
  for (let i = 0; i < text.length; i++) if (!narrow(text.charCodeAt(i))) return undefined;
  return text.length;
}
