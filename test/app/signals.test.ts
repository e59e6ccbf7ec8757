import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { onStopSignals, RunStopper, stopNotice, type SignalSource, type StoppableTerraform } from '../../src/app/signals.js';
import { InterruptedError, type StopSignal } from '../../src/core/errors.js';

/** A runner as the stopper sees it: running or not, counting what it was asked. */
function fakeRunner(running: boolean) {
  const runner = { running, interrupt: vi.fn(() => running), abort: vi.fn(() => running) } satisfies StoppableTerraform;
  return runner;
}

function stopperWith(runner?: StoppableTerraform) {
  const exit = vi.fn();
  const stopper = new RunStopper({ exit });
  if (runner) stopper.setRunner(runner);
  return { stopper, exit };
}

describe('the first stop signal', () => {
  it.each<[StopSignal, number]>([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s while terraform runs: one graceful interrupt, the AWS calls aborted, exit code %i', (signal, code) => {
    const runner = fakeRunner(true);
    const { stopper, exit } = stopperWith(runner);
    expect(stopper.exitCode).toBeUndefined();
    expect(stopper.stop(signal)).toEqual({ signal, count: 1, first: signal, action: 'graceful' });
    expect(runner.interrupt).toHaveBeenCalledTimes(1);
    expect(runner.abort).not.toHaveBeenCalled();
    expect(stopper.signal.aborted).toBe(true);
    expect(stopper.signal.reason).toBeInstanceOf(InterruptedError);
    expect(stopper.signal.reason).toMatchObject({ signal, interrupted: true });
    expect(stopper.exitCode).toBe(code);
    expect(exit).not.toHaveBeenCalled();
  });

  it('with no terraform running (preflight, verification, a lookup): aborts what is under way and keeps later steps from starting', () => {
    const runner = fakeRunner(false);
    const { stopper, exit } = stopperWith(runner);
    const aborted = vi.fn();
    stopper.signal.addEventListener('abort', aborted);
    expect(stopper.stop('SIGTERM').action).toBe('aborted');
    expect(aborted).toHaveBeenCalledTimes(1);
    // interrupt() on an idle runner sends nothing; it marks it so that no later terraform step starts.
    expect(runner.interrupt).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
  });

  it('before any runner exists (synth, the prompts): aborts', () => {
    const { stopper } = stopperWith();
    expect(stopper.stop('SIGHUP').action).toBe('aborted');
    expect(stopper.signal.reason).toMatchObject({ signal: 'SIGHUP' });
  });
});

describe('a second stop signal', () => {
  it('of any kind while terraform runs stops it at once; the first signal keeps the exit code', () => {
    const runner = fakeRunner(true);
    const { stopper, exit } = stopperWith(runner);
    stopper.stop('SIGTERM');
    expect(stopper.stop('SIGINT')).toEqual({ signal: 'SIGINT', count: 2, first: 'SIGTERM', action: 'at-once' });
    expect(runner.interrupt).toHaveBeenCalledTimes(1);
    expect(runner.abort).toHaveBeenCalledTimes(1);
    expect(stopper.exitCode).toBe(143);
    expect(exit).not.toHaveBeenCalled();
  });

  it('with no terraform running ends the process now, with the first signal’s exit code', () => {
    const runner = fakeRunner(false);
    const { stopper, exit } = stopperWith(runner);
    stopper.stop('SIGHUP');
    expect(stopper.stop('SIGTERM').action).toBe('exit');
    expect(exit).toHaveBeenCalledWith(129);
    expect(runner.abort).not.toHaveBeenCalled();
  });

  it('after terraform stopped gracefully and the run went on to AWS reads: ends the process now', () => {
    const runner = fakeRunner(true);
    const { stopper, exit } = stopperWith(runner);
    stopper.stop('SIGINT');
    stopper.setRunner(undefined);
    expect(stopper.stop('SIGINT').action).toBe('exit');
    expect(exit).toHaveBeenCalledWith(130);
  });
});

describe('the signals of the process', () => {
  it('SIGINT, SIGTERM and SIGHUP reach the stopper while it listens, and only then', () => {
    const source = new EventEmitter();
    const runner = fakeRunner(true);
    const { stopper } = stopperWith(runner);
    const unlisten = stopper.listen(source as unknown as SignalSource);
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => source.listenerCount(s))).toEqual([1, 1, 1]);
    source.emit('SIGHUP');
    expect(stopper.first).toBe('SIGHUP');
    source.emit('SIGTERM');
    expect(runner.abort).toHaveBeenCalledTimes(1);
    unlisten();
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => source.listenerCount(s))).toEqual([0, 0, 0]);
  });

  it('onStopSignals hands each signal its name', () => {
    const source = new EventEmitter();
    const seen: StopSignal[] = [];
    onStopSignals((s) => seen.push(s), source as unknown as SignalSource);
    source.emit('SIGTERM');
    source.emit('SIGINT');
    expect(seen).toEqual(['SIGTERM', 'SIGINT']);
  });

  it('close() at the end of a run aborts what still waits, without counting as a stop', () => {
    const { stopper } = stopperWith();
    stopper.close();
    expect(stopper.signal.aborted).toBe(true);
    expect(stopper.first).toBeUndefined();
    expect(stopper.exitCode).toBeUndefined();
  });

  it('onStop hears every stop after it was handled', () => {
    const onStop = vi.fn();
    const stopper = new RunStopper({ onStop, exit: vi.fn() });
    stopper.setRunner(fakeRunner(true));
    stopper.stop('SIGTERM');
    stopper.stop('SIGTERM');
    expect(onStop.mock.calls.map(([s]) => s.action)).toEqual(['graceful', 'at-once']);
  });
});

describe('what the command line says when a signal arrives', () => {
  it('names a signal other than Ctrl-C, and how to stop at once', () => {
    expect(stopNotice({ signal: 'SIGINT', count: 1, first: 'SIGINT', action: 'graceful' })).toBe(
      '\nStopping terraform gracefully; the state is kept. Press Ctrl-C again to stop at once (terraform may then lose track of what it was creating).\n',
    );
    expect(stopNotice({ signal: 'SIGTERM', count: 1, first: 'SIGTERM', action: 'graceful' })).toMatch(/^\nSIGTERM received\. Stopping terraform gracefully; the state is kept\. Send it again \(or press Ctrl-C\) to stop at once/);
    expect(stopNotice({ signal: 'SIGHUP', count: 2, first: 'SIGTERM', action: 'at-once' })).toBe('\nSIGHUP received. Stopping terraform at once.\n');
  });

  it('says nothing when no terraform ran: the run ends at once with its own message', () => {
    expect(stopNotice({ signal: 'SIGTERM', count: 1, first: 'SIGTERM', action: 'aborted' })).toBeUndefined();
  });
});
