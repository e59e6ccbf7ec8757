/**
 * One step of a run (synth, init, plan, the attach's read of the VPC…): its start, end or failure
 * as run events, and what it ends with once a stop signal came.
 */
import { failureKind, InterruptedError } from '../core/errors.js';
import type { RunEvent, Step } from '../core/run-events.js';

/** The message of a step that was interrupted rather than failed. */
export const STOPPED = 'stopped';

/** What a step needs of the run: its events and its stop signal. */
export interface StepContext {
  emit(event: RunEvent): void;
  signal?: AbortSignal;
}

/** Run `work` as the step `name`; `detail` says in a few words what it found. */
export async function step<T>(ctx: StepContext, name: Step, work: () => Promise<T>, detail?: (result: T) => string): Promise<T> {
  if (ctx.signal?.aborted) throw stoppedIn(name, ctx, ctx.signal.reason);
  ctx.emit({ type: 'step_started', step: name, at: Date.now() });
  try {
    const result = await work();
    ctx.emit({ type: 'step_finished', step: name, at: Date.now(), detail: detail?.(result) });
    return result;
  } catch (caught) {
    const error = stoppedIn(name, ctx, caught);
    const stopped = (error as { interrupted?: boolean }).interrupted === true;
    ctx.emit({ type: 'step_failed', step: name, at: Date.now(), message: stopped ? STOPPED : error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/**
 * What a step ends with once a stop signal came: an InterruptedError naming the step (the SDK's
 * AbortError, a read or preflight failure made of aborted calls, say nothing true), except
 * terraform's own error: it says that terraform was stopped and the state kept.
 */
function stoppedIn(name: string, ctx: StepContext, error: unknown): unknown {
  const reason: unknown = ctx.signal?.aborted ? ctx.signal.reason : undefined;
  if (!(reason instanceof InterruptedError)) return error;
  if (failureKind(error) === 'terraform' || (error instanceof InterruptedError && error.step)) return error;
  return new InterruptedError(reason.signal, name);
}

