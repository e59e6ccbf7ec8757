import { Text, useInput } from 'ink';
import { useState } from 'react';

export interface TextPromptProps {
  /** Shown dimmed when nothing is typed; Enter takes it. */
  placeholder: string;
  onSubmit(value: string): void;
  onChange?(value: string): void;
  /** Keys the caller handles itself (Esc, ?). */
  onKey?(input: string, key: { escape: boolean }): boolean;
}

/** A one-line text input: type, Backspace, Enter. */
export function TextPrompt({ placeholder, onSubmit, onChange, onKey }: TextPromptProps) {
  const [value, setValue] = useState('');
  const update = (next: string) => {
    setValue(next);
    onChange?.(next);
  };
  useInput((input, key) => {
    if (onKey?.(input, key)) return;
    if (key.return) onSubmit(value);
    else if (key.backspace || key.delete) update(value.slice(0, -1));
    else if (input && !key.ctrl && !key.meta && !key.escape && !key.upArrow && !key.downArrow && !key.tab) update(value + input);
  });
  return (
    <Text>
      <Text color="cyan">› </Text>
      {value === '' ? <Text dimColor>{placeholder}</Text> : <Text>{value}</Text>}
      <Text color="cyan">▏</Text>
    </Text>
  );
}
