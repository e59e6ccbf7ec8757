/**
 * How each component decides a set of packets: a NACL (stateless, lowest matching rule number
 * wins, implicit deny), a set of security groups (stateful, allow-only, SG references), a route
 * table (longest prefix wins). Each answers for the whole set: all of it, some of it, or none,
 * and names the rules that decided. Pure.
 */
import type { Nacl, NaclRule, NetworkModel, Protocol, Route, SgRule } from '../../network/model.js';
import { boxMinus, boxOverlaps, cidrRange, normalize, portsText, prefixLength, setMinus, setSize, setWithin, type Box, type Interval } from '../../network/ranges.js';

/** How much of a set of packets passes a component. */
export type Verdict = 'all' | 'some' | 'none';

/** One component on a path, its verdict and what decided it. */
export interface Hop {
  verdict: Verdict;
  text: string;
  /** Decided by NACL entries or security group rules (not by a route or a gateway). */
  filter?: boolean;
}

/** The far end of a packet, as a rule sees it. */
export interface Remote {
  /** In words: `the internet`, `aws_subnet.private_a (10.0.128.0/20)`. */
  label: string;
  set: Interval[];
  /** Security groups of the far end's network interface (SG references match them). */
  sgs?: string[];
  /** Prefix lists that contain the far end (a gateway endpoint's). */
  prefixLists?: string[];
}

const PROTOCOL_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp' };

/** `tcp 443`, `tcp 1024-65535`, `all traffic`. */
export function trafficText(protocol: Protocol, ports: readonly Interval[]): string {
  if (protocol === 'all') return 'all traffic';
  return `${PROTOCOL_NAMES[protocol] ?? `protocol ${protocol}`} ${portsText(ports)}`;
}

const matchesProtocol = (rule: Protocol, packet: number) => rule === 'all' || rule === packet;

/** One NACL entry in words, as `aws_network_acl.private ingress rule 110 allows tcp 1024-65535 from 0.0.0.0/0`. */
export function naclRuleText(nacl: Nacl, rule: NaclRule): string {
  const dir = rule.egress ? 'egress' : 'ingress';
  const via = rule.declaredBy === nacl.id ? '' : ` (${rule.declaredBy})`;
  return `${nacl.id} ${dir} rule ${rule.ruleNo}${via} ${rule.allow ? 'allows' : 'denies'} ${trafficText(rule.protocol, [rule.ports])} ${rule.egress ? 'to' : 'from'} ${rule.cidr}`;
}

/** What a NACL does with packets to/from `remote` on `ports`: the rules that decided each part. */
export interface NaclDecision {
  verdict: Verdict;
  allowedBy: NaclRule[];
  deniedBy: NaclRule[];
  /** The part no rule matched: the implicit deny (*). */
  unmatched: Box[];
}

/** Evaluate a NACL in one direction: rules in number order, first match wins, then the implicit deny. */
export function evaluateNacl(nacl: Nacl, egress: boolean, protocol: number, remote: readonly Interval[], ports: Interval): NaclDecision {
  let rest: Box[] = remote.map((a) => ({ a, p: ports }));
  const allowedBy: NaclRule[] = [];
  const deniedBy: NaclRule[] = [];
  // IPv6 entries (no IPv4 range) never match an IPv4 packet.
  const rules = nacl.rules.filter((r) => r.egress === egress && r.range && matchesProtocol(r.protocol, protocol)).sort((x, y) => x.ruleNo - y.ruleNo);
  for (const rule of rules) {
    if (rest.length === 0) break;
    const cut: Box = { a: rule.range!, p: rule.ports };
    if (!rest.some((box) => boxOverlaps(box, cut))) continue;
    (rule.allow ? allowedBy : deniedBy).push(rule);
    rest = rest.flatMap((box) => boxMinus(box, cut));
  }
  const verdict: Verdict = allowedBy.length === 0 ? 'none' : deniedBy.length === 0 && rest.length === 0 ? 'all' : 'some';
  return { verdict, allowedBy, deniedBy, unmatched: rest };
}

