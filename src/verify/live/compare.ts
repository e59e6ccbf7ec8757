/**
 * Expected against live: the tutorial's console checklist as checks, each failure saying exactly
 * what differs, expected vs found, with the resource id. Drift (a rule someone added by hand, a
 * route someone removed) is a difference like any other. Pure.
 */
import { azLetter } from '../../core/regions.js';
import type { Check } from '../../core/checks.js';
import {
  NACL_DEFAULT_RULE,
  naclEntryKey,
  naclEntryText,
  portsText,
  sgRuleKey,
  type ExpectedNetwork,
  type LiveNetwork,
  type NaclEntry,
  type Ref,
  type SgKey,
  type SgRule,
} from './checklist.js';

type Expected<K extends keyof ExpectedNetwork> = ExpectedNetwork[K] extends (infer T)[] ? T : never;

const SG_TITLES: Record<SgKey, string> = { alb: 'ALB', ecs: 'ECS', rds: 'RDS', endpoints: 'VPC endpoints' };
const ANYWHERE = '0.0.0.0/0';

/** Compare what AWS must hold with what it holds: one check per item of the console checklist. */
export function compareLive(expected: ExpectedNetwork, live: LiveNetwork): Check[] {
  const c = new Comparison(expected, live);
  const checks = [
    c.vpc(),
    c.vpcDns(),
    c.subnets(),
    ...expected.securityGroups.flatMap((g) => [c.sgRules(g, 'ingress'), c.sgRules(g, 'egress')]),
    c.defaultSg(),
    c.natCount(),
    ...expected.nats.map((n) => c.nat(n)),
    c.publicRoute(),
    ...expected.privateRouteTables.map((t) => c.privateRoute(t)),
    ...expected.nacls.flatMap((a) => [c.naclAssociations(a), c.naclRules(a)]),
    ...expected.endpoints.map((e) => c.endpoint(e)),
    c.extraEndpoints(),
  ];
  if (live.vpc) return checks;
  const why = checks[0]!.detail;
  return checks.map((k) => (k.id === 'live.vpc' ? k : { ...k, status: 'skip', detail: `not checked: ${why}` }));
}

function check(id: string, title: string, problems: string[], passDetail: string): Check {
  return problems.length > 0 ? { id, title, status: 'fail', detail: problems.join('; ') } : { id, title, status: 'pass', detail: passDetail };
}

