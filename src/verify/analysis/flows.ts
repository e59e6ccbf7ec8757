/**
 * Which traffic a network lets through, worked out the way Reachability Analyzer
 * does: along each path, route tables (longest prefix), NACLs in both directions (stateless: the
 * return packet on the ephemeral ports 1024-65535 is checked too; through a NAT Gateway it keeps
 * the internet host as its source) and security groups (stateful, SG references). What is
 * expected comes from the config and the NAT plan (what the user asked for); what happens comes
 * from the network model alone, whichever reader filled it (the synthesized Terraform JSON, or
 * the live VPC). Pure.
 */
import type { NetworkConfig } from '../../core/config.js';
import { NEEDS, type OutboundNeed } from '../../core/nat-advisor.js';
import type { NatPlan } from '../../core/nat-plan.js';
import type { NetworkModel, Subnet, VpcEndpoint } from '../../network/model.js';
import { EPHEMERAL, internetAddresses, type Interval } from '../../network/ranges.js';
import type { Check, FlowEnd, FlowRecord } from '../../core/checks.js';
import { endpointPlacement, workloads, type Placement } from './placement.js';
import { lookupRoutes, naclHop, routeText, sgHop, type Hop, type Remote, type Verdict } from './rules.js';

/** What a flow should do, or does. */
export type Reach = 'allowed' | 'blocked';
/** What a flow is expected to do; `either` when the answers do not decide it (reported for information). */
export type Expectation = Reach | 'either';

/** One flow: from where to where, what was expected, what the configuration does, and why. */
export interface FlowResult {
  /** Stable id, e.g. `flow.internet-alb-443`. */
  id: string;
  title: string;
  source: string;
  destination: string;
  /** The ends in the contract's words (`ecs`, `endpoint:s3`). */
  from: FlowEnd;
  to: FlowEnd;
  protocol: 'tcp' | 'udp';
  port: number;
  expected: Expectation;
  /** Why it must be open, in words a user knows (`the NAT Gateway is there for it`, `--needs logs asks for it`); only for an expected-open flow. */
  because?: string;
  /** Who asked for it, when not the app's own answers (`--needs logs asks`). */
  askedBy?: string;
  /** `partial`: some of the traffic (some subnets, addresses or ephemeral ports) passes, the rest is dropped. */
  actual: Reach | 'partial';
  /** The rule or route that decided, e.g. `aws_network_acl.private ingress: NACL implicit deny (*) of …`. */
  decidedBy: string;
  /** Every hop of the deciding path, in order, each with its verdict (`ok`, `part`, `no`). */
  path: string[];
}

/** What the user asked for. */
export interface FlowContext {
  config: NetworkConfig;
  nat: NatPlan;
}

/** Private → internet probes: web ports, a port below the ephemeral range, and one inside it. */
const PRIVATE_EGRESS_PORTS = [80, 443, 22, 5432];

/** `key`: what admits the flow at its far end; `back`: on the return path. */
type PathHop = Hop & { key?: boolean; back?: boolean };
interface Path {
  label: string;
  hops: PathHop[];
}
interface Ctx {
  model: NetworkModel;
  internet: Remote;
}

const no = (text: string): PathHop => ({ verdict: 'none', text });
const ok = (text: string): PathHop => ({ verdict: 'all', text });
const key = (hop: Hop): PathHop => ({ ...hop, key: true });
const ret = (hop: Hop): PathHop => ({ ...hop, text: `return: ${hop.text}`, back: true });
const port1 = (port: number): Interval => [port, port];
const subnetRemote = (s: Subnet): Remote => ({ label: `${s.id} (${s.cidr})`, set: [s.range] });

function verdictOf(hops: readonly Hop[]): Verdict {
  if (hops.some((h) => h.verdict === 'none')) return 'none';
  return hops.some((h) => h.verdict === 'some') ? 'some' : 'all';
}

function missing(placement: Placement): Path {
  return { label: placement.label, hops: [no(`no ${placement.wanted ?? `subnet for ${placement.label}`} in the configuration`)] };
}

function igwProblem(model: NetworkModel, target: string): string | undefined {
  const igw = model.internetGateways.get(target);
  if (igw) return igw.attached ? undefined : `${target} is not attached to ${model.vpc.id}`;
  return target.includes('.') ? `${target} is not in the configuration` : undefined; // a literal igw- id: assumed attached
}

