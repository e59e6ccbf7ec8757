/**
 * The Terraform reader of the network model: the network a synthesized Terraform JSON document
 * describes, with terraform addresses as ids. Routes, NACL entries and security group rules are
 * read inline or as separate resources; SG references are resolved to addresses; what the
 * document leaves implicit (the VPC's main route table, default NACL and default security group)
 * is modelled as AWS makes it. Read from the JSON, not from the config, so that a bug in the
 * stack is seen. Pure.
 */
import { ADDRESSES, subnetTier } from '../core/names.js';
import {
  parseProtocol,
  type ElasticIp,
  type InternetGateway,
  type Nacl,
  type NaclRule,
  type NatGateway,
  type NetworkModel,
  type Protocol,
  type Route,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Vpc,
  type VpcEndpoint,
} from './model.js';
import { ALL_PORTS, cidrRange, type Interval } from './ranges.js';

/** The part of a Terraform JSON document the reader looks at: its resources by type and name. */
export interface TerraformResources {
  resource?: Record<string, Record<string, unknown>>;
}

type Body = Record<string, unknown>;

function resources(json: TerraformResources, type: string): [string, Body][] {
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
const nameTag = (body: Body): { name?: string } => {
  const name = (body.tags as Record<string, unknown> | undefined)?.Name;
  return typeof name === 'string' ? { name } : {};
};

function ports(protocol: Protocol, from: unknown, to: unknown): Interval {
  if (protocol === 'all') return ALL_PORTS;
  const lo = num(from) ?? 0;
  return [lo, num(to) ?? lo];
}

const written = (from: unknown, to: unknown): { from?: number; to?: number } => {
  const [f, t] = [num(from), num(to)];
  return { ...(f === undefined ? {} : { from: f }), ...(t === undefined ? {} : { to: t }) };
};

/** A deep copy of a model, so that a reader can add to it without changing the one it was given. */
function copyModel(model: NetworkModel): NetworkModel {
  return structuredClone(model);
}

/** An existing VPC's NACLs and security groups, marked as what the document does not declare. */
function declaredNothing(model: NetworkModel): NetworkModel {
  for (const acl of model.nacls.values()) acl.implicit = true;
  for (const sg of model.securityGroups.values()) sg.implicit = true;
  return model;
}

/**
 * Read a Terraform JSON document into the network model. `base`: the existing VPC the document
 * adds to (its resources refer to the VPC's subnets and route tables by id), which the model
 * starts from; without one the document must hold the aws_vpc.
 */
export function readTerraformNetwork(json: TerraformResources, options: { base?: NetworkModel } = {}): NetworkModel {
  const base = options.base ? declaredNothing(copyModel(options.base)) : undefined;
  const notes: string[] = base ? [...base.notes] : [];
  const [vpcEntry] = resources(json, 'aws_vpc');
  if (!vpcEntry && !base) throw new Error('the configuration holds no aws_vpc');
  const vpc: Vpc = vpcEntry
    ? {
        id: vpcEntry[0],
        ...nameTag(vpcEntry[1]),
        cidrs: [String(vpcEntry[1].cidr_block), ...resources(json, 'aws_vpc_ipv4_cidr_block_association').map(([, b]) => String(b.cidr_block))],
        dnsSupport: vpcEntry[1].enable_dns_support !== false,
        dnsHostnames: vpcEntry[1].enable_dns_hostnames === true,
      }
    : base!.vpc;
  const cidr = (text: unknown, where: string): Interval | undefined => {
    const range = typeof text === 'string' ? cidrRange(text) : undefined;
    if (!range) notes.push(`${where}: ${JSON.stringify(text)} is not a literal IPv4 CIDR`);
    return range;
  };

  // Route tables: the VPC's main table (aws_default_route_table, a main association, or implicit).
  const routeTables = base?.routeTables ?? new Map<string, RouteTable>();
  const localRoutes = (declaredBy: string): Route[] =>
    vpc.cidrs.flatMap((c) => {
      const range = cidrRange(c);
      return range ? [{ destination: c, range, targetKind: 'local' as const, target: 'local', declaredBy }] : [];
    });
  const [defaultTable] = resources(json, 'aws_default_route_table');
  const mainAssociation = resources(json, 'aws_main_route_table_association')[0]?.[1];
  const baseMain = base && [...routeTables.values()].find((t) => t.main)?.id;
  const mainTable = refAddress(mainAssociation?.route_table_id) ?? defaultTable?.[0] ?? baseMain ?? `${vpc.id} main route table`;
  if (!routeTables.has(mainTable)) routeTables.set(mainTable, { id: mainTable, main: true, routes: localRoutes(vpc.id), subnets: [] });
  for (const [address, body] of resources(json, 'aws_route_table')) {
    const main = address === mainTable ? { main: true } : {};
    routeTables.set(address, { id: address, ...nameTag(body), ...main, routes: localRoutes(vpc.id), subnets: [] });
  }

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
  const nacls = base?.nacls ?? new Map<string, Nacl>();
  const naclOf = new Map<string, string>();
  const [defaultAcl] = resources(json, 'aws_default_network_acl');
  const baseDefaultNacl = base && [...nacls.values()].find((n) => n.isDefault)?.id;
  const defaultNacl = defaultAcl?.[0] ?? baseDefaultNacl ?? `${vpc.id} default NACL`;
  const allowAll = (egress: boolean): NaclRule => ({
    ruleNo: 100,
    egress,
    protocol: 'all',
    allow: true,
    cidr: '0.0.0.0/0',
    range: cidrRange('0.0.0.0/0')!,
    ports: ALL_PORTS,
    written: {},
    declaredBy: defaultNacl,
  });
  if (!baseDefaultNacl || defaultAcl) nacls.set(
    defaultNacl,
    defaultAcl
      ? { id: defaultNacl, ...nameTag(defaultAcl[1]), isDefault: true, rules: [], subnets: [] }
      : { id: defaultNacl, isDefault: true, implicit: true, rules: [allowAll(false), allowAll(true)], subnets: [] },
  );
  const addNaclRule = (acl: string | undefined, body: Body, egress: boolean, declaredBy: string, keys: { no: string; action: string }) => {
    const nacl = acl ? nacls.get(acl) : undefined;
    if (!nacl) return notes.push(`${declaredBy}: network ACL ${String(acl)} is not in the configuration`);
    if (typeof body.cidr_block !== 'string' && body.ipv6_cidr_block) return; // IPv6 entry
    const protocol = parseProtocol(body.protocol);
    const range = cidr(body.cidr_block, `${declaredBy} rule ${String(body[keys.no])}`);
    if (protocol === undefined) return notes.push(`${declaredBy}: protocol ${String(body.protocol)} is not known`);
    if (!range) return;
    const ruleNo = Number(body[keys.no]);
    nacl.rules.push({
      ruleNo,
      egress,
      protocol,
      allow: String(body[keys.action]).toLowerCase() === 'allow',
      cidr: String(body.cidr_block),
      range,
      ports: ports(protocol, body.from_port, body.to_port),
      written: written(body.from_port, body.to_port),
      declaredBy,
    });
  };
  const inlineAcls = [...resources(json, 'aws_network_acl'), ...(defaultAcl ? [defaultAcl] : [])];
  for (const [address, body] of inlineAcls) {
    if (!nacls.has(address)) nacls.set(address, { id: address, ...nameTag(body), isDefault: false, rules: [], subnets: [] });
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
  const subnets = base?.subnets ?? new Map<string, Subnet>();
  // The existing subnets the document re-associates (a NACL of its own on the VPC's subnets).
  for (const subnet of base ? subnets.values() : []) {
    const acl = naclOf.get(subnet.id);
    if (!acl || !nacls.has(acl)) continue;
    const old = nacls.get(subnet.nacl);
    if (old) old.subnets = old.subnets.filter((x) => x !== subnet.id);
    subnet.nacl = acl;
  }
  const declared = new Set<string>();
  for (const [address, body] of resources(json, 'aws_subnet')) {
    declared.add(address);
    const range = cidr(body.cidr_block, address);
    if (!range) continue;
    const az = typeof body.availability_zone === 'string' ? body.availability_zone : undefined;
    const tier = subnetTier(address);
    subnets.set(address, {
      id: address,
      ...nameTag(body),
      cidr: String(body.cidr_block),
      range,
      az,
      ...(tier ? { tier } : {}),
      routeTable: tableOf.get(address) ?? mainTable,
      nacl: naclOf.get(address) ?? defaultNacl,
    });
  }
  for (const [subnet, table] of tableOf) if (declared.has(subnet)) routeTables.get(table)?.subnets.push(subnet);
  for (const subnet of subnets.values()) {
    const list = nacls.get(subnet.nacl)?.subnets;
    if (list && !list.includes(subnet.id)) list.push(subnet.id);
  }

  // Security groups: the default one keeps AWS's rules (all from itself, all out) unless
  // aws_default_security_group declares its own. Terraform removes the default egress rule of
  // every aws_security_group it creates, so only declared rules count.
  const securityGroups = base?.securityGroups ?? new Map<string, SecurityGroup>();
  const [defaultSgEntry] = resources(json, 'aws_default_security_group');
  // An existing VPC's default group, taken over by the document: the same group, with the document's rules.
  if (base && defaultSgEntry) securityGroups.delete(base.defaultSecurityGroup);
  const defaultSecurityGroup = defaultSgEntry?.[0] ?? base?.defaultSecurityGroup ?? `${vpc.id} default security group`;
  const everything = { protocol: 'all' as const, ports: ALL_PORTS, written: {}, ipv6Cidrs: [], prefixLists: [], declaredBy: defaultSecurityGroup };
  if (!securityGroups.has(defaultSecurityGroup)) securityGroups.set(defaultSecurityGroup, {
    id: defaultSecurityGroup,
    ...(defaultSgEntry ? nameTag(defaultSgEntry[1]) : {}),
    isDefault: true,
    ...(defaultSgEntry ? {} : { implicit: true as const }),
    rules: defaultSgEntry
      ? []
      : [
          { ...everything, direction: 'ingress', cidrs: [], groups: [defaultSecurityGroup] },
          { ...everything, direction: 'egress', cidrs: ['0.0.0.0/0'], groups: [] },
        ],
  });
  const addSgRule = (sg: string | undefined, direction: 'ingress' | 'egress', body: Body, declaredBy: string, shape: 'inline' | 'rule' | 'vpc-rule') => {
    const group = sg ? securityGroups.get(sg) : undefined;
    if (!group) return notes.push(`${declaredBy}: security group ${String(sg)} is not in the configuration`);
    const protocol = parseProtocol(shape === 'vpc-rule' ? body.ip_protocol : body.protocol);
    if (protocol === undefined) return notes.push(`${declaredBy}: protocol ${String(body.protocol ?? body.ip_protocol)} is not known`);
    const cidrs = shape === 'vpc-rule' ? strings([body.cidr_ipv4]) : strings(body.cidr_blocks);
    const ipv6Cidrs = shape === 'vpc-rule' ? strings([body.cidr_ipv6]) : strings(body.ipv6_cidr_blocks);
    const bad = cidrs.filter((c) => !cidr(c, declaredBy));
    const groups = shape === 'inline' ? refs(body.security_groups) : refs([shape === 'rule' ? body.source_security_group_id : body.referenced_security_group_id]);
    if (body.self === true) groups.push(group.id);
    const prefixLists = shape === 'vpc-rule' ? refs([body.prefix_list_id]) : refs(body.prefix_list_ids);
    const description = typeof body.description === 'string' && body.description.trim() !== '' ? body.description : undefined;
    group.rules.push({
      direction,
      protocol,
      ports: ports(protocol, body.from_port, body.to_port),
      written: written(body.from_port, body.to_port),
      cidrs: cidrs.filter((c) => !bad.includes(c)),
      ipv6Cidrs,
      groups,
      prefixLists,
      description,
      declaredBy,
    });
  };
  const inlineSgs = [...resources(json, 'aws_security_group'), ...(defaultSgEntry ? [defaultSgEntry] : [])];
  for (const [address, body] of inlineSgs) {
    if (!securityGroups.has(address)) {
      const description = typeof body.description === 'string' && body.description.trim() !== '' ? body.description : undefined;
      securityGroups.set(address, { id: address, ...nameTag(body), isDefault: false, rules: [], description });
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
  const internetGateways = new Map<string, InternetGateway>([
    ...(base?.internetGateways ?? []),
    ...resources(json, 'aws_internet_gateway').map(([address, body]): [string, InternetGateway] => [address, { id: address, ...nameTag(body), attached: Boolean(body.vpc_id) }]),
  ]);
  for (const [, body] of resources(json, 'aws_internet_gateway_attachment')) {
    const igw = internetGateways.get(refAddress(body.internet_gateway_id) ?? '');
    if (igw) igw.attached = true;
  }
  const natGateways = new Map<string, NatGateway>([
    ...(base?.natGateways ?? []),
    ...resources(json, 'aws_nat_gateway').map(([address, body]): [string, NatGateway] => {
      const allocation = refAddress(body.allocation_id);
      return [address, { id: address, ...nameTag(body), subnet: refAddress(body.subnet_id), allocations: allocation ? [allocation] : [], public: body.connectivity_type !== 'private' }];
    }),
  ]);
  const elasticIps = new Map<string, ElasticIp>([...(base?.elasticIps ?? []), ...resources(json, 'aws_eip').map(([address, body]): [string, ElasticIp] => [address, { id: address, ...nameTag(body) }])]);
  const endpoints: VpcEndpoint[] = [...(base?.endpoints ?? []), ...resources(json, 'aws_vpc_endpoint').map(([address, body]) => ({
    id: address,
    ...nameTag(body),
    service: String(body.service_name).replace(/^com\.amazonaws\.[^.]+\./, ''),
    serviceName: String(body.service_name),
    type: typeof body.vpc_endpoint_type === 'string' ? body.vpc_endpoint_type : 'Gateway',
    routeTables: refs(body.route_table_ids),
    subnets: refs(body.subnet_ids),
    securityGroups: refs(body.security_group_ids),
    privateDns: body.private_dns_enabled === true,
  }))];
  const endpointAssociations = [
    ['aws_vpc_endpoint_route_table_association', 'route_table_id', 'routeTables'],
    ['aws_vpc_endpoint_subnet_association', 'subnet_id', 'subnets'],
    ['aws_vpc_endpoint_security_group_association', 'security_group_id', 'securityGroups'],
  ] as const;
  for (const [type, key, field] of endpointAssociations) {
    for (const [, body] of resources(json, type)) {
      const endpoint = endpoints.find((e) => e.id === refAddress(body.vpc_endpoint_id));
      const value = refAddress(body[key]);
      if (endpoint && value) endpoint[field].push(value);
    }
  }
  const flowLogs = [...(base?.flowLogs ?? []), ...resources(json, 'aws_flow_log')
    .filter(([, body]) => refAddress(body.vpc_id) === vpc.id)
    .map(([address]) => address)];

  // The stack gives each role its own security group, by address (whether or not the document holds it).
  const roles = { alb: ADDRESSES.securityGroup('alb'), ecs: ADDRESSES.securityGroup('ecs'), rds: ADDRESSES.securityGroup('rds'), endpoints: ADDRESSES.securityGroup('endpoints') };

  return { vpc, subnets, routeTables, nacls, securityGroups, defaultSecurityGroup, natGateways, elasticIps, internetGateways, endpoints, roles, flowLogs, interfaces: base?.interfaces ?? [], notes };
}

const OTHER_TARGETS: [string, Route['targetKind']][] = [
  ['transit_gateway_id', 'other'],
  ['vpc_peering_connection_id', 'other'],
  ['network_interface_id', 'eni'],
  ['vpc_endpoint_id', 'endpoint'],
  ['egress_only_gateway_id', 'other'],
  ['local_gateway_id', 'other'],
  ['carrier_gateway_id', 'other'],
  ['core_network_arn', 'other'],
];

function routeTarget(body: Body): Pick<Route, 'targetKind' | 'target' | 'targetField'> {
  const gateway = refAddress(body.gateway_id);
  if (gateway === 'local') return { targetKind: 'local', target: 'local' };
  if (gateway) {
    const igw = gateway.startsWith('aws_internet_gateway.') || gateway.startsWith('igw-');
    const endpoint = gateway.startsWith('aws_vpc_endpoint.') || gateway.startsWith('vpce-');
    return { targetKind: igw ? 'igw' : endpoint ? 'endpoint' : 'other', target: gateway };
  }
  const nat = refAddress(body.nat_gateway_id);
  if (nat) return { targetKind: 'nat', target: nat };
  const other = OTHER_TARGETS.find(([key]) => refAddress(body[key]));
  if (!other) return { targetKind: 'other', target: 'no target' };
  const [field, targetKind] = other;
  return { targetKind, target: refAddress(body[field])!, targetField: field };
}
