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

/** The Terraform JSON document (cdk.tf.json). */
export type TerraformJson = {
  terraform: Record<string, unknown>;
  provider: Record<string, unknown[]>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown; description?: string }>;
  [key: string]: unknown;
};

/** What synthesis produced. */
export interface Synthesized {
  json: TerraformJson;
  /** The same configuration as HCL, when asked for. */
  hcl?: string;
}

const STACK_ID = 'network';

/** Build the stack and return its Terraform JSON (and HCL when asked), writing nothing to the workdir. */
export async function synthesizeStack(config: NetworkConfig, nat: NatPlan, options: { hcl?: boolean; accountId?: string; existing?: ExistingVpc } = {}): Promise<Synthesized> {
  const [{ App }, { NetworkStack }] = await Promise.all([import('cdktf'), import('../../stacks/network-stack.js')]);
  // cdktf insists on an output directory of its own; it is thrown away.
  const outdir = await mkdtemp(join(tmpdir(), 'net-wizard-synth-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    const stack = new NetworkStack(app, STACK_ID, { config, nat, accountId: options.accountId, existing: options.existing });
    app.synth();
    const json = JSON.parse(await readFile(join(outdir, 'stacks', STACK_ID, 'cdk.tf.json'), 'utf8')) as TerraformJson;
    // cdktf 0.21 only renders HCL from App({ hclOutput }) when SYNTH_HCL_OUTPUT is set before the
    // stack is built; asking the stack directly needs neither.
    const hcl = options.hcl ? tidyHcl(stack.toHclTerraform().hcl, json) : undefined;
    return { json: stripMetadata(json), hcl };
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

/**
 * Mend and indent cdktf 0.21's HCL: its renderer writes the terraform block's plain attributes
 * as `0 = "required_version"` (it renders the list of their names), which terraform rejects.
 */
export function tidyHcl(hcl: string, json: TerraformJson): string {
  const plain = Object.entries(json.terraform).filter(([key]) => !['required_providers', 'backend', 'cloud'].includes(key));
  let mended = hcl;
  plain.forEach(([key, value], index) => {
    mended = mended.replace(`  ${index} = "${key}"`, `  ${key} = ${JSON.stringify(value)}`);
  });
  // cdktf quotes depends_on references, which terraform deprecates.
  mended = mended.replace(/depends_on = \[([^\]]*)\]/g, (_all, refs: string) => `depends_on = [${refs.replace(/"/g, '')}]`);
  if (mended.includes('<<')) return mended; // heredocs: leave their lines as they are
  let depth = 0;
  const lines = mended.split('\n').map((raw) => {
    const line = raw.trim();
    if (/^[}\]]/.test(line)) depth = Math.max(0, depth - 1);
    const out = line === '' ? '' : `${'  '.repeat(depth)}${line}`;
    if (/[{[]$/.test(line)) depth++;
    return out;
  });
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** The files of a Terraform project in a workdir. */
export const PROJECT_FILE = 'cdk.tf.json';
export const HCL_FILE = join('hcl', 'main.tf');
export { RECORD_FILE as ANSWERS_RECORD, type WorkdirRecord } from '../core/workdir-record.js';
