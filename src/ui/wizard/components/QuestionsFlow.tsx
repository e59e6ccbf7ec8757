import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { QUESTIONS, subnetLayout, type NetworkConfig, type Question } from '../../../core/config.js';
import { planNat } from '../../../core/nat-plan.js';
import { formatNatReport } from '../../nat-report.js';
import { AnsweredLine, QuestionStep } from './QuestionStep.js';
import { Spinner } from './Spinner.js';

export interface QuestionsFlowProps {
  /** Answers already given as options or in the answers file, validated. */
  preset: Partial<NetworkConfig>;
  /** Where each preset answer came from, e.g. `--project`. */
  presetFrom: Partial<Record<keyof NetworkConfig, string>>;
  onDone(answers: Partial<NetworkConfig>): void;
  /** Ask AWS which AZs of a region are available (when it can be reached); the known list otherwise. */
  availableAzs?(region: string): Promise<string[]>;
}

const ASKED = QUESTIONS.filter((q) => q.asked !== false);

/** The questions not answered yet, one at a time; answered ones stay visible as one line each. */
export function QuestionsFlow({ preset, presetFrom, onDone, availableAzs }: QuestionsFlowProps) {
  const toAsk = ASKED.filter((q) => preset[q.key] === undefined);
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Partial<NetworkConfig>>({});
  const valueOf = (q: Question) => (preset[q.key] !== undefined ? preset[q.key] : answers[q.key]);
  const current = toAsk[index];
  // The answers that come before the current question, in the model's order.
  const before: Partial<NetworkConfig> = {};
  for (const q of QUESTIONS) {
    if (q === current) break;
    const v = valueOf(q) ?? q.defaultValue?.(before);
    if (v !== undefined) (before as Record<string, unknown>)[q.key] = v;
  }
  const region = before.region;
  const [fromAws, setFromAws] = useState<Record<string, string[] | 'asking' | 'failed'>>({});
  const asking = current?.key === 'azs' && availableAzs !== undefined && region !== undefined;
  useEffect(() => {
    if (!asking || fromAws[region!] !== undefined) return;
    setFromAws((m) => ({ ...m, [region!]: 'asking' }));
    availableAzs!(region!).then(
      (azs) => setFromAws((m) => ({ ...m, [region!]: azs.length > 0 ? azs : 'failed' })),
      () => setFromAws((m) => ({ ...m, [region!]: 'failed' })),
    );
  }, [asking, region]);
  const awsAzs = asking ? (fromAws[region!] ?? 'asking') : undefined;
  const answer = (value: unknown) => {
    const next = { ...answers, [current!.key]: value };
    setAnswers(next);
    if (index + 1 < toAsk.length) setIndex(index + 1);
    else onDone({ ...next, ...preset });
  };
  const shown = ASKED.filter((q) => preset[q.key] !== undefined || toAsk.indexOf(q) < index);
  return (
    <Box flexDirection="column">
      {shown.map((q) => (
        <AnsweredLine key={q.key} question={q} value={valueOf(q)} from={presetFrom[q.key]} />
      ))}
      {awsAzs === 'asking' && (
        <Text>
          <Spinner /> Asking AWS which AZs of {region} are available…
        </Text>
      )}
      {current && awsAzs !== 'asking' && (
        <QuestionStep
          key={current.key}
          question={current}
          resolved={before}
          previous={answers[current.key]}
          onAnswer={answer}
          onBack={() => setIndex((i) => Math.max(0, i - 1))}
          extra={(typed) => (
            <>
              {awsAzs === 'failed' && <Text dimColor>  (AWS did not say which AZs are available; these are the region's usual ones)</Text>}
              {Array.isArray(awsAzs) && <Text dimColor>  (the AZs AWS says are available to this account)</Text>}
              {extraFor(current, before, typed)}
            </>
          )}
          choices={awsChoices(current, before, awsAzs)}
        />
      )}
    </Box>
  );
}

/** The AZ choices AWS confirmed, when at least two of the known ones are available. */
function awsChoices(q: Question, before: Partial<NetworkConfig>, awsAzs: string[] | 'asking' | 'failed' | undefined) {
  if (!Array.isArray(awsAzs)) return undefined;
  const available = (q.options?.(before) ?? []).filter((c) => awsAzs.includes(c.value));
  return available.length >= 2 ? available : undefined;
}

function extraFor(q: Question, before: Partial<NetworkConfig>, typed: string) {
  if (q.key === 'vpcCidr') {
    const cidr = typed || String(q.defaultValue?.(before) ?? '');
    try {
      const layout = subnetLayout({ vpcCidr: cidr, azs: before.azs ?? [] });
      return (
        <Box flexDirection="column" marginLeft={2}>
          <Text dimColor>Subnets carved from {cidr}:</Text>
          {layout.map((s) => (
            <Text key={`${s.tier}-${s.az}`} dimColor>
              {'  '}
              {s.tier.padEnd(8)} {s.az.padEnd(16)} {s.cidr}
            </Text>
          ))}
        </Box>
      );
    } catch {
      return null;
    }
  }
  if (q.key === 'nat') {
    const plan = planNat({ ...(before as NetworkConfig), nat: 'auto' });
    const lines = formatNatReport(before as NetworkConfig, plan);
    return (
      <Box flexDirection="column" marginLeft={2} marginTop={1}>
        {lines.map((line, i) => (
          <Text key={i} dimColor={!line.startsWith('Recommended')}>
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  return null;
}