/** A NACL crossing as a hop: the subnet's NACL, in one direction, for `remote` on `ports`. */
export function naclHop(model: NetworkModel, subnetAddress: string, egress: boolean, remote: Remote, ports: Interval, protocol = 6): Hop {
  const subnet = model.subnets.get(subnetAddress)!;
  const nacl = model.nacls.get(subnet.nacl);
  if (!nacl) return { verdict: 'none', text: `${subnet.nacl} (NACL of ${subnet.id}) is not in the configuration` };
  const d = evaluateNacl(nacl, egress, protocol, remote.set, ports);
  const dir = egress ? 'egress' : 'ingress';
  const denials = d.deniedBy.map((r) => naclRuleText(nacl, r));
  if (d.unmatched.length > 0) {
    const part = setSize(normalize(d.unmatched.map((b) => b.a))) < setSize(remote.set) ? 'part of ' : '';
    const unmatchedPorts = d.unmatched.map((b) => b.p);
    denials.push(`${nacl.id} ${dir}: NACL implicit deny (*) of ${trafficText(protocol, unmatchedPorts)} ${egress ? 'to' : 'from'} ${part}${remote.label}`);
  }
  const allows = d.allowedBy.map((r) => naclRuleText(nacl, r));
  const text = d.verdict === 'all' ? allows.join(' and ') : d.verdict === 'none' ? denials.join(' and ') : `${denials.join(' and ')} (while ${allows.join(' and ')})`;
  return { verdict: d.verdict, text, filter: true };
}

function sgRuleText(rule: SgRule): string {
  const far = [...rule.groups, ...rule.cidrs, ...rule.prefixLists.map((p) => `prefix list of ${p}`)].join(', ');
  const note = rule.description ? ` ("${rule.description}")` : '';
  return `${rule.declaredBy} ${rule.direction} allows ${trafficText(rule.protocol, [rule.ports])} ${rule.direction === 'ingress' ? 'from' : 'to'} ${far}${note}`;
}

/** Whether the security groups of an interface let packets in (ingress) from, or out (egress) to, `remote`. */
export function sgHop(model: NetworkModel, sgs: readonly string[], direction: 'ingress' | 'egress', remote: Remote, port: number, protocol = 6): Hop {
  const missing = sgs.filter((sg) => !model.securityGroups.has(sg));
  if (missing.length > 0) return { verdict: 'none', text: `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not in the configuration` };
  const rules = sgs.flatMap((sg) => model.securityGroups.get(sg)!.rules).filter((r) => r.direction === direction && matchesProtocol(r.protocol, protocol) && r.ports[0] <= port && port <= r.ports[1]);
  const used: SgRule[] = [];
  let rest: Interval[] = remote.set;
  for (const rule of rules) {
    const byReference = rule.groups.some((g) => remote.sgs?.includes(g)) || rule.prefixLists.some((p) => remote.prefixLists?.includes(p));
    const before = setSize(rest);
    rest = byReference ? [] : rule.cidrs.reduce((set, c) => setMinus(set, cidrRange(c)!), rest);
    if (setSize(rest) < before) used.push(rule);
  }
  const verdict: Verdict = used.length === 0 ? 'none' : rest.length === 0 ? 'all' : 'some';
  const owners = sgs.join(', ');
  const far = remote.sgs?.length ? remote.sgs.join(', ') : remote.label;
  const traffic = trafficText(protocol, [[port, port]]);
  if (verdict === 'none') return { verdict, text: `${owners} ${sgs.length > 1 ? 'have' : 'has'} no ${direction} ${direction === 'ingress' ? 'from' : 'to'} ${far} on ${traffic}`, filter: true };
  const text = used.map(sgRuleText).join(' and ');
  return { verdict, text: verdict === 'all' ? text : `${text}: only part of ${remote.label}`, filter: true };
}

/** Where a route table sends a set of destinations: each part with its route (longest prefix), or none. */
export function lookupRoutes(model: NetworkModel, table: string, destination: readonly Interval[]): { route?: Route; set: Interval[] }[] {
  const routes = [...(model.routeTables.get(table)?.routes ?? [])].sort((x, y) => prefixLength(y.destination) - prefixLength(x.destination));
  let rest: Interval[] = [...destination];
  const parts: { route?: Route; set: Interval[] }[] = [];
  for (const route of routes) {
    // Prefix-list and IPv6 destinations (no IPv4 range) are not followed here.
    if (!route.range) continue;
    const hit = setWithin(rest, route.range);
    if (hit.length === 0) continue;
    parts.push({ route, set: hit });
    rest = setMinus(rest, route.range);
  }
  if (rest.length > 0) parts.push({ set: rest });
  return parts;
}

/** A route in words: `aws_route_table.private_a routes 0.0.0.0/0 to aws_nat_gateway.main_a (aws_route.private_nat_a)`. */
export function routeText(table: string, route: Route): string {
  if (route.targetKind === 'local') return `${table} routes ${route.destination} locally`;
  const via = route.declaredBy === table ? '' : ` (${route.declaredBy})`;
  const target = route.targetField ? `${route.targetField} ${route.target}` : route.target;
  return `${table} routes ${route.destination} to ${target}${via}`;
}