/** Whether a subnet's route table sends `set` to an attached internet gateway. */
function igwRouteHop(ctx: Ctx, subnet: Subnet, set: Interval[], consequence: string): Hop {
  const table = subnet.routeTable;
  if (!ctx.model.routeTables.has(table)) return no(`${table} (route table of ${subnet.id}) is not in the configuration`);
  const parts = lookupRoutes(ctx.model, table, set);
  const good = parts.filter((p) => p.route?.targetKind === 'igw' && !igwProblem(ctx.model, p.route.target));
  const bad = parts.find((p) => !good.includes(p));
  if (!bad) return ok([...new Set(good.map((p) => routeText(table, p.route!)))].join(' and '));
  const why = !bad.route
    ? `${table} has no route to ${parts.length > 1 ? 'part of the internet' : '0.0.0.0/0'}`
    : bad.route.targetKind === 'igw'
      ? igwProblem(ctx.model, bad.route.target)!
      : `${routeText(table, bad.route)}, not to an internet gateway`;
  return { verdict: good.length > 0 ? 'some' : 'none', text: `${why}: ${consequence}` };
}

/** Whether a subnet's route table delivers `to` through the local route (both ways a VPC-internal flow needs). */
function localRouteHop(ctx: Ctx, from: Subnet, to: Subnet): Hop {
  const table = from.routeTable;
  if (!ctx.model.routeTables.has(table)) return no(`${table} (route table of ${from.id}) is not in the configuration`);
  const parts = lookupRoutes(ctx.model, table, [to.range]);
  const bad = parts.find((p) => p.route?.targetKind !== 'local');
  if (!bad) return ok(routeText(table, parts[0]!.route!));
  const text = bad.route ? `${routeText(table, bad.route)} instead of locally, which this analysis does not follow` : `${table} has no route to ${to.cidr}`;
  return { verdict: bad === parts[0] && parts.length === 1 ? 'none' : 'some', text };
}

/** The NACL crossings of a packet leaving `from` for `to` (none within one subnet). */
function crossing(ctx: Ctx, from: Subnet, fromRemote: Remote, to: Subnet, toRemote: Remote, ports: Interval): Hop[] {
  if (from.id === to.id) return [];
  return [naclHop(ctx.model, from.id, true, toRemote, ports), naclHop(ctx.model, to.id, false, fromRemote, ports)];
}

/** Network interfaces in the VPC to others: every pair of subnets they may sit in. */
function eniToEni(ctx: Ctx, src: Placement, dst: Placement, port: number): Path[] {
  if (src.subnets.length === 0) return [missing(src)];
  if (dst.subnets.length === 0) return [missing(dst)];
  return src.subnets.flatMap((s1) =>
    dst.subnets.map((s2) => {
      const r1 = subnetRemote(s1);
      const r2 = subnetRemote(s2);
      const hops: PathHop[] = [
        ...(src.sgs.length > 0 ? [sgHop(ctx.model, src.sgs, 'egress', { ...r2, label: dst.label, sgs: dst.sgs }, port)] : []),
        localRouteHop(ctx, s1, s2),
        ...crossing(ctx, s1, r1, s2, r2, port1(port)),
        key(sgHop(ctx.model, dst.sgs, 'ingress', { ...r1, label: src.label, sgs: src.sgs }, port)),
        ret(localRouteHop(ctx, s2, s1)),
        ...crossing(ctx, s2, r2, s1, r1, EPHEMERAL).map(ret),
      ];
      return { label: `${s1.id} → ${s2.id}`, hops };
    }),
  );
}

/** The internet to network interfaces: only through an internet gateway route, to a public address. */
function internetToEni(ctx: Ctx, dst: Placement, port: number): Path[] {
  if (dst.subnets.length === 0) return [missing(dst)];
  return dst.subnets.map((s) => ({
    label: s.id,
    hops: [
      igwRouteHop(ctx, s, ctx.internet.set, `the internet cannot open connections to ${s.id}`),
      ...(dst.publicIp ? [] : [no(`${dst.label} in ${s.id} have no public address`)]),
      naclHop(ctx.model, s.id, false, ctx.internet, port1(port)),
      key(sgHop(ctx.model, dst.sgs, 'ingress', ctx.internet, port)),
      ret(naclHop(ctx.model, s.id, true, ctx.internet, EPHEMERAL)),
    ],
  }));
}

