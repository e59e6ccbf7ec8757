/** Errors users see, with the exit code the command-line contract gives them. */

/** One thing wrong with an input: which option, what was wrong, and a good value. */
export interface InputProblem {
  /** The option as the user types it, e.g. `--vpc-cidr`, or a config file path like `net-wizard.json: vpcCidr`. */
  option: string;
  message: string;
  /** An example of a good value. */
  example?: string;
}

/** The kinds of failure a run can end with: how errors are told apart (never by their class name). */
export const FAILURE_KINDS = ['usage', 'interrupted', 'terraform', 'terraform-not-found', 'state-locked', 'backend-change', 'workdir-busy', 'preflight', 'live-read'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** The kind an error says it is (its `kind`), or undefined for any other error. */
export function failureKind(error: unknown): FailureKind | undefined {
  const kind = (error as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' && (FAILURE_KINDS as readonly string[]).includes(kind) ? (kind as FailureKind) : undefined;
}

/** Invalid input or usage: nothing was run or written (exit code 2). */
export class UsageError extends Error {
  readonly kind = 'usage';
  readonly exitCode = 2;
  constructor(readonly problems: InputProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'UsageError';
  }
}

/** `--vpc-cidr: "10.0.0.1/16" has host bits set … (example: --vpc-cidr 10.0.0.0/16)` */
export function formatProblem(problem: InputProblem): string {
  const example = problem.example === undefined ? '' : ` (example: ${problem.option.startsWith('--') ? `${problem.option} ${problem.example}` : problem.example})`;
  return `${problem.option}: ${problem.message}${example}`;
}

/** The signals that stop a run: Ctrl-C, `kill`/`timeout`/`docker stop`/a cancelled CI job, a closed terminal. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** Every signal a run handles as a request to stop. */
export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A signal stopped work that changes nothing (AWS reads, the confirmation prompt, synth) before it
 * finished; `step` is where it was stopped, when known. `interrupted` as TerraformError's.
 */
export class InterruptedError extends Error {
  readonly kind = 'interrupted';
  readonly interrupted = true;
  constructor(
    readonly signal: StopSignal,
    /** The run's step it stopped (preflight, verify, …), `confirm` at the prompt, `lookup` for a look for lost resources. */
    public step?: string,
    options?: { cause?: unknown },
  ) {
    super(`interrupted by ${signal}`, options);
    this.name = 'InterruptedError';
  }
}
