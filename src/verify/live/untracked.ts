/**
 * What AWS holds with this network's tags that the state does not record: the resources a run
 * made and then lost track of (the endpoint went away after AWS acted, terraform was killed before
 * it could write its state). terraform cannot see them, so a rerun makes them again, or fails
 * on them (an orphan NAT Gateway keeps its Elastic IP: Resource.AlreadyAssociated). Each is named
 * with the way forward: adopt it into the state with `terraform import` when its Name tag says
 * which resource of the configuration it is and the state lacks that one, or delete it when the
 * state already has that one (a duplicate) or the configuration has no such resource. Nothing is
 * adopted or deleted by itself: only the user knows that no other run owns it. Pure.
 */
import { RESOURCE_TYPES, splitAddress } from '../../core/names.js';
import type { Check } from '../../core/checks.js';
import type { ExpectedNetwork, Ref } from './checklist.js';
import { shellQuote } from '../../core/shell.js';

/** The kinds of resource a lost answer leaves behind and that cost money or quota. */
export type TaggedKind = 'vpc' | 'nat-gateway' | 'elastic-ip';

/** A resource in the region tagged Project=<project>, Environment=<env>, ManagedBy=net-wizard. */
export interface TaggedResource {
  kind: TaggedKind;
  id: string;
  /** Its Name tag. */
  name?: string;
}

/** A tagged resource the state does not record, with what to do about it. */
export interface UntrackedResource extends TaggedResource {
  /** The address to import it to, when it is the configuration's resource that the state lacks. */
  adoptAs?: string;
  /** One line: what it is and the way forward, with the commands. */
  fix: string;
}

/** Where the network is: its region, and the emulator when there is one. The delete commands name both. */
export interface NetworkPlace {
  region: string;
  endpoint?: string;
}

export { taggedForNetwork } from '../../core/names.js';

const KINDS: Record<TaggedKind, { label: string; type: string; remove: string[] }> = {
  vpc: { label: 'VPC', type: RESOURCE_TYPES.vpc, remove: ['delete-vpc', '--vpc-id'] },
  'nat-gateway': { label: 'NAT Gateway', type: RESOURCE_TYPES.natGateway, remove: ['delete-nat-gateway', '--nat-gateway-id'] },
  'elastic-ip': { label: 'Elastic IP', type: RESOURCE_TYPES.eip, remove: ['release-address', '--allocation-id'] },
};

/** The AWS CLI command that deletes a resource where it is (--region, and --endpoint-url with an emulator), quoted for a shell. */
export function deleteCommand(kind: TaggedKind, id: string, where: NetworkPlace): string {
  const [verb, flag] = KINDS[kind].remove as [string, string];
  return ['aws', 'ec2', verb, flag, id, '--region', where.region, ...(where.endpoint ? ['--endpoint-url', where.endpoint] : [])].map(shellQuote).join(' ');
}

/** The resources of the configuration a tagged resource may be, by their Name tag. */
export function configuredRefs(expected: Pick<ExpectedNetwork, 'vpc' | 'nats'>): Ref[] {
  return [expected.vpc, ...expected.nats.flatMap((n) => [n as Ref, n.eip])].map(({ address, name, id }) => (id ? { address, name, id } : { address, name }));
}

/**
 * The tagged resources whose ids the state does not hold, each with its fix. `where.workdir` goes
 * into the import command (terraform -chdir=<workdir> import …).
 */
export function findUntracked(tagged: readonly TaggedResource[], stateIds: ReadonlySet<string>, configured: readonly Ref[], where: NetworkPlace & { workdir?: string }): UntrackedResource[] {
  const chdir = where.workdir ? ` ${shellQuote(`-chdir=${where.workdir}`)}` : '';
  return tagged
    .filter((t) => !stateIds.has(t.id))
    .map((t) => {
      const kind = KINDS[t.kind];
      const what = describe(t);
      const remove = deleteCommand(t.kind, t.id, where);
      const ref = t.name ? configured.find((r) => splitAddress(r.address).type === kind.type && r.name === t.name) : undefined;
      if (ref && !ref.id) {
        return {
          ...t,
          adoptAs: ref.address,
          fix: `${what} is ${ref.address}, made by an earlier run that lost track of it: adopt it with terraform${chdir} import ${ref.address} ${t.id}, or delete it (${remove})`,
        };
      }
      if (ref) return { ...t, fix: `${what} is a second ${ref.address} beside ${ref.id}, which the state records: delete it (${remove})` };
      return { ...t, fix: `${what} is tagged for this network but is not part of its configuration: delete it if nothing else uses it (${remove})` };
    });
}

/**
 * After a destroy: what AWS still holds with the network's tags. terraform destroyed what its
 * state listed; these were never in it (a run lost track of them), so they are still there, and
 * a NAT Gateway or an Elastic IP is still billed. Each with the command that deletes it.
 */
export function leftBehind(tagged: readonly TaggedResource[], where: NetworkPlace): UntrackedResource[] {
  return tagged.map((t) => ({ ...t, fix: `${describe(t)} was not in the state, so destroy left it: delete it (${deleteCommand(t.kind, t.id, where)})` }));
}

const describe = (t: TaggedResource) => `${KINDS[t.kind].label} ${t.id}${t.name ? ` (${t.name})` : ''}`;

/** The live check: nothing tagged for this network lies outside its state. */
export function untrackedCheck(untracked: readonly UntrackedResource[]): Check {
  const id = 'live.untracked';
  const title = "Nothing tagged for this network outside terraform's state";
  if (untracked.length === 0) return { id, title, status: 'pass', detail: 'every VPC, NAT Gateway and Elastic IP tagged for this network is in the state' };
  return { id, title, status: 'fail', detail: untracked.map((u) => u.fix).join('; ') };
}
