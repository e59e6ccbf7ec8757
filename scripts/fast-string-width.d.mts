/** The UTF-16 code unit ranges [from, to] whose characters are one column wide, alone or side by side. */
export const NARROW_RANGES: readonly (readonly [number, number])[];
/** string-width's width of a text made of those characters only; undefined otherwise, or with options. */
export function narrowWidth(input: unknown, options: unknown): number | undefined;
