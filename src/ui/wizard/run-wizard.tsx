/** Renders the Ink wizard and runs the engine behind it; resolves to the exit code. */
import { lstat, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { render } from 'ink';
import type { NetworkConfig } from '../../core/config.js';
import { planNat } from '../../core/nat-plan.js';
import type { EngineContext } from '../../app/engine.js';
import { missingAwsAccess } from '../../app/aws-access.js';
import { describeFailure } from '../../app/failure.js';
import { writeInWorkdir } from '../../app/workdir.js';
import { RunStopper } from '../../app/signals.js';
import { InterruptedError, type StopSignal } from '../../core/errors.js';
import { App, type WizardRun } from './App.js';
import { DemoOffer, type DemoAnswer } from './components/DemoOffer.js';
import { emulatorStatus, GET_MOTO, startEmulator, type LocalEmulator } from '../../app/emulator.js';
import { signalExitCode } from '../../app/failure.js';

export interface WizardOptions {
  preset: Partial<NetworkConfig>;
  presetFrom: Partial<Record<keyof NetworkConfig, string>>;
  /** The engine context without the parts the wizard provides (emit, confirm). */
  engine: Omit<EngineContext, 'emit' | 'confirm'>;
  /** Where the answers are saved when the user says so. @default net-wizard.json */
  answersPath?: string;
  /** Print a line after the wizard has left the screen. */
  afterwards(text: string): void;
  /** Subscribe to the process's stop signals (SIGINT, SIGTERM, SIGHUP); the wizard handles them as its Ctrl-C key. */
  signals?(handler: (signal: StopSignal) => void): () => void;
  /** Every check line from the start (--verbose). */
  verbose?: boolean;
  /**
   * The local emulator: `offer` it when there are no AWS credentials and moto can be started,
   * `always` run on one (--demo). @default offer
   */
  demo?: 'offer' | 'always';
  /** This run is on the demo's own emulator: the answers saved leave its endpoint and workdir out. */
  onEmulator?: boolean;
}

/** Ask whether to run on a local emulator; resolves with the answer. */
async function askDemo(signals: WizardOptions['signals']): Promise<DemoAnswer> {
  let answer: DemoAnswer = 'no';
  const instance = render(<DemoOffer onAnswer={(a) => (answer = a)} {...(signals ? { signals } : {})} />, { exitOnCtrlC: false });
  await instance.waitUntilExit();
  return answer;
}

/**
 * Whether this run goes to a local emulator it starts: asked when there are no credentials and
 * moto can be started (the demo), or always with --demo. Resolves with the emulator, with
 * nothing (AWS as configured, or the offline run), or with an exit code to end with.
 */
async function demoEmulator(options: WizardOptions): Promise<{ emulator?: LocalEmulator; exit?: number }> {
  const { preset, engine } = options;
  const wanted = options.demo === 'always' || (!preset.endpoint && !preset.vpcId && missingAwsAccess(undefined, engine.env) !== undefined);
  if (!wanted) return {};
  const status = await emulatorStatus(engine.env);
  if (!status.available) {
    if (options.demo !== 'always') return {};
    options.afterwards(`net-wizard: --demo needs moto, the local AWS emulator, and ${status.why}.\nTo get it: ${GET_MOTO}; then run npx net-wizard --demo again. Nothing was written.\n`);
    return { exit: 1 };
  }
  if (options.demo !== 'always') {
    const answer = await askDemo(options.signals);
    if (answer === 'no') return {};
    if (answer !== 'yes') {
      options.afterwards('Left the wizard; nothing was written.\n');
      return { exit: signalExitCode(answer) };
    }
  }
  options.afterwards('Starting a local AWS emulator (moto) on 127.0.0.1…\n');
  const emulator = await startEmulator(engine.env);
  options.afterwards(`Local emulator: moto at ${emulator.endpoint} (pid ${emulator.pid}), for this run only; nothing touches AWS.\n`);
  return { emulator };
}

/** Answers as the answers file holds them: what was asked, not what is derived. */
export function answersDocument(config: NetworkConfig, leaveOut: readonly (keyof NetworkConfig)[] = []): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...config };
  for (const key of leaveOut) delete answers[key];
  return answers;
}

