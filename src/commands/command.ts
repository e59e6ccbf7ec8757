/**
 * The shape every command has (as Copilot's env_init.go: Validate, Ask, Execute,
 * RecommendActions): validate the options, ask what is missing, execute, render the result as
 * text or JSON, choose the exit code, and say what to look at next. src/cli/terminal.ts drives
 * one on the command line; src/commands/index.ts is the table of them.
 */
import type { EngineContext } from '../app/engine.js';
import type { Invocation } from '../cli/args.js';
import type { RunStopper } from '../app/signals.js';
import type { NetworkConfig } from '../core/config.js';

/** The options that shape a run rather than the network. */
export type RunFlag = 'config' | 'yes' | 'json' | 'plain' | 'verbose' | 'demo' | 'hcl' | 'color' | 'terraform' | 'plugin-dir' | 'alb-sg' | 'ecs-sg' | 'rds-sg' | 'live-prices' | 'format';

/** What a command uses: its run flags, and which answer options (all; those of the NAT advice; or 'recorded': each must agree with the workdir's record, checked when it is read). */
export interface CommandUses {
  flags: readonly RunFlag[];
  answers: 'all' | 'recorded' | readonly (keyof NetworkConfig)[];
}

/** What a command runs with: the command line, the terminal (if any) and the engine's context. */
export interface CommandRun {
  inv: Invocation;
  /** A terminal to ask on: stdin and stdout are a TTY, and this is not CI. */
  interactive: boolean;
  /** The engine's context: progress events to stderr, the stop signal, the runner's stopper. */
  engine: EngineContext;
  /** The stop handling of this run (src/app/signals.ts). */
  stopper: RunStopper;
  /** Progress and prompts. */
  stderr(text: string): void;
  /** The y/N prompt on the terminal (src/cli/terminal.ts). */
  confirm(question: string): Promise<boolean>;
}

/** Returned by ask() when the run ends there (the questions were left): the exit code. */
export class Ended {
  constructor(readonly code: number) {}
}

/** One command: src/cli/terminal.ts calls validate, ask, execute, render, recommend and exitCode in this order. */
export interface CommandModule<Input = any, Result = any> {
  /** Which options it takes; any other given to it is refused (src/cli/args.ts), not ignored. */
  readonly uses: CommandUses;
  /** Refuse what the options cannot do here, before anything is read or run (throws UsageError). */
  validate?(run: CommandRun): void;
  /** Read the answers (options, --config, the workdir) and ask on the terminal what is missing. */
  ask(run: CommandRun): Promise<Input | Ended>;
  /** Do the work; progress goes to run.engine.emit. */
  execute(input: Input, run: CommandRun): Promise<Result>;
  /** What stdout gets: the JSON document with --json, else the report for a person. */
  render(result: Result, input: Input, json: boolean): string;
  /** What stderr gets after the result (the failed checks to look at); '' for nothing. */
  recommend?(result: Result): string;
  /** The exit code of the contract: 0, or 3 when a verification check failed. */
  exitCode(result: Result): number;
}
