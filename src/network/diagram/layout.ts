/**
 * The picture of a network, before it is drawn: one column per AZ with its subnets in tiers
 * (public above private), where each subnet's route table sends 0.0.0.0/0 (the internet gateway,
 * which NAT Gateway, nothing), the NAT Gateways and the route tables that use them, the VPC
 * endpoints, the NACLs, and the security group chain internet → ALB → ECS → RDS with the ports
 * its rules open. Read from the one network model (src/network/model.ts), whichever reader filled
 * it, so the configuration and a live or audited VPC are drawn alike. Plain data (no Map): the
 * renderers (text, mermaid, svg) and `diagram --json` read it as it is. Pure.
 */
import { type NetworkModel, type Role, type SecurityGroup, type Subnet, type Tier } from '../model.js';
import { normalize, portsText, type Interval } from '../ranges.js';

/** Where a subnet's 0.0.0.0/0 goes. */
export interface Exit {
  /** igw: the internet gateway; nat: a NAT Gateway; eni: a network interface (a NAT instance); none: no default route. */
  kind: 'igw' | 'nat' | 'eni' | 'endpoint' | 'other' | 'none';
  /** The target's id in the model (`aws_nat_gateway.main_a`, `nat-0abc`). */
  target?: string;
  /** The target as the user knows it: its Name tag, else its id. */
  label?: string;
  /** A NAT Gateway in another AZ than the subnet's (one NAT for the VPC): the traffic crosses AZs. */
  crossAz?: string;
  /** The route is a blackhole (its target is gone; live reader only). */
  blackhole?: boolean;
}

/** The workloads drawn in a subnet. */
export type Workload = 'alb' | 'ecs' | 'rds';

/** One subnet as drawn. */
export interface SubnetBox {
  id: string;
  /** Its Name tag, else its id. */
  label: string;
  cidr: string;
  az?: string;
  /** Its tier: as its reader placed it, else by its route (0.0.0.0/0 to an internet gateway: public). */
  tier: Tier;
  /** Whether the app uses it (its reader placed it in a tier); an existing VPC's other subnets do not. */
  inApp: boolean;
  routeTable: { id: string; label: string; main: boolean };
  exit: Exit;
  nacl: { id: string; label: string; custom: boolean };
  /** The NAT Gateways placed in it. */
  nats: string[];
  /** The workloads that run in it (by their network interfaces, else where the tutorial puts them). */
  workloads: Workload[];
  /** The interface endpoints with a network interface in it, by service. */
  endpoints: string[];
}

/** One AZ column. */
export interface Zone {
  /** The AZ name, or `(no AZ)` for subnets whose AZ the source does not say. */
  az: string;
  subnets: SubnetBox[];
}

export interface NatBox {
  id: string;
  label: string;
  subnet?: string;
  subnetLabel?: string;
  az?: string;
  public: boolean;
  /** Its Elastic IPs: the Name tag or public address, else the allocation id. */
  eips: string[];
  /** The route tables whose 0.0.0.0/0 goes to it. */
  usedBy: { id: string; label: string }[];
}

export interface RouteTableBox {
  id: string;
  label: string;
  main: boolean;
  subnets: string[];
  exit: Exit;
  /** Gateway endpoints on it, by service. */
  endpoints: string[];
}

export interface EndpointBox {
  id: string;
  label: string;
  service: string;
  type: 'gateway' | 'interface' | 'other';
  /** Gateway: the route tables (labels); interface: the subnets (labels). */
  where: string[];
  /** Interface endpoints: their security groups (labels). */
  securityGroups: string[];
}

export interface NaclBox {
  id: string;
  label: string;
  /** The VPC's default NACL (allow-all unless declared otherwise). */
  isDefault: boolean;
  /** Not declared by the source: AWS's own default, with no id of its own here. */
  implicit: boolean;
  /** Subnets (labels). */
  subnets: string[];
  inbound: number;
  outbound: number;
}

/** A step of the security group chain: what may reach the next group, on which ports. */
export interface ChainLink {
  from: 'internet' | Role;
  to: Role;
  /** The ports the `to` group's ingress rules open to `from`: `tcp 80, 443`, `all`; '' when none. */
  ports: string;
}

