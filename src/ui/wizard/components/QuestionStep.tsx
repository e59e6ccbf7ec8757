import { Box, Text } from 'ink';
import { useState, type ReactNode } from 'react';
import { showAnswer, type Choice, type NetworkConfig, type Question } from '../../../core/config.js';
import type { KeyOutcome } from '../hooks/use-keys.js';
import type { Key } from '../keys.js';
import { SelectPrompt } from './SelectPrompt.js';
import { TextPrompt } from './TextPrompt.js';

export interface QuestionStepProps {
  question: Question;
  /** The answers before this one (defaults and choices depend on them). */
  resolved: Partial<NetworkConfig>;
  /** The answer given last time, when the user came back with Esc. */
  previous?: unknown;
  onAnswer(value: unknown): void;
  /** Esc: back a step. Returns false when there is no step before (the question stays). */
  onBack(): boolean;
  /** Shown under the question while it is asked; gets what is typed so far. */
  extra?(typed: string): ReactNode;
  /** Choices to offer instead of the question's own (e.g. the AZs AWS says are available). */
  choices?: Choice[];
}

/**
 * One question of the question model, asked by its kind (text, select, multi-select): `?` shows
 * its help, Esc goes back, a bad answer is refused with the model's own message.
 */
export function QuestionStep({ question, resolved, previous, onAnswer, onBack, extra, choices }: QuestionStepProps) {
  const [help, setHelp] = useState(false);
  const [error, setError] = useState<string>();
  const [typed, setTyped] = useState('');
  const offered = choices ?? question.options?.(resolved) ?? [];
  const byDefault = question.defaultValue?.(resolved);
  // A default the offered choices lack (an AZ AWS says is unavailable) gives way to the first ones.
  const fitting = Array.isArray(byDefault) && choices ? byDefault.filter((v) => offered.some((c) => c.value === v)) : byDefault;
  const fallback = previous ?? (Array.isArray(fitting) && Array.isArray(byDefault) && fitting.length < byDefault.length ? offered.slice(0, byDefault.length).map((c) => c.value) : fitting);
  const submit = (raw: unknown) => {
    const parsed = question.parse(raw, resolved);
    if (parsed.ok) onAnswer(parsed.value);
    else setError(parsed.message);
    return parsed.ok;
  };
  // `typed` is the text as the key found it (the prompt's latest), not this render's: `a?` in one read types both.
  const onKey = (key: Key, typed = ''): KeyOutcome | undefined => {
    if (key.name === 'escape') return onBack() ? 'done' : 'kept';
    if (key.name === 'char' && key.char === '?' && (question.kind !== undefined || typed === '')) {
      setHelp((h) => !h);
      return 'kept';
    }
    return undefined;
  };
  const kind = question.kind ?? 'text';
  return (
    <Box flexDirection="column">
      <Text>
        <Text color="cyan" bold>
          ?{' '}
        </Text>
        <Text bold>{question.title}</Text>
        <Text dimColor> ({question.flag}) · ? help · esc back</Text>
      </Text>
      {help && (
        <Box marginLeft={2}>
          <Text color="yellow">{question.help}</Text>
        </Box>
      )}
      {kind === 'text' ? (
        <TextPrompt
          placeholder={fallback === undefined ? '' : showAnswer(fallback)}
          onChange={(v) => {
            setTyped(v);
            setError(undefined);
          }}
          onKey={onKey}
          onSubmit={(v) => {
            if (v !== '' || fallback === undefined) return submit(v);
            onAnswer(fallback);
            return true;
          }}
        />
      ) : (
        <SelectPrompt
          choices={offered}
          initial={fallback === undefined ? [] : Array.isArray(fallback) ? fallback.map(String) : [String(fallback)]}
          multiple={kind === 'multi'}
          onKey={onKey}
          onSubmit={(values) => submit(kind === 'multi' ? values : values[0])}
        />
      )}
      {error && (
        <Text color="red">
          ✗ {question.flag}: {error} (example: {question.example})
        </Text>
      )}
      {extra?.(typed)}
    </Box>
  );
}

/** An answered question as one compact line. */
export function AnsweredLine({ question, value, from }: { question: Question; value: unknown; from?: string }) {
  return (
    <Text>
      <Text color="green">✔ </Text>
      <Text>{question.title}: </Text>
      <Text color="cyan">{value === undefined ? (question.unanswered ?? 'none') : showAnswer(value)}</Text>
      {from && <Text dimColor> ({from})</Text>}
    </Text>
  );
}
