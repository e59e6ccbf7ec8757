/**
 * The network a Terraform JSON document describes, as Reachability Analyzer would see it: the VPC,
 * subnets with their route table and NACL (or the VPC's main table and default NACL), routes,
 * NACL entries, security group rules (inline or separate resources, SG references resolved to
 * addresses), NAT and internet gateways, VPC endpoints. Read from the JSON, not from the config,
 * so that a bug in the stack is seen. Pure.
 */
import type { NetworkConfig } from '../../core/config.js';
import { subnetLayout } from '../../core/config.js';
import type { TerraformJson } from '../../synth/synth.js';
import { ALL_PORTS, cidrRange, type Interval } from './ranges.js';

/** A protocol number (6 tcp, 17 udp, 1 icmp) or every protocol. */
export type Protocol = number | 'all';

export interface Vpc {
  address: string;
  /** The primary CIDR first, then secondary ones. */
  cidrs: string[];
  dnsSupport: boolean;
  dnsHostnames: boolean;
}

export interface Subnet {
  address: string;
  cidr: string;
  range: Interval;
  az?: string;
  /** Its route table: an association, or the VPC's main table. */
  routeTable: string;
  /** Its NACL: an association, or the VPC's default NACL. */
  nacl: string;
}

export interface Route {
  destination: string;
  range: Interval;
  targetKind: 'local' | 'igw' | 'nat' | 'other';
  /** The target's address (`aws_nat_gateway.main_a`), literal id, or `<field> <value>` for other targets. */
  target: string;
  /** The resource that declares it. */
  declaredBy: string;
}

export interface RouteTable {
  address: string;
  routes: Route[];
}

export interface NaclRule {
  ruleNo: number;
  egress: boolean;
  protocol: Protocol;
  allow: boolean;
  cidr: string;
  range: Interval;
  ports: Interval;
  declaredBy: string;
}

export interface Nacl {
  address: string;
  rules: NaclRule[];
  /** The VPC's default NACL (implicit, or aws_default_network_acl). */
  isDefault: boolean;
  /** Not declared in the configuration: AWS's own default, with its rules. */
  implicit?: boolean;
}

export interface SgRule {
  direction: 'ingress' | 'egress';
  protocol: Protocol;
  ports: Interval;
  cidrs: string[];
  /** Referenced security groups, as addresses (self included). */
  groups: string[];
  /** Referenced prefix lists: the address of the resource that owns them (`aws_vpc_endpoint.s3`) or an id. */
  prefixLists: string[];
  description?: string;
  declaredBy: string;
}

export interface SecurityGroup {
  address: string;
  description?: string;
  rules: SgRule[];
  isDefault: boolean;
  /** Not declared in the configuration: AWS's own default, with its rules. */
  implicit?: boolean;
}

export interface NatGateway {
  address: string;
  subnet?: string;
  allocation?: string;
  /** false for a private NAT gateway (connectivity_type private): no way to the internet. */
  public: boolean;
}

export interface InternetGateway {
  address: string;
  attached: boolean;
}

export interface VpcEndpoint {
  address: string;
  /** The service after `com.amazonaws.<region>.`: `s3`, `ecr.api`. */
  service: string;
  type: string;
  routeTables: string[];
  subnets: string[];
  securityGroups: string[];
  privateDns: boolean;
}

/** The network model of one Terraform JSON document. */
export interface NetworkModel {
  vpc: Vpc;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  nacls: Map<string, Nacl>;
  securityGroups: Map<string, SecurityGroup>;
  /** The address of the VPC's default security group (implicit or aws_default_security_group). */
  defaultSecurityGroup: string;
  natGateways: Map<string, NatGateway>;
  internetGateways: Map<string, InternetGateway>;
  endpoints: VpcEndpoint[];
  /** aws_flow_log resources on the VPC. */
  flowLogs: string[];
  /** Values the model could not read (not literal, malformed): the rules they belong to are left out. */
  notes: string[];
}

type Body = Record<string, unknown>;

