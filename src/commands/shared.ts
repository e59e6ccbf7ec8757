/** What several commands share: reading the answers, the workdir of an applied network, the checklists and the verdict. */
import type { EngineContext, GivenAnswers } from '../app/engine.js';
import { EXIT } from '../app/failure.js';
import { mergeAnswers, readAnswersFile } from '../cli/answers-file.js';
import type { Invocation } from '../cli/args.js';
import { resolveConfig, resolveGiven, type Answers, type NetworkConfig, type Origin } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import type { RunPlan } from '../app/attach.js';
import { formatChecks } from '../ui/plain-reporter.js';
import type { Check } from '../core/checks.js';
import type { CommandRun } from './command.js';

/** The answers of the options over those of --config. */
export async function answersFrom(inv: Invocation): Promise<{ answers: Answers; origin: Origin }> {
  const file = inv.flags.config ? await readAnswersFile(inv.flags.config) : { answers: {}, origin: {} };
  return mergeAnswers(file, inv.answers);
}

/** The whole configuration from the options and --config (throws UsageError naming what is wrong). */
export async function configFrom(inv: Invocation): Promise<NetworkConfig> {
  const { answers, origin } = await answersFrom(inv);
  return resolveConfig(answers, origin);
}

/** The workdir a command acts on, and the answers given beside it (which must agree with the recorded ones). */
export interface RecordedInput {
  workdir: string;
  given: GivenAnswers;
}

/**
 * The workdir of verify, outputs and destroy: --workdir, else the default one of --project/--env
 * (or the answers file); with the answers given, which must agree with the recorded ones.
 */
export async function workdirFrom(inv: Invocation): Promise<RecordedInput> {
  const { answers, origin } = await answersFrom(inv);
  const given = { given: resolveGiven(answers, origin), origin };
  if (typeof answers.workdir === 'string') return { workdir: answers.workdir, given };
  if (answers.project === undefined) {
    throw new UsageError([{ option: '--workdir', message: `${inv.command} needs the workdir of an applied network: pass --workdir, or --project and --env`, example: '.net-wizard/my-app-dev' }]);
  }
  return { workdir: resolveConfig(answers).workdir, given };
}

/**
 * A command that changes AWS asks y/N first on a terminal; without one it needs --yes (exit 2
 * before anything is read or run).
 */
export function confirmBeforeChanging(run: CommandRun, command: 'apply' | 'destroy'): void {
  if (run.inv.flags.yes) return;
  if (!run.interactive) {
    throw new UsageError([{ option: '--yes', message: `${command} changes AWS and there is no terminal to confirm it on; pass --yes to go ahead without a prompt` }]);
  }
  run.engine.confirm = (question) => run.confirm(`${question} [y/N] `);
}

/** What a command that builds the network runs with: the whole configuration, and the answers given (an existing VPC's AZs and CIDR follow from it unless given). */
export interface BuildInput {
  config: NetworkConfig;
  given: Partial<NetworkConfig>;
  origin: Origin;
}

/** The configuration from the options and --config, with what was given (throws UsageError naming what is wrong). */
export async function buildInputFrom(inv: Invocation): Promise<BuildInput> {
  const { answers, origin } = await answersFrom(inv);
  return { config: resolveConfig(answers, origin), given: resolveGiven(answers, origin), origin };
}

/**
 * The run's plan (src/app/attach.ts): the NAT planned once, and with --vpc-id the existing VPC
 * read and its subnets chosen; passed along to the engine.
 */
export async function planFor(input: BuildInput, engine: EngineContext): Promise<RunPlan> {
  const { planRun } = await import('../app/attach.js');
  return planRun(input.config, input.given, input.origin, engine);
}

/** The static flow checks, the live checks and the baseline findings, as the human report lists them. */
export function checklists(flows: Check[], live: Check[], findings: Check[]): string[] {
  return [...formatChecks('static', flows), ...formatChecks('live', live), ...formatChecks('baseline', findings)];
}

/** Exit 3 when a verification check failed; otherwise 0. */
export function verdict(checks: Check[]): number {
  return checks.some((c) => c.status === 'fail') ? EXIT.verification : EXIT.ok;
}

/** The failed checks, each named, for stderr; '' when none failed. */
export function failedChecks(checks: Check[]): string {
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return '';
  return `net-wizard: verification failed: the network is not what was asked for.\n${failed.map((c) => `  ✗ ${c.id}: ${c.title} — ${c.detail}\n`).join('')}`;
}

/** A JSON document for stdout. */
export function document(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