function diff<T>(want: readonly T[], have: readonly T[], key: (t: T) => string): { missing: T[]; extra: T[] } {
  const w = new Set(want.map(key));
  const h = new Set(have.map(key));
  return { missing: want.filter((x) => !h.has(key(x))), extra: have.filter((x) => !w.has(key(x))) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

class Comparison {
  /** Names by id, for details that name every resource they mention. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly e: ExpectedNetwork,
    private readonly live: LiveNetwork,
  ) {
    const refs: Ref[] = [e.vpc, ...e.subnets, e.internetGateway, ...e.publicRouteTables, ...e.privateRouteTables, ...(e.defaultSg ? [e.defaultSg] : []), ...e.securityGroups, ...e.nats, ...e.nats.map((n) => n.eip), ...e.nacls.map((a) => a.acl), ...e.endpoints];
    for (const r of refs) if (r.id) this.names.set(r.id, r.name);
    for (const x of [...(live.vpc ? [live.vpc] : []), ...live.subnets, ...live.securityGroups, ...live.natGateways, ...live.routeTables, ...live.networkAcls, ...live.endpoints]) {
      if (x.name && !this.names.has(x.id)) this.names.set(x.id, x.name);
    }
    const defaultAcl = live.networkAcls.find((a) => a.isDefault);
    if (defaultAcl) this.names.set(defaultAcl.id, 'default NACL');
  }

  /** `sg-123 (shop-dev-rds-sg)`, or the id alone when nothing names it. */
  private named(id: string): string {
    const name = this.names.get(id);
    return name ? `${id} (${name})` : id;
  }

  /** An expected resource by its id (from the state, else the live one found by name). */
  private label(ref: Ref, liveId?: string): string {
    const id = ref.id ?? liveId;
    return id ? `${id} (${ref.name})` : `${ref.name} (${ref.address} is not in the terraform state)`;
  }

  /** The live resource a reference means: by id when the state knows it, else by Name. */
  private find<T extends { id: string; name?: string }>(list: readonly T[], ref: Ref): T | undefined {
    return ref.id ? list.find((x) => x.id === ref.id) : list.find((x) => x.name === ref.name);
  }

  private idOf(list: readonly { id: string; name?: string }[], ref: Ref): string | undefined {
    return ref.id ?? this.find(list, ref)?.id;
  }

  private notFound(ref: Ref): string {
    return `${this.label(ref)} was not found in the VPC`;
  }

  vpc(): Check {
    const { vpc } = this.e;
    const title = `VPC ${vpc.name} exists with CIDR ${vpc.cidr}`;
    if (!vpc.id) return check('live.vpc', title, [`${vpc.address} is not in the terraform state of this workdir: nothing has been applied`], '');
    const v = this.live.vpc;
    const l = this.label(vpc);
    if (!v) return check('live.vpc', title, [`${l} was not found in ${this.e.region}`], '');
    const problems = [
      ...(v.cidr !== vpc.cidr ? [`${l} has CIDR ${v.cidr}; expected ${vpc.cidr}`] : []),
      ...(v.state && v.state !== 'available' ? [`${l} is ${v.state}; expected available`] : []),
    ];
    return check('live.vpc', title, problems, `${l}: ${v.cidr}, available`);
  }

  vpcDns(): Check {
    const l = this.label(this.e.vpc);
    const v = this.live.vpc;
    const settings: [boolean | undefined, string][] = [
      [v?.dnsSupport, 'DNS support'],
      [v?.dnsHostnames, 'DNS hostnames'],
    ];
    const title = 'VPC DNS support and DNS hostnames are on';
    if (!this.e.dnsRequired) return { id: 'live.vpc.dns', title, status: 'skip', detail: `${l} is yours, and no interface endpoint needs its DNS settings` };
    const problems = settings.filter(([on]) => !on).map(([, what]) => `${l} has ${what} off; expected on`);
    return check('live.vpc.dns', title, problems, `${l}: DNS support on, DNS hostnames on`);
  }

  subnets(): Check {
    const problems: string[] = [];
    const found = this.e.subnets.map((s) => {
      const f = this.find(this.live.subnets, s);
      const l = this.label(s, f?.id);
      if (!f) problems.push(this.notFound(s));
      else {
        if (f.az !== s.az) problems.push(`${l} is in ${f.az}; expected ${s.az}`);
        if (f.cidr !== s.cidr) problems.push(`${l} has CIDR ${f.cidr}; expected ${s.cidr}`);
      }
      return `${l} ${s.cidr} in ${s.az}`;
    });
    return check('live.subnets', 'A public and a private subnet in each AZ, with the CIDRs asked for', problems, found.join(', '));
  }

  private ruleText(r: SgRule, direction: 'ingress' | 'egress'): string {
    return `${portsText(r.protocol, r.fromPort, r.toPort)} ${direction === 'ingress' ? 'from' : 'to'} ${this.named(r.peer)}`;
  }

  sgRules(g: Expected<'securityGroups'>, direction: 'ingress' | 'egress'): Check {
    const word = direction === 'ingress' ? 'inbound' : 'outbound';
    const id = `live.sg.${g.key}.${direction}`;
    const title = `${SG_TITLES[g.key]} security group: ${word} rules as asked`;
    const want = direction === 'ingress' ? g.ingress : g.egress;
    if (!want) return { id, title, status: 'skip', detail: `${g.address} is not in the terraform state, so nothing says what its ${word} rules should be` };
    const f = this.find(this.live.securityGroups, g);
    if (!f) return check(id, title, [this.notFound(g)], '');
    const l = this.label(g, f.id);
    const { missing, extra } = diff(want, f[direction], sgRuleKey);
    const problems = [
      ...missing.map((r) => `${l} lacks the ${word} rule ${this.ruleText(r, direction)}`),
      ...extra.map((r) => `${l} has an ${word} rule nobody asked for: ${this.ruleText(r, direction)}`),
    ];
    return check(id, title, problems, `${l}: ${want.map((r) => this.ruleText(r, direction)).join(', ') || `no ${word} rules`}`);
  }

  defaultSg(): Check {
    const title = "The VPC's default security group has no rules (Security Hub EC2.2)";
    const f = this.live.securityGroups.find((g) => g.isDefault);
    if (!this.e.defaultSg) {
      return { id: 'live.sg.default.locked', title, status: 'skip', detail: `${f ? f.id : "the existing VPC's default security group"} is left alone (other workloads may use it); --lock-default-sg takes it over and empties it` };
    }
    if (!f) return check('live.sg.default.locked', title, ["the VPC's default security group was not found"], '');
    const l = this.label(this.e.defaultSg, f.id);
    const rules = [...f.ingress.map((r) => `inbound ${this.ruleText(r, 'ingress')}`), ...f.egress.map((r) => `outbound ${this.ruleText(r, 'egress')}`)];
    const problems = rules.length > 0 ? [`${l} must have no rules, but has: ${rules.join(', ')}`] : [];
    return check('live.sg.default.locked', title, problems, `${l} has no inbound or outbound rules`);
  }

  natCount(): Check {
    const want = this.e.nats.length;
    const found = this.live.natGateways;
    const title = want === 0 ? `No NAT Gateway (NAT mode ${this.e.natMode})` : `${plural(want, 'NAT Gateway')} (NAT mode ${this.e.natMode})`;
    const list = found.map((g) => `${this.named(g.id)} ${g.state}`).join(', ');
    const problems = found.length !== want ? [`expected ${plural(want, 'NAT Gateway')} (${this.e.natMode}), found ${found.length}${list ? `: ${list}` : ''}`] : [];
    return check('live.nat.count', title, problems, want === 0 ? 'no NAT Gateway in the VPC, as asked' : list);
  }

  nat(n: Expected<'nats'>): Check {
    const id = `live.nat.${azLetter(n.az)}`;
    const title = `NAT Gateway of ${n.az}: available, in ${n.subnet.name}, with its Elastic IP`;
    const f = this.find(this.live.natGateways, n);
    if (!f) return check(id, title, [`${this.notFound(n)} (deleted ones do not count)`], '');
    const l = this.label(n, f.id);
    const subnetId = this.idOf(this.live.subnets, n.subnet);
    const address = this.live.addresses.find((a) => f.allocationIds.includes(a.allocationId));
    const problems: string[] = [];
    if (f.state !== 'available') problems.push(`${l} is ${f.state}; expected available`);
    if (f.subnetId !== subnetId) problems.push(`${l} is in ${f.subnetId ? this.named(f.subnetId) : 'no subnet'}; expected ${this.label(n.subnet, subnetId)}`);
    if (f.allocationIds.length === 0) problems.push(`${l} has no Elastic IP; expected ${this.label(n.eip)}`);
    else if (n.eip.id && !f.allocationIds.includes(n.eip.id)) problems.push(`${l} has Elastic IP ${f.allocationIds.join(', ')}; expected ${this.label(n.eip)}`);
    else if (!address) problems.push(`the Elastic IP ${f.allocationIds.join(', ')} of ${l} was not found`);
    return check(id, title, problems, `${l}: available in ${this.label(n.subnet, subnetId)}, Elastic IP ${address?.publicIp ?? '?'} (${address?.allocationId ?? '?'})`);
  }

  /** Problems when the subnet is not associated with the route table. */
  private association(table: LiveNetwork['routeTables'][number], l: string, subnet: Ref): string[] {
    const sid = this.idOf(this.live.subnets, subnet);
    if (sid && table.subnetIds.includes(sid)) return [];
    const other = sid ? this.live.routeTables.find((t) => t.subnetIds.includes(sid)) : undefined;
    // An existing VPC's subnet may use its main route table without an association of its own.
    if (sid && !other && table.main && this.e.attached) return [];
    return [`${this.label(subnet, sid)} is not associated with ${l}; it uses ${other ? this.named(other.id) : 'the main route table'}`];
  }

  /** Problems with a table's 0.0.0.0/0 route: it must go to `target` (none when undefined). */
  private defaultRoute(table: LiveNetwork['routeTables'][number], l: string, target: { id?: string; label: string } | undefined): string[] {
    const route = table.routes.find((r) => r.destination === ANYWHERE);
    if (!target) return route ? [`${l} routes ${ANYWHERE} → ${this.named(route.target)}; expected no default route (NAT mode ${this.e.natMode})`] : [];
    if (!route) return [`${l} has no route ${ANYWHERE}; expected → ${target.label}`];
    if (route.target !== target.id) return [`${l} routes ${ANYWHERE} → ${this.named(route.target)}; expected → ${target.label}`];
    if (route.state === 'blackhole') return [`${l} routes ${ANYWHERE} → ${target.label}, but the route is a blackhole (its target is gone)`];
    return [];
  }

  publicRoute(): Check {
    const igw = this.e.internetGateway;
    const tables = this.e.publicRouteTables;
    const title = `Public route table${tables.length > 1 ? 's' : ''}: ${ANYWHERE} → ${igw.name}, on every public subnet`;
    const problems: string[] = [];
    const found: string[] = [];
    for (const t of tables) {
      const f = this.find(this.live.routeTables, t);
      if (!f) {
        problems.push(this.notFound(t));
        continue;
      }
      const l = this.label(t, f.id);
      problems.push(...t.subnets.flatMap((s) => this.association(f, l, s)), ...this.defaultRoute(f, l, { id: igw.id, label: this.label(igw) }));
      found.push(`${l}: ${ANYWHERE} → ${this.label(igw)}; associated with ${t.subnets.map((s) => this.label(s)).join(', ')}`);
    }
    return check('live.route.public', title, problems, found.join('; '));
  }

  privateRoute(t: Expected<'privateRouteTables'>): Check {
    const id = `live.route.private-${azLetter(t.az)}`;
    const title = t.nat ? `Private route table of ${t.az}: ${ANYWHERE} → ${t.nat.name}` : `Private route table of ${t.az}: no default route (no NAT Gateway)`;
    const f = this.find(this.live.routeTables, t);
    if (!f) return check(id, title, [this.notFound(t)], '');
    const l = this.label(t, f.id);
    const natId = t.nat && this.idOf(this.live.natGateways, t.nat);
    const target = t.nat && { id: natId, label: this.label(t.nat, natId) };
    const problems = [...this.association(f, l, t.subnet), ...this.defaultRoute(f, l, target)];
    return check(id, title, problems, `${l} of ${this.label(t.subnet)}: ${target ? `${ANYWHERE} → ${target.label}` : 'no default route'}`);
  }

  /** The live NACL an expected one means (the VPC's default one for `default`). */
  private acl(a: Expected<'nacls'>) {
    return a.key === 'default' ? this.live.networkAcls.find((x) => x.isDefault) : this.find(this.live.networkAcls, a.acl);
  }

  naclAssociations(a: Expected<'nacls'>): Check {
    const id = `live.nacl.${a.key}.associations`;
    const title = a.key === 'default' ? "Every subnet uses the VPC's default NACL" : `The ${a.key} subnets use ${a.acl.name}`;
    const f = this.acl(a);
    if (!f) return check(id, title, [this.notFound(a.acl)], '');
    const l = this.named(f.id);
    const problems = a.subnets.flatMap((s) => {
      const sid = this.idOf(this.live.subnets, s);
      const holder = sid ? this.live.networkAcls.find((x) => x.subnetIds.includes(sid)) : undefined;
      return holder?.id === f.id ? [] : [`${this.label(s, sid)} is associated with ${holder ? this.named(holder.id) : 'no NACL'}; expected ${l}`];
    });
    return check(id, title, problems, `${l} is associated with ${a.subnets.map((s) => this.label(s)).join(', ')}`);
  }

  naclRules(a: Expected<'nacls'>): Check {
    const id = `live.nacl.${a.key}.rules`;
    const title = a.key === 'default' ? "The VPC's default NACL allows all traffic, as AWS made it" : `${a.acl.name}: entries as applied`;
    if (!a.entries) return { id, title, status: 'skip', detail: `${a.acl.address} is not in the terraform state, so nothing says what its entries should be` };
    const f = this.acl(a);
    if (!f) return check(id, title, [this.notFound(a.acl)], '');
    const l = this.named(f.id);
    const direction = (x: NaclEntry) => (x.egress ? 'outbound' : 'inbound');
    const { missing, extra } = diff(
      a.entries,
      f.entries.filter((x) => x.ruleNumber !== NACL_DEFAULT_RULE),
      naclEntryKey,
    );
    const problems = [
      ...missing.map((x) => `${l} lacks the ${direction(x)} entry ${naclEntryText(x)}`),
      ...extra.map((x) => `${l} has an ${direction(x)} entry nobody asked for: ${naclEntryText(x)}`),
    ];
    return check(id, title, problems, `${l}: ${a.entries.map(naclEntryText).join(', ')}`);
  }

  private findEndpoint(x: Expected<'endpoints'>) {
    return this.find(this.live.endpoints, x) ?? (x.id ? undefined : this.live.endpoints.find((v) => v.serviceName === x.serviceName));
  }

  /** Problems when a live endpoint's set of ids (route tables, subnets, SGs) is not the expected one. */
  private sameSet(l: string, what: string, want: Ref[], have: string[], list: readonly { id: string; name?: string }[]): string[] {
    const wanted = want.map((r) => ({ ref: r, id: this.idOf(list, r) }));
    return [
      ...wanted.filter((w) => !w.id || !have.includes(w.id)).map((w) => `${l} lacks ${what} ${this.label(w.ref, w.id)}`),
      ...have.filter((h) => !wanted.some((w) => w.id === h)).map((h) => `${l} has ${what} ${this.named(h)} nobody asked for`),
    ];
  }

  endpoint(x: Expected<'endpoints'>): Check {
    const id = `live.endpoint.${x.service}`;
    const gateway = x.type === 'Gateway';
    const title = gateway ? `VPC endpoint ${x.service} (Gateway) on the private route tables` : `VPC endpoint ${x.service} (Interface) in the private subnets, private DNS on`;
    const f = this.findEndpoint(x);
    if (!f) return check(id, title, [`${this.notFound(x)} (${x.serviceName})`], '');
    const l = this.label(x, f.id);
    const problems = [
      ...(f.serviceName !== x.serviceName ? [`${l} is for ${f.serviceName}; expected ${x.serviceName}`] : []),
      ...(f.type.toLowerCase() !== x.type.toLowerCase() ? [`${l} is a ${f.type} endpoint; expected ${x.type}`] : []),
      ...(f.state && f.state.toLowerCase() !== 'available' ? [`${l} is ${f.state}; expected available`] : []),
      ...this.sameSet(l, 'route table', x.routeTables, f.routeTableIds, this.live.routeTables),
      ...this.sameSet(l, 'subnet', x.subnets, f.subnetIds, this.live.subnets),
      ...this.sameSet(l, 'security group', x.securityGroups, f.securityGroupIds, this.live.securityGroups),
      ...(!gateway && f.privateDns === false ? [`${l} has private DNS off; expected on (so that the service's usual name resolves to it)`] : []),
    ];
    const where = gateway ? `on ${x.routeTables.map((r) => this.label(r)).join(', ')}` : `in ${x.subnets.map((s) => this.label(s)).join(', ')}`;
    return check(id, title, problems, `${l}: ${x.serviceName}, ${where}`);
  }

  extraEndpoints(): Check {
    const matched = new Set(this.e.endpoints.map((x) => this.findEndpoint(x)?.id));
    const extra = this.live.endpoints.filter((v) => !matched.has(v.id));
    const problems = extra.map((v) => `${this.named(v.id)} (${v.serviceName}, ${v.type}) is in the VPC, but nobody asked for it`);
    const n = this.e.endpoints.length;
    return check('live.endpoint.extra', 'No VPC endpoints besides those asked for', problems, n === 0 ? 'no VPC endpoints, as asked' : `only the ${plural(n, 'endpoint')} asked for`);
  }
}
