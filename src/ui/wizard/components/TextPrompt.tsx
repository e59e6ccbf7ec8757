import chalk from 'chalk';
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { useKeys, type KeyOutcome } from '../hooks/use-keys.js';
import { editLine, lineOf, type Key, type Line } from '../keys.js';

export interface TextPromptProps {
  /** Shown dimmed when nothing is typed; Enter takes it. */
  placeholder: string;
  /** Enter: the text typed. Returns false when the answer is refused (the prompt stays). */
  onSubmit(value: string): boolean;
  onChange?(value: string): void;
  /** Keys the caller handles itself (Esc, ?), with the text typed so far: `done` when it leaves, `kept` when it took the key, undefined for the prompt to handle it. */
  onKey?(key: Key, value: string): KeyOutcome | undefined;
}

/**
 * A one-line text input: type or paste anywhere in the line; ← → Home End (Ctrl-A, Ctrl-E) move,
 * Backspace and Delete remove, Ctrl-U deletes to the start, Ctrl-W the word before the cursor;
 * Enter submits. Keys that come in one read are handled one after the other.
 */
export function TextPrompt({ placeholder, onSubmit, onChange, onKey }: TextPromptProps) {
  const [line, setLine] = useState<Line>(() => lineOf(''));
  // The line as the last key left it: the next key of the same read sees it before React renders.
  const latest = useRef(line);
  useKeys((key) => {
    const now = latest.current;
    const theirs = onKey?.(key, now.value);
    if (theirs) return theirs;
    if (key.name === 'enter') return onSubmit(now.value) ? 'done' : 'kept';
    const next = editLine(now, key);
    if (next && (next.value !== now.value || next.cursor !== now.cursor)) {
      latest.current = next;
      setLine(next);
      if (next.value !== now.value) onChange?.(next.value);
    }
    return 'kept';
  });
  return (
    <Text>
      <Text color="cyan">› </Text>
      {line.value === '' ? (
        <>
          <Text dimColor>{placeholder}</Text>
          <Text color="cyan">▏</Text>
        </>
      ) : (
        <Typed line={line} />
      )}
    </Text>
  );
}

/** The typed text with the cursor where it is: the character under it inverse (a bar before it without colour), a bar at the end. */
function Typed({ line }: { line: Line }) {
  const chars = Array.from(line.value);
  if (line.cursor >= chars.length) {
    return (
      <>
        <Text>{line.value}</Text>
        <Text color="cyan">▏</Text>
      </>
    );
  }
  const before = chars.slice(0, line.cursor).join('');
  const under = chars[line.cursor]!;
  const after = chars.slice(line.cursor + 1).join('');
  // Inverse needs styling: a terminal without colour (NO_COLOR, --no-color) gets the bar instead.
  const styled = chalk.level > 0;
  return (
    <>
      <Text>{before}</Text>
      {styled ? <Text inverse>{under}</Text> : <Text color="cyan">▏{under}</Text>}
      <Text>{after}</Text>
    </>
  );
}