/** Network interfaces to the internet: through an internet gateway (public address) or a NAT Gateway. */
function eniToInternet(ctx: Ctx, src: Placement, port: number): Path[] {
  if (src.subnets.length === 0) return [missing(src)];
  const { model } = ctx;
  return src.subnets.flatMap((s) => {
    const table = s.routeTable;
    const parts = lookupRoutes(model, table, ctx.internet.set);
    return parts.map((part): Path => {
      const label = parts.length > 1 ? `${s.id} (${part.route?.destination ?? 'unrouted'})` : s.id;
      const remote: Remote = { label: parts.length > 1 ? 'part of the internet' : 'the internet', set: part.set };
      const sgOut = src.sgs.length > 0 ? [sgHop(model, src.sgs, 'egress', remote, port)] : [];
      const route = part.route;
      if (!model.routeTables.has(table)) return { label, hops: [...sgOut, no(`${table} (route table of ${s.id}) is not in the configuration`)] };
      if (!route) return { label, hops: [...sgOut, no(`${table} has no route to ${parts.length > 1 ? 'part of the internet' : '0.0.0.0/0'}`)] };
      if (route.targetKind === 'igw') {
        const problem = igwProblem(model, route.target);
        return {
          label,
          hops: [
            ...sgOut,
            key(problem ? no(problem) : ok(routeText(table, route))),
            ...(src.publicIp ? [] : [no(`${routeText(table, route)}, but ${src.label} in ${s.id} have no public address: the internet gateway only carries public addresses`)]),
            naclHop(model, s.id, true, remote, port1(port)),
            ret(naclHop(model, s.id, false, remote, EPHEMERAL)),
          ],
        };
      }
      if (route.targetKind === 'nat') return { label, hops: natHops(ctx, s, remote, sgOut, routeText(table, route), route.target, port) };
      return { label, hops: [...sgOut, no(`${routeText(table, route)}, which this analysis does not follow`)] };
    });
  });
}

/**
 * Through a NAT Gateway: out of the source subnet, into the NAT's subnet with the real
 * destination port, out to the internet gateway; back in on the NAT's ephemeral port, and on to
 * the host with the internet host still as source.
 */
function natHops(ctx: Ctx, s: Subnet, remote: Remote, sgOut: Hop[], routeWords: string, natAddress: string, port: number): PathHop[] {
  const { model } = ctx;
  const head: PathHop[] = [...sgOut, key(ok(routeWords))];
  const nat = model.natGateways.get(natAddress);
  if (!nat) return [...head, no(`${natAddress} is not in the configuration`)];
  if (!nat.public) return [...head, no(`${nat.id} is a private NAT gateway: it does not reach the internet`)];
  const ns = nat.subnet ? model.subnets.get(nat.subnet) : undefined;
  if (!ns) return [...head, no(`${nat.id} is in ${nat.subnet ?? 'no subnet'}, which is not in the configuration`)];
  const same = ns.id === s.id;
  return [
    ...head,
    ok(`${nat.id} in ${ns.id} translates to ${nat.allocations[0] ?? 'its public address'}`),
    // Into the NAT's subnet the packet still carries the host as source and its real destination port.
    ...(same ? [] : [naclHop(model, s.id, true, remote, port1(port)), naclHop(model, ns.id, false, subnetRemote(s), port1(port))]),
    igwRouteHop(ctx, ns, remote.set, `${nat.id} cannot reach the internet`),
    naclHop(model, ns.id, true, remote, port1(port)),
    ret(naclHop(model, ns.id, false, remote, EPHEMERAL)),
    ...(same ? [] : [ret(naclHop(model, ns.id, true, subnetRemote(s), EPHEMERAL)), ret(naclHop(model, s.id, false, remote, EPHEMERAL))]),
  ];
}

/** To an AWS service through its gateway endpoint (the prefix list route on the subnet's table). */
function gatewayHops(ctx: Ctx, src: Placement, s: Subnet, gateway: VpcEndpoint): PathHop[] {
  const remote: Remote = { label: `${gateway.service} (prefix list of ${gateway.id})`, set: ctx.internet.set, prefixLists: [gateway.id] };
  return [
    ...(src.sgs.length > 0 ? [sgHop(ctx.model, src.sgs, 'egress', remote, 443)] : []),
    key(ok(`${s.routeTable} routes the ${gateway.service} prefix list to ${gateway.id}`)),
    naclHop(ctx.model, s.id, true, remote, port1(443)),
    ret(naclHop(ctx.model, s.id, false, remote, EPHEMERAL)),
  ];
}

const findEndpoint = (model: NetworkModel, service: string, type: string) => model.endpoints.find((e) => e.service === service && e.type.toLowerCase() === type);

