/**
 * The engine: a validated configuration through synth, terraform init/plan/apply, and back out as
 * outputs. Emits RunEvents and returns results; knows nothing of how they are shown.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { NetworkConfig, Origin } from '../core/config.js';
import { failureKind, InterruptedError, UsageError } from '../core/errors.js';
import type { NatPlan } from '../core/nat-plan.js';
import type { Attachment } from './attach.js';
import type { ExistingVpc } from '../core/existing-vpc.js';
import type { RunEvent } from '../core/run-events.js';
import { step } from './step.js';
import { compareTarget, recordedConflicts, targetMismatch, type Target, type WorkdirRecord } from '../core/workdir-record.js';
import type { PreflightFacts } from '../preflight/checks.js';
import { stateLocation, type BackendSetting } from '../terraform/backend.js';
import { LOCAL_STATE_FILE } from '../core/workdir-record.js';
import type { ChangeSummary } from '../core/terraform-events.js';
import { findTerraform, TerraformRunner, type PlanResult, type StateDocument, type TerraformBinary } from '../terraform/runner.js';
import { readLocalState, stateOutputs } from '../terraform/state-file.js';
import { PROJECT_FILE, synthesizeStack } from '../synth/synth.js';
import { VERSION } from '../version.js';
import { installProposal, NEXT_DIR, openWorkdir, promoteProposal, restoreApplied, restoreAppliedSync, stateVpcId, writeProject, writeRecord, type Workdir } from './workdir.js';
import { readTerraformNetwork } from '../network/from-terraform.js';
import { baselineChecks } from '../verify/analysis/baseline.js';
import { flowChecks } from '../verify/analysis/flows.js';
import type { UntrackedResource } from '../verify/live/untracked.js';
import type { Check } from '../core/checks.js';
import { resourceNames } from '../core/resource-words.js';
import { layoutNetwork, type DiagramLayout } from '../network/diagram/index.js';

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

/** How a run is built beyond its configuration and NAT plan: the existing VPC it attaches to, if any. */
export interface RunOptions {
  attachment?: Attachment;
}

