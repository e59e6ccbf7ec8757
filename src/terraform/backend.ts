/**
 * Where a workdir's state is kept, and what `terraform init` may do when that changes. Terraform
 * remembers the backend it was initialized with in `.terraform/terraform.tfstate`; when the
 * configuration names another one, a plain `init` stops ("Backend configuration changed"),
 * `init -reconfigure` forgets the old state (the next plan would create everything again) and
 * `init -migrate-state` copies it, asking first. A careful tool never drops a state silently:
 *
 * - the same state, reached differently (another emulator port, encryption, locking): reconfigure;
 * - from the workdir to elsewhere, with nothing in the workdir's state yet: reconfigure;
 * - anything else: refuse, and say how to keep the state where it is or how to move it.
 */
import { LOCAL_STATE_FILE } from '../core/workdir-record.js';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { shellQuote } from '../core/shell.js';

/** A backend block: its type and settings (unset settings as null, as terraform records them). */
export interface BackendSetting {
  type: string;
  config: Record<string, unknown>;
}

/** What `terraform init` needs to be told. */
export interface BackendInit {
  /** Pass -reconfigure: the saved backend differs, and nothing can be lost by forgetting it. */
  reconfigure: boolean;
  /** Why, in words, when reconfiguring. */
  reason?: string;
}

/** The state would be dropped or left behind: the user chooses (keep it where it is, or move it). */
export class BackendChangeError extends Error {
  override name = 'BackendChangeError';
  readonly kind = 'backend-change';
  constructor(
    message: string,
    /** Where the state is now, and where the configuration would keep it. */
    readonly from: string,
    readonly to: string,
  ) {
    super(message);
  }
}

const LOCAL: BackendSetting = { type: 'local', config: { path: LOCAL_STATE_FILE } };

/**
 * The backend the workdir's JSON configuration (`*.tf.json` in its root) asks for: the local
 * backend when none names one; undefined when the workdir has no JSON configuration at all.
 */
export async function configuredBackend(workdir: string): Promise<BackendSetting | undefined> {
  const files = (await readdir(workdir).catch(() => [] as string[])).filter((f) => f.endsWith('.tf.json')).sort();
  if (files.length === 0) return undefined;
  for (const file of files) {
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(join(workdir, file), 'utf8'));
    } catch {
      continue; // terraform itself reports a broken file
    }
    const backend = (doc as { terraform?: { backend?: Record<string, unknown> } })?.terraform?.backend;
    if (backend && typeof backend === 'object') {
      const [type, config] = Object.entries(backend)[0] ?? [];
      if (type) return { type, config: (config && typeof config === 'object' ? config : {}) as Record<string, unknown> };
    }
  }
  return LOCAL;
}

/** The backend `terraform init` last set up in the workdir; undefined before the first init. */
export async function initializedBackend(workdir: string, env: NodeJS.ProcessEnv = {}): Promise<BackendSetting | undefined> {
  const dataDir = env.TF_DATA_DIR ? (isAbsolute(env.TF_DATA_DIR) ? env.TF_DATA_DIR : join(workdir, env.TF_DATA_DIR)) : join(workdir, '.terraform');
  try {
    const saved = JSON.parse(await readFile(join(dataDir, 'terraform.tfstate'), 'utf8')) as { backend?: { type?: string; config?: Record<string, unknown> } };
    if (!saved.backend?.type) return undefined;
    return { type: saved.backend.type, config: saved.backend.config ?? {} };
  } catch {
    return undefined;
  }
}

/** How many resources a local state file lists (0 when there is no file). */
export async function localStateResources(file: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return 0;
  }
  try {
    const state = JSON.parse(text) as { resources?: unknown[] };
    return Array.isArray(state.resources) ? state.resources.length : 0;
  } catch {
    return Number.POSITIVE_INFINITY; // unreadable: assume it matters
  }
}

const setting = (b: BackendSetting, key: string): string | undefined => {
  const v = b.config[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

function localPath(b: BackendSetting): string {
  return setting(b, 'path') ?? 'terraform.tfstate';
}

/** Whether two backends keep the same state (the same file, the same bucket, key and region). */
export function sameState(a: BackendSetting, b: BackendSetting): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'local') return localPath(a) === localPath(b);
  if (a.type === 's3') return ['bucket', 'key', 'region', 'workspace_key_prefix'].every((k) => setting(a, k) === setting(b, k));
  return sameSettings(a, b);
}

