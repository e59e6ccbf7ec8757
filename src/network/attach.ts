/**
 * Attaching to an existing VPC, decided on the network model of that VPC (its live reader's): each
 * subnet classed by its route table (public: 0.0.0.0/0 goes to an internet gateway), one public
 * and one private subnet chosen per AZ, and every reason to refuse found before anything is
 * written, each naming the resource and the way out. Pure.
 */
import type { InputProblem } from '../core/errors.js';
import { privateRouteTables, type Adoption, type ExistingSubnet, type ExistingVpc, type ExistingZone } from '../core/existing-vpc.js';
import { ADDRESSES, type NetworkNames, type SgRole } from '../core/names.js';
import type { NatPlan } from '../core/nat-plan.js';
import type { NetworkModel, RouteTable, Subnet } from './model.js';
import { cidrRange, within } from './ranges.js';

const ANYWHERE = '0.0.0.0/0';

/** What the options ask of the attach (full AZ names; subnet ids). */
export interface AttachRequest {
  region: string;
  /** The AZs given with --azs; absent: they follow from the subnets. */
  azs?: string[];
  /** --vpc-cidr, when given: it must be the VPC's. */
  vpcCidr?: string;
  publicSubnets?: string[];
  privateSubnets?: string[];
  /** Whether the custom NACLs will be made (their rules say "the VPC" with its primary CIDR). */
  customNacl: boolean;
}

/** A route table in words: `rtb-1 (shop-private-1a, the VPC's main route table)`. */
export function tableWords(table: Pick<RouteTable, 'id' | 'name' | 'main'>): string {
  const about = [table.name, table.main ? "the VPC's main route table" : undefined].filter(Boolean);
  return about.length ? `${table.id} (${about.join(', ')})` : table.id;
}

const subnetWords = (s: Pick<Subnet, 'id' | 'name' | 'cidr'>) => `${s.id}${s.name ? ` (${s.name}, ${s.cidr})` : ` (${s.cidr})`}`;

/** The default route of a table, when it has one that carries traffic. */
function defaultRoute(table: RouteTable | undefined) {
  return table?.routes.find((r) => r.destination === ANYWHERE && r.state !== 'blackhole');
}

/** A subnet's class and the route that decided it. */
export function classify(model: NetworkModel, subnet: Subnet): Pick<ExistingSubnet, 'class' | 'why'> {
  const table = model.routeTables.get(subnet.routeTable);
  if (!table) return { class: 'private', why: `its route table ${subnet.routeTable} was not found, so nothing sends it to the internet` };
  const route = defaultRoute(table);
  if (route?.targetKind === 'igw') return { class: 'public', why: `${tableWords(table)} sends ${ANYWHERE} to the internet gateway ${route.target}` };
  if (route) return { class: 'private', why: `${tableWords(table)} sends ${ANYWHERE} to ${route.target}, not to an internet gateway` };
  return { class: 'private', why: `${tableWords(table)} has no ${ANYWHERE} route` };
}

/** Every subnet of the model, classed, in AZ then CIDR order. */
export function classedSubnets(model: NetworkModel): ExistingSubnet[] {
  return [...model.subnets.values()]
    .filter((s) => s.az)
    .map((s) => ({ id: s.id, ...(s.name ? { name: s.name } : {}), az: s.az!, cidr: s.cidr, routeTable: s.routeTable, ...classify(model, s) }))
    .sort((a, b) => a.az.localeCompare(b.az) || a.cidr.localeCompare(b.cidr, undefined, { numeric: true }));
}

/** ` (its Name)` of a NAT Gateway, when it has one. */
const natName = (model: NetworkModel, id: string) => {
  const name = model.natGateways.get(id)?.name;
  return name ? ` (${name})` : '';
};

/** The internet gateway attached to the VPC, if any: read, or seen as the target of a route. */
function internetGateway(model: NetworkModel): string | undefined {
  const attached = [...model.internetGateways.values()].find((g) => g.attached);
  if (attached) return attached.id;
  if (model.internetGateways.size > 0) return undefined;
  return [...model.routeTables.values()].flatMap((t) => t.routes).find((r) => r.targetKind === 'igw')?.target;
}

