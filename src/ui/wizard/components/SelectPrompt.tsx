import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { Choice } from '../../../core/config.js';

export interface SelectPromptProps {
  choices: Choice[];
  /** Values ticked at first (multi) or the one highlighted at first (single). */
  initial: string[];
  multiple: boolean;
  onSubmit(values: string[]): void;
  onKey?(input: string, key: { escape: boolean }): boolean;
  /** Rows shown at once; the list scrolls. @default 8 */
  rows?: number;
}

/** A list: ↑/↓ to move, Space to tick (multiple), Enter to choose. */
export function SelectPrompt({ choices, initial, multiple, onSubmit, onKey, rows = 8 }: SelectPromptProps) {
  const [cursor, setCursor] = useState(() => Math.max(0, choices.findIndex((c) => c.value === initial[0])));
  const [ticked, setTicked] = useState<string[]>(multiple ? initial : []);
  useInput((input, key) => {
    if (onKey?.(input, key)) return;
    if (key.upArrow) setCursor((c) => (c - 1 + choices.length) % choices.length);
    else if (key.downArrow) setCursor((c) => (c + 1) % choices.length);
    else if (multiple && input === ' ') {
      const value = choices[cursor]!.value;
      setTicked((t) => (t.includes(value) ? t.filter((v) => v !== value) : [...t, value]));
    } else if (key.return) {
      // Keep the list's order, whatever order things were ticked in.
      onSubmit(multiple ? choices.map((c) => c.value).filter((v) => ticked.includes(v)) : [choices[cursor]!.value]);
    }
  });
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
