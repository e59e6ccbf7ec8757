/**
 * Live verification after apply: the tutorial's console checklist, automated. What was asked
 * (the workdir's record) and the ids terraform made (its state) say what AWS must hold; the SDK
 * reads what it holds; each difference becomes a failed check naming the resource.
 */
import type { WorkdirRecord } from '../../core/workdir-record.js';
import type { StateDocument, StateResource } from '../../terraform/runner.js';
import type { Check } from '../../core/checks.js';
import { compareLive } from './compare.js';
import { expectedNetwork } from './expected.js';
import type { ExpectedNetwork, LiveNetwork } from './checklist.js';
import { readLive, readTagged } from './read.js';
import { configuredRefs, findUntracked, leftBehind, untrackedCheck, type UntrackedResource } from './untracked.js';

export { compareLive } from './compare.js';
export { expectedNetwork } from './expected.js';
export { liveView, type ExpectedNetwork, type LiveNetwork } from './checklist.js';
export { LiveReadError, readLive, readLiveNetwork, readTagged, type LiveTarget } from './read.js';
export { deleteCommand, findUntracked, leftBehind, taggedForNetwork, untrackedCheck, type TaggedResource, type UntrackedResource } from './untracked.js';

/** What verifyLive needs: the workdir's record, its state resources, and the environment for credentials. */
export interface VerifyLiveInput {
  record: Pick<WorkdirRecord, 'config' | 'nat'>;
  /** From `terraform show -json`: stateResources(await runner.show()). */
  stateResources: readonly StateResource[];
  env?: NodeJS.ProcessEnv;
  /** The workdir, for the import commands of resources the state lost track of. */
  workdir?: string;
  /** Time limits of the AWS calls (ms); default LIVE_TIMEOUTS. */
  timeouts?: { connection: number; request: number };
  /** A stop signal: every AWS call is aborted at once and the read rejects with its reason. */
  signal?: AbortSignal;
}

/** The managed resources of a `terraform show -json` document (root and child modules). */
export function stateResources(doc: StateDocument): StateResource[] {
  const root = doc.values?.root_module;
  const all = [...(root?.resources ?? []), ...(root?.child_modules ?? []).flatMap((m) => m.resources ?? [])];
  return all.filter((r) => (r.mode ?? 'managed') === 'managed');
}

/** Verify the live network against what the workdir asked for; throws LiveReadError when AWS cannot be read. */
export async function verifyLive(input: VerifyLiveInput): Promise<Check[]> {
  const expected = expectedNetwork(input.record, input.stateResources);
  const { config } = input.record;
  // Nothing applied: no VPC to read, and every check says so.
  const [live, untracked] = await Promise.all([
    expected.vpc.id
      ? readLive({ vpcId: expected.vpc.id, region: config.region, endpoint: config.endpoint, env: input.env, signal: input.signal })
      : ({ subnets: [], securityGroups: [], natGateways: [], addresses: [], routeTables: [], networkAcls: [], endpoints: [] } satisfies LiveNetwork),
    untrackedOf(expected, input),
  ]);
  return [...compareLive(expected, live), untrackedCheck(untracked)];
}

/** The resources tagged for this network that its state does not record, each with its fix. Throws LiveReadError. */
export function untrackedResources(input: VerifyLiveInput): Promise<UntrackedResource[]> {
  return untrackedOf(expectedNetwork(input.record, input.stateResources), input);
}

async function untrackedOf(expected: ExpectedNetwork, { record, stateResources: resources, env, workdir, timeouts, signal }: VerifyLiveInput): Promise<UntrackedResource[]> {
  const stateIds = new Set(resources.flatMap((r) => [r.values.id, r.values.allocation_id].filter((v): v is string => typeof v === 'string')));
  const { region, endpoint } = record.config;
  return findUntracked(await tagged(record, { env, timeouts, signal }), stateIds, configuredRefs(expected), { region, endpoint, workdir });
}

/** After a destroy: what AWS still holds with the network's tags, each with the command that deletes it. Throws LiveReadError. */
export async function leftAfterDestroy({ record, env, timeouts, signal }: Omit<VerifyLiveInput, 'stateResources' | 'workdir'>): Promise<UntrackedResource[]> {
  return leftBehind(await tagged(record, { env, timeouts, signal }), record.config);
}

/** Everything in the region tagged for this network. */
function tagged(record: VerifyLiveInput['record'], reach: Pick<VerifyLiveInput, 'env' | 'timeouts' | 'signal'>) {
  const { config } = record;
  return readTagged({ region: config.region, endpoint: config.endpoint, ...reach }, { project: config.project, env: config.env });
}