/**
 * Choose the app's subnets in the VPC: one public and one private per AZ. Returns what was found
 * and chosen, or every problem (exit 2), each naming the subnets and the option that decides.
 */
export function chooseSubnets(model: NetworkModel, request: AttachRequest): { ok: true; existing: ExistingVpc } | { ok: false; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const vpc = model.vpc;
  const vpcName = `${vpc.id}${vpc.name ? ` (${vpc.name})` : ''}`;
  const subnets = classedSubnets(model);
  const byId = new Map(subnets.map((s) => [s.id, s]));
  const igw = internetGateway(model);
  const primary = vpc.cidrs[0] ?? '';

  if (request.vpcCidr !== undefined && request.vpcCidr !== primary) {
    problems.push({ option: '--vpc-cidr', message: `${vpcName} has the CIDR ${primary}, not ${request.vpcCidr}: with --vpc-id the CIDR is the VPC's; leave --vpc-cidr out (or give ${primary})` });
  }

  // The subnets given by id: in this VPC, of the class asked, one per AZ.
  const given: Record<'public' | 'private', ExistingSubnet[]> = { public: [], private: [] };
  for (const tier of ['public', 'private'] as const) {
    const option = `--${tier}-subnets`;
    const ids = tier === 'public' ? request.publicSubnets : request.privateSubnets;
    for (const id of ids ?? []) {
      const s = byId.get(id);
      if (!s) {
        problems.push({ option, message: `${id} is not a subnet of ${vpcName} in ${request.region} (its subnets: ${subnets.map((x) => x.id).join(', ') || 'none'})` });
        continue;
      }
      if (s.class !== tier) {
        const need = tier === 'public' ? `a public subnet needs a route table that sends ${ANYWHERE} to an internet gateway` : `a private subnet must not be reachable from the internet through its route table`;
        problems.push({ option, message: `${subnetWords(s)} is ${s.class}: ${s.why}; ${need}` });
        continue;
      }
      const twin = given[tier].find((x) => x.az === s.az);
      if (twin) problems.push({ option, message: `${twin.id} and ${s.id} are both in ${s.az}: give one ${tier} subnet per AZ` });
      else given[tier].push(s);
    }
  }

  // The AZs: those asked for; else those of the subnets given, when both kinds are; else every AZ with a subnet.
  const azs =
    request.azs ??
    (request.publicSubnets && request.privateSubnets
      ? [...new Set([...given.public, ...given.private].map((s) => s.az))].sort()
      : [...new Set(subnets.map((s) => s.az))].sort());
  for (const tier of ['public', 'private'] as const) {
    for (const s of given[tier]) {
      if (!azs.includes(s.az)) problems.push({ option: `--${tier}-subnets`, message: `${s.id} is in ${s.az}, which is not one of the AZs asked for (--azs ${azs.join(',')})` });
    }
  }

  if (!igw && subnets.length > 0) {
    problems.push({
      option: '--vpc-id',
      message: `${vpcName} has no internet gateway attached, so none of its subnets is public: the load balancer needs public subnets, and a NAT Gateway an internet gateway. Attach one in the Terraform that made the VPC (aws_internet_gateway and a 0.0.0.0/0 route in the public route table), then run again`,
    });
    return { ok: false, problems };
  }

  const zones: ExistingZone[] = [];
  for (const az of azs) {
    const pick = (tier: 'public' | 'private'): string | undefined => {
      const chosen = given[tier].find((s) => s.az === az);
      if (chosen) return chosen.id;
      const candidates = subnets.filter((s) => s.az === az && s.class === tier);
      if (candidates.length === 1) return candidates[0]!.id;
      const other = subnets.filter((s) => s.az === az && s.class !== tier);
      if (candidates.length === 0) {
        problems.push({
          option: request.azs ? '--azs' : '--vpc-id',
          message: `${az} has no ${tier} subnet in ${vpcName}${other.length ? ` (only ${other.map((s) => `${subnetWords(s)}: ${s.why}`).join('; ')})` : ''}: each AZ of the app needs a public and a private subnet. ${request.azs ? 'Leave that AZ out of --azs' : 'Give the AZs to use with --azs'}, or add the subnet to the VPC`,
        });
        return undefined;
      }
      problems.push({
        option: `--${tier}-subnets`,
        message: `${az} has ${candidates.length} ${tier} subnets: ${candidates.map(subnetWords).join(', ')}; choose one per AZ with --${tier}-subnets (e.g. --${tier}-subnets ${candidates[0]!.id})`,
      });
      return undefined;
    };
    const pub = pick('public');
    const priv = pick('private');
    if (pub && priv) zones.push({ az, public: pub, private: priv });
  }
  if (azs.length < 2 && problems.length === 0) {
    problems.push({ option: request.azs ? '--azs' : '--vpc-id', message: `${vpcName} has subnets in ${azs.length === 0 ? 'no AZ' : `only ${azs[0]}`}: an ALB and an RDS subnet group need a public and a private subnet in at least two AZs` });
  }

  // The custom NACLs' rules say "the VPC" with its primary CIDR: a subnet outside it would be cut off.
  const primaryRange = cidrRange(primary);
  if (request.customNacl && primaryRange) {
    for (const zone of zones) {
      for (const id of [zone.public, zone.private]) {
        const s = byId.get(id)!;
        const range = cidrRange(s.cidr);
        if (range && !within(range, primaryRange)) {
          problems.push({
            option: '--nacl',
            message: `${subnetWords(s)} lies outside the VPC's primary CIDR ${primary}, which the custom NACLs' rules use for "the VPC": traffic from it would be dropped. Choose subnets inside ${primary}, or keep --nacl default`,
          });
        }
      }
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  const mainTable = [...model.routeTables.values()].find((t) => t.main)?.id;
  return {
    ok: true,
    existing: {
      id: vpc.id,
      ...(vpc.name ? { name: vpc.name } : {}),
      cidr: primary,
      ...(igw ? { internetGateway: igw } : {}),
      defaultSecurityGroup: model.defaultSecurityGroup,
      defaultNacl: [...model.nacls.values()].find((n) => n.isDefault)?.id ?? '',
      ...(mainTable ? { mainRouteTable: mainTable } : {}),
      subnets,
      zones,
    },
  };
}

/** What the attach asks of the VPC once the NAT plan is known. */
export interface AttachUse {
  nat: Pick<NatPlan, 'mode' | 'natAzs' | 'routes' | 'endpoints'>;
  /** --lock-default-sg: take over the VPC's default security group and empty it. */
  lockDefaultSg: boolean;
  region: string;
  /** The network's name prefix (`<project>-<env>`), to say whose a route is not. */
  network?: string;
}

/**
 * The problems of using the chosen subnets for this NAT plan (exit 2), and the notices to show: a
 * private route table already sending 0.0.0.0/0 elsewhere, per-AZ NAT on a shared route table, no
 * internet gateway for a NAT, interface endpoints in a VPC without DNS, a default security group
 * still in use.
 */
export function attachConflicts(model: NetworkModel, existing: ExistingVpc, use: AttachUse): { problems: InputProblem[]; notices: string[] } {
  const problems: InputProblem[] = [];
  const notices: string[] = [];
  const { nat, region } = use;
  const tables = privateRouteTables(existing);
  const adoptedRoutes = new Set((existing.adopted ?? []).filter((a) => a.address.startsWith('aws_route.')).map((a) => a.id));

  for (const t of tables) {
    const table = model.routeTables.get(t.id);
    const route = defaultRoute(table);
    if (route && table && !adoptedRoutes.has(`${t.id}_${ANYWHERE}`)) {
      problems.push({
        option: '--vpc-id',
        message: `${tableWords(table)}, the route table of the private subnets of ${t.azs.join(' and ')}, already sends ${ANYWHERE} to ${route.target}${natName(model, route.target)}, which ${use.network ? `this network (${use.network})` : 'net-wizard'} did not make and will not take over: ${nat.natAzs.length > 0 ? 'its NAT route would replace it' : `--nat ${nat.mode} asks for no way out, but that route is one`}. Remove that route where it is managed (aws ec2 delete-route --route-table-id ${t.id} --destination-cidr-block ${ANYWHERE} --region ${region}), or choose other private subnets with --private-subnets`,
      });
    }
    if (table?.main && nat.natAzs.length > 0) {
      notices.push(`${tableWords(table)} serves the private subnets: every other subnet of the VPC without a route table of its own uses it too, and will also go out through the NAT Gateway.`);
    }
    const natAzs = new Set(t.azs.map((az) => nat.routes[az]).filter(Boolean));
    if (natAzs.size > 1) {
      problems.push({
        option: '--nat',
        message: `the private subnets of ${t.azs.join(' and ')} share the route table ${t.id}, which holds one default route, but ${nat.mode} gives each AZ its own NAT Gateway: use --nat single, or give each private subnet a route table of its own`,
      });
    }
  }

  if (nat.natAzs.length > 0 && !existing.internetGateway) {
    problems.push({ option: '--nat', message: `${existing.id} has no internet gateway attached, and a NAT Gateway sends its traffic through one: attach one, or use --nat none` });
  }

  if (nat.endpoints.interfaces.length > 0 && !(model.vpc.dnsSupport && model.vpc.dnsHostnames)) {
    const off = [model.vpc.dnsSupport ? undefined : 'DNS support', model.vpc.dnsHostnames ? undefined : 'DNS hostnames'].filter(Boolean).join(' and ');
    problems.push({
      option: '--needs',
      message: `${existing.id} has ${off} off, and the interface endpoints (${nat.endpoints.interfaces.join(', ')}) need both on for their private DNS names: turn them on where the VPC is managed (enable_dns_support and enable_dns_hostnames; or aws ec2 modify-vpc-attribute --vpc-id ${existing.id} --enable-dns-hostnames --region ${region}), then run again`,
    });
  }

  if (use.lockDefaultSg) {
    const users = model.interfaces.filter((i) => i.groups.includes(existing.defaultSecurityGroup));
    if (users.length > 0) {
      problems.push({
        option: '--lock-default-sg',
        message: `the VPC's default security group ${existing.defaultSecurityGroup} is still used by ${users.map((i) => `${i.id}${i.description ? ` (${i.description})` : ''}`).join(', ')}: emptying it would cut them off. Move them to groups of their own first, or leave --lock-default-sg out`,
      });
    }
  }
  return { problems, notices };
}

/** The model with the chosen subnets placed in their tiers (the flow analysis finds the ALB, tasks and database by them); the other subnets of the VPC have none. */
export function placeTiers(model: NetworkModel, existing: ExistingVpc): NetworkModel {
  const subnets = new Map([...model.subnets].map(([id, s]) => {
    const { tier: _old, ...rest } = s;
    const zone = existing.zones.find((z) => z.public === id || z.private === id);
    return [id, zone ? { ...rest, tier: zone.public === id ? ('public' as const) : ('private' as const) } : rest];
  }));
  return { ...model, subnets };
}

/** CRC-32 (IEEE), as the AWS provider hashes a route's destination into the route's id. */
function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The id the AWS provider gives an aws_route in its state: `r-<route table><crc32 of the destination>`. */
export function routeStateId(table: string, destination: string): string {
  return `r-${table}${crc32(destination)}`;
}

/** The names and addresses part 2 has, for finding what exists under them. */
export interface AdoptionNames {
  names: NetworkNames;
  nat: Pick<NatPlan, 'natAzs' | 'routes' | 'endpoints'>;
  /** Whether the custom NACLs are made. */
  customNacl: boolean;
}

/**
 * The part 2 resources that exist in the VPC under the names net-wizard would give them, made by
 * someone else (the tutorial's own security.tf, nat.tf, nacl.tf): security groups by group name,
 * NAT Gateways and their Elastic IPs by Name tag, the private default routes to those gateways,
 * NACLs by Name tag. Creating them again would fail (InvalidGroup.Duplicate) or duplicate them;
 * they are adopted with import blocks instead. Problems: an adoptee that could only be replaced.
 */
export function adoptions(model: NetworkModel, existing: ExistingVpc, use: AdoptionNames): { adopted: Adoption[]; problems: InputProblem[] } {
  const { names, nat } = use;
  const adopted: Adoption[] = [];
  const problems: InputProblem[] = [];
  const groups = [...model.securityGroups.values()].filter((g) => !g.isDefault);
  const roles: [SgRole, string, boolean][] = [
    ['alb', names.albSg, true],
    ['ecs', names.ecsSg, true],
    ['rds', names.rdsSg, true],
    ['endpoints', names.endpointsSg, nat.endpoints.interfaces.length > 0],
  ];
  for (const [role, groupName, made] of roles) {
    const group = groups.find((g) => (g.groupName ?? g.name) === groupName);
    if (!group || !made) continue;
    adopted.push({ address: ADDRESSES.securityGroup(role), id: group.id, awsId: group.id, what: `security group ${groupName} (${group.id})`, ...(group.description ? { description: group.description } : {}) });
  }

  const adoptedNats = new Map<string, string>(); // NAT id → the AZ it serves
  for (const az of nat.natAzs) {
    const gateway = [...model.natGateways.values()].find((g) => g.name === names.nat(az) && g.state !== 'failed');
    if (!gateway) continue;
    const zone = existing.zones.find((z) => z.az === az);
    if (gateway.subnet !== zone?.public) {
      problems.push({
        option: '--public-subnets',
        message: `the NAT Gateway ${gateway.id} (${names.nat(az)}) has the name net-wizard gives the NAT Gateway of ${az}, but it is in ${gateway.subnet ?? 'no subnet'}, not in the public subnet chosen there (${zone?.public ?? 'none'}): adopting it would replace it. Choose its subnet with --public-subnets ${gateway.subnet ?? ''}, or rename or remove that gateway`,
      });
      continue;
    }
    adoptedNats.set(gateway.id, az);
    adopted.push({ address: ADDRESSES.nat(az), id: gateway.id, awsId: gateway.id, what: `NAT Gateway ${names.nat(az)} (${gateway.id})` });
    const allocation = gateway.allocations[0];
    if (allocation) adopted.push({ address: ADDRESSES.natEip(az), id: allocation, awsId: allocation, what: `Elastic IP ${allocation} of ${names.nat(az)}` });
  }

  // The default routes to adopted gateways: one per private route table the plan routes.
  for (const t of privateRouteTables(existing)) {
    const route = defaultRoute(model.routeTables.get(t.id));
    const az = t.azs.find((a) => nat.routes[a]);
    if (!route || route.targetKind !== 'nat' || !adoptedNats.has(route.target) || !az) continue;
    adopted.push({ address: ADDRESSES.privateNatRoute(az), id: `${t.id}_${ANYWHERE}`, awsId: routeStateId(t.id, ANYWHERE), what: `route ${ANYWHERE} → ${route.target} in ${t.id}` });
  }

  if (use.customNacl) {
    for (const tier of ['public', 'private'] as const) {
      const aclName = tier === 'public' ? names.publicNacl : names.privateNacl;
      const acl = [...model.nacls.values()].find((a) => !a.isDefault && a.name === aclName);
      if (acl) adopted.push({ address: ADDRESSES.nacl(tier), id: acl.id, awsId: acl.id, what: `network ACL ${aclName} (${acl.id})` });
    }
  }
  return { adopted, problems };
}
