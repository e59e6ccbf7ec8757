/**
 * The console checklist's vocabulary: what AWS must hold (ExpectedNetwork, from the workdir's
 * record and state) and what it holds (LiveNetwork: the network model that the AWS reader filled,
 * seen the way the checklist compares it: one rule per peer, protocols and ports spelled as AWS
 * spells them), so that comparing them is plain data work. Pure.
 */
import type { NaclMode } from '../../core/config.js';
import type { SgRole } from '../../core/names.js';
import type { NatTopology } from '../../core/nat-modes.js';
import type { NetworkModel, Protocol, SgRule as ModelSgRule, Tier } from '../../network/model.js';

/** A resource net-wizard made: its terraform address, its AWS Name, and its id when the state knows it. */
export interface Ref {
  address: string;
  name: string;
  id?: string;
}

/** One security-group permission with one peer. protocol: `all`, `tcp`, `udp`, `icmp` or a number. */
export interface SgRule {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  /** Source (inbound) or destination (outbound): a CIDR, sg-…, or pl-…. */
  peer: string;
}

/** One network ACL entry. */
export interface NaclEntry {
  ruleNumber: number;
  egress: boolean;
  action: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidr: string;
}

export type SgKey = SgRole;

/** What AWS must hold for the workdir's network. */
export interface ExpectedNetwork {
  region: string;
  natMode: NatTopology;
  naclMode: NaclMode;
  vpc: Ref & { cidr: string };
  subnets: (Ref & { tier: Tier; az: string; cidr: string })[];
  internetGateway: Ref;
  /** One for a VPC net-wizard built; an existing VPC's public subnets may each have their own. */
  publicRouteTables: (Ref & { subnets: Ref[] })[];
  /** One per AZ; `nat` undefined means no default route at all. */
  privateRouteTables: (Ref & { az: string; subnet: Ref; nat?: Ref })[];
  /** Egress undefined: the state does not hold the group, so nothing says what it should be. */
  securityGroups: (Ref & { key: SgKey; ingress: SgRule[]; egress?: SgRule[] })[];
  /** The VPC's default security group, which must hold no rules; absent when it is left alone (an existing VPC's, without --lock-default-sg). */
  defaultSg?: Ref;
  /** Whether the VPC must have DNS support and hostnames on: always in a VPC net-wizard built; in an existing one, for interface endpoints. */
  dnsRequired: boolean;
  /** The VPC is an existing one (--vpc-id): its part 1 is the user's. */
  attached: boolean;
  nats: (Ref & { az: string; subnet: Ref; eip: Ref })[];
  /** custom: the public and private NACLs; default: the VPC's default NACL on every subnet. Entries undefined: not in state. */
  nacls: { key: Tier | 'default'; acl: Ref; subnets: Ref[]; entries?: NaclEntry[] }[];
  endpoints: (Ref & { service: string; serviceName: string; type: 'Gateway' | 'Interface'; routeTables: Ref[]; subnets: Ref[]; securityGroups: Ref[] })[];
}

/** What AWS holds in the VPC (deleted and deleting NAT Gateways left out): liveView of the AWS reader's model. */
export interface LiveNetwork {
  vpc?: { id: string; cidr: string; state?: string; dnsSupport: boolean; dnsHostnames: boolean; name?: string };
  subnets: { id: string; az: string; cidr: string; name?: string }[];
  /** name: the Name tag, else the group name. */
  securityGroups: { id: string; name: string; isDefault: boolean; ingress: SgRule[]; egress: SgRule[] }[];
  natGateways: { id: string; state: string; subnetId?: string; allocationIds: string[]; name?: string }[];
  addresses: { allocationId: string; publicIp?: string; name?: string }[];
  routeTables: {
    id: string;
    name?: string;
    main: boolean;
    subnetIds: string[];
    /** target: the id the route points at (igw-…, nat-…, vpce-…, pcx-…, local, …). */
    routes: { destination: string; target: string; state?: string }[];
  }[];
  networkAcls: { id: string; name?: string; isDefault: boolean; subnetIds: string[]; entries: NaclEntry[] }[];
  endpoints: {
    id: string;
    name?: string;
    serviceName: string;
    type: string;
    state?: string;
    subnetIds: string[];
    routeTableIds: string[];
    securityGroupIds: string[];
    privateDns?: boolean;
  }[];
}

