/**
 * Runs terraform (or OpenTofu) in one working directory through execa, streaming its `-json`
 * UI as TerraformEvent. Knows nothing of front-ends; errors carry terraform's own text.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, delimiter, join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { ChangeSummary, Diagnostic, TerraformEvent } from '../core/terraform-events.js';
import { createLineSplitter, parseUiLine } from './json-ui.js';
import { planBackendInit } from './backend.js';
import { binaryCommand, findHeldLock, forceUnlockCommand, lockTimeoutFrom, StateLockedError } from './lock.js';

/** A terraform binary that answered `version -json`. */
export interface TerraformBinary {
  bin: string;
  version: string;
  flavor: 'terraform' | 'tofu';
}

/** The step of a run, as TerraformError reports it. */
export type TerraformStep = 'version' | 'init' | 'plan' | 'apply' | 'output' | 'show' | 'destroy';

/** A change terraform plans for one resource. */
export type PlannedChange = Extract<TerraformEvent, { type: 'planned_change' }>;

/** What a plan found. */
export interface PlanResult {
  /** true when terraform would change something (plan exit code 2). */
  changes: boolean;
  summary: ChangeSummary;
  plannedChanges: PlannedChange[];
}

/** Neither an explicit binary nor terraform/tofu on PATH could be run. */
export class TerraformNotFoundError extends Error {
  override name = 'TerraformNotFoundError';
  readonly kind = 'terraform-not-found';
}

/** A terraform step failed; the message is terraform's own error text, prefixed with the resource address. */
export class TerraformError extends Error {
  override name = 'TerraformError';
  readonly kind = 'terraform';
  constructor(
    readonly step: TerraformStep,
    /** Terraform's exit code; undefined when it was killed by a signal or never started. */
    readonly exitCode: number | undefined,
    readonly diagnostics: Diagnostic[],
    readonly stderr: string,
    /** true when the run was stopped by interrupt(). */
    readonly interrupted = false,
  ) {
    super(errorMessage(step, exitCode, diagnostics, stderr, interrupted));
  }
}

const INSTALL_HINT =
  'Install terraform (https://developer.hashicorp.com/terraform/install) or OpenTofu (https://opentofu.org/docs/intro/install/), ' +
  'or pass --terraform <path> to the binary.';

