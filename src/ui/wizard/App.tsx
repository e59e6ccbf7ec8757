import { Box, Static, Text, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef, useState, type ReactElement } from 'react';
import type { NetworkConfig } from '../../core/config.js';
import { QUESTIONS, resolveConfig, type Choice, type LookupKind } from '../../core/config.js';
import { describeFailure, signalExitCode, type Failure } from '../../app/failure.js';
import type { StopSignal } from '../../core/errors.js';
import { initialRunState, reduceRun, type RunEvent, type Step } from '../../core/run-events.js';
import { STEP_WORDS } from '../../core/wording.js';
import type { SynthResult } from '../../app/engine.js';
import type { PlanResult } from '../../terraform/runner.js';
import type { Check } from '../../core/checks.js';
import { ApplyProgress, FinishedResource } from './components/ApplyProgress.js';
import type { NatPlan } from '../../core/nat-plan.js';
import { followUps } from '../../core/follow-ups.js';
import { resourceWords } from '../../core/resource-words.js';
import type { ResourceState } from '../../core/run-events.js';
import { Done } from './components/Done.js';
import { AnsweredLine } from './components/QuestionStep.js';
import { QuestionsFlow } from './components/QuestionsFlow.js';
import { Review } from './components/Review.js';
import { Spinner } from './components/Spinner.js';
import { shellQuote } from '../../core/shell.js';

/** What the wizard's run reports back. */
export type WizardOutcome =
  | { kind: 'applied'; outputs: Record<string, unknown>; verification: Check[]; findings?: Check[]; nat?: NatPlan; workdir: string }
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
  /** Every check line from the start (--verbose); the `v` key switches at the review and the end. */
  verbose?: boolean;
  /** The run is on the demo's emulator, which stops when the wizard ends: nothing to remove afterwards. */
  onEmulator?: boolean;
}

/** The key that shows every check line, or only what needs a look. */
const VERBOSE_KEY = 'v';