/** A role's security group as drawn. */
export interface ChainGroup {
  role: Role;
  /** ALB, ECS tasks, RDS, endpoints. */
  title: string;
  /** The group's name (group name, Name tag, or id); undefined when the model holds no group for the role. */
  group?: string;
  id?: string;
}

export interface DiagramLayout {
  vpc: { id: string; label: string; cidrs: string[] };
  internetGateways: { id: string; label: string; attached: boolean }[];
  zones: Zone[];
  nats: NatBox[];
  routeTables: RouteTableBox[];
  endpoints: EndpointBox[];
  nacls: NaclBox[];
  chain: { groups: ChainGroup[]; links: ChainLink[] };
  /** What the model's reader could not read. */
  notes: string[];
}

/** How the layout places what the model does not say. */
export interface LayoutOptions {
  /** Where the ECS tasks run (--tasks-subnet). @default 'private' */
  tasksSubnet?: Tier;
}

const ANYWHERE = '0.0.0.0/0';
const NO_AZ = '(no AZ)';
const ROLE_TITLES: Record<Role, string> = { alb: 'ALB', ecs: 'ECS tasks', rds: 'RDS', endpoints: 'endpoints' };
const TIER_ORDER: Record<Tier, number> = { public: 0, private: 1 };

/** Lay the network of a model out for drawing. */
export function layoutNetwork(model: NetworkModel, options: LayoutOptions = {}): DiagramLayout {
  const labelOf = (id: string, name?: string) => name ?? id;
  const subnetLabel = (id: string) => labelOf(id, model.subnets.get(id)?.name);
  // What the source leaves implicit has a made-up id (`aws_vpc.main main route table`): named in words.
  const implicitTable = (id: string) => model.routeTables.get(id)?.main === true && id.endsWith(' main route table');
  const tableLabel = (id: string) => (implicitTable(id) ? "the VPC's main route table" : labelOf(id, model.routeTables.get(id)?.name));
  const natLabel = (id: string) => labelOf(id, model.natGateways.get(id)?.name);

  const exitOf = (tableId: string, subnetAz: string | undefined): Exit => {
    const route = model.routeTables.get(tableId)?.routes.find((r) => r.destination === ANYWHERE);
    if (!route) return { kind: 'none' };
    const blackhole = route.state === 'blackhole' ? { blackhole: true } : {};
    switch (route.targetKind) {
      case 'igw':
        return { kind: 'igw', target: route.target, label: labelOf(route.target, model.internetGateways.get(route.target)?.name), ...blackhole };
      case 'nat': {
        const natAz = model.subnets.get(model.natGateways.get(route.target)?.subnet ?? '')?.az;
        return { kind: 'nat', target: route.target, label: natLabel(route.target), ...(natAz && subnetAz && natAz !== subnetAz ? { crossAz: natAz } : {}), ...blackhole };
      }
      case 'local':
        return { kind: 'none' };
      default:
        return { kind: route.targetKind, target: route.target, label: route.target, ...blackhole };
    }
  };

  // Where each workload runs: by its network interfaces when the model has any, else by tier.
  const tasksTier = options.tasksSubnet ?? 'private';
  const home: Record<Workload, Tier> = { alb: 'public', ecs: tasksTier, rds: 'private' };
  const byInterfaces = (role: Workload): Set<string> | undefined => {
    const sg = model.roles[role];
    if (!sg) return undefined;
    const where = new Set(model.interfaces.filter((i) => i.groups.includes(sg) && i.subnet).map((i) => i.subnet!));
    return where.size > 0 ? where : undefined;
  };
  const placed = Object.fromEntries((['alb', 'ecs', 'rds'] as const).map((w) => [w, byInterfaces(w)])) as Record<Workload, Set<string> | undefined>;
  const hasRole = (role: Workload) => model.roles[role] !== undefined;

  const interfaceEndpoints = model.endpoints.filter((e) => e.type.toLowerCase() === 'interface');
  const boxes: SubnetBox[] = [...model.subnets.values()].map((s: Subnet) => {
    const exit = exitOf(s.routeTable, s.az);
    const tier: Tier = s.tier ?? (exit.kind === 'igw' ? 'public' : 'private');
    const inApp = s.tier !== undefined;
    const nacl = model.nacls.get(s.nacl);
    const workloads = (['alb', 'ecs', 'rds'] as const).filter((w) => hasRole(w) && (placed[w] ? placed[w]!.has(s.id) : inApp && tier === home[w]));
    return {
      id: s.id,
      label: labelOf(s.id, s.name),
      cidr: s.cidr,
      ...(s.az ? { az: s.az } : {}),
      tier,
      inApp,
      routeTable: { id: s.routeTable, label: tableLabel(s.routeTable), main: model.routeTables.get(s.routeTable)?.main === true },
      exit,
      nacl: { id: s.nacl, label: nacl?.implicit && nacl.isDefault ? "the VPC's default NACL" : labelOf(s.nacl, nacl?.name), custom: nacl ? !nacl.isDefault : false },
      nats: [...model.natGateways.values()].filter((n) => n.subnet === s.id).map((n) => natLabel(n.id)),
      workloads,
      endpoints: interfaceEndpoints.filter((e) => e.subnets.includes(s.id)).map((e) => e.service),
    };
  });
  const azs = [...new Set(boxes.map((b) => b.az ?? NO_AZ))].sort((x, y) => (x === NO_AZ ? 1 : y === NO_AZ ? -1 : x.localeCompare(y)));
  const zones: Zone[] = azs.map((az) => ({
    az,
    subnets: boxes
      .filter((b) => (b.az ?? NO_AZ) === az)
      .sort((x, y) => Number(y.inApp) - Number(x.inApp) || TIER_ORDER[x.tier] - TIER_ORDER[y.tier] || compareCidrs(x.cidr, y.cidr)),
  }));

  const usedTables = [...new Set(boxes.map((b) => b.routeTable.id))];
  const gatewayEndpoints = model.endpoints.filter((e) => e.type.toLowerCase() === 'gateway');
  const routeTables: RouteTableBox[] = [...model.routeTables.values()]
    .filter((t) => usedTables.includes(t.id) || t.routes.some((r) => r.destination === ANYWHERE && r.targetKind !== 'local'))
    .map((t) => ({
      id: t.id,
      label: tableLabel(t.id),
      main: t.main === true,
      subnets: boxes.filter((b) => b.routeTable.id === t.id).map((b) => b.label),
      exit: exitOf(t.id, undefined),
      endpoints: gatewayEndpoints.filter((e) => e.routeTables.includes(t.id)).map((e) => e.service),
    }));

  const nats: NatBox[] = [...model.natGateways.values()].map((n) => {
    const subnet = n.subnet ? model.subnets.get(n.subnet) : undefined;
    return {
      id: n.id,
      label: natLabel(n.id),
      ...(n.subnet ? { subnet: n.subnet, subnetLabel: subnetLabel(n.subnet) } : {}),
      ...(subnet?.az ? { az: subnet.az } : {}),
      public: n.public,
      eips: n.allocations.map((a) => model.elasticIps.get(a)?.name ?? model.elasticIps.get(a)?.publicIp ?? a),
      usedBy: routeTables.filter((t) => t.exit.kind === 'nat' && t.exit.target === n.id).map((t) => ({ id: t.id, label: t.label })),
    };
  });

  const sgLabel = (id: string) => {
    const sg = model.securityGroups.get(id);
    return sg?.groupName ?? sg?.name ?? id;
  };
  const endpoints: EndpointBox[] = model.endpoints.map((e) => {
    const type = e.type.toLowerCase() === 'gateway' ? 'gateway' : e.type.toLowerCase() === 'interface' ? 'interface' : 'other';
    return {
      id: e.id,
      label: labelOf(e.id, e.name),
      service: e.service,
      type,
      where: type === 'gateway' ? e.routeTables.map(tableLabel) : e.subnets.map(subnetLabel),
      securityGroups: e.securityGroups.map(sgLabel),
    };
  });

  const nacls: NaclBox[] = [...model.nacls.values()]
    .filter((n) => n.subnets.length > 0 || !n.isDefault)
    .map((n) => ({
      id: n.id,
      label: n.implicit && n.isDefault ? "the VPC's default NACL" : labelOf(n.id, n.name),
      isDefault: n.isDefault,
      implicit: n.implicit === true,
      subnets: n.subnets.filter((s) => model.subnets.has(s)).map(subnetLabel),
      inbound: n.rules.filter((r) => !r.egress).length,
      outbound: n.rules.filter((r) => r.egress).length,
    }));

  return {
    vpc: { id: model.vpc.id, label: labelOf(model.vpc.id, model.vpc.name), cidrs: model.vpc.cidrs },
    internetGateways: [...model.internetGateways.values()].map((g) => ({ id: g.id, label: labelOf(g.id, g.name), attached: g.attached })),
    zones,
    nats,
    routeTables,
    endpoints,
    nacls,
    chain: securityChain(model),
    notes: model.notes,
  };
}