/** Run the interactive wizard; resolves with its exit code. */
export async function runWizard(options: WizardOptions): Promise<number> {
  const demo = await demoEmulator(options);
  if (demo.exit !== undefined) return demo.exit;
  const { emulator } = demo;
  if (!emulator) return runScreens(options);
  // The demo's project goes to a folder of its own: its state points at an emulator that is gone afterwards.
  const workdir = options.preset.workdir ?? (await mkdtemp(join(tmpdir(), 'net-wizard-demo-')));
  try {
    return await runScreens({
      ...options,
      preset: { ...options.preset, endpoint: emulator.endpoint, workdir },
      presetFrom: { ...options.presetFrom, endpoint: 'the demo', workdir: 'the demo' },
      onEmulator: true,
    });
  } finally {
    await emulator.stop();
    options.afterwards(
      `Nothing touched AWS: everything ran on the local emulator at ${emulator.endpoint}, now stopped, and what it held is gone. The demo's Terraform project is in ${workdir}; to build the same network on AWS, configure credentials and run npx net-wizard.\n`,
    );
  }
}

async function runScreens(options: WizardOptions): Promise<number> {
  // The same stop handling as the command line's (src/app/signals.ts); the App decides when a
  // signal goes to the run (while it goes on) and when it leaves the wizard.
  const stopper = new RunStopper();
  const describe = (error: unknown) => describeFailure(error, { profile: options.engine.env.AWS_PROFILE, interruptedBy: stopper.first });
  const run: WizardRun = async (config, hooks) => {
    const engine = await import('../../app/engine.js');
    const ctx: EngineContext = {
      ...options.engine,
      emit: hooks.emit,
      signal: stopper.signal,
      onRunner: (runner) => stopper.setRunner(runner),
      confirm: (_question, plan, synthesized) => hooks.review(plan, synthesized!, synthesized?.checks ?? []),
    };
    const offline = missingAwsAccess(config.endpoint, options.engine.env);
    if (offline && !config.vpcId) {
      const synthesized = await engine.synth(config, planNat(config), ctx);
      return { kind: 'offline', workdir: synthesized.workdir, synthesized, checks: synthesized.checks, next: offline };
    }
    try {
      // The run's plan, once (with an existing VPC, read from AWS): what is synthesized, applied and recorded.
      const { planRun } = await import('../../app/attach.js');
      const planned = await planRun(config, config.vpcId ? options.preset : config, {}, ctx);
      const result = await engine.apply(planned.config, planned.nat, ctx, { attachment: planned.attachment });
      if (result.cancelled) return { kind: 'cancelled', workdir: result.workdir };
      return { kind: 'applied', outputs: result.outputs, verification: result.verification, findings: result.findings, nat: result.nat, workdir: result.workdir };
    } catch (error) {
      if ((error as { interrupted?: boolean }).interrupted) {
        const { code, text } = describe(error);
        // Without terraform running, the stop's own message says what was stopped; else the App's.
        return { kind: 'interrupted', workdir: engine.workdirPath(config.workdir), code, ...(error instanceof InterruptedError ? { message: text.trimEnd() } : {}) };
      }
      throw error;
    }
  };
  let code = 0;
  let message: string | undefined;
  const instance = render(
    <App
      preset={options.preset}
      presetFrom={options.presetFrom}
      run={run}
      onInterrupt={(_count, signal) => stopper.stop(signal ?? 'SIGINT')}
      signals={options.signals}
      saveAnswers={async (config, overwrite) => {
        const path = options.answersPath ?? 'net-wizard.json';
        if (!overwrite && (await lstat(resolve(path)).catch(() => undefined))) return { exists: path };
        // A temporary file of this run's, then a rename: a link planted at the name is replaced, never written through.
        await writeInWorkdir(dirname(resolve(path)), basename(path), `${JSON.stringify(answersDocument(config, options.onEmulator ? ['endpoint', 'workdir'] : []), null, 2)}\n`, `${process.pid}-${Date.now().toString(36)}`);
        return { saved: path };
      }}
      lookups={
        missingAwsAccess(options.preset.endpoint, options.engine.env)
          ? undefined
          : {
              'available-azs': async (region) => (await import('../../aws/client.js')).availableAzs({ region, endpoint: options.preset.endpoint, env: options.engine.env, signal: stopper.signal }),
              vpcs: async (region) => {
                const aws = await import('../../aws/client.js');
                const vpcs = await aws.listVpcs({ region, endpoint: options.preset.endpoint, env: options.engine.env, signal: stopper.signal });
                return vpcs.map((v) => ({ value: v.id, label: aws.vpcLabel(v) }));
              },
            }
      }
      describeError={describe}
      verbose={options.verbose ?? false}
      onEmulator={options.onEmulator ?? false}
      onExit={(c, m) => {
        code = c;
        message = m;
      }}
    />,
    { exitOnCtrlC: false },
  );
  await instance.waitUntilExit();
  // A lookup still waiting (the AZs of a region asked while the user left) must not hold the process.
  stopper.close();
  if (message) options.afterwards(`${message}\n`);
  return code;
}