/** To an AWS service on 443: its interface endpoint (private DNS), its gateway endpoint, or else the internet. */
function eniToService(ctx: Ctx, src: Placement, service: string): Path[] {
  if (src.subnets.length === 0) return [missing(src)];
  const { model } = ctx;
  const iface = findEndpoint(model, service, 'interface');
  const dnsOk = model.vpc.dnsSupport && model.vpc.dnsHostnames;
  return src.subnets.flatMap((s): Path[] => {
    const one = { ...src, subnets: [s] };
    const tag = (paths: Path[], note?: Hop) => paths.map((p) => ({ label: `${service}: ${p.label}`, hops: note ? [note, ...p.hops] : p.hops }));
    if (iface && iface.privateDns && dnsOk) return tag(eniToEni(ctx, one, endpointPlacement(model, iface), 443));
    const gateway = model.endpoints.find((e) => e.service === service && e.type.toLowerCase() === 'gateway' && e.routeTables.includes(s.routeTable));
    if (gateway) return tag([{ label: s.id, hops: gatewayHops(ctx, src, s, gateway) }]);
    const note = iface ? ok(`${iface.id} is not used: private DNS is off (on the endpoint, or DNS support/hostnames on ${model.vpc.id}), so ${service} resolves to its public address`) : undefined;
    return tag(eniToInternet(ctx, one, 443), note);
  });
}

/** The AWS services a need reaches: its interface endpoints' services, and S3 when it uses the gateway endpoint. */
function needServices(need: OutboundNeed): string[] {
  return [...(NEEDS[need].interfaces ?? []), ...(NEEDS[need].s3Gateway ? ['s3'] : [])];
}

interface FlowSpec extends Omit<FlowResult, 'actual' | 'decidedBy' | 'path'> {
  paths: () => Path[];
}

function flowSpecs(ctx: Ctx, { config, nat }: FlowContext): FlowSpec[] {
  const { model } = ctx;
  const w = workloads(model, config);
  const tcp = (id: string, source: string, destination: string, port: number, expected: Expectation, paths: () => Path[], to?: FlowEnd, because?: string): FlowSpec => ({
    id: `flow.${id}`,
    title: `${source} → ${destination} tcp ${port}`,
    source,
    destination,
    from: endOf(source),
    to: to ?? endOf(destination),
    protocol: 'tcp',
    port,
    expected,
    ...(expected === 'allowed' ? { because: because ?? 'the app needs it' } : {}),
    paths,
  });
  const specs: FlowSpec[] = [
    ...[80, 443].map((p) => tcp(`internet-alb-${p}`, 'internet', 'ALB', p, 'allowed', () => internetToEni(ctx, w.alb, p))),
    ...[...new Set([config.appPort, 80])].map((p) => tcp(`alb-ecs-${p}`, 'ALB', 'ECS tasks', p, 'allowed', () => eniToEni(ctx, w.alb, w.ecs, p))),
    tcp(`ecs-rds-${config.dbPort}`, 'ECS tasks', 'RDS', config.dbPort, 'allowed', () => eniToEni(ctx, w.ecs, w.rds, config.dbPort)),
    tcp(`internet-ecs-${config.appPort}`, 'internet', 'ECS tasks', config.appPort, 'blocked', () => internetToEni(ctx, w.ecs, config.appPort)),
    tcp(`internet-rds-${config.dbPort}`, 'internet', 'RDS', config.dbPort, 'blocked', () => internetToEni(ctx, w.rds, config.dbPort)),
    // With NAT, private subnets reach the internet on 443 (what every internet need uses). Other
    // ports are not something the answers ask for: with the default NACL they follow the NAT; with
    // the tutorial's NACLs they are reported, since its public NACL blocks some and not others.
    ...PRIVATE_EGRESS_PORTS.map((p) => {
      const expected: Expectation = nat.mode === 'none' ? 'blocked' : config.nacl === 'default' || p === 443 ? 'allowed' : 'either';
      const gateway = nat.natAzs.length > 1 ? 'the NAT Gateways are' : 'the NAT Gateway is';
      return tcp(`private-internet-${p}`, 'private subnets', 'internet', p, expected, () => eniToInternet(ctx, w.privateHosts, p), undefined, `${gateway} there for it`);
    }),
  ];
  const interfaces = new Set<string>([...nat.endpoints.interfaces, ...model.endpoints.filter((e) => e.type.toLowerCase() === 'interface').map((e) => e.service)]);
  for (const service of interfaces) {
    specs.push(
      tcp(`ecs-endpoint-${service.replace(/\./g, '-')}`, 'ECS tasks', `${service} interface endpoint`, 443, 'allowed', () => {
        const endpoint = findEndpoint(model, service, 'interface');
        return endpoint ? eniToEni(ctx, w.ecs, endpointPlacement(model, endpoint), 443) : [{ label: service, hops: [no(`no interface endpoint for ${service} in the configuration`)] }];
      }, `endpoint:${service}`, 'the endpoint is there for it'),
    );
  }
  const gateways = new Set<string>([...(nat.endpoints.s3Gateway ? ['s3'] : []), ...model.endpoints.filter((e) => e.type.toLowerCase() === 'gateway').map((e) => e.service)]);
  for (const service of gateways) {
    specs.push(
      tcp(`ecs-endpoint-${service.replace(/\./g, '-')}`, 'ECS tasks', `${service} gateway endpoint`, 443, 'allowed', () => {
        const endpoint = findEndpoint(model, service, 'gateway');
        if (!endpoint) return [{ label: service, hops: [no(`no gateway endpoint for ${service} in the configuration`)] }];
        if (w.ecs.subnets.length === 0) return [missing(w.ecs)];
        return w.ecs.subnets.map((s) => ({
          label: s.id,
          hops: endpoint.routeTables.includes(s.routeTable) ? gatewayHops(ctx, w.ecs, s, endpoint) : [no(`${endpoint.id} is not on ${s.routeTable} (route table of ${s.id})`)],
        }));
      }, `endpoint:${service}`, 'the endpoint is there for it'),
    );
  }
  for (const need of config.needs) specs.push(needSpec(ctx, need, w, config));
  return specs;
}