/** Whether two backends are configured alike, unset settings (null) ignored. */
export function sameSettings(a: BackendSetting, b: BackendSetting): boolean {
  return a.type === b.type && canonical(a.config) === canonical(b.config);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Where a backend keeps the state, in words. */
export function stateLocation(b: BackendSetting): string {
  if (b.type === 'local') return `the workdir (${localPath(b)})`;
  if (b.type === 's3') return `s3://${setting(b, 'bucket') ?? '?'}/${setting(b, 'key') ?? '?'}${setting(b, 'region') ? ` (${setting(b, 'region')})` : ''}`;
  return `a "${b.type}" backend`;
}

/** The net-wizard options that keep the state in this backend, as in "run again <…>". */
function optionsFor(b: BackendSetting): string {
  if (b.type === 'local') return 'without --state-bucket (and no stateBucket in the answers file)';
  if (b.type === 's3') return `with --state-bucket ${setting(b, 'bucket') ?? '?'} --state-key ${setting(b, 'key') ?? '?'}${setting(b, 'region') ? ` --state-region ${setting(b, 'region')}` : ''}`;
  return `with the options that made the "${b.type}" backend`;
}


/**
 * Decide how to run `terraform init` in the workdir so that no state is dropped or left behind:
 * plainly, with -reconfigure, or not at all (BackendChangeError, saying what the user can do).
 */
export async function planBackendInit(workdir: string, options: { terraform?: string; env?: NodeJS.ProcessEnv; before?: string } = {}): Promise<BackendInit> {
  const configured = await configuredBackend(workdir);
  if (!configured) return { reconfigure: false };
  const initialized = await initializedBackend(workdir, options.env);
  const terraform = options.terraform ?? 'terraform';
  // `before`: a step the move needs first (putting the new project in place of the applied one).
  const cd = `cd ${shellQuote(workdir)}${options.before ? ` && ${options.before}` : ''}`;

  if (!initialized) {
    // A first init into a remote backend would offer to copy a local state it finds, and cannot
    // ask without a terminal: say so rather than let terraform fail with a riddle.
    if (configured.type !== 'local') {
      const left = await localStateResources(join(workdir, 'terraform.tfstate'));
      if (left > 0) {
        const to = stateLocation(configured);
        throw new BackendChangeError(
          [
            `The workdir holds a state of its own (terraform.tfstate${Number.isFinite(left) ? `, ${left} resources` : ''}), but the configuration keeps the state in ${to}.`,
            'net-wizard does not move or drop a state by itself. Either:',
            `  - keep it in the workdir: run again ${optionsFor(LOCAL)}, or`,
            `  - move it to ${to} (terraform shows both and asks before it overwrites a state already there):`,
            `      ${cd} && ${terraform} init -migrate-state`,
            '    then run net-wizard again. If it was moved already (terraform leaves the old file behind),',
            '    move terraform.tfstate out of the workdir instead.',
          ].join('\n'),
          stateLocation(LOCAL),
          to,
        );
      }
    }
    return { reconfigure: false };
  }

  if (sameSettings(initialized, configured)) return { reconfigure: false };
  if (sameState(initialized, configured)) return { reconfigure: true, reason: `the same state, ${stateLocation(configured)}, is reached with other settings` };
  if (initialized.type === 'local' && (await localStateResources(join(workdir, localPath(initialized)))) === 0) {
    return { reconfigure: true, reason: `the workdir's state was empty; the state is now kept in ${stateLocation(configured)}` };
  }
  const from = stateLocation(initialized);
  const to = stateLocation(configured);
  throw new BackendChangeError(
    [
      `The state of this workdir is kept in ${from}, but the configuration now keeps it in ${to}.`,
      'net-wizard does not move or drop a state by itself (starting afresh would create the network a second time). Either:',
      `  - keep it where it is: run again ${optionsFor(initialized)} (destroy, verify and outputs read the workdir: run net-wizard synth so first), or`,
      `  - move it to ${to} (terraform shows both and asks before it overwrites a state already there):`,
      `      ${cd} && ${terraform} init -migrate-state`,
      '    then run net-wizard again with the new options.',
    ].join('\n'),
    from,
    to,
  );
}
