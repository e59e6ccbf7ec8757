#!/usr/bin/env node
/**
 * The bin entry: reads the environment and the command line, chooses a front-end, runs the
 * command and turns its outcome into an exit code. Composes only; the work is elsewhere.
 */
import { realpathSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';
import { parseInvocation, type Command, type Invocation } from './cli/args.js';
import { mergeAnswers, readAnswersFile } from './cli/answers-file.js';
import { HELP } from './cli/help.js';
import { startup } from './cli/startup.js';
import { QUESTIONS, resolveAdviceAnswers, resolveConfig, resolveGiven, type Answers, type NetworkConfig, type Origin } from './core/config.js';
import { InterruptedError, UsageError, type StopSignal } from './core/errors.js';
import { planNat } from './core/nat-plan.js';
import { initialRunState, reduceRun } from './core/run-events.js';
import type { EngineContext, GivenAnswers } from './app/engine.js';
import { describeFailure, EXIT } from './app/failure.js';
import { lockTimeoutFrom } from './terraform/lock.js';
import { processStopSignals, releaseTerminalAtExit, RunStopper, stopNotice } from './cli/signals.js';
import type { Check } from './verify/types.js';
import { formatNatReport } from './core/nat-report.js';
import { createPlainReporter, formatChecks, formatOutputs } from './ui/plain-reporter.js';
import { VERSION } from './version.js';

/** Where a run writes: results on stdout, progress and errors on stderr. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Subscribe to the signals that stop a run (SIGINT, SIGTERM, SIGHUP); returns the unsubscribe. */
  onSignal?(handler: (signal: StopSignal) => void): () => void;
}


