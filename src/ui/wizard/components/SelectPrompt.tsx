import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import type { Choice } from '../../../core/config.js';
import { useKeys, type KeyOutcome } from '../hooks/use-keys.js';
import { moveList, tickedInOrder, type Key, type ListCursor } from '../keys.js';

export interface SelectPromptProps {
  choices: Choice[];
  /** Values ticked at first (multi) or the one highlighted at first (single). */
  initial: string[];
  multiple: boolean;
  /** Enter: the value chosen (single) or the values ticked, in the list's order. Returns false when refused (the prompt stays). */
  onSubmit(values: string[]): boolean;
  /** Keys the caller handles itself (Esc, ?): `done` when it leaves, `kept` when it took the key, undefined for the list. */
  onKey?(key: Key): KeyOutcome | undefined;
  /** Rows shown at once; the list scrolls. @default 8 */
  rows?: number;
}

/**
 * A list: ↑/↓ (Home, End, Page Up/Down) to move, Space to tick (multiple), Enter to choose. Keys
 * that come in one read (`↓ Space Enter`) are handled one after the other: Enter submits what
 * Space just ticked.
 */
export function SelectPrompt({ choices, initial, multiple, onSubmit, onKey, rows = 8 }: SelectPromptProps) {
  const [list, setList] = useState<ListCursor>(() => ({ cursor: Math.max(0, choices.findIndex((c) => c.value === initial[0])), ticked: multiple ? initial : [] }));
  // The list as the last key left it, for the next key of the same read.
  const latest = useRef(list);
  const values = choices.map((c) => c.value);
  useKeys((key) => {
    const theirs = onKey?.(key);
    if (theirs) return theirs;
    const now = latest.current;
    if (key.name === 'enter') {
      if (values.length === 0) return 'kept';
      return onSubmit(multiple ? tickedInOrder(now, values) : [values[Math.min(now.cursor, values.length - 1)]!]) ? 'done' : 'kept';
    }
    const next = moveList(now, key, values, multiple, rows);
    if (next) {
      latest.current = next;
      setList(next);
    }
    return 'kept';
  });
  const { cursor, ticked } = list;
  const start = Math.min(Math.max(0, cursor - Math.floor(rows / 2)), Math.max(0, choices.length - rows));
  const visible = choices.slice(start, start + rows);
  return (
    <Box flexDirection="column">
      {visible.map((choice, i) => {
        const index = start + i;
        const active = index === cursor;
        const mark = multiple ? (ticked.includes(choice.value) ? '◉ ' : '◯ ') : '';
        return (
          <Text key={choice.value} color={active ? 'cyan' : undefined}>
            {active ? '❯ ' : '  '}
            {mark}
            {choice.label}
          </Text>
        );
      })}
      {choices.length > rows && <Text dimColor>  ({cursor + 1}/{choices.length}, ↑↓ for more)</Text>}
      <Text dimColor>{multiple ? '  space to tick, enter to confirm' : '  enter to choose'}</Text>
    </Box>
  );
}
