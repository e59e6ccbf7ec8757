/**
 * Where the workloads of the tutorial's network sit in a network model: the subnets of each tier
 * and the security group of each role, as the model's reader found them. Pure.
 */
import type { NetworkConfig } from '../../core/config.js';
import { subnetLayout } from '../../core/config.js';
import type { NetworkModel, Role, Subnet, Tier, VpcEndpoint } from '../../network/model.js';

/** Where a workload runs: its security groups and the subnets it may have an address in. */
export interface Placement {
  /** In the user's words, plural: `ALB nodes`, `ECS tasks`. */
  label: string;
  /** Its security groups; empty means "any host", whose security groups are not considered. */
  sgs: string[];
  subnets: Subnet[];
  /** Has a public address (an internet-facing ALB; tasks in public subnets). */
  publicIp: boolean;
  /** What was looked for when `subnets` is empty. */
  wanted?: string;
}

/**
 * The subnets of a tier: those its reader placed in it (by address, by name, or as the attach
 * chose them in an existing VPC), else those carved for it from the config's layout.
 */
export function tierSubnets(model: NetworkModel, config: Pick<NetworkConfig, 'vpcCidr' | 'azs' | 'vpcId'>, tier: Tier): Placement['subnets'] {
  const all = [...model.subnets.values()];
  const placed = all.filter((s) => s.tier === tier);
  if (placed.length > 0 || config.vpcId) return placed;
  const cidrs = carved(config, tier);
  return all.filter((s) => cidrs.includes(s.cidr));
}

/** The CIDRs the layout carves for a tier; none when the config's VPC is not one net-wizard carves. */
function carved(config: Pick<NetworkConfig, 'vpcCidr' | 'azs' | 'vpcId'>, tier: Tier): string[] {
  if (config.vpcId) return [];
  return subnetLayout(config)
    .filter((s) => s.tier === tier)
    .map((s) => s.cidr);
}

/** The subnets the network interfaces of a role's security group are in; undefined when it has none (or the model knows no interfaces). */
export function interfaceSubnets(model: NetworkModel, role: Role): Subnet[] | undefined {
  const sg = model.roles[role];
  if (!sg) return undefined;
  const ids = [...new Set(model.interfaces.filter((i) => i.groups.includes(sg) && i.subnet).map((i) => i.subnet!))];
  const subnets = ids.flatMap((id) => model.subnets.get(id) ?? []);
  return subnets.length > 0 ? subnets : undefined;
}

/** The workloads of the tutorial's network, placed by their roles' security groups (alb, ecs, rds) and tiers. */
export function workloads(model: NetworkModel, config: Pick<NetworkConfig, 'vpcCidr' | 'azs' | 'tasksSubnet' | 'vpcId'>): Record<'alb' | 'ecs' | 'rds' | 'privateHosts', Placement> {
  const place = (label: string, role: Role | undefined, tier: Tier, publicIp: boolean): Placement => ({
    label,
    // A role whose group the reader did not find still has one, which is then missing.
    sgs: role ? [model.roles[role] ?? `the ${role} security group`] : [],
    // Where the role's network interfaces are, when a live VPC has some; else its tier's subnets.
    subnets: (role && interfaceSubnets(model, role)) || tierSubnets(model, config, tier),
    publicIp,
    wanted: config.vpcId ? `the ${tier} subnets chosen in ${config.vpcId}` : `${tier} subnets (${carved(config, tier).join(', ')})`,
  });
  const tasksPublic = config.tasksSubnet === 'public';
  return {
    alb: place('ALB nodes', 'alb', 'public', true),
    ecs: place('ECS tasks', 'ecs', tasksPublic ? 'public' : 'private', tasksPublic),
    rds: place('RDS instances', 'rds', 'private', false),
    privateHosts: place('private hosts', undefined, 'private', false),
  };
}

/** The network interfaces of an interface endpoint: its subnets, behind its SGs (or the default SG). */
export function endpointPlacement(model: NetworkModel, endpoint: VpcEndpoint): Placement {
  return {
    label: `${endpoint.service} endpoint interfaces`,
    sgs: endpoint.securityGroups.length > 0 ? endpoint.securityGroups : [model.defaultSecurityGroup],
    subnets: endpoint.subnets.flatMap((s) => model.subnets.get(s) ?? []),
    publicIp: false,
    wanted: `subnets of ${endpoint.id} (${endpoint.subnets.join(', ') || 'none'})`,
  };
}