/** Run net-wizard with these arguments; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(await startup(parseInvocation(argv), io), io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function run(inv: Invocation, io: Io): Promise<number> {
  const { flags } = inv;
  if (flags.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  // A bad NET_WIZARD_LOCK_TIMEOUT is refused now (exit 2), not after the project was written.
  lockTimeoutFrom(io.env);
  const interactive = io.isTTY && !isCI(io.env);
  const command = inv.command;
  if (command === 'wizard') {
    if (interactive && !flags.plain && !flags.json && fullScreenCapable(io.env)) {
      const { answers, origin } = await answersFrom(inv);
      const preset = resolveGiven(answers, origin);
      const presetFrom = Object.fromEntries(Object.keys(preset).map((k) => [k, origin[k as keyof NetworkConfig] ?? QUESTIONS.find((q) => q.key === k)!.flag]));
      const { runWizard } = await import('./ui/wizard/run-wizard.js');
      return runWizard({
        preset,
        presetFrom,
        engine: { env: io.env, terraformBin: flags.terraform, pluginDir: flags.pluginDir ?? io.env.NET_WIZARD_PLUGIN_DIR },
        afterwards: io.stderr,
        signals: io.onSignal,
      });
    }
  }

  // From here on every stop signal goes through one stopper (src/cli/signals.ts).
  const stopper = new RunStopper({
    onStop: (stop) => {
      const notice = stopNotice(stop);
      if (notice) io.stderr(notice);
    },
  });
  const unlisten = io.onSignal?.((signal) => stopper.stop(signal));
  try {
    return await runStoppable(command, inv, io, stopper, interactive);
  } catch (error) {
    return reportError(error, io, stopper);
  } finally {
    unlisten?.();
    stopper.close();
  }
}

async function runStoppable(asked: Command, inv: Invocation, io: Io, stopper: RunStopper, interactive: boolean): Promise<number> {
  const { flags } = inv;
  let command = asked;
  let plainConfig: NetworkConfig | undefined;
  if (command === 'wizard') {
    if (interactive && !flags.json) {
      // Line by line: --plain, or a terminal that cannot redraw a screen.
      const { answers, origin } = await answersFrom(inv);
      const preset = resolveGiven(answers, origin);
      const { askPlain } = await import('./ui/plain/ask.js');
      try {
        plainConfig = resolveConfig(await askPlain(preset, (line) => io.stderr(`${line}\n`), stopper.signal));
      } catch (error) {
        // Ctrl-C at a prompt (ExitPromptError), or a signal from outside (AbortPromptError).
        if ((error as Error).name === 'ExitPromptError' || (error as Error).name === 'AbortPromptError') {
          io.stderr('net-wizard: left the questions; nothing was written.\n');
          return stopper.exitCode ?? EXIT.interrupted;
        }
        throw error;
      }
    }
    command = 'apply'; // without a terminal, the wizard behaves like apply (the contract)
  }

  const lines = createPlainReporter((line) => io.stderr(`${line}\n`));
  const engine = await import('./app/engine.js');
  const ctx: EngineContext = {
    env: io.env,
    emit: lines,
    terraformBin: flags.terraform,
    pluginDir: flags.pluginDir ?? io.env.NET_WIZARD_PLUGIN_DIR,
    signal: stopper.signal,
    onRunner: (runner) => stopper.setRunner(runner),
  };
  let state = initialRunState();
  ctx.emit = (event) => {
    lines(event);
    state = reduceRun(state, event);
  };
  try {
    return await runCommand(command, inv, io, ctx, engine, interactive, plainConfig, stopper);
  } catch (error) {
    const halfDone = state.resources.filter((r) => r.status === 'running' || r.status === 'failed');
    // Only terraform stopped mid-apply leaves resources half-done (not a stop of AWS reads after it).
    const e = error as { name?: string; interrupted?: boolean };
    const stoppedTerraform = e.name === 'TerraformError' && e.interrupted === true;
    if (stoppedTerraform && halfDone.length > 0) {
      io.stderr(
        `Left half-done when terraform stopped (terraform records them in the state, as tainted when their creation did not finish; the next apply completes or replaces them):\n${halfDone.map((r) => `  ${r.address} (${r.action})\n`).join('')}`,
      );
    }
    throw error;
  }
}

async function runCommand(
  command: Command,
  inv: Invocation,
  io: Io,
  ctx: EngineContext,
  engine: typeof import('./app/engine.js'),
  interactive: boolean,
  answered: NetworkConfig | undefined,
  stopper: RunStopper,
): Promise<number> {
  const { flags } = inv;
  const needsConfirmation = (command === 'apply' || command === 'destroy') && !flags.yes;
  if (needsConfirmation) {
    if (!interactive) {
      throw new UsageError([{ option: '--yes', message: `${command} changes AWS and there is no terminal to confirm it on; pass --yes to go ahead without a prompt` }]);
    }
    ctx.confirm = (question) => ask(`${question} [y/N] `, stopper);
  }

  if (command === 'outputs' || command === 'destroy' || command === 'verify') {
    const { workdir, given } = await workdirFrom(inv);
    if (command === 'verify') {
      const result = await engine.verify(workdir, ctx, given);
      if (flags.json) io.stdout(`${JSON.stringify({ workdir, verification: result.verification }, null, 2)}\n`);
      else io.stdout(`${formatChecks('live', result.verification).join('\n')}\n`);
      return verdict(result.verification, io);
    }
    if (command === 'outputs') {
      const result = await engine.outputs(workdir, ctx, given);
      io.stdout(flags.json ? `${JSON.stringify({ workdir, outputs: result.outputs }, null, 2)}\n` : `${formatOutputs(result.outputs).join('\n')}\n`);
      return EXIT.ok;
    }
    const result = await engine.destroy(workdir, ctx, given);
    const leftBehind = result.leftBehind.map(({ kind, id, name, fix }) => ({ kind, id, name, fix }));
    if (flags.json) io.stdout(`${JSON.stringify({ workdir, plan: result.plan, destroyed: result.destroyed, cancelled: result.cancelled ?? false, leftBehind }, null, 2)}\n`);
    else if (result.cancelled) io.stdout('Cancelled: nothing was destroyed.\n');
    else {
      const left = leftBehind.length === 0 ? '' : ` AWS still holds ${leftBehind.length === 1 ? 'a resource' : `${leftBehind.length} resources`} tagged for this network that the state did not list (see above); delete ${leftBehind.length === 1 ? 'it' : 'them'} to stop paying for ${leftBehind.length === 1 ? 'it' : 'them'}.`;
      io.stdout(`Destroyed ${result.destroyed.destroy} resources.${left}\n`);
    }
    return EXIT.ok;
  }

  if (command === 'nat-check') {
    const { answers, origin } = await answersFrom(inv);
    const advised = resolveAdviceAnswers(answers, origin);
    const plan = planNat(advised);
    if (flags.json) {
      const { advice, ...nat } = plan;
      io.stdout(`${JSON.stringify({ answers: advised, recommended: advice.recommended, nat, options: advice.options, routes: advice.routes, tutorialDifferences: advice.tutorialDifferences, prices: advice.prices }, null, 2)}\n`);
    } else {
      io.stdout(`${formatNatReport(advised, plan).join('\n')}\n`);
    }
    return EXIT.ok;
  }
  const config = answered ?? (await configFrom(inv));
  for (const warning of planNat(config).warnings) ctx.emit({ type: 'notice', level: 'warning', text: warning, at: Date.now() });
  if (command === 'synth') {
    const result = await engine.synth(config, ctx, { hcl: flags.hcl });
    if (flags.json) {
      const { nat, workdir, files, resourceCount, checks, findings } = result;
      io.stdout(`${JSON.stringify({ config, nat, workdir, files, resources: resourceCount, verification: checks, findings }, null, 2)}\n`);
    }
    else io.stdout(`${[...result.files.map((f) => `wrote ${f}`), '', ...checklists(result.checks, [], result.findings)].join('\n')}\n`);
    return EXIT.ok;
  }
  if (command === 'plan') {
    const result = await engine.plan(config, ctx);
    if (flags.json) {
      io.stdout(`${JSON.stringify({ config, nat: result.nat, plan: result.plan, changes: result.changes, verification: result.checks, findings: result.findings, workdir: result.workdir }, null, 2)}\n`);
    } else {
      const summary = result.changes ? `Plan: ${result.plan.add} to add, ${result.plan.change} to change, ${result.plan.destroy} to destroy.` : 'No changes.';
      io.stdout(`${[summary, '', ...checklists(result.checks, [], result.findings)].join('\n')}\n`);
    }
    return verdict(result.checks, io);
  }
  const result = await engine.apply(config, ctx);
  if (flags.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.cancelled) {
    io.stdout('Cancelled: nothing was changed.\n');
  } else {
    const staticChecks = result.verification.filter((c) => c.id.startsWith('flow.'));
    const liveChecks = result.verification.filter((c) => !c.id.startsWith('flow.'));
    io.stdout(
      `${[
        `Apply complete: ${result.applied.add} added, ${result.applied.change} changed, ${result.applied.destroy} destroyed.`,
        '',
        'Outputs:',
        ...formatOutputs(result.outputs).map((l) => `  ${l}`),
        '',
        ...checklists(staticChecks, liveChecks, result.findings),
      ].join('\n')}\n`,
    );
  }
  return result.cancelled ? EXIT.ok : verdict(result.verification, io);
}

async function answersFrom(inv: Invocation): Promise<{ answers: Answers; origin: Origin }> {
  const file = inv.flags.config ? await readAnswersFile(inv.flags.config) : { answers: {}, origin: {} };
  return mergeAnswers(file, inv.answers);
}

async function configFrom(inv: Invocation): Promise<NetworkConfig> {
  const { answers, origin } = await answersFrom(inv);
  return resolveConfig(answers, origin);
}

/**
 * The workdir of verify, outputs and destroy: --workdir, else the default one of --project/--env
 * (or the answers file); with the answers given, which must agree with the recorded ones.
 */
