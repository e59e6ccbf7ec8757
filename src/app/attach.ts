/**
 * The attach step of synth, plan and apply with `--vpc-id`: read the existing VPC through the
 * SDK (read-only), leave out what this network made in it before, choose the app's subnets, plan
 * the NAT for the AZs they are in, and refuse (exit 2, nothing written) whatever the VPC cannot
 * take. What it returns is the run's whole plan: the configuration with the VPC's AZs and CIDR,
 * the NAT plan, and the VPC as found.
 */
import { checkNames, networkNames } from '../core/names.js';
import type { NetworkConfig, Origin } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { describeAdoptions, describeAttachment, type ExistingVpc } from '../core/existing-vpc.js';
import { planNat, type NatPlan } from '../core/nat-plan.js';
import { adoptions, attachConflicts, chooseSubnets, placeTiers } from '../network/attach.js';
import { readAwsNetwork, withoutNetwork, type AwsSnapshot } from '../network/from-aws.js';
import type { NetworkModel } from '../network/model.js';
import { step, type StepContext } from './step.js';

/** An existing VPC as the run uses it: what was chosen (kept in the record) and its part 1 as a model (for the flow analysis). */
export interface Attachment {
  existing: ExistingVpc;
  /** The VPC without this network's own resources: what the generated part 2 is added to. */
  base: NetworkModel;
}

/** A run's plan: the configuration, its NAT plan, and the VPC it attaches to (when it does). */
export interface RunPlan {
  config: NetworkConfig;
  nat: NatPlan;
  attachment?: Attachment;
  /** Things to know before going on (a main route table that serves other subnets too). */
  notices: string[];
}

/** What the attach step needs: the run's events and stop signal, and the environment for credentials. */
export interface AttachContext extends StepContext {
  env: NodeJS.ProcessEnv;
}

/**
 * Attach the configuration to its existing VPC. `given`: the answers given as options or in the
 * answers file (the AZs and CIDR given must agree with the VPC; those not given follow from it).
 * Throws a UsageError naming every problem, or a LiveReadError when AWS cannot be read.
 */
export async function attachToVpc(config: NetworkConfig & { vpcId: string }, given: Partial<NetworkConfig>, origin: Origin, ctx: AttachContext): Promise<RunPlan> {
  return step(
    ctx,
    'attach',
    async () => {
      const snapshot = await readVpc({ vpcId: config.vpcId, region: config.region, endpoint: config.endpoint }, origin.vpcId ?? '--vpc-id', ctx);
      const base = readAwsNetwork(withoutNetwork(snapshot, config));
      const chosen = chooseSubnets(base, {
        region: config.region,
        ...(given.azs ? { azs: given.azs } : {}),
        ...(given.vpcCidr ? { vpcCidr: given.vpcCidr } : {}),
        ...(config.publicSubnets ? { publicSubnets: config.publicSubnets } : {}),
        ...(config.privateSubnets ? { privateSubnets: config.privateSubnets } : {}),
        customNacl: config.nacl === 'custom',
      });
      if (!chosen.ok) throw new UsageError(chosen.problems.map((p) => ({ ...p, option: blame(p.option, origin) })));
      const { existing } = chosen;
      const attached: NetworkConfig = { ...config, azs: existing.zones.map((z) => z.az), vpcCidr: existing.cidr };
      const names = checkNames(attached.project, attached.env, attached.azs, [origin.project ?? '--project', origin.env ?? '--env'].join('/'));
      if (names.length > 0) throw new UsageError(names);
      const nat = planNat(attached);
      // What exists under net-wizard's names is adopted (import blocks), not made again.
      const adopt = adoptions(base, existing, { names: networkNames(config.project, config.env), nat, customNacl: config.nacl === 'custom' });
      const found: ExistingVpc = adopt.adopted.length > 0 ? { ...existing, adopted: adopt.adopted } : existing;
      const { problems, notices } = attachConflicts(base, found, { nat, lockDefaultSg: config.lockDefaultSg === true, region: config.region, network: `${config.project}-${config.env}` });
      problems.unshift(...adopt.problems);
      if (problems.length > 0) throw new UsageError(problems.map((p) => ({ ...p, option: blame(p.option, origin) })));
      return { config: attached, nat, attachment: { existing: found, base: placeTiers(base, found) }, notices };
    },
    (plan) => {
      const zones = plan.attachment!.existing.zones;
      return `${plan.config.vpcId}: ${zones.length} AZs, ${zones.map((z) => `${z.public} + ${z.private}`).join(', ')}`;
    },
  );
}

/**
 * The run's plan: with an existing VPC the attach step (which reads AWS), else the configuration
 * as it is; the NAT planned once, here. Its warnings and the attach in words go out as notices
 * before the work starts.
 */
export async function planRun(config: NetworkConfig, given: Partial<NetworkConfig>, origin: Origin, ctx: AttachContext): Promise<RunPlan> {
  const plan: RunPlan = config.vpcId ? await attachToVpc({ ...config, vpcId: config.vpcId }, given, origin, ctx) : { config, nat: planNat(config), notices: [] };
  const notice = (level: 'info' | 'warning', text: string) => ctx.emit({ type: 'notice', level, text, at: Date.now() });
  if (plan.attachment) {
    notice('info', describeAttachment(plan.attachment.existing, { lockDefaultSg: config.lockDefaultSg === true }).join('\n'));
    const adopted = describeAdoptions(plan.attachment.existing.adopted ?? []);
    if (adopted.length > 0) notice('warning', adopted.join('\n'));
  }
  for (const text of plan.notices) notice('warning', text);
  for (const warning of plan.nat.warnings) notice('warning', warning);
  return plan;
}

/**
 * One VPC as the Describe* calls return it (read-only), or a UsageError when the region (of this
 * account, or this emulator) has no such VPC. Throws a LiveReadError when AWS cannot be read.
 */
export async function readVpc(where: { vpcId: string; region: string; endpoint?: string }, option: string, ctx: AttachContext): Promise<AwsSnapshot> {
  const { readSnapshot } = await import('../verify/live/read.js');
  const snapshot = await readSnapshot({ ...where, env: ctx.env, signal: ctx.signal });
  if (snapshot) return snapshot;
  const of = where.endpoint ? `the emulator at ${where.endpoint}` : 'the account of these credentials';
  throw new UsageError([
    { option, message: `${where.vpcId} is not a VPC in ${where.region} of ${of}: check the id and --region (aws ec2 describe-vpcs --region ${where.region} lists the region's VPCs)` },
  ]);
}

/** A problem's option as the user gave it (`net-wizard.json: vpcId` rather than `--vpc-id`). */
function blame(option: string, origin: Origin): string {
  const keys: Record<string, keyof NetworkConfig> = {
    '--vpc-id': 'vpcId',
    '--azs': 'azs',
    '--vpc-cidr': 'vpcCidr',
    '--public-subnets': 'publicSubnets',
    '--private-subnets': 'privateSubnets',
    '--nat': 'nat',
    '--nacl': 'nacl',
    '--needs': 'needs',
    '--lock-default-sg': 'lockDefaultSg',
  };
  const key = keys[option];
  return (key && origin[key]) || option;
}
