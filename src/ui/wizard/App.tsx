import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import type { NetworkConfig } from '../../core/config.js';
import { QUESTIONS, resolveConfig } from '../../core/config.js';
import { describeFailure, type Failure } from '../../app/failure.js';
import { initialRunState, reduceRun, type RunEvent } from '../../core/run-events.js';
import type { SynthResult } from '../../app/engine.js';
import type { PlanResult } from '../../terraform/runner.js';
import type { Check } from '../../verify/types.js';
import { ApplyProgress } from './components/ApplyProgress.js';
import { Done } from './components/Done.js';
import { AnsweredLine } from './components/QuestionStep.js';
import { QuestionsFlow } from './components/QuestionsFlow.js';
import { Review } from './components/Review.js';
import { Spinner } from './components/Spinner.js';
import { shellQuote } from '../../core/shell.js';

/** What the wizard's run reports back. */
export type WizardOutcome =
  | { kind: 'applied'; outputs: Record<string, unknown>; verification: Check[]; workdir: string }
  | { kind: 'cancelled'; workdir: string }
  /** Ctrl-C stopped terraform gracefully; the state is kept. */
  | { kind: 'interrupted'; workdir: string }
  /** Everything that needs no AWS was done; `next` says what to do for the rest. */
  | { kind: 'offline'; workdir: string; synthesized: SynthResult; checks: Check[]; next: string[] };

/** The hooks a run gets from the wizard. */
export interface WizardHooks {
  emit(event: RunEvent): void;
  /** Show the review and wait for the user's answer. */
  review(plan: PlanResult, synthesized: SynthResult, checks: Check[]): Promise<boolean>;
}

/** Builds the network for a configuration (the engine, or a fake in tests). */
export type WizardRun = (config: NetworkConfig, hooks: WizardHooks) => Promise<WizardOutcome>;

export interface AppProps {
  preset: Partial<NetworkConfig>;
  presetFrom: Partial<Record<keyof NetworkConfig, string>>;
  run: WizardRun;
  /** Ctrl-C while terraform runs (first: stop gracefully; second: at once). */
  onInterrupt(count: number): void;
  /**
   * Save the answers: resolves with the path written, or, unless `overwrite`, with the path that
   * exists already (the wizard then asks); rejects when the file cannot be written.
   */
  saveAnswers(config: NetworkConfig, overwrite: boolean): Promise<{ saved: string } | { exists: string }>;
  /** The wizard is over, with this exit code. */
  onExit(code: number, message?: string): void;
  /** Ask AWS which AZs of a region are available (absent without AWS access). */
  availableAzs?(region: string): Promise<string[]>;
  /** The message and exit code of a failed run. @default describeFailure */
  describeError?(error: unknown): Failure;
}

type Phase =
  | { name: 'questions' }
  | { name: 'running'; config: NetworkConfig }
  | { name: 'review'; config: NetworkConfig; plan: PlanResult; synthesized: SynthResult; checks: Check[]; answer(yes: boolean): void }
  | {
      name: 'done';
      config: NetworkConfig;
      outcome: WizardOutcome;
      /** The answers file written. */
      saved?: string;
      /** The answers file that exists already: asking whether to overwrite it. */
      exists?: string;
      /** Why the answers could not be saved. */
      saveError?: string;
      /** The save question is answered (or was never asked). */
      asked: boolean;
    }
  | { name: 'failed'; message: string; code: number };