async function workdirFrom(inv: Invocation): Promise<{ workdir: string; given: GivenAnswers }> {
  const { answers, origin } = await answersFrom(inv);
  const given = { given: resolveGiven(answers, origin), origin };
  if (typeof answers.workdir === 'string') return { workdir: answers.workdir, given };
  if (answers.project === undefined) {
    throw new UsageError([{ option: '--workdir', message: `${inv.command} needs the workdir of an applied network: pass --workdir, or --project and --env`, example: '.net-wizard/my-app-dev' }]);
  }
  return { workdir: resolveConfig(answers).workdir, given };
}

/** The y/N prompt; a stop signal (or Ctrl-C, which a terminal's readline takes as a key) leaves it, changing nothing. */
async function ask(question: string, stopper: RunStopper): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  rl.on('SIGINT', () => stopper.stop('SIGINT'));
  // Reading the terminal failed (EIO): it has gone, as with a hang-up (whose SIGHUP follows).
  rl.on('error', () => stopper.stop('SIGHUP'));
  try {
    return /^y(es)?$/i.test((await rl.question(question, { signal: stopper.signal })).trim());
  } catch (error) {
    const reason: unknown = stopper.signal.reason;
    if (reason instanceof InterruptedError) throw new InterruptedError(reason.signal, 'confirm');
    throw error;
  } finally {
    rl.close();
  }
}

/** Terminals that cannot redraw a screen get line-by-line prompts instead. */
function fullScreenCapable(env: NodeJS.ProcessEnv): boolean {
  return env.TERM !== 'dumb';
}

function checklists(flows: Check[], live: Check[], findings: Check[]): string[] {
  return [...formatChecks('static', flows), ...formatChecks('live', live), ...formatChecks('baseline', findings)];
}

/** Exit 3 when a verification check failed, naming each; otherwise 0. */
function verdict(checks: Check[], io: Io): number {
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return EXIT.ok;
  io.stderr(`net-wizard: verification failed: the network is not what was asked for.\n${failed.map((c) => `  ✗ ${c.id}: ${c.title} — ${c.detail}\n`).join('')}`);
  return EXIT.verification;
}

function isCI(env: NodeJS.ProcessEnv): boolean {
  return !!env.CI && env.CI !== 'false' && env.CI !== '0';
}

function reportError(error: unknown, io: Io, stopper?: RunStopper): number {
  const { code, text } = describeFailure(error, { profile: io.env.AWS_PROFILE, interruptedBy: stopper?.first });
  io.stderr(text);
  return code;
}

// Run when this file is the bin (also through npm's symlink), not when a test imports main().
const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  // A closed terminal (SIGHUP: its reads and writes fail with EIO) or a reader gone from a pipe
  // must not turn a graceful stop into a crash: what is written after that has nowhere to go.
  for (const stream of [process.stdin, process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EIO') releaseTerminalAtExit();
      else if (error.code !== 'EPIPE') throw error;
    });
  }
  // Ink's colours follow FORCE_COLOR; NO_COLOR, --no-color and dumb terminals turn them off.
  if (process.argv.includes('--no-color') || process.env.NO_COLOR || process.env.TERM === 'dumb') process.env.FORCE_COLOR = '0';
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTTY: !!process.stdin.isTTY && !!process.stdout.isTTY,
    onSignal: (handler) => processStopSignals(handler),
  }).then((code) => {
    process.exitCode = code;
  });
}
