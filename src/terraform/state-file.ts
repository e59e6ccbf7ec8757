/**
 * A local backend's state, read from its file: what `terraform output` and `terraform state pull`
 * would say, without `terraform init` (a second with the AWS provider) or terraform at all.
 * Terraform writes the file whole when a run ends; it is read only when it is plainly what
 * terraform would read (the local backend, set up as such or not yet, the default workspace)
 * and in the format this code knows (version 4). Anything else is left to terraform.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { configuredBackend, initializedBackend, sameState, type BackendSetting } from './backend.js';
import { stateDocumentOf, type RawState, type StateDocument } from './runner.js';

/** Why a state file was not read (then terraform is asked); or the state it holds. */
export type LocalState = { state: StateDocument } | { unread: string };

/**
 * The state in a local state file's text. An absent or empty file is an empty state, as terraform
 * takes it; a file that is not a version 4 state (no lineage, no serial, another version, not
 * JSON: say, cut off while something wrote it) is not read.
 */
export function parseStateFile(text: string | undefined): LocalState {
  if (text === undefined || text.trim() === '') return { state: stateDocumentOf({}) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { unread: 'the state file is not JSON' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { unread: 'the state file is not a JSON object' };
  const s = raw as Record<string, unknown>;
  if (s.version !== 4) return { unread: `the state file's format version is ${JSON.stringify(s.version)}, not 4` };
  if (typeof s.lineage !== 'string' || s.lineage === '') return { unread: 'the state file has no lineage' };
  if (typeof s.serial !== 'number' || !Number.isInteger(s.serial) || s.serial < 0) return { unread: 'the state file has no serial' };
  if (s.resources !== undefined && !Array.isArray(s.resources)) return { unread: "the state file's resources are not a list" };
  if (s.outputs !== undefined && (!s.outputs || typeof s.outputs !== 'object' || Array.isArray(s.outputs))) return { unread: "the state file's outputs are not an object" };
  return { state: stateDocumentOf(s as RawState) };
}

/** The outputs of a state, values only (as `terraform output -json`, values taken). */
export function stateOutputs(state: StateDocument): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state.values?.outputs ?? {}).map(([name, o]) => [name, o.value]));
}

/**
 * The workdir's state from its file when terraform would read that file: the configuration names
 * the local backend, the workdir was set up for the same one (or not yet), and the workspace is
 * the default one. `unread` says why not otherwise.
 */
export async function readLocalState(workdir: string, env: NodeJS.ProcessEnv = {}): Promise<LocalState> {
  if (env.TF_WORKSPACE && env.TF_WORKSPACE !== 'default') return { unread: `TF_WORKSPACE is ${env.TF_WORKSPACE}` };
  const configured = await configuredBackend(workdir);
  if (!configured || configured.type !== 'local') return { unread: configured ? `the state is kept in a "${configured.type}" backend` : 'the workdir holds no Terraform JSON configuration' };
  const initialized = await initializedBackend(workdir, env);
  // A workdir set up for another backend makes `terraform init` stop and say so: let it.
  if (initialized && !sameState(initialized, configured)) return { unread: 'the workdir was set up for another backend' };
  if (configured.config.workspace_dir !== undefined && configured.config.workspace_dir !== null) return { unread: 'the local backend names a workspace directory' };
  let text: string | undefined;
  try {
    text = await readFile(statePath(workdir, configured), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No file yet: nothing applied, an empty state. Any other failure: terraform says what it is.
    if (code !== 'ENOENT') return { unread: `the state file cannot be read (${code ?? String(error)})` };
  }
  return parseStateFile(text);
}

function statePath(workdir: string, backend: BackendSetting): string {
  const path = typeof backend.config.path === 'string' && backend.config.path !== '' ? backend.config.path : 'terraform.tfstate';
  return isAbsolute(path) ? path : join(workdir, path);
}
