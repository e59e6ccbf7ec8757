/**
 * Synthesis in process, without the cdktf CLI: the config becomes a Terraform JSON project in
 * the workdir. The CDKTF libraries are imported here, lazily, so that nothing else pays for them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkConfig } from '../core/config.js';
import type { NatPlan } from '../core/nat-plan.js';
import type { ExistingVpc } from '../core/existing-vpc.js';
import { terraformJsonToHcl, type TerraformJson } from './hcl.js';

export type { TerraformJson } from './hcl.js';

/** What synthesis produced. */
export interface Synthesized {
  json: TerraformJson;
  /** The same configuration as plain HCL files (name → content, for the `hcl/` folder), when asked for. */
  hclFiles?: Record<string, string>;
}

const STACK_ID = 'network';

/** Build the stack and return its Terraform JSON (and its HCL files when asked), writing nothing to the workdir. */
export async function synthesizeStack(config: NetworkConfig, nat: NatPlan, options: { hcl?: boolean; accountId?: string; existing?: ExistingVpc } = {}): Promise<Synthesized> {
  const [{ App }, { NetworkStack }] = await Promise.all([import('cdktf'), import('../../stacks/network-stack.js')]);
  // cdktf insists on an output directory of its own; it is thrown away.
  const outdir = await mkdtemp(join(tmpdir(), 'net-wizard-synth-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    new NetworkStack(app, STACK_ID, { config, nat, accountId: options.accountId, existing: options.existing });
    app.synth();
    const json = stripMetadata(JSON.parse(await readFile(join(outdir, 'stacks', STACK_ID, 'cdk.tf.json'), 'utf8')) as TerraformJson);
    // net-wizard's own HCL, not cdktf's renderer: the way out of cdktf must not depend on it.
    return options.hcl ? { json, hclFiles: terraformJsonToHcl(json) } : { json };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

// cdktf stamps `//` metadata (its version, stack paths) that changes with the machine; keep the
// file about the network.
function stripMetadata(json: TerraformJson): TerraformJson {
  const { ['//']: _meta, ...rest } = json as TerraformJson & { '//'?: unknown };
  return rest as TerraformJson;
}

/** The files of a Terraform project in a workdir. */
export const PROJECT_FILE = 'cdk.tf.json';
/** The folder of the HCL project (`synth --hcl`), one file per part of the network. */
export const HCL_DIR = 'hcl';
export { RECORD_FILE as ANSWERS_RECORD, type WorkdirRecord } from '../core/workdir-record.js';
