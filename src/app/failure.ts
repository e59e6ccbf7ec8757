/**
 * What a user is told when a run fails, and its exit code (the contract's): one place for every
 * front-end, so that the command line and the wizard say the same thing. Each message says what
 * failed, that the state is kept, and what to do next; terraform's and AWS's own text and error
 * codes stay visible. Pure.
 */
import { failureKind, formatProblem, InterruptedError, UsageError, type StopSignal } from '../core/errors.js';
import type { Check } from '../core/checks.js';
import { formatNextSteps, nextSteps } from './next-steps.js';
import { shellQuote } from '../core/shell.js';
import { PAUSE_WORDS, STEP_WORDS } from '../core/wording.js';

/** The exit codes of the command-line contract (130, 143, 129: 128 + the signal's number). */
export const EXIT = { ok: 0, failure: 1, usage: 2, verification: 3, interrupted: 130, terminated: 143, hungUp: 129 } as const;

/** The exit code of a run stopped by this signal: 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP. */
export function signalExitCode(signal: StopSignal): number {
  return signal === 'SIGTERM' ? EXIT.terminated : signal === 'SIGHUP' ? EXIT.hungUp : EXIT.interrupted;
}

/** Where a signal stopped a run, in the user's words (InterruptedError.step). */
const STOPPED_AT: Record<string, string | undefined> = Object.fromEntries(
  Object.entries({ ...STEP_WORDS, ...PAUSE_WORDS }).flatMap(([place, words]) => (words.stoppedAt ? [[place, words.stoppedAt]] : [])),
);
/** Steps after terraform has done its work: a stop there only cuts AWS reads short. */
const AFTER_TERRAFORM = new Set(['outputs', 'verify', 'lookup']);

/** The message (whole lines, ending in a newline) and the exit code of a failure. */
export interface Failure {
  code: number;
  text: string;
}

/**
 * Describe any error a run can end with; `profile` goes into login commands, `interruptedBy` is
 * the first signal that stopped the run (it decides the exit code of a stopped terraform).
 */
export function describeFailure(error: unknown, context: { profile?: string; interruptedBy?: StopSignal } = {}): Failure {
  if (error instanceof UsageError) {
    return { code: EXIT.usage, text: `net-wizard: invalid input; nothing was run or written.\n${error.problems.map((p) => `  ${formatProblem(p)}\n`).join('')}` };
  }
  const e = error as { name?: string; message?: string; interrupted?: boolean; step?: string; untracked?: { fix: string }[]; place?: { region: string; endpoint?: string }; failed?: Check[] };
  switch (failureKind(error)) {
    // Team state: another run holds the state lock, or the state's place changed (src/terraform/lock.ts, backend.ts).
    case 'state-locked':
      return { code: EXIT.failure, text: `net-wizard: terraform ${e.step} could not lock the state.\n${indent(e.message ?? '')}\n` };
    case 'backend-change':
      return { code: EXIT.failure, text: `net-wizard: the state's place changed; terraform was not run and the state is kept.\n${indent(e.message ?? '')}\n` };
    case 'interrupted':
      return interruptedWithoutTerraform(error as InterruptedError, context);
    case 'terraform': {
      if (e.interrupted) {
        const by = context.interruptedBy ?? 'SIGINT';
        return { code: signalExitCode(by), text: `net-wizard: interrupted${named(by)}; terraform stopped gracefully and the state is kept. Run the same command again to continue.\n` };
      }
      // Terraform's own text (with the resource address) stays whole; the next step for its AWS error code follows it.
      const next = formatNextSteps(nextSteps(e.message ?? '', { profile: context.profile, region: e.place?.region, endpoint: e.place?.endpoint }));
      const untracked = e.untracked ?? [];
      const one = untracked.length === 1;
      const lost =
        untracked.length > 0
          ? `AWS holds ${one ? 'a resource' : `${untracked.length} resources`} tagged for this network that the state does not record; a rerun would make ${one ? 'it' : 'them'} again or fail on ${one ? 'it' : 'them'}:\n${untracked.map((u) => `  - ${u.fix}\n`).join('')}`
          : '';
      return { code: EXIT.failure, text: `net-wizard: terraform ${e.step} failed; the state is kept and a rerun continues from here.\n${indent(e.message ?? '')}\n${next}${lost}` };
    }
    case 'workdir-busy': {
      const { owner, lockFile, workdir } = e as unknown as { owner?: { pid: number; host: string; startedAt: string; command: string }; lockFile: string; workdir: string };
      const held = owner
        ? `  Held by:   net-wizard ${owner.command}, pid ${owner.pid} on ${owner.host}\n  Since:     ${owner.startedAt}\n`
        : `  Its lock (${lockFile}) cannot be read.\n`;
      return {
        code: EXIT.failure,
        text:
          `net-wizard: the workdir ${workdir} is busy: another net-wizard run holds it; this run changed nothing.\n${held}` +
          '  Let that run finish, then run the same command again.\n' +
          `  If it is gone (its machine or CI job ended), remove the lock by hand: rm ${shellQuote(lockFile)}\n` +
          '  (a lock whose process is gone on this host is taken over by itself).\n',
      };
    }
    case 'preflight':
      return { code: EXIT.failure, text: `net-wizard: preflight failed; nothing was changed.\n${(e.failed ?? []).map((c) => `  ✗ ${c.title} — ${c.detail}\n`).join('')}` };
    case 'live-read':
      return { code: EXIT.failure, text: `net-wizard: could not read the live network to verify it: ${e.message}\nThe state is kept; run net-wizard verify again once AWS answers.\n` };
    case 'terraform-not-found':
      return { code: EXIT.failure, text: `net-wizard: ${e.message}\n` };
    default:
      return { code: EXIT.failure, text: `net-wizard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` };
  }
}

/** Ctrl-C is what "interrupted" means; another signal is named. */
const named = (signal: StopSignal) => (signal === 'SIGINT' ? '' : ` (${signal})`);

/**
 * A signal stopped work that changes nothing (no terraform was running): what was stopped, and
 * that nothing was changed, or that what terraform did before is in the state. A failure that
 * the stop cut short the look after (a failed apply) is told first.
 */
function interruptedWithoutTerraform(error: InterruptedError, context: { profile?: string }): Failure {
  const at = error.step && STOPPED_AT[error.step] ? ` ${STOPPED_AT[error.step]}` : '';
  const changed = error.step && AFTER_TERRAFORM.has(error.step) ? "its AWS reads were stopped (they change nothing) and terraform's state is kept" : 'nothing was changed';
  const before = error.cause === undefined ? '' : describeFailure(error.cause, context).text;
  return { code: signalExitCode(error.signal), text: `${before}net-wizard: interrupted${named(error.signal)}${at}; ${changed}. Run the same command again to continue.\n` };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