/** What the screen keeps, in reading order: the answers, the plan that was applied, each resource as it finished. */
type Kept = { kind: 'answer'; key: string; line: ReactElement } | { kind: 'plan'; key: string; text: string } | { kind: 'resource'; key: string; resource: ResourceState };

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
export function App({ preset, presetFrom, run, onInterrupt, signals, saveAnswers, onExit, lookups, describeError = describeFailure, verbose: verboseAtStart = false, onEmulator = false }: AppProps) {
  const { exit } = useApp();
  const [phase, setPhase] = useState<Phase>({ name: 'questions' });
  const [state, dispatch] = useReducer(reduceRun, undefined, initialRunState);
  const [interrupts, setInterrupts] = useState(0);
  const [verbose, setVerbose] = useState(verboseAtStart);
  // The Name tags of the project reviewed, for the resources' plain words.
  const [names, setNames] = useState<Record<string, string>>({});
  // A failed run keeps what it was asked: the list above the screen only grows.
  const lastConfig = useRef<NetworkConfig | undefined>(undefined);

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

  useInput((typed, key) => {
    // A letter and the Enter after it in one read (`y\r`, a script, a fast typist) answer as the letter.
    const input = typed.length > 1 && !key.ctrl ? typed.replace(/[\r\n]+$/, '') : typed;
    if (input === '\u0003' || (key.ctrl && input === 'c')) {
      interrupt();
      return;
    }
    if (input === VERBOSE_KEY && (phase.name === 'review' || phase.name === 'done')) {
      setVerbose((v) => !v);
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
        new Promise((resolve) => {
          setNames(synthesized.names ?? {});
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
          });
        }),
    };
    run(config, hooks).then(
      (outcome) => setPhase({ name: 'done', config, outcome, asked: outcome.kind === 'cancelled' || outcome.kind === 'interrupted' }),
      (error: unknown) => setPhase(failed(error)),
    );
  };

  if (phase.name === 'questions') return <QuestionsFlow preset={preset} presetFrom={presetFrom} onDone={start} lookups={lookups} />;

  const running = (Object.entries(state.steps) as [Step, { status: string }][]).find(([, s]) => s.status === 'running')?.[0];
  if (phase.name !== 'failed') lastConfig.current = phase.config;
  const config = lastConfig.current;
  const describe = (address: string) => resourceWords(address, { azs: config?.azs ?? [], names });
  // Kept above the screen, in the order it happened: Ink prints each item once, so the list only grows.
  const byAddress = new Map(state.resources.map((r) => [r.address, r]));
  const building = state.steps.apply ?? state.steps.destroy;
  const kept: Kept[] = [
    ...(config ? QUESTIONS.filter((q) => q.asked !== false && !q.skip?.(config)).map((q): Kept => ({ kind: 'answer', key: `answer.${q.key}`, line: <AnsweredLine question={q} value={config[q.key]} from={presetFrom[q.key]} /> })) : []),
    ...(building && state.plan ? [{ kind: 'plan', key: 'plan', text: `Plan: +${state.plan.add} ~${state.plan.change} -${state.plan.destroy}; ${state.steps.destroy ? 'destroying' : 'applying'}:` } as Kept] : []),
    ...state.finished.map((address): Kept => ({ kind: 'resource', key: `resource.${address}`, resource: byAddress.get(address)! })),
  ];
  return (
    <Box flexDirection="column">
      <Static items={kept}>
        {(item) =>
          item.kind === 'answer' ? (
            <Box key={item.key}>{item.line}</Box>
          ) : item.kind === 'plan' ? (
            <Box key={item.key} marginTop={1}>
              <Text bold>{item.text}</Text>
            </Box>
          ) : (
            <FinishedResource key={item.key} resource={item.resource} describe={describe} />
          )
        }
      </Static>
      {phase.name === 'review' && (
        <Review
          config={phase.synthesized.config ?? phase.config}
          existing={phase.synthesized.existing}
          nat={phase.synthesized.nat}
          resources={phase.synthesized.resources}
          checks={phase.checks}
          {...(phase.synthesized.diagram ? { diagram: phase.synthesized.diagram } : {})}
          findings={phase.synthesized.findings}
          verbose={verbose}
          toggleKey={VERBOSE_KEY}
          plan={{ summary: phase.plan.summary, changes: phase.plan.plannedChanges }}
          onAnswer={phase.answer}
        />
      )}
      {phase.name === 'running' && (
        <>
          {building ? (
            <ApplyProgress state={state} describe={describe} title={interrupts > 0 ? 'Stopping terraform gracefully; the state is kept…' : state.steps.destroy ? 'Removing the network' : 'Building the network'} />
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
      {phase.name === 'done' && <Finished phase={phase} verbose={verbose} onEmulator={onEmulator} halfDone={state.resources.filter((r) => r.status === 'running' || r.status === 'failed').map((r) => describe(r.address))} />}
      {phase.name === 'failed' && <Text color="red">✗ {phase.message.split('\n')[0]!.replace(/^net-wizard: /, '')}</Text>}
    </Box>
  );
}

function Finished({ phase, halfDone, verbose, onEmulator }: { phase: Extract<Phase, { name: 'done' }>; halfDone: string[]; verbose: boolean; onEmulator: boolean }) {
  const { outcome, config } = phase;
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
        <Review config={config} nat={outcome.synthesized.nat} resources={outcome.synthesized.resources} checks={outcome.checks} {...(outcome.synthesized.diagram ? { diagram: outcome.synthesized.diagram } : {})} findings={outcome.synthesized.findings} verbose={verbose} toggleKey={phase.asked ? undefined : VERBOSE_KEY} />
        <Done outputs={{}} checks={[]} verbose={verbose} nextSteps={[`The Terraform project is in ${outcome.workdir}.`, ...outcome.next, ...savePrompt(phase)]} />
      </Box>
    );
  }
  const steps = [
    `The Terraform project and its state are in ${outcome.workdir}.`,
    ...(outcome.nat ? followUps(config, outcome.nat, { workdir: config.workdir, checks: outcome.verification }) : [`Remove it all: npx net-wizard destroy --workdir ${shellQuote(config.workdir)}`]).slice(0, onEmulator ? -1 : undefined),
    ...(onEmulator ? ['This network is on the local emulator, which stops when you leave this screen: nothing to remove, nothing billed.'] : []),
    ...savePrompt(phase, onEmulator),
  ];
  return <Done outputs={outcome.outputs} checks={[...outcome.verification, ...(outcome.findings ?? [])]} verbose={verbose} {...(phase.asked ? {} : { toggleKey: VERBOSE_KEY })} nextSteps={steps} />;
}

function savePrompt(phase: Extract<Phase, { name: 'done' }>, onEmulator = false): string[] {
  if (phase.saved) return [`Saved the answers to ${phase.saved}: npx net-wizard apply --config ${shellQuote(phase.saved)} reproduces this network${onEmulator ? ' on AWS (the emulator and the demo\'s workdir are left out)' : ''}.`];
  if (phase.saveError) return [`✗ Could not save the answers: ${phase.saveError}`];
  if (phase.exists) return [`? ${phase.exists} exists already: overwrite it with these answers? (y/N)`];
  return phase.asked ? [] : ['? Save these answers to net-wizard.json? (y/N)'];
}