/** Finds terraform: the explicit path, else `terraform` then `tofu` on PATH; runs `<bin> version -json`. */
export async function findTerraform({
  explicit,
  env,
}: {
  explicit?: string;
  env: NodeJS.ProcessEnv;
}): Promise<TerraformBinary> {
  if (explicit) {
    const bin = explicit.includes('/') ? explicit : onPath(explicit, env);
    const found = bin && (await probe(bin, env));
    if (!found) throw new TerraformNotFoundError(`Cannot run terraform at "${explicit}". ${INSTALL_HINT}`);
    return found;
  }
  for (const name of ['terraform', 'tofu']) {
    const bin = onPath(name, env);
    const found = bin && (await probe(bin, env));
    if (found) return found;
  }
  throw new TerraformNotFoundError(`Neither terraform nor tofu was found on PATH. ${INSTALL_HINT}`);
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

async function probe(bin: string, env: NodeJS.ProcessEnv): Promise<TerraformBinary | undefined> {
  const result = await execa(bin, ['version', '-json'], { env, reject: false, stdin: 'ignore', timeout: 30_000 });
  if (result.exitCode !== 0) return undefined;
  try {
    const { terraform_version: version } = JSON.parse(result.stdout) as { terraform_version?: unknown };
    if (typeof version !== 'string') return undefined;
    // OpenTofu answers with the same JSON keys; its binary name tells them apart.
    const flavor = basename(realpathSync(bin)).includes('tofu') ? 'tofu' : 'terraform';
    return { bin, version, flavor };
  } catch {
    return undefined;
  }
}

/** One resource of the state, as `terraform show -json` lists it. */
export interface StateResource {
  /** e.g. `aws_nat_gateway.main_a`. */
  address: string;
  /** `managed` or `data`. */
  mode?: string;
  type: string;
  name: string;
  /** The resource's attributes (id, vpc_id, …). */
  values: Record<string, unknown>;
}

/** The state document of `terraform show -json`; `values` is absent while the state is empty. */
export interface StateDocument {
  format_version: string;
  terraform_version?: string;
  values?: {
    outputs?: Record<string, { value: unknown; sensitive?: boolean }>;
    root_module: { resources?: StateResource[]; child_modules?: { address?: string; resources?: StateResource[] }[] };
  };
}

/** Terraform's raw state (format 4), as `state pull` prints it and a local backend keeps it. */
export interface RawState {
  version?: number;
  terraform_version?: string;
  serial?: number;
  lineage?: string;
  outputs?: Record<string, { value: unknown; type?: unknown; sensitive?: boolean }>;
  resources?: { module?: string; mode?: string; type: string; name: string; instances?: { index_key?: string | number; attributes?: Record<string, unknown> }[] }[];
}

/** Raw state → the `show -json` shape (addresses with their instance keys, attributes as values; the outputs). */
export function stateDocumentOf(raw: RawState): StateDocument {
  const resources: StateResource[] = [];
  const children = new Map<string, StateResource[]>();
  for (const r of raw.resources ?? []) {
    for (const instance of r.instances ?? []) {
      const key = instance.index_key === undefined ? '' : typeof instance.index_key === 'number' ? `[${instance.index_key}]` : `["${instance.index_key}"]`;
      const local = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${key}`;
      const resource: StateResource = { address: r.module ? `${r.module}.${local}` : local, mode: r.mode, type: r.type, name: r.name, values: instance.attributes ?? {} };
      if (r.module) children.set(r.module, [...(children.get(r.module) ?? []), resource]);
      else resources.push(resource);
    }
  }
  const outputs = Object.entries(raw.outputs ?? {}).map(([name, o]) => [name, { value: o.value, ...(o.sensitive ? { sensitive: true } : {}) }] as const);
  if (resources.length === 0 && children.size === 0 && outputs.length === 0) return { format_version: '1.0', terraform_version: raw.terraform_version };
  return {
    format_version: '1.0',
    terraform_version: raw.terraform_version,
    values: {
      ...(outputs.length > 0 ? { outputs: Object.fromEntries(outputs) } : {}),
      root_module: { resources, child_modules: [...children].map(([address, list]) => ({ address, resources: list })) },
    },
  };
}

/** Options of a TerraformRunner. */
export interface RunnerOptions {
  /** The terraform or tofu binary (TerraformBinary.bin). */
  bin: string;
  /** The Terraform project directory. */
  cwd: string;
  /** Environment overrides on top of this process's environment (TF_CLI_CONFIG_FILE etc. pass through). */
  env?: NodeJS.ProcessEnv;
  /** Receives every event terraform reports, as it happens. */
  onEvent?: (event: TerraformEvent) => void;
  /**
   * How long plan, apply and destroy wait for a state lock another run holds (-lock-timeout).
   * @default NET_WIZARD_LOCK_TIMEOUT, else 10s: a concurrent run fails fast rather than hanging
   */
  lockTimeout?: string;
}

interface StepResult {
  exitCode: number | undefined;
  events: TerraformEvent[];
  diagnostics: Diagnostic[];
  stdout: string;
  stderr: string;
}

/** Runs terraform steps in one working directory, one at a time. */
export class TerraformRunner {
  private child: ResultPromise | undefined;
  private interrupted = false;
  private applied: Record<string, unknown> | undefined;
  private readonly lockTimeout: string;

  constructor(private readonly options: RunnerOptions) {
    this.lockTimeout = options.lockTimeout ?? lockTimeoutFrom({ ...process.env, ...options.env });
  }

  /**
   * `terraform init -input=false` (+ -plugin-dir); never contacts the registry for upgrades.
   * When the configured backend differs from the one the workdir was initialized with, adds
   * -reconfigure only where no state can be lost, and otherwise throws BackendChangeError
   * (see backend.ts) before terraform runs. `before`: a shell step that moving the state needs
   * first, put in the command the error suggests.
   */
  async init({ pluginDir, before }: { pluginDir?: string; before?: string } = {}): Promise<void> {
    const backend = await planBackendInit(this.options.cwd, { terraform: binaryCommand(this.options.bin, this.terraformEnv()), env: this.terraformEnv(), before });
    if (backend.reason) this.emit([], { type: 'diagnostic', diagnostic: { severity: 'warning', summary: `terraform init -reconfigure: ${backend.reason}`, detail: '' } });
    const args = ['init', '-input=false', '-no-color', ...(backend.reconfigure ? ['-reconfigure'] : []), ...(pluginDir ? [`-plugin-dir=${pluginDir}`] : [])];
    const r = await this.run('init', args, 'lines');
    this.check('init', r, [0]);
  }

  /** `terraform plan -json -detailed-exitcode -out=<out>` (with -destroy to plan a destroy). */
  async plan({ out, destroy = false }: { out: string; destroy?: boolean }): Promise<PlanResult> {
    const args = ['plan', '-json', '-input=false', '-detailed-exitcode', `-lock-timeout=${this.lockTimeout}`, `-out=${out}`, ...(destroy ? ['-destroy'] : [])];
    const r = await this.run('plan', args, 'json');
    this.check('plan', r, [0, 2]);
    return {
      changes: r.exitCode === 2,
      summary: lastSummary(r.events),
      plannedChanges: r.events.filter((e): e is PlannedChange => e.type === 'planned_change'),
    };
  }

  /** `terraform apply -json <planFile>`; returns the apply's counts. */
  async apply(planFile: string): Promise<ChangeSummary> {
    const r = await this.run('apply', ['apply', '-json', '-input=false', `-lock-timeout=${this.lockTimeout}`, planFile], 'json');
    this.check('apply', r, [0]);
    this.applied = outputsOf(r.events);
    return lastSummary(r.events);
  }

  /**
   * The outputs the last apply reported (values only), so that a caller need not run
   * `terraform output` again; undefined when it reported none or some were sensitive.
   */
  appliedOutputs(): Record<string, unknown> | undefined {
    return this.applied;
  }

  /** `terraform output -json`, values only. */
  async output(): Promise<Record<string, unknown>> {
    const r = await this.run('output', ['output', '-json'], 'buffer');
    this.check('output', r, [0]);
    const raw = JSON.parse(r.stdout || '{}') as Record<string, { value?: unknown }>;
    return Object.fromEntries(Object.entries(raw).map(([name, o]) => [name, o.value]));
  }

  /** `terraform show -json` (no plan file): the current state document. */
  async show(): Promise<StateDocument> {
    const r = await this.run('show', ['show', '-json', '-no-color'], 'buffer');
    this.check('show', r, [0]);
    return JSON.parse(r.stdout || '{}') as StateDocument;
  }

  /**
   * The current state through `terraform state pull` (any backend), in the shape of `show -json`.
   * Unlike `show`, it starts no provider: seconds faster with the AWS provider. `localFile`: the
   * state file of a local backend, read directly when it exists.
   */
  async pullState(options: { localFile?: string } = {}): Promise<StateDocument> {
    // A local backend's state is a file terraform writes whole when a run ends; with no run going,
    // reading it is what `state pull` does, without starting terraform (half a second).
    if (options.localFile && !this.child) {
      const text = await readFile(options.localFile, 'utf8').catch(() => undefined);
      if (text !== undefined) return stateDocumentOf(JSON.parse(text) as RawState);
    }
    const r = await this.run('show', ['state', 'pull'], 'buffer');
    this.check('show', r, [0]);
    return stateDocumentOf(JSON.parse(r.stdout || '{}') as RawState);
  }

  /** `terraform destroy -json -auto-approve`; returns the destroy's counts. */
  async destroy(): Promise<ChangeSummary> {
    const r = await this.run('destroy', ['destroy', '-json', '-input=false', '-auto-approve', `-lock-timeout=${this.lockTimeout}`], 'json');
    this.check('destroy', r, [0]);
    return lastSummary(r.events);
  }

  /**
   * Stops terraform gracefully: one SIGINT to the running child, never a second (a second one
   * makes terraform quit at once and may lose state). Terraform runs in a process group of its
   * own, so a terminal's Ctrl-C reaches only net-wizard, and this is the one interrupt terraform
   * gets. No later step starts. Returns true when this call sent the signal.
   */
  interrupt(): boolean {
    if (this.interrupted) return false;
    this.interrupted = true;
    if (!this.child) return false;
    return this.child.kill('SIGINT');
  }

  /** The user's explicit choice to stop at once: a second SIGINT, which makes terraform exit now. */
  abort(): boolean {
    if (!this.interrupted) return this.interrupt();
    return this.child ? this.child.kill('SIGINT') : false;
  }

  /** Whether a terraform process is running now (a step is under way). */
  get running(): boolean {
    return this.child !== undefined;
  }

  private check(step: TerraformStep, r: StepResult, okCodes: number[]): void {
    if (r.exitCode === undefined || !okCodes.includes(r.exitCode)) {
      // Another run holds the state lock: say who, and how to release it (never done here).
      const lock = this.interrupted ? undefined : findHeldLock(r.diagnostics, r.stderr);
      if (lock) {
        const unlock = forceUnlockCommand(lock, this.options.cwd, binaryCommand(this.options.bin, this.terraformEnv()));
        throw new StateLockedError(step, lock, unlock, this.lockTimeout);
      }
      throw new TerraformError(step, r.exitCode, r.diagnostics, r.stderr, this.interrupted);
    }
  }

  /** The environment terraform runs in (for PATH and TF_DATA_DIR). */
  private terraformEnv(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.options.env };
  }

  private async run(step: TerraformStep, args: string[], stdout: 'json' | 'lines' | 'buffer'): Promise<StepResult> {
    if (this.interrupted) throw new TerraformError(step, undefined, [], '', true);
    if (this.child) throw new Error(`terraform ${step}: another terraform step is still running in ${this.options.cwd}`);
    const events: TerraformEvent[] = [];
    const diagnostics: Diagnostic[] = [];
    let parseError: unknown;

    const child = execa(this.options.bin, args, {
      cwd: this.options.cwd,
      // No upgrade check (a network call); the caller may turn it back on.
      env: { CHECKPOINT_DISABLE: '1', ...this.options.env, TF_IN_AUTOMATION: '1' },
      stdin: 'ignore',
      // A process group of its own: a terminal's Ctrl-C must not reach terraform directly, so
      // that it gets exactly the one interrupt net-wizard forwards (see interrupt()).
      detached: true,
      reject: false,
      buffer: { stdout: stdout === 'buffer', stderr: true },
    });
    this.child = child;
    // If this process ends while terraform runs (an uncaught error, a process.exit elsewhere),
    // terraform must not outlive it: being in a group of its own, nothing else would stop it.
    const stopGroup = child.pid === undefined ? undefined : groupKiller(child.pid);
    if (stopGroup) process.on('exit', stopGroup);

    const splitter = createLineSplitter((line) => {
      if (stdout === 'lines') {
        if (line.trim()) this.emit(events, { type: 'log', level: 'info', message: line });
        return;
      }
      let event: TerraformEvent | undefined;
      try {
        event = parseUiLine(line);
      } catch (error) {
        // An output format we cannot read: stop terraform before it changes anything.
        parseError ??= error;
        this.interrupt();
      }
      if (!event) return;
      if (event.type === 'diagnostic') diagnostics.push(event.diagnostic);
      this.emit(events, event);
    });
    if (stdout !== 'buffer') {
      child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk));
      child.stdout?.on('end', () => splitter.end());
    }

    try {
      const result = await child;
      if (parseError) throw parseError;
      return {
        exitCode: result.exitCode,
        events,
        diagnostics,
        stdout: typeof result.stdout === 'string' ? result.stdout : '',
        // When terraform never ran or died of a signal, execa's own message says so.
        stderr: (typeof result.stderr === 'string' && result.stderr) || (result.exitCode === undefined ? (result.shortMessage ?? '') : ''),
      };
    } finally {
      this.child = undefined;
      if (stopGroup) process.off('exit', stopGroup);
    }
  }

  private emit(events: TerraformEvent[], event: TerraformEvent): void {
    events.push(event);
    this.options.onEvent?.(event);
  }
}

/**
 * The hook that ends terraform's process group (terraform, its provider plugins, provisioners)
 * when this process exits while terraform runs. SIGKILL, not SIGTERM: terraform would answer
 * SIGTERM with a graceful stop, but that stop cannot happen once this process is gone, because
 * terraform's stdout and stderr are pipes into it: the first line terraform writes after the
 * signal (it announces the interrupt at once) kills it with SIGPIPE, in the middle of whatever it
 * was doing (measured with terraform 1.11: dead of SIGPIPE within milliseconds, before writing
 * the state). A graceful stop is what the signal handlers do while this process lives (see
 * interrupt()). SIGKILL ends the whole group at once and the same way every time: what terraform
 * persisted is in the state; a local state's lock dies with the process that held it; an S3
 * lock stays and is reported, with its force-unlock command, by the next run.
 */
function groupKiller(pid: number): () => void {
  return () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group has already gone.
    }
  };
}

function outputsOf(events: TerraformEvent[]): Record<string, unknown> | undefined {
  const reported = events.filter((e) => e.type === 'outputs').at(-1);
  if (!reported || Object.values(reported.outputs).some((o) => o.sensitive)) return undefined;
  return Object.fromEntries(Object.entries(reported.outputs).map(([name, o]) => [name, o.value]));
}

function lastSummary(events: TerraformEvent[]): ChangeSummary {
  const summaries = events.filter((e) => e.type === 'change_summary');
  return summaries.at(-1)?.summary ?? { add: 0, change: 0, destroy: 0 };
}

/** Terraform's error diagnostics as `<address>: <summary>` + detail; else its plain-text stderr. */
function errorMessage(
  step: TerraformStep,
  exitCode: number | undefined,
  diagnostics: Diagnostic[],
  stderr: string,
  interrupted: boolean,
): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const texts = errors.map((d) => [d.address ? `${d.address}: ${d.summary}` : d.summary, d.detail].filter(Boolean).join('\n'));
    // Terraform repeats some errors (e.g. "execution halted" once per graph walk).
    return [...new Set(texts)].join('\n\n');
  }
  // Plain-text errors (init): start at terraform's "Error:" so CLI-config warnings before it do not bury it.
  const at = stderr.search(/^(│ )?Error: /m);
  const text = (at >= 0 ? stderr.slice(at) : stderr).trim();
  if (text) return text;
  if (interrupted) return `terraform ${step} was interrupted; state is kept`;
  return `terraform ${step} failed${exitCode === undefined ? '' : ` with exit code ${exitCode}`}`;
}