/** The result of `synth`. */
export interface SynthResult {
  /** The configuration synthesized (with an existing VPC: its AZs and CIDR). */
  config?: NetworkConfig;
  /** The existing VPC attached to, as found: its subnets, their class and why. */
  existing?: ExistingVpc;
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
  /** Name tags by terraform address, for the progress's plain words. */
  names?: Record<string, string>;
  /** The network laid out for its picture (the review's diagram). */
  diagram?: DiagramLayout;
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
  /** The existing VPC attached to (--vpc-id), as found. */
  existing?: ExistingVpc;
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

export { STOPPED } from './step.js';

/** The workdir of a configuration as an absolute path. */
export function workdirPath(workdir: string): string {
  return resolve(workdir);
}

/**
 * Synthesize the stack and write the Terraform project into the workdir (beside the applied one,
 * once it holds a network). `nat` is the run's NAT plan of `config`, planned once by the caller.
 */
export async function synth(config: NetworkConfig, nat: NatPlan, ctx: EngineContext, options: { hcl?: boolean } & RunOptions = {}): Promise<SynthResult> {
  return withWorkdir(config.workdir, 'synth', ctx, {}, async (wd) => (await synthInto(wd, config, nat, ctx, options)).result);
}

/** One run in a workdir: opened (ours, or new), locked for the run, and left with the applied project in place. */
async function withWorkdir<T>(dir: string, command: string, ctx: EngineContext, options: { mustExist?: boolean }, work: (wd: Workdir) => Promise<T>): Promise<T> {
  const wd = await openWorkdir(dir, command, options);
  // A process that leaves without unwinding (a signal, a crash) still puts the applied project back.
  const heal = () => restoreAppliedSync(wd.path);
  process.on('exit', heal);
  try {
    for (const text of wd.notices) ctx.emit({ type: 'notice', level: 'warning', text, at: Date.now() });
    return await work(wd);
  } finally {
    process.off('exit', heal);
    await restoreApplied(wd.path).catch(() => undefined);
    await rm(wd.planFile, { force: true }).catch(() => undefined);
    wd.release();
  }
}

/** Synthesize into an open workdir; also returns the project's text, for terraform. */
async function synthInto(wd: Workdir, config: NetworkConfig, nat: NatPlan, ctx: EngineContext, options: { hcl?: boolean; accountId?: string } & RunOptions): Promise<{ result: SynthResult; project: string }> {
  const accountId = options.accountId ?? (wd.bound?.accountId || undefined);
  const existing = options.attachment?.existing;
  sameVpc(wd, config);
  return step(
    ctx,
    'synth',
    async () => {
      const synthesized = await synthesizeStack(config, nat, { hcl: options.hcl, accountId, existing });
      const record: WorkdirRecord = { tool: 'net-wizard', version: VERSION, config, nat, ...(existing ? { existing } : {}) };
      const into = wd.bound ? 'next' : 'root';
      const files = await writeProject(wd, synthesized, record, into);
      const bound = wd.bound;
      if (bound && (bound.region !== config.region || bound.endpoint !== (config.endpoint ?? null))) {
        const at = (region: string, endpoint: string | null) => `${region}${endpoint ? ` at ${endpoint}` : ' on real AWS'}`;
        ctx.emit({
          type: 'notice',
          level: 'warning',
          text: `This project is for ${at(config.region, config.endpoint ?? null)}, but the workdir's network is in ${at(bound.region, bound.endpoint)}: plan and apply of it here will be refused. Give it a workdir of its own (--workdir).`,
          at: Date.now(),
        });
      }
      if (into === 'next') {
        ctx.emit({
          type: 'notice',
          level: 'info',
          // A workdir whose apply was stopped or failed holds a part of a network, not an applied one: say which.
          text: wd.record?.appliedAt
            ? `${wd.path} holds an applied network; the new project waits in ${join(wd.path, NEXT_DIR)} until an apply goes through (destroy, verify and outputs act on the applied one).`
            : `${wd.path} holds a network an earlier apply began and did not finish; the new project waits in ${join(wd.path, NEXT_DIR)} until an apply goes through (destroy acts on what the state holds).`,
          at: Date.now(),
        });
      }
      const resources = Object.fromEntries(Object.entries(synthesized.json.resource).map(([type, byName]) => [type, Object.keys(byName).length]));
      const resourceCount = Object.values(resources).reduce((n, count) => n + count, 0);
      const network = readTerraformNetwork(synthesized.json, { base: options.attachment?.base });
      const checks = flowChecks(network, { config, nat });
      const findings = baselineChecks(network, { config });
      ctx.emit({ type: 'checks', kind: 'static', checks, at: Date.now() });
      ctx.emit({ type: 'checks', kind: 'baseline', checks: findings, at: Date.now() });
      return { result: { config, ...(existing ? { existing } : {}), workdir: wd.path, files, resourceCount, resources, nat, checks, findings, names: resourceNames(synthesized.json), diagram: layoutNetwork(network, { tasksSubnet: config.tasksSubnet }) }, project: `${JSON.stringify(synthesized.json, null, 2)}\n` };
    },
    (r) => `${r.result.resourceCount} resources in ${r.result.files[0]}`,
  );
}

/**
 * A workdir holds one network: one that net-wizard built in a VPC of its own, or one attached to
 * one existing VPC. A run that would move it (to another VPC, from a VPC of its own to an
 * existing one, or back) would destroy what it holds: refused (exit 2) before anything is written.
 */
function sameVpc(wd: Workdir, config: NetworkConfig): void {
  const record = wd.record;
  if (!wd.bound || !record) return;
  const was = record.config.vpcId;
  if (was === config.vpcId) return;
  const words = (vpcId: string | undefined) => (vpcId ? `attached to the existing VPC ${vpcId}` : 'in a VPC of its own, which net-wizard built');
  throw new UsageError([
    {
      option: '--vpc-id',
      message: `the workdir ${wd.path} holds a network ${words(was)}; this run asks for one ${words(config.vpcId)}. Applying it here would destroy what the workdir holds. Give this network a workdir of its own (--workdir .net-wizard/<name>), or run with ${was ? `--vpc-id ${was}` : 'no --vpc-id'}`,
    },
  ]);
}

/** What a run is bound to once it applies: where its network lives. */
function targetOf(config: NetworkConfig, accountId: string): Target {
  const backend: BackendSetting = config.stateBucket
    ? { type: 's3', config: { bucket: config.stateBucket, key: config.stateKey ?? null, region: config.stateRegion ?? config.region } }
    : { type: 'local', config: { path: LOCAL_STATE_FILE } };
  return { accountId, region: config.region, endpoint: config.endpoint ?? null, project: config.project, env: config.env, backend: stateLocation(backend), since: new Date().toISOString() };
}

/**
 * Who the credentials are, and whether this run aims at the workdir's network: the account id
 * (STS) and the region decide, and with an emulator the endpoint, unless the workdir's VPC answers
 * at the new one. A mismatch is refused (exit 2) before terraform runs; credentials STS refuses
 * stop the run with the preflight's fix.
 */
async function checkTarget(wd: Workdir, config: NetworkConfig, binary: TerraformBinary | (() => Promise<TerraformBinary>), ctx: EngineContext): Promise<{ identity: Extract<PreflightFacts['identity'], { account: string }>; moved?: string }> {
  const { identify } = await import('../preflight/gather.js');
  const identity = await identify({ config, env: ctx.env, signal: ctx.signal });
  if ('error' in identity) {
    const { preflightChecks } = await import('../preflight/checks.js');
    const terraform = typeof binary === 'function' ? await binary() : binary;
    const checks = preflightChecks({ terraform, region: config.region, azs: config.azs, identity, profile: config.endpoint ? undefined : ctx.env.AWS_PROFILE, endpoint: config.endpoint });
    throw new PreflightError(checks.filter((c) => c.status === 'fail'));
  }
  if (!wd.bound) return { identity };
  const now = { accountId: identity.account, region: config.region, endpoint: config.endpoint ?? null };
  const vpcId = (await stateVpcId(wd.path)) ?? wd.record?.existing?.id;
  let verdict = compareTarget(wd.bound, now, { vpcId });
  if (verdict.same === 'ask') {
    const { vpcExists } = await import('../aws/client.js');
    const vpcThere = await vpcExists({ region: config.region, endpoint: config.endpoint, env: ctx.env, timeouts: { connection: 3_000, request: 10_000 }, signal: ctx.signal }, verdict.vpcId);
    verdict = compareTarget(wd.bound, now, { vpcId, vpcThere });
  }
  if (verdict.same === false) throw targetMismatch(wd.path, wd.bound, now, verdict.differences, vpcId);
  if (verdict.same === true && verdict.moved) {
    ctx.emit({ type: 'notice', level: 'info', text: `The workdir's VPC ${vpcId} answers at ${verdict.moved} (account ${identity.account}, ${config.region}): the same network at another address; the workdir follows it there.`, at: Date.now() });
    return { identity, moved: verdict.moved };
  }
  return { identity };
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

async function initAndPlan(runner: TerraformRunner, wd: Workdir, ctx: EngineContext, preflight: Promise<unknown>, destroy = false): Promise<PlanResult> {
  // A bound workdir's root holds the applied project again once this run ends: moving its state
  // by hand to where the new one keeps it starts with putting the new one in place.
  const before = wd.bound && !destroy ? `cp ${join(NEXT_DIR, PROJECT_FILE)} ${PROJECT_FILE}` : undefined;
  try {
    await step(ctx, 'init', () => runner.init({ pluginDir: ctx.pluginDir, before }));
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
    () => runner.plan({ out: wd.planFile, destroy }),
    (p) => (p.changes ? `${p.summary.import ? `←${p.summary.import} ` : ''}+${p.summary.add} ~${p.summary.change} -${p.summary.destroy}` : 'no changes'),
  );
  planning.catch(() => undefined);
  try {
    await preflight;
  } catch (error) {
    runner.interrupt();
    await planning.catch(() => undefined);
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

/**
 * The start of plan and apply: the target checked against the workdir's binding, the project
 * synthesized (beside the applied one, and put in the root for terraform while this run holds the
 * workdir), the preflight started.
 */
async function prepare(wd: Workdir, config: NetworkConfig, nat: NatPlan, binary: TerraformBinary, ctx: EngineContext, options: RunOptions) {
  sameVpc(wd, config);
  const { identity, moved } = await checkTarget(wd, config, binary, ctx);
  const { result: synthesized, project } = await synthInto(wd, config, nat, ctx, { accountId: identity.account, ...options });
  if (wd.bound) await installProposal(wd, project);
  const adopted = (options.attachment?.existing?.adopted ?? []).map((a) => a.awsId);
  const preflight = startPreflight(config, nat, binary, ctx, 'full', identity, adopted);
  const { runner } = await terraformIn(wd.path, config.endpoint, ctx);
  return { identity, moved, synthesized, preflight, runner };
}

/** Synth, init and plan; changes nothing (an applied workdir keeps its applied project and record). */
export async function plan(config: NetworkConfig, nat: NatPlan, ctx: EngineContext, options: RunOptions = {}): Promise<PlanOutcome> {
  return withWorkdir(config.workdir, 'plan', ctx, {}, async (wd) => {
    const binary = await ensureTerraform(ctx);
    const { synthesized, preflight, runner } = await prepare(wd, config, nat, binary, ctx, options);
    const result = await withRunner(ctx, runner, () => initAndPlan(runner, wd, ctx, preflight));
    return { ...synthesized, plan: result.summary, changes: result.changes };
  });
}

/**
 * Synth, init, plan, confirm, apply the saved plan, read the outputs, verify. The workdir is bound
 * to the run's target before terraform may create anything; its record becomes the new answers
 * only once the apply went through (a cancelled or failed apply leaves it as it was).
 */
export async function apply(config: NetworkConfig, nat: NatPlan, ctx: EngineContext, options: RunOptions = {}): Promise<ApplyOutcome> {
  return withWorkdir(config.workdir, 'apply', ctx, {}, async (wd) => {
    const binary = await ensureTerraform(ctx);
    const { identity, moved, synthesized, preflight, runner } = await prepare(wd, config, nat, binary, ctx, options);
    const workdir = wd.path;
    const existing = options.attachment?.existing;
    const attached = existing ? { existing } : {};
    return withRunner(ctx, runner, async () => {
      const planned = await initAndPlan(runner, wd, ctx, preflight);
      const none: ChangeSummary = { add: 0, change: 0, destroy: 0 };
      let applied = none;
      const target = { ...(wd.record?.target ?? targetOf(config, identity.account)), ...(moved ? { endpoint: moved } : {}) };
      if (planned.changes) {
        if (ctx.confirm && !(await ctx.confirm('Apply these changes?', planned, synthesized))) {
          return { config, nat, ...attached, plan: planned.summary, applied: none, outputs: {}, verification: synthesized.checks, findings: synthesized.findings, workdir, cancelled: true };
        }
        // From here terraform may create resources: the workdir is bound to where they are.
        if (!wd.record?.target) await writeRecord(wd, { ...(wd.bound && wd.record ? wd.record : { tool: 'net-wizard', version: VERSION, config, nat, ...attached }), target });
        applied = await step(ctx, 'apply', () => runner.apply(wd.planFile), (s) => `${s.add} added, ${s.change} changed, ${s.destroy} destroyed`).catch(
          async (error: unknown) => {
            throw await withUntracked(error, runner, { config, nat, ...attached }, workdir, ctx);
          },
        );
      } else {
        ctx.emit({ type: 'notice', level: 'info', text: 'No changes: the network already matches the configuration.', at: Date.now() });
      }
      // The apply went through: the new project and its answers are the workdir's now.
      const backend = targetOf(config, identity.account).backend;
      await promoteProposal(wd, { tool: 'net-wizard', version: VERSION, config, nat, ...attached, target: { ...target, backend }, appliedAt: new Date().toISOString() });
      // The apply already reported the outputs; only a run with nothing to apply asks terraform.
      const outputs = await step(ctx, 'outputs', async () => (planned.changes ? runner.appliedOutputs() : undefined) ?? runner.output());
      const live = await verifyApplied(() => runner.pullState(localState(config, workdir)), { config, nat, ...attached }, workdir, ctx);
      return { config, nat, ...attached, plan: planned.summary, applied, outputs, verification: [...synthesized.checks, ...live], findings: synthesized.findings, workdir };
    });
  });
}

/** Preflight checks failed: nothing was changed; each check says what is wrong and the fix. */
export class PreflightError extends Error {
  override name = 'PreflightError';
  readonly kind = 'preflight';
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
function startPreflight(config: NetworkConfig, nat: NatPlan, terraform: TerraformBinary, ctx: EngineContext, scope: 'credentials' | 'full', identity?: PreflightFacts['identity'], adopted: string[] = []): Promise<unknown> {
  const running = step(
    ctx,
    'preflight',
    async () => {
      const [{ gatherPreflight }, { preflightChecks }] = await Promise.all([import('../preflight/gather.js'), import('../preflight/checks.js')]);
      const checks = preflightChecks(await gatherPreflight({ config, nat, terraform, env: ctx.env, scope, identity, adopted, signal: ctx.signal }));
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
async function withUntracked(error: unknown, runner: TerraformRunner, record: Pick<WorkdirRecord, 'config' | 'nat' | 'existing'>, workdir: string, ctx: EngineContext): Promise<unknown> {
  const e = error as { name?: string; interrupted?: boolean; untracked?: unknown; place?: unknown };
  if (failureKind(error) !== 'terraform' || e.interrupted) return error;
  e.place = { region: record.config.region, endpoint: record.config.endpoint }; // for the AWS CLI commands of the advice
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
async function verifyApplied(state: () => Promise<StateDocument>, record: Pick<WorkdirRecord, 'config' | 'nat' | 'existing'>, workdir: string, ctx: EngineContext): Promise<Check[]> {
  return step(
    ctx,
    'verify',
    async () => {
      const [{ verifyLive, stateResources }, doc] = await Promise.all([import('../verify/live/index.js'), state()]);
      const checks = await verifyLive({ record, stateResources: stateResources(doc), env: ctx.env, workdir, signal: ctx.signal });
      ctx.emit({ type: 'checks', kind: 'live', checks, at: Date.now() });
      return checks;
    },
    (checks) => `${checks.filter((c) => c.status === 'pass').length} of ${checks.length} checks pass`,
  );
}

/** The answers given to verify, outputs or destroy: each must agree with the recorded one (the contract). */
export interface GivenAnswers {
  given: Partial<NetworkConfig>;
  origin: Origin;
}

/** Open an applied workdir for a command that acts on its network as recorded. */
async function recorded<T>(workdir: string, command: string, ctx: EngineContext, given: GivenAnswers | undefined, work: (wd: Workdir, record: WorkdirRecord) => Promise<T>): Promise<T> {
  return withWorkdir(workdir, command, ctx, { mustExist: true }, async (wd) => {
    const record = wd.record!;
    const problems = given ? recordedConflicts(record, given.given, given.origin, command) : [];
    if (problems.length > 0) throw new UsageError(problems);
    return work(wd, record);
  });
}

/** Verify the live network of an applied workdir against what it asked for. */
export async function verify(workdir: string, ctx: EngineContext, given?: GivenAnswers): Promise<{ record: WorkdirRecord; verification: Check[] }> {
  return recorded(workdir, 'verify', ctx, given, async (wd, record) => {
    // A state the workdir keeps is read from its file: no terraform init, no terraform at all.
    const local = await readLocalState(wd.path, terraformEnv(ctx.env, record.config.endpoint));
    if ('state' in local) {
      // terraform is not needed, but a binary given with --terraform that does not run is still refused.
      if (ctx.terraformBin) await ensureTerraform(ctx);
      // The live reads' code (most of it the SDK's EC2 client) loads while STS answers.
      for (const loading of [import('../verify/live/index.js'), import('../aws/sdk/ec2.js')]) loading.catch(() => undefined);
      await checkTarget(wd, record.config, () => ensureTerraform(ctx), ctx);
      return { record, verification: await verifyApplied(async () => local.state, record, wd.path, ctx) };
    }
    const binary = await ensureTerraform(ctx);
    await checkTarget(wd, record.config, binary, ctx);
    const { runner } = await terraformIn(wd.path, record.config.endpoint, ctx);
    return withRunner(ctx, runner, async () => {
      await step(ctx, 'init', () => runner.init({ pluginDir: ctx.pluginDir }));
      return { record, verification: await verifyApplied(() => runner.pullState(localState(record.config, wd.path)), record, wd.path, ctx) };
    });
  });
}

/** The terraform outputs of an applied workdir. */
export async function outputs(workdir: string, ctx: EngineContext, given?: GivenAnswers): Promise<{ record: WorkdirRecord; outputs: Record<string, unknown> }> {
  return recorded(workdir, 'outputs', ctx, given, async (wd, record) => {
    const local = await readLocalState(wd.path, terraformEnv(ctx.env, record.config.endpoint));
    if ('state' in local) {
      if (ctx.terraformBin) await ensureTerraform(ctx); // as verify
      return { record, outputs: await step(ctx, 'outputs', async () => stateOutputs(local.state)) };
    }
    const binary = await ensureTerraform(ctx);
    // A local state is read from the workdir; a state in S3 is read with the credentials, which must be the network's.
    if (record.config.stateBucket) await checkTarget(wd, record.config, binary, ctx);
    const { runner } = await terraformIn(wd.path, record.config.endpoint, ctx);
    return withRunner(ctx, runner, async () => {
      await step(ctx, 'init', () => runner.init({ pluginDir: ctx.pluginDir }));
      const values = await step(ctx, 'outputs', () => runner.output());
      return { record, outputs: values };
    });
  });
}

/** Destroy what the workdir applied: plan the destroy, confirm, apply it. */
export async function destroy(
  workdir: string,
  ctx: EngineContext,
  given?: GivenAnswers,
): Promise<{ record: WorkdirRecord; plan: ChangeSummary; destroyed: ChangeSummary; cancelled?: boolean; leftBehind: UntrackedResource[] }> {
  return recorded(workdir, 'destroy', ctx, given, async (wd, record) => {
    const binary = await ensureTerraform(ctx);
    const { identity } = await checkTarget(wd, record.config, binary, ctx);
    const preflight = startPreflight(record.config, record.nat, binary, ctx, 'credentials', identity);
    const { runner } = await terraformIn(wd.path, record.config.endpoint, ctx);
    return withRunner(ctx, runner, async () => {
      const planned = await initAndPlan(runner, wd, ctx, preflight, true);
      const none: ChangeSummary = { add: 0, change: 0, destroy: 0 };
      if (!planned.changes) {
        ctx.emit({ type: 'notice', level: 'info', text: 'Nothing to destroy.', at: Date.now() });
        return { record, plan: planned.summary, destroyed: none, leftBehind: await stillTagged(record, ctx) };
      }
      if (ctx.confirm && !(await ctx.confirm(`Destroy ${planned.summary.destroy} resources?`, planned))) {
        return { record, plan: planned.summary, destroyed: none, cancelled: true, leftBehind: [] };
      }
      const destroyed = await step(ctx, 'destroy', () => runner.apply(wd.planFile), (s) => `${s.destroy} destroyed`);
      return { record, plan: planned.summary, destroyed, leftBehind: await stillTagged(record, ctx) };
    });
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
