/**
 * The engine: a validated configuration through synth, terraform init/plan/apply, and back out as
 * outputs. Emits RunEvents and returns results; knows nothing of how they are shown.
 */
import { access, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { NetworkConfig } from '../core/config.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import { planNat, type NatPlan } from '../core/nat-plan.js';
import type { RunEvent, Step } from '../core/run-events.js';
import { LOCAL_STATE_FILE } from '../terraform/backend.js';
import type { ChangeSummary } from '../terraform/events.js';
import { findTerraform, TerraformRunner, type PlanResult, type TerraformBinary } from '../terraform/runner.js';
import { ANSWERS_RECORD, PROJECT_FILE, synthesizeStack, writeProject, type WorkdirRecord } from '../synth/synth.js';
import { VERSION } from '../version.js';
import { baselineChecks } from '../verify/static/baseline.js';
import { flowChecks } from '../verify/static/flows.js';
import type { UntrackedResource } from '../verify/live/untracked.js';
import type { Check } from '../verify/types.js';

/** What the engine needs from its caller. */
export interface EngineContext {
  env: NodeJS.ProcessEnv;
  /** Receives every event of the run. */
  emit(event: RunEvent): void;
  /** The terraform binary to use (--terraform). */
  terraformBin?: string;
  /** Provider plugin directory for init (--plugin-dir / NET_WIZARD_PLUGIN_DIR). */
  pluginDir?: string;
  /** Asked before changing anything, with the plan and what was synthesized; resolves true to go on. Absent: go on. */
  confirm?(question: string, plan: PlanResult, synthesized?: SynthResult): Promise<boolean>;
  /** Called with the runner while terraform runs, so that an interrupt can reach it. */
  onRunner?(runner: TerraformRunner | undefined): void;
  /**
   * Aborted by a stop signal (its reason an InterruptedError): every AWS call gets it, no step
   * starts after it, and a step it cuts short ends in an InterruptedError naming that step.
   */
  signal?: AbortSignal;
}

/** The result of `synth`. */
export interface SynthResult {
  workdir: string;
  files: string[];
  resourceCount: number;
  /** Resource counts by terraform type. */
  resources: Record<string, number>;
  nat: NatPlan;
  /** Static verification of the synthesized configuration: the flows, as asked or not. */
  checks: Check[];
  /** Security baseline findings (checkov/trivy style); they do not fail a run. */
  findings: Check[];
}

/** The result of `plan`. */
export interface PlanOutcome extends SynthResult {
  plan: ChangeSummary;
  changes: boolean;
}

/** Whether any verification check failed (exit code 3). */
export function verificationFailed(checks: Check[]): boolean {
  return checks.some((c) => c.status === 'fail');
}

/** The result of `apply` (the JSON document of the command-line contract). */
export interface ApplyOutcome {
  config: NetworkConfig;
  nat: NatPlan;
  plan: ChangeSummary;
  applied: ChangeSummary;
  outputs: Record<string, unknown>;
  /** The static flow checks, then the live checks. */
  verification: Check[];
  /** Security baseline findings; they do not fail the run. */
  findings: Check[];
  workdir: string;
  cancelled?: boolean;
}

const PLAN_FILE = 'tfplan';
/** The message of a step that was interrupted rather than failed. */
export const STOPPED = 'stopped';

/** The workdir of a configuration as an absolute path. */
export function workdirPath(workdir: string): string {
  return resolve(workdir);
}

async function step<T>(ctx: EngineContext, name: Step, work: () => Promise<T>, detail?: (result: T) => string): Promise<T> {
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
function stoppedIn(name: string, ctx: EngineContext, error: unknown): unknown {
  const reason: unknown = ctx.signal?.aborted ? ctx.signal.reason : undefined;
  if (!(reason instanceof InterruptedError)) return error;
  if ((error as { name?: string }).name === 'TerraformError' || (error instanceof InterruptedError && error.step)) return error;
  return new InterruptedError(reason.signal, name);
}

/** Synthesize the stack and write the Terraform project into the workdir. */
export async function synth(config: NetworkConfig, ctx: EngineContext, options: { hcl?: boolean } = {}): Promise<SynthResult> {
  const nat = planNat(config);
  const workdir = workdirPath(config.workdir);
  return step(
    ctx,
    'synth',
    async () => {
      const synthesized = await synthesizeStack(config, nat, options);
      const record: WorkdirRecord = { tool: 'net-wizard', version: VERSION, config, nat };
      const files = await writeProject(workdir, synthesized, record);
      const resources = Object.fromEntries(Object.entries(synthesized.json.resource).map(([type, byName]) => [type, Object.keys(byName).length]));
      const resourceCount = Object.values(resources).reduce((n, count) => n + count, 0);
      const checks = flowChecks(synthesized.json, { config, nat });
      const findings = baselineChecks(synthesized.json, { config });
      ctx.emit({ type: 'checks', kind: 'static', checks, at: Date.now() });
      ctx.emit({ type: 'checks', kind: 'baseline', checks: findings, at: Date.now() });
      return { workdir, files, resourceCount, resources, nat, checks, findings };
    },
    (r) => `${r.resourceCount} resources in ${join(r.workdir, PROJECT_FILE)}`,
  );
}

/** The environment terraform runs in: no update checks; with an emulator, only dummy credentials. */
export function terraformEnv(env: NodeJS.ProcessEnv, endpoint: string | undefined): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  if (!endpoint) return base;
  // Real credentials must never travel to an emulator; the provider block has dummy ones too.
  const { AWS_PROFILE: _p, AWS_SESSION_TOKEN: _t, AWS_SECURITY_TOKEN: _s, ...rest } = base;
  return { ...rest, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_EC2_METADATA_DISABLED: 'true' };
}

async function terraformIn(workdir: string, endpoint: string | undefined, ctx: EngineContext): Promise<{ runner: TerraformRunner; binary: TerraformBinary }> {
  const env = terraformEnv(ctx.env, endpoint);
  const binary = await findTerraform({ explicit: ctx.terraformBin, env });
  const runner = new TerraformRunner({
    bin: binary.bin,
    cwd: workdir,
    env,
    onEvent: (event) => ctx.emit({ type: 'terraform', event, at: Date.now() }),
  });
  return { runner, binary };
}

/** Check that terraform can be found before anything is written (exit 1 with how to install it). */
export async function ensureTerraform(ctx: EngineContext): Promise<TerraformBinary> {
  return findTerraform({ explicit: ctx.terraformBin, env: terraformEnv(ctx.env, undefined) });
}

async function initAndPlan(runner: TerraformRunner, workdir: string, ctx: EngineContext, preflight: Promise<unknown>, destroy = false): Promise<PlanResult> {
  try {
    await step(ctx, 'init', () => runner.init({ pluginDir: ctx.pluginDir }));
  } catch (error) {
    // An init that failed for a reason the preflight names (the state bucket missing, the
    // credentials expired) is told by the preflight, with the fix; otherwise by terraform.
    await preflight;
    throw error;
  }
  // A plan changes nothing, so it may start while the preflight finishes; a failed preflight
  // stops it (one graceful interrupt) and is what the user hears about.
  const planning = step(
    ctx,
    'plan',
    () => runner.plan({ out: join(workdir, PLAN_FILE), destroy }),
    (p) => (p.changes ? `+${p.summary.add} ~${p.summary.change} -${p.summary.destroy}` : 'no changes'),
  );
  planning.catch(() => undefined);
  try {
    await preflight;
  } catch (error) {
    runner.interrupt();
    await planning.catch(() => undefined);
    await rm(join(workdir, PLAN_FILE), { force: true });
    throw error;
  }
  return planning;
}

async function withRunner<T>(ctx: EngineContext, runner: TerraformRunner, work: () => Promise<T>): Promise<T> {
  ctx.onRunner?.(runner);
  try {
    return await work();
  } finally {
    ctx.onRunner?.(undefined);
  }
}

/** Synth, init and plan; changes nothing. */
export async function plan(config: NetworkConfig, ctx: EngineContext): Promise<PlanOutcome> {
  const binary = await ensureTerraform(ctx);
  const synthesized = await synth(config, ctx);
  const preflight = startPreflight(config, planNat(config), binary, ctx, 'full');
  const { runner } = await terraformIn(synthesized.workdir, config.endpoint, ctx);
  const result = await withRunner(ctx, runner, () => initAndPlan(runner, synthesized.workdir, ctx, preflight));
  await rm(join(synthesized.workdir, PLAN_FILE), { force: true });
  return { ...synthesized, plan: result.summary, changes: result.changes };
}

/** Synth, init, plan, confirm, apply the saved plan, read the outputs. */
export async function apply(config: NetworkConfig, ctx: EngineContext): Promise<ApplyOutcome> {
  const binary = await ensureTerraform(ctx);
  const synthesized = await synth(config, ctx);
  const preflight = startPreflight(config, planNat(config), binary, ctx, 'full');
  const { workdir, nat } = synthesized;
  const { runner } = await terraformIn(workdir, config.endpoint, ctx);
  return withRunner(ctx, runner, async () => {
    const planned = await initAndPlan(runner, workdir, ctx, preflight);
    const none: ChangeSummary = { add: 0, change: 0, destroy: 0 };
    let applied = none;
    if (planned.changes) {
      if (ctx.confirm && !(await ctx.confirm('Apply these changes?', planned, synthesized))) {
        await rm(join(workdir, PLAN_FILE), { force: true });
        return { config, nat, plan: planned.summary, applied: none, outputs: {}, verification: synthesized.checks, findings: synthesized.findings, workdir, cancelled: true };
      }
      applied = await step(ctx, 'apply', () => runner.apply(join(workdir, PLAN_FILE)), (s) => `${s.add} added, ${s.change} changed, ${s.destroy} destroyed`).catch(
        async (error: unknown) => {
          throw await withUntracked(error, runner, { config, nat }, workdir, ctx);
        },
      );
    } else {
      ctx.emit({ type: 'notice', level: 'info', text: 'No changes: the network already matches the configuration.', at: Date.now() });
    }
    await rm(join(workdir, PLAN_FILE), { force: true });
    // The apply already reported the outputs; only a run with nothing to apply asks terraform.
    const outputs = await step(ctx, 'outputs', async () => (planned.changes ? runner.appliedOutputs() : undefined) ?? runner.output());
    const live = await verifyApplied(runner, { config, nat }, workdir, ctx);
    return { config, nat, plan: planned.summary, applied, outputs, verification: [...synthesized.checks, ...live], findings: synthesized.findings, workdir };
  });
}

/** Preflight checks failed: nothing was changed; each check says what is wrong and the fix. */
export class PreflightError extends Error {
  override name = 'PreflightError';
  constructor(readonly failed: Check[]) {
    super(failed.map((c) => `${c.title}: ${c.detail}`).join('\n'));
  }
}

/**
 * Start the preflight (terraform's version, the credentials, the AZs, quota headroom) beside
 * init and the plan, which waits for it before it may finish. It starts after synth, which runs
 * in this process: loading the AWS SDK beside it would slow both. Rejects with PreflightError
 * before anything changes.
 */
function startPreflight(config: NetworkConfig, nat: NatPlan, terraform: TerraformBinary, ctx: EngineContext, scope: 'credentials' | 'full'): Promise<unknown> {
  const running = step(
    ctx,
    'preflight',
    async () => {
      const [{ gatherPreflight }, { preflightChecks }] = await Promise.all([import('../preflight/gather.js'), import('../preflight/checks.js')]);
      const checks = preflightChecks(await gatherPreflight({ config, nat, terraform, env: ctx.env, scope, signal: ctx.signal }));
      ctx.emit({ type: 'checks', kind: 'preflight', checks, at: Date.now() });
      const failed = checks.filter((c) => c.status === 'fail');
      if (failed.length > 0) throw new PreflightError(failed);
      return checks;
    },
    (checks) => checks.find((c) => c.id === 'preflight.credentials')?.detail ?? '',
  );
  running.catch(() => undefined); // awaited before the plan; until then a failure must not go unhandled
  return running;
}

/** Time limits (ms) of the looks for lost resources after a failed apply or a destroy: a help, not a step, so brief. */
const LOOKOUT_TIMEOUTS = { connection: 2_000, request: 5_000 };

/** Where the state file is when the workdir keeps it (no --state-bucket). */
function localState(config: NetworkConfig, workdir: string): { localFile?: string } {
  return config.stateBucket ? {} : { localFile: join(workdir, LOCAL_STATE_FILE) };
}

/**
 * A failed apply may have left resources AWS made but terraform never recorded (the answer was
 * lost): look for them, briefly and only as a help, and attach them to the error with their fix.
 */
async function withUntracked(error: unknown, runner: TerraformRunner, record: Pick<WorkdirRecord, 'config' | 'nat'>, workdir: string, ctx: EngineContext): Promise<unknown> {
  const e = error as { name?: string; interrupted?: boolean; untracked?: unknown };
  if (e?.name !== 'TerraformError' || e.interrupted) return error;
  try {
    const { untrackedResources, stateResources } = await import('../verify/live/index.js');
    const untracked = await untrackedResources({ record, stateResources: stateResources(await runner.pullState(localState(record.config, workdir))), env: ctx.env, workdir, timeouts: LOOKOUT_TIMEOUTS, signal: ctx.signal });
    if (untracked.length > 0) e.untracked = untracked;
  } catch {
    // A stop signal cut the look short: the apply's failure is told first, then the stop.
    const reason: unknown = ctx.signal?.reason;
    if (reason instanceof InterruptedError) return new InterruptedError(reason.signal, 'lookup', { cause: error });
    // AWS cannot be read now (the endpoint that failed the apply): terraform's error says enough.
  }
  return error;
}

/** The tutorial's console checklist against the live network: what the state says was made, read through the AWS SDK. */
async function verifyApplied(runner: TerraformRunner, record: Pick<WorkdirRecord, 'config' | 'nat'>, workdir: string, ctx: EngineContext): Promise<Check[]> {
  return step(
    ctx,
    'verify',
    async () => {
      const { verifyLive, stateResources } = await import('../verify/live/index.js');
      const checks = await verifyLive({ record, stateResources: stateResources(await runner.pullState(localState(record.config, workdir))), env: ctx.env, workdir, signal: ctx.signal });
      ctx.emit({ type: 'checks', kind: 'live', checks, at: Date.now() });
      return checks;
    },
    (checks) => `${checks.filter((c) => c.status === 'pass').length} of ${checks.length} checks pass`,
  );
}

/** Verify the live network of an applied workdir against what it asked for. */
export async function verify(workdir: string, ctx: EngineContext): Promise<{ record: WorkdirRecord; verification: Check[] }> {
  const record = await readWorkdir(workdir);
  const dir = workdirPath(workdir);
  await ensureTerraform(ctx);
  const { runner } = await terraformIn(dir, record.config.endpoint, ctx);
  return withRunner(ctx, runner, async () => {
    await step(ctx, 'init', () => runner.init({ pluginDir: ctx.pluginDir }));
    return { record, verification: await verifyApplied(runner, record, dir, ctx) };
  });
}

/** What a workdir says about how it was made; UsageError when it is not a net-wizard workdir. */
export async function readWorkdir(workdir: string): Promise<WorkdirRecord> {
  const dir = workdirPath(workdir);
  try {
    await access(join(dir, PROJECT_FILE));
    return JSON.parse(await readFile(join(dir, ANSWERS_RECORD), 'utf8')) as WorkdirRecord;
  } catch {
    throw new UsageError([
      {
        option: '--workdir',
        message: `"${dir}" holds no net-wizard project (no ${PROJECT_FILE} and ${ANSWERS_RECORD}); run apply first, or name the workdir it used`,
        example: '.net-wizard/my-app-dev',
      },
    ]);
  }
}

/** The terraform outputs of an applied workdir. */
export async function outputs(workdir: string, ctx: EngineContext): Promise<{ record: WorkdirRecord; outputs: Record<string, unknown> }> {
  const record = await readWorkdir(workdir);
  const dir = workdirPath(workdir);
  const { runner } = await terraformIn(dir, record.config.endpoint, ctx);
  return withRunner(ctx, runner, async () => {
    await step(ctx, 'init', () => runner.init({ pluginDir: ctx.pluginDir }));
    const values = await step(ctx, 'outputs', () => runner.output());
    return { record, outputs: values };
  });
}

/** Destroy what the workdir applied: plan the destroy, confirm, apply it. */
export async function destroy(
  workdir: string,
  ctx: EngineContext,
): Promise<{ record: WorkdirRecord; plan: ChangeSummary; destroyed: ChangeSummary; cancelled?: boolean; leftBehind: UntrackedResource[] }> {
  const record = await readWorkdir(workdir);
  const dir = workdirPath(workdir);
  const binary = await ensureTerraform(ctx);
  const preflight = startPreflight(record.config, record.nat, binary, ctx, 'credentials');
  const { runner } = await terraformIn(dir, record.config.endpoint, ctx);
  return withRunner(ctx, runner, async () => {
    const planned = await initAndPlan(runner, dir, ctx, preflight, true);
    const none: ChangeSummary = { add: 0, change: 0, destroy: 0 };
    if (!planned.changes) {
      await rm(join(dir, PLAN_FILE), { force: true });
      ctx.emit({ type: 'notice', level: 'info', text: 'Nothing to destroy.', at: Date.now() });
      return { record, plan: planned.summary, destroyed: none, leftBehind: await stillTagged(record, ctx) };
    }
    if (ctx.confirm && !(await ctx.confirm(`Destroy ${planned.summary.destroy} resources?`, planned))) {
      await rm(join(dir, PLAN_FILE), { force: true });
      return { record, plan: planned.summary, destroyed: none, cancelled: true, leftBehind: [] };
    }
    const destroyed = await step(ctx, 'destroy', () => runner.apply(join(dir, PLAN_FILE)), (s) => `${s.destroy} destroyed`);
    await rm(join(dir, PLAN_FILE), { force: true });
    return { record, plan: planned.summary, destroyed, leftBehind: await stillTagged(record, ctx) };
  });
}

/**
 * After a destroy: what AWS still holds with the network's tags (never in the state, so terraform
 * could not destroy it). A help, not a step: when AWS cannot be read it says so and finds nothing.
 */
async function stillTagged(record: WorkdirRecord, ctx: EngineContext): Promise<UntrackedResource[]> {
  try {
    const { leftAfterDestroy } = await import('../verify/live/index.js');
    const left = await leftAfterDestroy({ record, env: ctx.env, timeouts: LOOKOUT_TIMEOUTS, signal: ctx.signal });
    for (const u of left) ctx.emit({ type: 'notice', level: 'warning', text: u.fix, at: Date.now() });
    return left;
  } catch (error) {
    const reason: unknown = ctx.signal?.reason;
    if (reason instanceof InterruptedError) throw new InterruptedError(reason.signal, 'lookup');
    ctx.emit({ type: 'notice', level: 'warning', text: `Could not look for resources tagged for this network that the state did not list: ${(error as Error).message}`, at: Date.now() });
    return [];
  }
}