function needSpec(ctx: Ctx, need: OutboundNeed, w: ReturnType<typeof workloads>, config: NetworkConfig): FlowSpec {
  const facts = NEEDS[need];
  const base = { id: `flow.need-${need}`, title: `ECS tasks → ${facts.words}`, source: 'ECS tasks', from: 'ecs' as const, expected: 'allowed' as const, because: `--needs ${need} asks for it`, askedBy: `--needs ${need} asks` };
  const vpc = ctx.model.vpc;
  if (need === 'dns') {
    const hop = vpc.dnsSupport
      ? ok(`${vpc.id} has DNS support on: the Amazon resolver (VPC base + 2) answers, unfiltered by security groups and NACLs`)
      : no(`${vpc.id} has DNS support off: nothing answers at VPC base + 2`);
    return { ...base, destination: 'Amazon DNS resolver', to: 'endpoint:dns', protocol: 'udp', port: 53, paths: () => [{ label: vpc.id, hops: [key(hop)] }] };
  }
  if (facts.internal) return { ...base, destination: 'RDS', to: 'rds', protocol: 'tcp', port: config.dbPort, paths: () => eniToEni(ctx, w.ecs, w.rds, config.dbPort) };
  if (facts.internetOnly) return { ...base, destination: 'internet', to: 'internet', protocol: 'tcp', port: 443, paths: () => eniToInternet(ctx, w.ecs, 443) };
  const services = needServices(need);
  return { ...base, destination: services.join(', '), to: `endpoint:${services.join(',')}`, protocol: 'tcp', port: 443, paths: () => services.flatMap((s) => eniToService(ctx, w.ecs, s)) };
}

const MARK: Record<Verdict, string> = { all: 'ok', some: 'part', none: 'no' };

/**
 * The verdict over every path, and what decided it: for a blocked flow the first hop that drops
 * it; for an allowed one what admits it at the far end, or, when it should have been blocked,
 * every filter on the way out that lets it pass (one of them has to change).
 */