function resources(json: TerraformJson, type: string): [string, Body][] {
  return Object.entries(json.resource?.[type] ?? {}).map(([name, body]) => [`${type}.${name}`, body as Body]);
}

/** The address a `${type.name.attr}` reference points at, or the literal value (an id) itself. */
export function refAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const match = /^\$\{([\w-]+\.[\w-]+)(?:\[[^\]]*\])?(?:\.[\w]+)?\}$/.exec(value);
  return match ? match[1]! : value;
}

const refs = (value: unknown): string[] => (Array.isArray(value) ? value.map(refAddress).filter((x): x is string => x !== undefined) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);
const list = (value: unknown): Body[] => (Array.isArray(value) ? value.filter((x): x is Body => typeof x === 'object' && x !== null) : []);
const num = (value: unknown): number | undefined => (value === null || value === undefined || value === '' ? undefined : Number(value));

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };

/** A protocol as terraform writes it (`-1`, `all`, `tcp`, `6`); undefined when unknown. */
export function parseProtocol(value: unknown): Protocol | undefined {
  const text = String(value).toLowerCase();
  if (text === '-1' || text === 'all') return 'all';
  if (text in PROTOCOLS) return PROTOCOLS[text];
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function ports(protocol: Protocol, from: unknown, to: unknown): Interval {
  if (protocol === 'all') return ALL_PORTS;
  const lo = num(from) ?? 0;
  return [lo, num(to) ?? lo];
}

/** Parse a Terraform JSON document into the network model. Throws when it holds no aws_vpc. */
export function parseNetwork(json: TerraformJson): NetworkModel {
  const notes: string[] = [];
  const [vpcEntry] = resources(json, 'aws_vpc');
  if (!vpcEntry) throw new Error('the configuration holds no aws_vpc');
  const [vpcAddress, vpcBody] = vpcEntry;
  const vpc: Vpc = {
    address: vpcAddress,
    cidrs: [String(vpcBody.cidr_block), ...resources(json, 'aws_vpc_ipv4_cidr_block_association').map(([, b]) => String(b.cidr_block))],
    dnsSupport: vpcBody.enable_dns_support !== false,
    dnsHostnames: vpcBody.enable_dns_hostnames === true,
  };
  const cidr = (text: unknown, where: string): Interval | undefined => {
    const range = typeof text === 'string' ? cidrRange(text) : undefined;
    if (!range) notes.push(`${where}: ${JSON.stringify(text)} is not a literal IPv4 CIDR`);
    return range;
  };

  // Route tables: the VPC's main table (aws_default_route_table, a main association, or implicit).
  const routeTables = new Map<string, RouteTable>();
  const localRoutes = (declaredBy: string): Route[] =>
    vpc.cidrs.flatMap((c) => {
      const range = cidrRange(c);
      return range ? [{ destination: c, range, targetKind: 'local' as const, target: 'local', declaredBy }] : [];
    });
  const [defaultTable] = resources(json, 'aws_default_route_table');
  const mainAssociation = resources(json, 'aws_main_route_table_association')[0]?.[1];
  const mainTable = refAddress(mainAssociation?.route_table_id) ?? defaultTable?.[0] ?? `${vpc.address} main route table`;
  routeTables.set(mainTable, { address: mainTable, routes: localRoutes(vpc.address) });
  for (const [address] of resources(json, 'aws_route_table')) routeTables.set(address, { address, routes: localRoutes(vpc.address) });

  const addRoute = (table: string | undefined, body: Body, declaredBy: string, destinationKey: string) => {
    const routes = table ? routeTables.get(table)?.routes : undefined;
    if (!routes) return notes.push(`${declaredBy}: route table ${String(table)} is not in the configuration`);
    if (body[destinationKey] === undefined || body[destinationKey] === null) return; // IPv6 or prefix-list routes
    const range = cidr(body[destinationKey], declaredBy);
    if (!range) return;
    routes.push({ destination: String(body[destinationKey]), range, ...routeTarget(body), declaredBy });
  };
  for (const [address, body] of [...resources(json, 'aws_route_table'), ...resources(json, 'aws_default_route_table')]) {
    for (const route of list(body.route)) addRoute(address, route, address, 'cidr_block');
  }
  for (const [address, body] of resources(json, 'aws_route')) addRoute(refAddress(body.route_table_id), body, address, 'destination_cidr_block');

  // NACLs: the VPC's default NACL allows everything unless aws_default_network_acl says otherwise
  // (terraform then removes the default entries and keeps only the ones it declares).
  const nacls = new Map<string, Nacl>();
  const naclOf = new Map<string, string>();
  const [defaultAcl] = resources(json, 'aws_default_network_acl');
  const defaultNacl = defaultAcl?.[0] ?? `${vpc.address} default NACL`;
  const allowAll = (egress: boolean): NaclRule => ({ ruleNo: 100, egress, protocol: 'all', allow: true, cidr: '0.0.0.0/0', range: cidrRange('0.0.0.0/0')!, ports: ALL_PORTS, declaredBy: defaultNacl });
  nacls.set(defaultNacl, defaultAcl ? { address: defaultNacl, isDefault: true, rules: [] } : { address: defaultNacl, isDefault: true, implicit: true, rules: [allowAll(false), allowAll(true)] });
  const addNaclRule = (acl: string | undefined, body: Body, egress: boolean, declaredBy: string, keys: { no: string; action: string }) => {
    const nacl = acl ? nacls.get(acl) : undefined;
    if (!nacl) return notes.push(`${declaredBy}: network ACL ${String(acl)} is not in the configuration`);
    if (typeof body.cidr_block !== 'string' && body.ipv6_cidr_block) return; // IPv6 entry
    const protocol = parseProtocol(body.protocol);
    const range = cidr(body.cidr_block, `${declaredBy} rule ${String(body[keys.no])}`);
    if (protocol === undefined) return notes.push(`${declaredBy}: protocol ${String(body.protocol)} is not known`);
    if (!range) return;
    const ruleNo = Number(body[keys.no]);
    nacl.rules.push({ ruleNo, egress, protocol, allow: String(body[keys.action]).toLowerCase() === 'allow', cidr: String(body.cidr_block), range, ports: ports(protocol, body.from_port, body.to_port), declaredBy });
  };
  const inlineAcls = [...resources(json, 'aws_network_acl'), ...(defaultAcl ? [defaultAcl] : [])];
  for (const [address, body] of inlineAcls) {
    if (!nacls.has(address)) nacls.set(address, { address, isDefault: false, rules: [] });
    for (const [key, egress] of [['ingress', false], ['egress', true]] as const) {
      for (const entry of list(body[key])) addNaclRule(address, entry, egress, address, { no: 'rule_no', action: 'action' });
    }
    for (const subnet of refs(body.subnet_ids)) naclOf.set(subnet, address);
  }
  for (const [address, body] of resources(json, 'aws_network_acl_rule')) {
    addNaclRule(refAddress(body.network_acl_id), body, body.egress === true, address, { no: 'rule_number', action: 'rule_action' });
  }
  for (const [, body] of resources(json, 'aws_network_acl_association')) {
    const subnet = refAddress(body.subnet_id);
    const acl = refAddress(body.network_acl_id);
    if (subnet && acl) naclOf.set(subnet, acl);
  }

  // Subnets.
  const tableOf = new Map<string, string>();
  for (const [, body] of resources(json, 'aws_route_table_association')) {
    const subnet = refAddress(body.subnet_id);
    const table = refAddress(body.route_table_id);
    if (subnet && table) tableOf.set(subnet, table);
  }
  const subnets = new Map<string, Subnet>();
  for (const [address, body] of resources(json, 'aws_subnet')) {
    const range = cidr(body.cidr_block, address);
    if (!range) continue;
    const az = typeof body.availability_zone === 'string' ? body.availability_zone : undefined;
    subnets.set(address, { address, cidr: String(body.cidr_block), range, az, routeTable: tableOf.get(address) ?? mainTable, nacl: naclOf.get(address) ?? defaultNacl });
  }

  // Security groups: the default one keeps AWS's rules (all from itself, all out) unless
  // aws_default_security_group declares its own. Terraform removes the default egress rule of
  // every aws_security_group it creates, so only declared rules count.
  const securityGroups = new Map<string, SecurityGroup>();
  const [defaultSgEntry] = resources(json, 'aws_default_security_group');
  const defaultSecurityGroup = defaultSgEntry?.[0] ?? `${vpc.address} default security group`;
  securityGroups.set(defaultSecurityGroup, {
    address: defaultSecurityGroup,
    isDefault: true,
    ...(defaultSgEntry ? {} : { implicit: true as const }),
    rules: defaultSgEntry
      ? []
      : [
          { direction: 'ingress', protocol: 'all', ports: ALL_PORTS, cidrs: [], groups: [defaultSecurityGroup], prefixLists: [], declaredBy: defaultSecurityGroup },
          { direction: 'egress', protocol: 'all', ports: ALL_PORTS, cidrs: ['0.0.0.0/0'], groups: [], prefixLists: [], declaredBy: defaultSecurityGroup },
        ],
  });
  const addSgRule = (sg: string | undefined, direction: 'ingress' | 'egress', body: Body, declaredBy: string, shape: 'inline' | 'rule' | 'vpc-rule') => {
    const group = sg ? securityGroups.get(sg) : undefined;
    if (!group) return notes.push(`${declaredBy}: security group ${String(sg)} is not in the configuration`);
    const protocol = parseProtocol(shape === 'vpc-rule' ? body.ip_protocol : body.protocol);
    if (protocol === undefined) return notes.push(`${declaredBy}: protocol ${String(body.protocol ?? body.ip_protocol)} is not known`);
    const cidrs = shape === 'vpc-rule' ? strings([body.cidr_ipv4]) : strings(body.cidr_blocks);
    const bad = cidrs.filter((c) => !cidr(c, declaredBy));
    const groups = shape === 'inline' ? refs(body.security_groups) : refs([shape === 'rule' ? body.source_security_group_id : body.referenced_security_group_id]);
    if (body.self === true) groups.push(group.address);
    const prefixLists = shape === 'vpc-rule' ? refs([body.prefix_list_id]) : refs(body.prefix_list_ids);
    const description = typeof body.description === 'string' && body.description.trim() !== '' ? body.description : undefined;
    group.rules.push({ direction, protocol, ports: ports(protocol, body.from_port, body.to_port), cidrs: cidrs.filter((c) => !bad.includes(c)), groups, prefixLists, description, declaredBy });
  };
  const inlineSgs = [...resources(json, 'aws_security_group'), ...(defaultSgEntry ? [defaultSgEntry] : [])];
  for (const [address, body] of inlineSgs) {
    if (!securityGroups.has(address)) {
      securityGroups.set(address, { address, isDefault: false, rules: [], description: typeof body.description === 'string' && body.description.trim() !== '' ? body.description : undefined });
    }
    for (const direction of ['ingress', 'egress'] as const) for (const rule of list(body[direction])) addSgRule(address, direction, rule, address, 'inline');
  }
  for (const [address, body] of resources(json, 'aws_security_group_rule')) {
    addSgRule(refAddress(body.security_group_id), body.type === 'egress' ? 'egress' : 'ingress', body, address, 'rule');
  }
  for (const direction of ['ingress', 'egress'] as const) {
    for (const [address, body] of resources(json, `aws_vpc_security_group_${direction}_rule`)) addSgRule(refAddress(body.security_group_id), direction, body, address, 'vpc-rule');
  }

  // Gateways and endpoints.
  const internetGateways = new Map<string, InternetGateway>(resources(json, 'aws_internet_gateway').map(([address, body]) => [address, { address, attached: Boolean(body.vpc_id) }]));
  for (const [, body] of resources(json, 'aws_internet_gateway_attachment')) {
    const igw = internetGateways.get(refAddress(body.internet_gateway_id) ?? '');
    if (igw) igw.attached = true;
  }
  const natGateways = new Map<string, NatGateway>(
    resources(json, 'aws_nat_gateway').map(([address, body]) => [
      address,
      { address, subnet: refAddress(body.subnet_id), allocation: refAddress(body.allocation_id), public: body.connectivity_type !== 'private' },
    ]),
  );
  const endpoints: VpcEndpoint[] = resources(json, 'aws_vpc_endpoint').map(([address, body]) => ({
    address,
    service: String(body.service_name).replace(/^com\.amazonaws\.[^.]+\./, ''),
    type: typeof body.vpc_endpoint_type === 'string' ? body.vpc_endpoint_type : 'Gateway',
    routeTables: refs(body.route_table_ids),
    subnets: refs(body.subnet_ids),
    securityGroups: refs(body.security_group_ids),
    privateDns: body.private_dns_enabled === true,
  }));
  const endpointAssociations = [
    ['aws_vpc_endpoint_route_table_association', 'route_table_id', 'routeTables'],
    ['aws_vpc_endpoint_subnet_association', 'subnet_id', 'subnets'],
    ['aws_vpc_endpoint_security_group_association', 'security_group_id', 'securityGroups'],
  ] as const;
  for (const [type, key, field] of endpointAssociations) {
    for (const [, body] of resources(json, type)) {
      const endpoint = endpoints.find((e) => e.address === refAddress(body.vpc_endpoint_id));
      const value = refAddress(body[key]);
      if (endpoint && value) endpoint[field].push(value);
    }
  }
  const flowLogs = resources(json, 'aws_flow_log')
    .filter(([, body]) => refAddress(body.vpc_id) === vpc.address)
    .map(([address]) => address);

  return { vpc, subnets, routeTables, nacls, securityGroups, defaultSecurityGroup, natGateways, internetGateways, endpoints, flowLogs, notes };
}

const OTHER_TARGETS = ['transit_gateway_id', 'vpc_peering_connection_id', 'network_interface_id', 'vpc_endpoint_id', 'egress_only_gateway_id', 'local_gateway_id', 'carrier_gateway_id', 'core_network_arn'];

function routeTarget(body: Body): Pick<Route, 'targetKind' | 'target'> {
  const gateway = refAddress(body.gateway_id);
  if (gateway === 'local') return { targetKind: 'local', target: 'local' };
  if (gateway) return { targetKind: gateway.startsWith('aws_internet_gateway.') || gateway.startsWith('igw-') ? 'igw' : 'other', target: gateway };
  const nat = refAddress(body.nat_gateway_id);
  if (nat) return { targetKind: 'nat', target: nat };
  const field = OTHER_TARGETS.find((key) => refAddress(body[key]));
  return { targetKind: 'other', target: field ? `${field} ${refAddress(body[field])}` : 'no target' };
}

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

/** The subnets of a tier: those carved for it from the config's layout, else those named after it. */
export function tierSubnets(model: NetworkModel, config: Pick<NetworkConfig, 'vpcCidr' | 'azs'>, tier: 'public' | 'private'): Placement['subnets'] {
  const cidrs = subnetLayout(config)
    .filter((s) => s.tier === tier)
    .map((s) => s.cidr);
  const all = [...model.subnets.values()];
  const byCidr = all.filter((s) => cidrs.includes(s.cidr));
  return byCidr.length > 0 ? byCidr : all.filter((s) => s.address.split('.')[1]!.startsWith(tier));
}

/** The workloads of the tutorial's network, placed by their security groups (alb, ecs, rds) and tiers. */
export function workloads(model: NetworkModel, config: Pick<NetworkConfig, 'vpcCidr' | 'azs' | 'tasksSubnet'>): Record<'alb' | 'ecs' | 'rds' | 'privateHosts', Placement> {
  const place = (label: string, sg: string | undefined, tier: 'public' | 'private', publicIp: boolean): Placement => ({
    label,
    sgs: sg ? [`aws_security_group.${sg}`] : [],
    subnets: tierSubnets(model, config, tier),
    publicIp,
    wanted: `${tier} subnets (${subnetLayout(config).filter((s) => s.tier === tier).map((s) => s.cidr).join(', ')})`,
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
    wanted: `subnets of ${endpoint.address} (${endpoint.subnets.join(', ') || 'none'})`,
  };
}