/** The security group chain: internet → ALB → ECS → RDS (and ECS → endpoints), with the ports each group's ingress rules open to the one before. */
export function securityChain(model: NetworkModel): DiagramLayout['chain'] {
  const group = (role: Role): ChainGroup => {
    const id = model.roles[role];
    const sg = id ? model.securityGroups.get(id) : undefined;
    return { role, title: ROLE_TITLES[role], ...(sg ? { group: sg.groupName ?? sg.name ?? sg.id, id: sg.id } : {}) };
  };
  const hasEndpoints = model.roles.endpoints !== undefined && model.securityGroups.has(model.roles.endpoints);
  const roles: Role[] = ['alb', 'ecs', 'rds', ...(hasEndpoints ? ['endpoints' as const] : [])];
  const groups = roles.map(group);
  const ingress = (to: Role, admits: (rule: SecurityGroup['rules'][number]) => boolean): string => {
    const id = model.roles[to];
    const sg = id ? model.securityGroups.get(id) : undefined;
    return portsOf((sg?.rules ?? []).filter((r) => r.direction === 'ingress' && admits(r)));
  };
  const fromGroup = (role: Role) => (rule: SecurityGroup['rules'][number]) => model.roles[role] !== undefined && rule.groups.includes(model.roles[role]!);
  const fromInternet = (rule: SecurityGroup['rules'][number]) => rule.cidrs.includes(ANYWHERE);
  const links: ChainLink[] = [
    { from: 'internet', to: 'alb', ports: ingress('alb', fromInternet) },
    { from: 'alb', to: 'ecs', ports: ingress('ecs', fromGroup('alb')) },
    { from: 'ecs', to: 'rds', ports: ingress('rds', fromGroup('ecs')) },
    ...(hasEndpoints ? [{ from: 'ecs' as const, to: 'endpoints' as const, ports: ingress('endpoints', fromGroup('ecs')) }] : []),
  ];
  return { groups, links };
}

const PROTOCOL_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp' };

/** The ports of some rules: `tcp 80, 443`, `tcp 5432; udp 53`, `all`. */
function portsOf(rules: SecurityGroup['rules']): string {
  if (rules.length === 0) return '';
  if (rules.some((r) => r.protocol === 'all')) return 'all';
  const byProtocol = new Map<string, Interval[]>();
  for (const r of rules) {
    const name = PROTOCOL_NAMES[r.protocol as number] ?? `protocol ${r.protocol}`;
    byProtocol.set(name, [...(byProtocol.get(name) ?? []), r.ports]);
  }
  return [...byProtocol].map(([name, ports]) => (name === 'icmp' ? 'icmp' : `${name} ${portsText(normalize(ports))}`)).join('; ');
}

function compareCidrs(x: string, y: string): number {
  const key = (c: string) => c.split(/[./]/).map((p) => p.padStart(3, '0')).join('.');
  return key(x).localeCompare(key(y));
}

/** The roles of a chain group in words, for renderers. */
export function chainTitle(group: ChainGroup): string {
  return group.group ? `${group.title} (${group.group})` : `${group.title} (no security group found)`;
}
