import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { NetworkConfig } from '../../core/config.js';
import { QUESTIONS, resolveConfig, type Choice, type LookupKind } from '../../core/config.js';
import { describeFailure, signalExitCode, type Failure } from '../../app/failure.js';
import type { StopSignal } from '../../core/errors.js';
import { initialRunState, reduceRun, type RunEvent, type Step } from '../../core/run-events.js';
import { STEP_WORDS } from '../../core/wording.js';
import type { SynthResult } from '../../app/engine.js';
import type { PlanResult } from '../../terraform/runner.js';
import type { Check } from '../../core/checks.js';
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
  /**
   * A stop signal (Ctrl-C, SIGTERM, SIGHUP) ended the run: terraform stopped gracefully and the
   * state is kept, or (with `message`) no terraform was running and what was stopped changed
   * nothing. `code` is the signal's exit code. @default code 130
   */
  | { kind: 'interrupted'; workdir: string; code?: number; message?: string }
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
  /** Ctrl-C while the run goes on (first: stop gracefully; second: at once); `signal` when it came from outside, not the key. */
  onInterrupt(count: number, signal?: StopSignal): void;
  /** Subscribe to the stop signals from outside (SIGINT, SIGTERM, SIGHUP): each is handled as the Ctrl-C key is; returns the unsubscribe. */
  signals?(handler: (signal: StopSignal) => void): () => void;
  /**
   * Save the answers: resolves with the path written, or, unless `overwrite`, with the path that
   * exists already (the wizard then asks); rejects when the file cannot be written.
   */
  saveAnswers(config: NetworkConfig, overwrite: boolean): Promise<{ saved: string } | { exists: string }>;
  /** The wizard is over, with this exit code. */
  onExit(code: number, message?: string): void;
  /** Ask AWS which AZs of a region are available (absent without AWS access). */
  /** The AWS lookups the questions may use (the AZs available, the region's VPCs), when AWS can be asked. */
  lookups?: Partial<Record<LookupKind, (scope: string) => Promise<(string | Choice)[]>>>;
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
export function App({ preset, presetFrom, run, onInterrupt, signals, saveAnswers, onExit, lookups, describeError = describeFailure }: AppProps) {
  const { exit } = useApp();
  const [phase, setPhase] = useState<Phase>({ name: 'questions' });
  const [state, dispatch] = useReducer(reduceRun, undefined, initialRunState);
  const [interrupts, setInterrupts] = useState(0);

  const finish = (code: number, message?: string) => {
    onExit(code, message);
    exit();
  };

  // The Ctrl-C key, or a signal from outside (absent: the key): while the run goes on it goes to
  // the run; before and after, it leaves with the signal's exit code.
  const interrupt = (signal?: StopSignal) => {
    if (phase.name === 'running') {
      setInterrupts(interrupts + 1);
      if (signal) onInterrupt(interrupts + 1, signal);
      else onInterrupt(interrupts + 1);
      return;
    }
    const left = phase.name === 'questions' ? 'Left the wizard; nothing was written.' : phase.name === 'review' ? 'Left at the review; nothing was changed.' : undefined;
    finish(signalExitCode(signal ?? 'SIGINT'), left);
  };
  const latestInterrupt = useRef(interrupt);
  latestInterrupt.current = interrupt;
  useEffect(() => signals?.((signal) => latestInterrupt.current(signal)), [signals]);

  useInput((input, key) => {
    if (input === '\u0003' || (key.ctrl && input === 'c')) {
      interrupt();
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
      const { code, message, workdir } = phase.outcome;
      finish(code ?? 130, message ?? `Interrupted: terraform stopped gracefully and the state in ${workdir} is kept. Run the same command again to continue.`);
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

  if (phase.name === 'questions') return <QuestionsFlow preset={preset} presetFrom={presetFrom} onDone={start} lookups={lookups} />;

  const running = (Object.entries(state.steps) as [Step, { status: string }][]).find(([, s]) => s.status === 'running')?.[0];
  return (
    <Box flexDirection="column">
      {phase.name !== 'failed' &&
        QUESTIONS.filter((q) => q.asked !== false && !q.skip?.(phase.config)).map((q) => <AnsweredLine key={q.key} question={q} value={phase.config[q.key]} from={presetFrom[q.key]} />)}
      {phase.name === 'review' && (
        <Review
          config={phase.synthesized.config ?? phase.config}
          existing={phase.synthesized.existing}
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
                <Spinner /> {STEP_WORDS[running].screen ?? STEP_WORDS[running].title}…
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


function Finished({ phase, halfDone }: { phase: Extract<Phase, { name: 'done' }>; halfDone: string[] }) {
  const { outcome, config } = phase;
  const rerun = `npx net-wizard apply --config ${shellQuote(phase.saved ?? 'net-wizard.json')}`;
  if (outcome.kind === 'cancelled') return <Text>Cancelled: nothing was changed. The Terraform project is in {outcome.workdir}.</Text>;
  if (outcome.kind === 'interrupted') {
    return (
      <Box flexDirection="column">
        <Text color="yellow">{outcome.message ? outcome.message.split('\n').at(-1)!.replace(/^net-wizard: /, '') : 'Interrupted: terraform stopped gracefully; the state is kept.'}</Text>
        {!outcome.message && halfDone.length > 0 && <Text>Left half-done (the next apply completes or replaces them): {halfDone.join(', ')}</Text>}
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
