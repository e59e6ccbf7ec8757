/** Keys as a terminal sends them, for typing into Ink screens in tests. */
export const KEYS = {
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  space: ' ',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Poll a frame source until it satisfies the predicate (no fixed sleeps); throws with the last frame. */
export async function waitForFrame(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, timeoutMs = 8000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (predicate(frame)) {
      // Let the new screen's effects subscribe to input before the test types into it.
      await new Promise((r) => setTimeout(r, 25));
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A frame with its line wrapping undone, to look for a sentence that the terminal width broke. */
export function unwrap(frame: string): string {
  return frame.replace(/\s+/g, ' ');
}
