/**
 * Live verification after apply: the tutorial's console checklist, automated. What was asked
 * (the workdir's record) and the ids terraform made (its state) say what AWS must hold; the SDK
 * reads what it holds; each difference becomes a failed check naming the resource.
 */
import type { WorkdirRecord } from '../../synth/synth.js';
import type { StateDocument, StateResource } from '../../terraform/runner.js';
import type { Check } from '../types.js';
import { compareLive } from './compare.js';
import { expectedNetwork } from './expected.js';
import type { LiveNetwork } from './model.js';
import { readLive } from './read.js';

export { compareLive } from './compare.js';
export { expectedNetwork } from './expected.js';
export type { ExpectedNetwork, LiveNetwork } from './model.js';
export { LiveReadError, readLive, type LiveTarget } from './read.js';

/** What verifyLive needs: the workdir's record, its state resources, and the environment for credentials. */
export interface VerifyLiveInput {
  record: Pick<WorkdirRecord, 'config' | 'nat'>;
  /** From `terraform show -json`: stateResources(await runner.show()). */
  stateResources: readonly StateResource[];
  env?: NodeJS.ProcessEnv;
}

/** The managed resources of a `terraform show -json` document (root and child modules). */
export function stateResources(doc: StateDocument): StateResource[] {
  const root = doc.values?.root_module;
  const all = [...(root?.resources ?? []), ...(root?.child_modules ?? []).flatMap((m) => m.resources ?? [])];
  return all.filter((r) => (r.mode ?? 'managed') === 'managed');
}

/** Verify the live network against what the workdir asked for; throws LiveReadError when AWS cannot be read. */
export async function verifyLive({ record, stateResources: resources, env }: VerifyLiveInput): Promise<Check[]> {
  const expected = expectedNetwork(record, resources);
  const { config } = record;
  // Nothing applied: no VPC to read, and every check says so.
  const live: LiveNetwork = expected.vpc.id
    ? await readLive({ vpcId: expected.vpc.id, region: config.region, endpoint: config.endpoint, env })
    : { subnets: [], securityGroups: [], natGateways: [], addresses: [], routeTables: [], networkAcls: [], endpoints: [] };
  return compareLive(expected, live);
}
