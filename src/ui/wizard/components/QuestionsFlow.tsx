import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { answersBefore, QUESTIONS, questionsToAsk, type Choice, type LookupKind, type NetworkConfig, type Preview } from '../../../core/config.js';
import { KeysProvider } from '../hooks/use-keys.js';
import { AnsweredLine, QuestionStep } from './QuestionStep.js';
import { Spinner } from './Spinner.js';

export interface QuestionsFlowProps {
  /** Answers already given as options or in the answers file, validated. */
  preset: Partial<NetworkConfig>;
  /** Where each preset answer came from, e.g. `--project`. */
  presetFrom: Partial<Record<keyof NetworkConfig, string>>;
  onDone(answers: Partial<NetworkConfig>): void;
  /** The lookups this front-end can run (ask AWS which AZs of a region are available, which VPCs it has), by kind: values, or choices with their labels. */
  lookups?: Partial<Record<LookupKind, (scope: string) => Promise<(string | Choice)[]>>>;
}

const ASKED = QUESTIONS.filter((q) => q.asked !== false);

/** The questions not answered yet, one at a time; answered ones stay visible as one line each. */
export function QuestionsFlow({ preset, presetFrom, onDone, lookups }: QuestionsFlowProps) {
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Partial<NetworkConfig>>({});
  // Later questions may drop out with an answer (an existing VPC brings its AZs): the list follows the answers.
  const toAsk = questionsToAsk(preset, answers, Object.keys(lookups ?? {}) as LookupKind[]);
  const known = { ...answers, ...preset };
  const current = toAsk[index];
  const before = answersBefore(known, current);
  // The current question's choices, narrowed by what AWS says (per scope, asked once).
  const lookup = current?.lookup;
  const scope = lookup?.scope(before);
  const run = lookup ? lookups?.[lookup.kind] : undefined;
  const asking = run !== undefined && scope !== undefined;
  const cacheKey = `${lookup?.kind}:${scope}`;
  const [found, setFound] = useState<Record<string, Choice[] | 'asking' | 'failed'>>({});
  useEffect(() => {
    if (!asking || found[cacheKey] !== undefined) return;
    setFound((m) => ({ ...m, [cacheKey]: 'asking' }));
    run!(scope!).then(
      (values) => setFound((m) => ({ ...m, [cacheKey]: values.length > 0 ? values.map((v) => (typeof v === 'string' ? { value: v, label: v } : v)) : 'failed' })),
      () => setFound((m) => ({ ...m, [cacheKey]: 'failed' })),
    );
  }, [asking, cacheKey]);
  const result = asking ? (found[cacheKey] ?? 'asking') : undefined;
  const answer = (value: unknown) => {
    const next = { ...answers, [current!.key]: value };
    setAnswers(next);
    if (index + 1 < toAsk.length) setIndex(index + 1);
    else onDone({ ...next, ...preset });
  };
  const shown = ASKED.filter((q) => preset[q.key] !== undefined || (toAsk.includes(q) && toAsk.indexOf(q) < index));
  return (
    // One reader of the terminal for all the questions: keys typed ahead wait for the next one.
    <KeysProvider>
      <Box flexDirection="column">
        {shown.map((q) => (
          <AnsweredLine key={q.key} question={q} value={known[q.key]} from={presetFrom[q.key]} />
        ))}
        {result === 'asking' && (
          <Text>
            <Spinner /> {lookup!.asking(scope!)}
          </Text>
        )}
        {current && result !== 'asking' && (
          <QuestionStep
            key={current.key}
            question={current}
            resolved={before}
            previous={answers[current.key]}
            onAnswer={answer}
            onBack={() => {
              if (index === 0) return false;
              setIndex(index - 1);
              return true;
            }}
            extra={(typed) => (
              <>
                {result === 'failed' && <Text dimColor>  {lookup!.failed}</Text>}
                {Array.isArray(result) && <Text dimColor>  {lookup!.confirmed}</Text>}
                <PreviewLines preview={current.preview?.(before, typed)} />
              </>
            )}
            choices={Array.isArray(result) ? lookup!.narrow(current.options?.(before) ?? [], result) : undefined}
          />
        )}
      </Box>
    </KeysProvider>
  );
}

/** A question's preview: quiet lines, the strong ones standing out. */
function PreviewLines({ preview }: { preview: Preview | undefined }) {
  if (!preview || preview.lines.length === 0) return null;
  return (
    <Box flexDirection="column" marginLeft={2} marginTop={preview.apart ? 1 : 0}>
      {preview.lines.map((line, i) => {
        // A wrapped line continues under its text, not under its indentation or its mark.
        const [, lead = '', rest = ''] = /^(\s*(?:[→✗✔•·-]\s+)?)(.*)$/su.exec(line.text) ?? [];
        return (
          <Box key={i}>
            {lead.length > 0 && (
              <Box width={[...lead].length} flexShrink={0}>
                <Text dimColor={!line.strong}>{lead}</Text>
              </Box>
            )}
            <Text dimColor={!line.strong}>{rest}</Text>
          </Box>
        );
      })}
    </Box>
  );
}
