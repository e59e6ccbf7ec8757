/**
 * The command line's front-end, and every terminal concern in one place: whether there is a
 * terminal to ask on, the y/N confirmation prompt, the stop signals (through signals.ts) and
 * their notices, plain progress lines on stderr, and running one command of the table through
 * its verbs (src/commands/command.ts) to an exit code.
 */
import { createInterface } from 'node:readline/promises';
import type { EngineContext } from '../app/engine.js';
import { describeFailure } from '../app/failure.js';
import { failureKind, InterruptedError, type StopSignal } from '../core/errors.js';
import { initialRunState, reduceRun, type RunState } from '../core/run-events.js';
import { Ended, type CommandModule, type CommandRun } from '../commands/command.js';
import { createPlainReporter } from '../ui/plain-reporter.js';
import { wrapIndented } from '../ui/wrap.js';
import type { Invocation } from './args.js';
import { RunStopper, stopNotice } from '../app/signals.js';

/** Where a run writes: results on stdout, progress and errors on stderr. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** The terminal's width, when stdout is one: plain text is wrapped to it with its indentation kept. */
  columns?: number;
  /** Subscribe to the signals that stop a run (SIGINT, SIGTERM, SIGHUP); returns the unsubscribe. */
  onSignal?(handler: (signal: StopSignal) => void): () => void;
}

/** A terminal to ask on: stdin and stdout are a TTY, and this is not CI. */
export function interactive(io: Io): boolean {
  const ci = !!io.env.CI && io.env.CI !== 'false' && io.env.CI !== '0';
  return io.isTTY && !ci;
}

/** Terminals that cannot redraw a screen get line-by-line prompts instead. */
export function fullScreenCapable(env: NodeJS.ProcessEnv): boolean {
  return env.TERM !== 'dumb';
}

/** Tell the user what went wrong (stderr); the exit code. `stopper`: the first signal decides a stopped terraform's code. */
export function reportFailure(error: unknown, io: Io, stopper?: RunStopper): number {
  const { code, text } = describeFailure(error, { profile: io.env.AWS_PROFILE, interruptedBy: stopper?.first });
  io.stderr(wrapIndented(text, io.columns));
  return code;
}

/** Run a command of the table on the command line: every stop signal goes through one stopper. */
export async function runOnTerminal(command: CommandModule, inv: Invocation, io: Io): Promise<number> {
  const stopper = new RunStopper({
    onStop: (stop) => {
      const notice = stopNotice(stop);
      if (notice) io.stderr(notice);
    },
  });
  const unlisten = io.onSignal?.((signal) => stopper.stop(signal));
  try {
    return await runVerbs(command, inv, io, stopper);
  } catch (error) {
    return reportFailure(error, io, stopper);
  } finally {
    unlisten?.();
    stopper.close();
  }
}

/** validate, ask, execute, render, recommend, exitCode; progress as plain lines on stderr. */
async function runVerbs(command: CommandModule, inv: Invocation, io: Io, stopper: RunStopper): Promise<number> {
  const lines = createPlainReporter((line) => io.stderr(`${line}\n`));
  let state = initialRunState();
  const engine: EngineContext = {
    env: io.env,
    emit: (event) => {
      lines(event);
      state = reduceRun(state, event);
    },
    terraformBin: inv.flags.terraform,
    pluginDir: inv.flags.pluginDir ?? io.env.NET_WIZARD_PLUGIN_DIR,
    signal: stopper.signal,
    onRunner: (runner) => stopper.setRunner(runner),
  };
  const run: CommandRun = { inv, interactive: interactive(io), engine, stopper, stderr: io.stderr, confirm: (question) => confirm(question, stopper) };
  command.validate?.(run);
  const input: unknown = await command.ask(run);
  if (input instanceof Ended) return input.code;
  let result: unknown;
  try {
    result = await command.execute(input, run);
  } catch (error) {
    const left = halfDone(error, state);
    if (left) io.stderr(left);
    throw error;
  }
  const text = command.render(result, input, inv.flags.json);
  io.stdout(inv.flags.json ? text : wrapIndented(text, io.columns));
  const after = command.recommend?.(result) ?? '';
  if (after) io.stderr(after);
  return command.exitCode(result);
}

/** What terraform left half-done when it was stopped mid-apply ('' for nothing): not a stop of AWS reads after it. */
function halfDone(error: unknown, state: RunState): string {
  const resources = state.resources.filter((r) => r.status === 'running' || r.status === 'failed');
  const e = error as { name?: string; interrupted?: boolean };
  const stoppedTerraform = failureKind(error) === 'terraform' && e.interrupted === true;
  if (!stoppedTerraform || resources.length === 0) return '';
  return `Left half-done when terraform stopped (terraform records them in the state, as tainted when their creation did not finish; the next apply completes or replaces them):\n${resources.map((r) => `  ${r.address} (${r.action})\n`).join('')}`;
}

/** The y/N prompt; a stop signal (or Ctrl-C, which a terminal's readline takes as a key) leaves it, changing nothing. */
async function confirm(question: string, stopper: RunStopper): Promise<boolean> {
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