function decide(paths: Path[], expected: Expectation): Pick<FlowResult, 'actual' | 'decidedBy' | 'path'> {
  const verdicts = paths.map((p) => verdictOf(p.hops));
  const show = (p: Path) => p.hops.map((h) => `${MARK[h.verdict]}: ${h.text}`);
  const unique = (texts: string[]) => [...new Set(texts)].join('; ');
  if (verdicts.every((v) => v === 'all')) {
    const first = paths[0]!;
    const filters = first.hops.filter((h) => h.filter && !h.back).map((h) => h.text);
    const admits = (first.hops.find((h) => h.key) ?? first.hops[first.hops.length - 1]!).text;
    const decidedBy =
      filters.length === 0 || expected === 'allowed' ? admits : expected === 'blocked' ? `let through by ${unique(filters)}` : `${admits}; let through by ${unique(filters)}`;
    return { actual: 'allowed', decidedBy, path: show(first) };
  }
  if (verdicts.every((v) => v === 'none')) {
    return { actual: 'blocked', decidedBy: unique(paths.map((p) => p.hops.find((h) => h.verdict === 'none')!.text)), path: show(paths[0]!) };
  }
  const failing = paths.filter((_, i) => verdicts[i] !== 'all');
  const firstBad = (p: Path) => p.hops.find((h) => h.verdict === 'none') ?? p.hops.find((h) => h.verdict === 'some')!;
  return { actual: 'partial', decidedBy: unique(failing.map((p) => `${p.label}: ${firstBad(p).text}`)), path: show(failing[0]!) };
}

/** Decide every flow the user cares about in a network model, against what the config and NAT plan ask for. */
export function analyzeFlows(model: NetworkModel, context: FlowContext): FlowResult[] {
  const ctx: Ctx = { model, internet: { label: 'the internet', set: internetAddresses(model.vpc.cidrs) } };
  return flowSpecs(ctx, context).map(({ paths, ...spec }) => ({ ...spec, ...decide(paths(), spec.expected) }));
}

/** A flow end as the contract names it, from the words of the analysis. */
function endOf(words: string): FlowEnd {
  const ends: Record<string, FlowEnd> = { internet: 'internet', ALB: 'alb', 'ECS tasks': 'ecs', RDS: 'rds', 'private subnets': 'private-subnets', 'public subnets': 'public-subnets' };
  return ends[words] ?? `endpoint:${words}`;
}

/** The contract's record of a flow: a partial flow is open where it should be blocked (some gets through), and blocked where it should be open. */
export function flowRecord(flow: FlowResult): FlowRecord {
  const wanted = flow.expected === 'either' ? null : flow.expected === 'allowed' ? 'open' : 'blocked';
  const verdict = flow.actual === 'allowed' ? 'open' : flow.actual === 'blocked' ? 'blocked' : wanted === 'open' ? 'blocked' : 'open';
  return { from: flow.from, to: flow.to, protocol: flow.protocol, port: flow.port, verdict, wanted };
}

/**
 * A flow in words: where, what happens, and what was wanted, e.g. `internet → RDS tcp 5432
 * blocked, as it must be`, `private subnets → internet tcp 443 blocked, but the NAT Gateway is
 * there for it`, `private subnets → internet tcp 5432 open (not asked either way)`.
 */
export function flowSentence(flow: Pick<FlowResult, 'source' | 'destination' | 'protocol' | 'port' | 'expected' | 'actual' | 'because' | 'askedBy'>): string {
  const where = `${flow.source} → ${flow.destination} ${flow.protocol} ${flow.port}`;
  const found = flow.actual === 'allowed' ? 'open' : flow.actual === 'blocked' ? 'blocked' : 'partly open';
  const need = flow.because ?? 'the app needs it';
  const said =
    flow.expected === 'either'
      ? `${found} (not asked either way)`
      : flow.expected === flow.actual
        ? flow.expected === 'allowed'
          ? `open, as ${flow.askedBy ?? 'asked'}`
          : 'blocked, as it must be'
        : flow.expected === 'allowed'
          ? `${flow.actual === 'partial' ? 'only partly open' : 'blocked'}, but ${need}`
          : `${found}, but it must be blocked`;
  return `${where} ${said}`;
}

/** A flow as a verification check: pass when what happens is what was asked for; the title says both. */
export function flowCheck(flow: FlowResult): Check {
  const record = flowRecord(flow);
  const title = flowSentence(flow);
  if (flow.expected === 'either') return { id: flow.id, title, status: 'skip', detail: flow.decidedBy, flow: record };
  const pass = flow.actual === flow.expected;
  return { id: flow.id, title, status: pass ? 'pass' : 'fail', detail: flow.decidedBy, flow: record };
}

/** The flows as checks; values the model could not read fail `flow.unreadable`, as they may change any answer. */
export function flowChecks(model: NetworkModel, context: FlowContext): Check[] {
  const checks = analyzeFlows(model, context).map(flowCheck);
  if (model.notes.length > 0) {
    checks.push({ id: 'flow.unreadable', title: 'every rule and route could be read', status: 'fail', detail: `left out of the analysis: ${model.notes.join('; ')}` });
  }
  return checks;
}
