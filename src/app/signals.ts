/**
 * Every way to stop a run, in one place: Ctrl-C (SIGINT), SIGTERM (`kill`, `timeout`, `docker
 * stop`, a cancelled CI job) and SIGHUP (a closed terminal) are handled alike, by the command
 * line and the wizard. The first signal asks terraform to stop gracefully (it keeps its state and
 * releases its lock) and aborts whatever else is under way (AWS requests, the confirmation
 * prompt: they change nothing); the second, of any kind, is the explicit choice to stop at once.
 * The first one decides the exit code: 130, 143 or 129.
 */
import { closeSync } from 'node:fs';
import { InterruptedError, STOP_SIGNALS, type StopSignal } from '../core/errors.js';
import { signalExitCode } from './failure.js';

/** What a stop reaches of terraform (a TerraformRunner). */
export interface StoppableTerraform {
  /** Whether a terraform process is running now. */
  readonly running: boolean;
  /** One SIGINT: terraform stops gracefully; no later step starts. */
  interrupt(): boolean;
  /** A second SIGINT: terraform stops at once. */
  abort(): boolean;
}

/** What one stop did. */
export interface Stop {
  signal: StopSignal;
  /** 1 for the first stop, then 2, 3… */
  count: number;
  /** The first signal of the run: it decides the exit code. */
  first: StopSignal;
  /**
   * `graceful`: terraform was asked to stop gracefully; `at-once`: it was told to stop now;
   * `aborted`: no terraform was running, and what was under way (AWS requests, a prompt) was
   * aborted; `exit`: a second stop while no terraform runs, the process ends now.
   */
  action: 'graceful' | 'at-once' | 'aborted' | 'exit';
}

/** Where signals come from (the process). */
export type SignalSource = Pick<NodeJS.Process, 'on' | 'off'>;

export interface RunStopperOptions {
  /** Told about every stop once it is handled, to tell the user (in the front-end's words). */
  onStop?(stop: Stop): void;
  /** Ends the process (a second stop while no terraform runs). @default process.exit */
  exit?(code: number): never | void;
}

/** The stop handling of one run: which signal came first, the runner to reach, what to abort. */
export class RunStopper {
  private readonly controller = new AbortController();
  private runner: StoppableTerraform | undefined;
  private stops = 0;
  private firstSignal: StopSignal | undefined;

  constructor(private readonly options: RunStopperOptions = {}) {}

  /** Aborted by the first stop, with an InterruptedError as its reason: give it to every AWS call and prompt. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first signal that stopped the run, if any. */
  get first(): StopSignal | undefined {
    return this.firstSignal;
  }

  /** The exit code of the first signal (130, 143, 129); undefined while nothing stopped the run. */
  get exitCode(): number | undefined {
    return this.firstSignal && signalExitCode(this.firstSignal);
  }

  /** The runner while terraform steps run, undefined between them (EngineContext.onRunner). */
  setRunner(runner: StoppableTerraform | undefined): void {
    this.runner = runner;
  }

  /** Handle one signal (from the process, or the wizard's Ctrl-C key). */
  stop(signal: StopSignal): Stop {
    this.stops += 1;
    const first = (this.firstSignal ??= signal);
    const runner = this.runner;
    let action: Stop['action'];
    if (this.stops === 1) {
      const graceful = runner?.running === true;
      // Even with terraform running, the preflight's AWS reads may run beside it: they change
      // nothing, so they end now. interrupt() also keeps any later terraform step from starting.
      this.controller.abort(new InterruptedError(first));
      runner?.interrupt();
      action = graceful ? 'graceful' : 'aborted';
    } else if (runner?.running) {
      runner.abort();
      action = 'at-once';
    } else {
      // Asked twice, and no terraform to wait for: whatever is still unwinding changes nothing.
      action = 'exit';
    }
    const stop: Stop = { signal, count: this.stops, first, action };
    this.options.onStop?.(stop);
    if (action === 'exit') (this.options.exit ?? process.exit)(signalExitCode(first));
    return stop;
  }

  /** The run is over: abort what may still wait (a lookup the wizard started), without counting as a stop. */
  close(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new InterruptedError(this.firstSignal ?? 'SIGINT'));
  }

  /** Route the process's SIGINT, SIGTERM and SIGHUP to stop(); returns the unsubscribe. */
  listen(source: SignalSource = process): () => void {
    return onStopSignals((signal) => this.stop(signal), source);
  }
}

/**
 * Subscribe to SIGINT, SIGTERM and SIGHUP; while subscribed, none of them ends the process by
 * itself (Node's default for a signal without a listener). Returns the unsubscribe.
 */
export function onStopSignals(handler: (signal: StopSignal) => void, source: SignalSource = process): () => void {
  const listeners = STOP_SIGNALS.map((signal) => [signal, () => handler(signal)] as const);
  for (const [signal, listener] of listeners) source.on(signal, listener);
  return () => {
    for (const [signal, listener] of listeners) source.off(signal, listener);
  };
}

/**
 * The process's stop signals, for the bin entry: onStopSignals, and after a SIGHUP the terminal
 * is let go at exit (see releaseTerminalAtExit).
 */
export function processStopSignals(handler: (signal: StopSignal) => void): () => void {
  return onStopSignals((signal) => {
    if (signal === 'SIGHUP') releaseTerminalAtExit();
    handler(signal);
  });
}

let releasing = false;

/**
 * After SIGHUP (or a read or write that failed with EIO) the terminal may be gone, and Node 20
 * then aborts as it exits: it restores the
 * terminal settings of stdin, stdout and stderr and asserts that this succeeds (node::ResetStdio
 * allows only EPERM; a hung-up terminal answers EIO), which turns exit 129 into SIGABRT (measured
 * with Node 20.20.2 in a pseudo-terminal closed mid-run). Closing those descriptors as the
 * process exits makes Node pass them over; nothing writes to them any more (libuv writes to a
 * terminal through a descriptor of its own, and what it writes has nowhere to go).
 */
export function releaseTerminalAtExit(): void {
  if (releasing) return;
  releasing = true;
  const terminals = [process.stdin, process.stdout, process.stderr].flatMap((stream, fd) => (stream.isTTY ? [fd] : []));
  process.once('exit', () => {
    for (const fd of terminals) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
  });
}

/** What the command line says when a signal arrives (stderr); undefined where the final message says it all. */
export function stopNotice(stop: Stop): string | undefined {
  const received = stop.signal === 'SIGINT' ? '' : `${stop.signal} received. `;
  const again = stop.signal === 'SIGINT' ? 'Press Ctrl-C again' : 'Send it again (or press Ctrl-C)';
  switch (stop.action) {
    case 'graceful':
      return `\n${received}Stopping terraform gracefully; the state is kept. ${again} to stop at once (terraform may then lose track of what it was creating).\n`;
    case 'at-once':
      return `\n${received}Stopping terraform at once.\n`;
    case 'exit':
      return `\n${received}Stopping now.\n`;
    case 'aborted':
      return undefined;
  }
}