/** The whole wizard: questions → review → apply progress → outputs and verification. */
export function App({ preset, presetFrom, run, onInterrupt, saveAnswers, onExit, availableAzs, describeError = describeFailure }: AppProps) {
  const { exit } = useApp();
  const [phase, setPhase] = useState<Phase>({ name: 'questions' });
  const [state, dispatch] = useReducer(reduceRun, undefined, initialRunState);
  const [interrupts, setInterrupts] = useState(0);

  const finish = (code: number, message?: string) => {
    onExit(code, message);
    exit();
  };

  useInput((input, key) => {
    if (input === '\u0003' || (key.ctrl && input === 'c')) {
      if (phase.name === 'running') {
        setInterrupts(interrupts + 1);
        onInterrupt(interrupts + 1);
      } else {
        finish(130, phase.name === 'questions' ? 'Left the wizard; nothing was written.' : undefined);
      }
      return;
    }
    if (phase.name === 'done' && !phase.asked) {
      if (input === 'y' || input === 'Y') {
        saveAnswers(phase.config, phase.exists !== undefined).then(
          (r) => setPhase('saved' in r ? { ...phase, saved: r.saved, exists: undefined, asked: true } : { ...phase, exists: r.exists }),
          (error: unknown) => setPhase({ ...phase, exists: undefined, saveError: error instanceof Error ? error.message : String(error), asked: true }),
        );
      } else if (input === 'n' || input === 'N' || key.return || key.escape) {
        setPhase({ ...phase, asked: true });
      }
    }
  });

  useEffect(() => {
    if (phase.name === 'done' && phase.outcome.kind === 'interrupted') {
      finish(130, `Interrupted: terraform stopped gracefully and the state in ${phase.outcome.workdir} is kept. Run the same command again to continue.`);
    } else if (phase.name === 'done' && phase.asked) finish(phase.saveError ? 1 : 0, phase.saveError ? `Could not save the answers: ${phase.saveError}` : undefined);
    if (phase.name === 'failed') finish(phase.code, phase.message);
  }, [phase]);

  // What failed, that the state is kept, and what to do next: the same text as the command line's.
  const failed = (error: unknown): Phase => {
    const { code, text } = describeError(error);
    return { name: 'failed', message: text.trimEnd(), code };
  };

  const start = (answers: Partial<NetworkConfig>) => {
    let config: NetworkConfig;
    try {
      config = resolveConfig(answers);
    } catch (error) {
      setPhase(failed(error));
      return;
    }
    setPhase({ name: 'running', config });
    const hooks: WizardHooks = {
      emit: dispatch,
      review: (plan, synthesized, checks) =>
        new Promise((resolve) =>
          setPhase({
            name: 'review',
            config,
            plan,
            synthesized,
            checks,
            answer: (yes) => {
              setPhase({ name: 'running', config });
              resolve(yes);
            },
          }),
        ),
    };
    run(config, hooks).then(
      (outcome) => setPhase({ name: 'done', config, outcome, asked: outcome.kind === 'cancelled' || outcome.kind === 'interrupted' }),
      (error: unknown) => setPhase(failed(error)),
    );
  };

  if (phase.name === 'questions') return <QuestionsFlow preset={preset} presetFrom={presetFrom} onDone={start} availableAzs={availableAzs} />;

  const running = Object.entries(state.steps).find(([, s]) => s.status === 'running')?.[0];
  return (
    <Box flexDirection="column">
      {phase.name !== 'failed' && QUESTIONS.filter((q) => q.asked !== false).map((q) => <AnsweredLine key={q.key} question={q} value={phase.config[q.key]} from={presetFrom[q.key]} />)}
      {phase.name === 'review' && (
        <Review
          config={phase.config}
          nat={phase.synthesized.nat}
          resources={phase.synthesized.resources}
          checks={phase.checks}
          plan={{ summary: phase.plan.summary, changes: phase.plan.plannedChanges }}
          onAnswer={phase.answer}
        />
      )}
      {phase.name === 'running' && (
        <>
          {state.steps.apply || state.steps.destroy ? (
            <ApplyProgress state={state} title={interrupts > 0 ? 'Stopping terraform gracefully; the state is kept…' : 'Building the network'} />
          ) : (
            running && (
              <Text>
                <Spinner /> {STEP_WORDS[running] ?? running}…
              </Text>
            )
          )}
          {interrupts > 0 && <Text color="yellow">Stopping terraform gracefully; press Ctrl-C again to stop at once.</Text>}
        </>
      )}
      {phase.name === 'done' && <Finished phase={phase} halfDone={state.resources.filter((r) => r.status === 'running' || r.status === 'failed').map((r) => r.address)} />}
      {phase.name === 'failed' && <Text color="red">✗ {phase.message.split('\n')[0]!.replace(/^net-wizard: /, '')}</Text>}
    </Box>
  );
}

const STEP_WORDS: Record<string, string> = {
  preflight: 'Checking terraform, the AWS credentials and quotas',
  synth: 'Writing the Terraform project',
  init: 'terraform init',
  plan: 'terraform plan',
  outputs: 'Reading the outputs',
  verify: 'Verifying the live network',
};

function Finished({ phase, halfDone }: { phase: Extract<Phase, { name: 'done' }>; halfDone: string[] }) {
  const { outcome, config } = phase;
  const rerun = `npx net-wizard apply --config ${shellQuote(phase.saved ?? 'net-wizard.json')}`;
  if (outcome.kind === 'cancelled') return <Text>Cancelled: nothing was changed. The Terraform project is in {outcome.workdir}.</Text>;
  if (outcome.kind === 'interrupted') {
    return (
      <Box flexDirection="column">
        <Text color="yellow">Interrupted: terraform stopped gracefully; the state is kept.</Text>
        {halfDone.length > 0 && <Text>Left half-done (the next apply completes or replaces them): {halfDone.join(', ')}</Text>}
      </Box>
    );
  }
  if (outcome.kind === 'offline') {
    return (
      <Box flexDirection="column">
        <Review config={config} nat={outcome.synthesized.nat} resources={outcome.synthesized.resources} checks={outcome.checks} />
        <Done outputs={{}} verification={[]} nextSteps={[`The Terraform project is in ${outcome.workdir}.`, ...outcome.next, ...savePrompt(phase)]} />
      </Box>
    );
  }
  const steps = [
    `The Terraform project and its state are in ${outcome.workdir}.`,
    `Switch NAT off later: ${rerun} --nat none   Destroy: npx net-wizard destroy --workdir ${shellQuote(outcome.workdir)}`,
    ...savePrompt(phase),
  ];
  return <Done outputs={outcome.outputs} verification={outcome.verification} nextSteps={steps} />;
}

function savePrompt(phase: Extract<Phase, { name: 'done' }>): string[] {
  if (phase.saved) return [`Saved the answers to ${phase.saved}: npx net-wizard apply --config ${shellQuote(phase.saved)} reproduces this network.`];
  if (phase.saveError) return [`✗ Could not save the answers: ${phase.saveError}`];
  if (phase.exists) return [`? ${phase.exists} exists already: overwrite it with these answers? (y/N)`];
  return phase.asked ? [] : ['? Save these answers to net-wizard.json? (y/N)'];
}