const PROTOCOLS: Record<string, string> = { '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** A protocol as AWS or terraform writes it (-1, 6, tcp) in one spelling: all, tcp, udp, icmp, or the number. */
export function protocolName(protocol: string | number | undefined): string {
  const p = String(protocol ?? '-1').toLowerCase();
  return PROTOCOLS[p] ?? p;
}

/** A normalized rule; ports are dropped for `all`, where they mean nothing. */
export function sgRule(protocol: string | number | undefined, fromPort: number | undefined, toPort: number | undefined, peer: string): SgRule {
  const p = protocolName(protocol);
  return p === 'all' ? { protocol: p, peer } : { protocol: p, fromPort, toPort, peer };
}

/** A normalized NACL entry; ports are dropped for `all`. */
export function naclEntry(ruleNumber: number, egress: boolean, action: string, protocol: string | number | undefined, fromPort: number | undefined, toPort: number | undefined, cidr: string): NaclEntry {
  const p = protocolName(protocol);
  const base = { ruleNumber, egress, action: action.toLowerCase(), protocol: p, cidr };
  return p === 'all' ? base : { ...base, fromPort, toPort };
}

/** Protocol and ports in words: `tcp 80`, `tcp 1024-65535`, `all traffic`. */
export function portsText(protocol: string, fromPort?: number, toPort?: number): string {
  if (protocol === 'all') return 'all traffic';
  if (fromPort === undefined) return `${protocol} all ports`;
  if (protocol === 'icmp' || protocol === 'icmpv6') return `${protocol} type ${fromPort} code ${toPort ?? -1}`;
  if (fromPort === 0 && toPort === 65535) return `${protocol} all ports`;
  return fromPort === toPort || toPort === undefined ? `${protocol} ${fromPort}` : `${protocol} ${fromPort}-${toPort}`;
}

/** The identity of a rule, for set comparison. */
export function sgRuleKey(r: SgRule): string {
  return [r.protocol, r.fromPort ?? '', r.toPort ?? '', r.peer].join('|');
}

/** The identity of a NACL entry, for set comparison. */
export function naclEntryKey(e: NaclEntry): string {
  return [e.egress ? 'out' : 'in', e.ruleNumber, e.action, e.protocol, e.fromPort ?? '', e.toPort ?? '', e.cidr].join('|');
}

/** A NACL entry in words: `#100 allow tcp 80 from 0.0.0.0/0`. */
export function naclEntryText(e: NaclEntry): string {
  return `#${e.ruleNumber} ${e.action} ${portsText(e.protocol, e.fromPort, e.toPort)} ${e.egress ? 'to' : 'from'} ${e.cidr}`;
}

/** The rule number of the entry AWS adds to every NACL (deny everything else); not ours to compare. */
export const NACL_DEFAULT_RULE = 32767;

/** A model protocol as the checklist spells it (all, tcp, udp, icmp, or the number). */
const protocolText = (protocol: Protocol) => protocolName(protocol === 'all' ? '-1' : String(protocol));

/** The peer of a model rule with one peer (as the AWS reader makes them). */
const peerOf = (r: ModelSgRule): string[] => [...r.cidrs, ...r.ipv6Cidrs, ...r.prefixLists, ...r.groups];

/** The live network model as the checklist reads it. */
export function liveView(model: NetworkModel): LiveNetwork {
  const { vpc } = model;
  const rules = (sg: NetworkModel['securityGroups'] extends Map<string, infer G> ? G : never, direction: 'ingress' | 'egress') =>
    sg.rules.filter((r) => r.direction === direction).flatMap((r) => peerOf(r).map((peer) => sgRule(protocolText(r.protocol), r.written.from, r.written.to, peer)));
  return {
    vpc: { id: vpc.id, cidr: vpc.cidrs[0] ?? '', state: vpc.state, dnsSupport: vpc.dnsSupport, dnsHostnames: vpc.dnsHostnames, name: vpc.name },
    subnets: [...model.subnets.values()].map((s) => ({ id: s.id, az: s.az ?? '', cidr: s.cidr, name: s.name })),
    securityGroups: [...model.securityGroups.values()].map((g) => ({ id: g.id, name: g.name ?? '', isDefault: g.isDefault, ingress: rules(g, 'ingress'), egress: rules(g, 'egress') })),
    natGateways: [...model.natGateways.values()].map((n) => ({ id: n.id, state: n.state ?? 'unknown', subnetId: n.subnet, allocationIds: n.allocations, name: n.name })),
    addresses: [...model.elasticIps.values()].map((a) => ({ allocationId: a.id, publicIp: a.publicIp, name: a.name })),
    routeTables: [...model.routeTables.values()].map((t) => ({
      id: t.id,
      name: t.name,
      main: t.main === true,
      subnetIds: t.subnets,
      routes: t.routes.map((r) => ({ destination: r.destination, target: r.target, state: r.state })),
    })),
    networkAcls: [...model.nacls.values()].map((a) => ({
      id: a.id,
      name: a.name,
      isDefault: a.isDefault,
      subnetIds: a.subnets,
      entries: a.rules.map((e) => naclEntry(e.ruleNo, e.egress, e.allow ? 'allow' : 'deny', protocolText(e.protocol), e.written.from, e.written.to, e.cidr)),
    })),
    endpoints: model.endpoints.map((v) => ({
      id: v.id,
      name: v.name,
      serviceName: v.serviceName,
      type: v.type,
      state: v.state,
      subnetIds: v.subnets,
      routeTableIds: v.routeTables,
      securityGroupIds: v.securityGroups,
      privateDns: v.privateDns,
    })),
  };
}
