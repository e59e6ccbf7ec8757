/**
 * What AWS must hold for an applied workdir, worked out from what was asked (the recorded config
 * and NAT plan), not from what the stack generated, so that a bug in the stack shows up as a
 * difference too. The terraform state serves to learn ids, and for the two things the answers say
 * nothing about: the SGs' outbound rules and the custom NACLs' entries, which are compared with
 * what terraform applied (drift). Pure.
 */
import { subnetLayout } from '../../core/config.js';
import { ADDRESSES as A, networkNames } from '../../core/names.js';
import { publicRouteTables as publicTables, zoneSubnet } from '../../core/existing-vpc.js';
import type { Tier } from '../../core/cidr.js';
import type { WorkdirRecord } from '../../core/workdir-record.js';
import type { StateResource } from '../../terraform/runner.js';
import { naclEntry, sgRule, type ExpectedNetwork, type NaclEntry, type Ref, type SgKey, type SgRule } from './checklist.js';

const ANYWHERE = '0.0.0.0/0';

interface StateSgBlock {
  protocol?: string;
  from_port?: number;
  to_port?: number;
  cidr_blocks?: string[];
  ipv6_cidr_blocks?: string[];
  prefix_list_ids?: string[];
  security_groups?: string[];
  self?: boolean;
}

interface StateNaclBlock {
  rule_no: number;
  action: string;
  protocol: string;
  from_port?: number;
  to_port?: number;
  cidr_block?: string;
  ipv6_cidr_block?: string;
}

/** What AWS must hold, from the workdir's record (config + NAT plan) and its terraform state resources. */
export function expectedNetwork(record: Pick<WorkdirRecord, 'config' | 'nat' | 'existing'>, resources: readonly StateResource[]): ExpectedNetwork {
  const { config, nat: plan } = record;
  const names = networkNames(config.project, config.env);
  const state = new Map(resources.filter((r) => (r.mode ?? 'managed') === 'managed').map((r) => [r.address, r]));
  const ref = (address: string, name: string, id = state.get(address)?.values.id): Ref =>
    typeof id === 'string' && id !== '' ? { address, name, id } : { address, name };

  // Part 1: the stack's (by address, ids from the state), or the existing VPC's (by id, from the record).
  const { existing } = record;
  const byId = (id: string, name?: string): Ref => ({ address: id, name: name ?? id, id });
  const subnets = existing
    ? existing.zones.flatMap((z) =>
        (['public', 'private'] as const).map((tier) => {
          const s = zoneSubnet(existing, z.az, tier);
          return { ...byId(s.id, s.name), tier, az: s.az, cidr: s.cidr };
        }),
      )
    : subnetLayout(config).map((s) => ({
        ...ref(A.subnet(s.tier, s.az), s.tier === 'public' ? names.publicSubnet(s.az) : names.privateSubnet(s.az)),
        tier: s.tier,
        az: s.az,
        cidr: s.cidr,
      }));
  const subnet = (tier: Tier, az: string): Ref => {
    const { address, name, id } = subnets.find((s) => s.tier === tier && s.az === az)!;
    return id ? { address, name, id } : { address, name };
  };
  const publicSubnets = config.azs.map((az) => subnet('public', az));
  const privateSubnets = config.azs.map((az) => subnet('private', az));
  const privateTable = (az: string) => (existing ? byId(zoneSubnet(existing, az, 'private').routeTable) : ref(A.privateRouteTable(az), names.privateRouteTable(az)));
  const natOf = (az: string) => ref(A.nat(az), names.nat(az));
  const publicRouteTables = existing
    ? publicTables(existing).map((t) => ({ ...byId(t.id), subnets: t.subnets.map((id) => publicSubnets.find((s) => s.id === id)!) }))
    : [{ ...ref(A.publicRouteTable, names.publicRouteTable), subnets: publicSubnets }];

  const sg = (key: SgKey, name: string) => ref(A.securityGroup(key), name);
  const alb = sg('alb', names.albSg);
  const ecs = sg('ecs', names.ecsSg);
  const endpointsSg = sg('endpoints', names.endpointsSg);
  // A group missing from the state is named by its address, so that the difference still reads.
  const peer = (r: Ref) => r.id ?? r.address;
  const tcp = (port: number, from: string) => sgRule('tcp', port, port, from);
  const groups: { ref: Ref; key: SgKey; ingress: SgRule[] }[] = [
    { ref: alb, key: 'alb', ingress: [tcp(80, ANYWHERE), tcp(443, ANYWHERE)] },
    // An app on port 80 is one rule, not two.
    { ref: ecs, key: 'ecs', ingress: [...new Set([80, config.appPort])].map((p) => tcp(p, peer(alb))) },
    { ref: sg('rds', names.rdsSg), key: 'rds', ingress: [tcp(config.dbPort, peer(ecs))] },
  ];
  if (plan.endpoints.interfaces.length > 0) groups.push({ ref: endpointsSg, key: 'endpoints', ingress: [tcp(443, peer(ecs))] });

  const vpcState = state.get(A.vpc)?.values;
  const nacls: ExpectedNetwork['nacls'] =
    config.nacl === 'custom'
      ? (['public', 'private'] as const).map((tier) => {
          const acl = ref(A.nacl(tier), tier === 'public' ? names.publicNacl : names.privateNacl);
          return { key: tier, acl, subnets: tier === 'public' ? publicSubnets : privateSubnets, entries: stateNaclEntries(state.get(acl.address)) };
        })
      : [
          {
            key: 'default',
            acl: existing ? { address: existing.defaultNacl, name: 'default NACL', id: existing.defaultNacl } : ref(A.vpc, 'default NACL', vpcState?.default_network_acl_id),
            subnets: [...publicSubnets, ...privateSubnets],
            // The default NACL as AWS makes it: everything in and out.
            entries: [naclEntry(100, false, 'allow', '-1', undefined, undefined, ANYWHERE), naclEntry(100, true, 'allow', '-1', undefined, undefined, ANYWHERE)],
          },
        ];

  const services = [...(plan.endpoints.s3Gateway ? ['s3'] : []), ...plan.endpoints.interfaces];
  return {
    region: config.region,
    natMode: plan.mode,
    naclMode: config.nacl,
    vpc: { ...(existing ? byId(existing.id, existing.name) : ref(A.vpc, names.vpc)), cidr: config.vpcCidr },
    subnets,
    internetGateway: existing ? byId(existing.internetGateway ?? 'no internet gateway') : ref(A.igw, names.igw),
    publicRouteTables,
    privateRouteTables: config.azs.map((az) => {
      // AZs that share an existing route table share its one default route, to the first AZ's NAT.
      const natAz = plan.routes[az];
      return { ...privateTable(az), az, subnet: subnet('private', az), ...(natAz ? { nat: natOf(natAz) } : {}) };
    }),
    securityGroups: groups.map((g) => ({ ...g.ref, key: g.key, ingress: g.ingress, egress: stateSgRules(state.get(g.ref.address), 'egress') })),
    ...(existing && !config.lockDefaultSg ? {} : { defaultSg: ref(A.defaultSg, names.defaultSg) }),
    dnsRequired: !existing || plan.endpoints.interfaces.length > 0,
    attached: existing !== undefined,
    nats: plan.natAzs.map((az) => ({ ...natOf(az), az, subnet: subnet('public', az), eip: ref(A.natEip(az), names.natEip(az)) })),
    nacls,
    endpoints: services.map((service) => {
      const gateway = service === 's3' && plan.endpoints.s3Gateway;
      return {
        ...ref(A.endpoint(service), names.endpoint(service)),
        service,
        serviceName: `com.amazonaws.${config.region}.${service}`,
        type: gateway ? 'Gateway' : 'Interface',
        routeTables: gateway ? uniqueRefs(config.azs.map(privateTable)) : [],
        subnets: gateway ? [] : privateSubnets,
        securityGroups: gateway ? [] : [endpointsSg],
      };
    }),
  };
}

/** The rules of a security group in the state, one peer each; undefined when the state lacks the group. */
function stateSgRules(resource: StateResource | undefined, direction: 'ingress' | 'egress'): SgRule[] | undefined {
  const blocks = resource?.values[direction];
  if (!resource || !Array.isArray(blocks)) return undefined;
  return (blocks as StateSgBlock[]).flatMap((b) =>
    [...(b.cidr_blocks ?? []), ...(b.ipv6_cidr_blocks ?? []), ...(b.prefix_list_ids ?? []), ...(b.security_groups ?? []), ...(b.self ? [String(resource.values.id)] : [])].map(
      (peer) => sgRule(b.protocol, b.from_port, b.to_port, peer),
    ),
  );
}

/** The entries of a network ACL in the state; undefined when the state lacks it. */
function stateNaclEntries(resource: StateResource | undefined): NaclEntry[] | undefined {
  if (!resource) return undefined;
  const entries = (direction: 'ingress' | 'egress') => (Array.isArray(resource.values[direction]) ? (resource.values[direction] as StateNaclBlock[]) : []);
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    entries(direction)
      .map((e) => naclEntry(e.rule_no, direction === 'egress', e.action, e.protocol, e.from_port, e.to_port, e.cidr_block || e.ipv6_cidr_block || ''))
      .sort((x, y) => x.ruleNumber - y.ruleNumber),
  );
}

/** Each reference once (AZs may share an existing route table). */
function uniqueRefs(refs: Ref[]): Ref[] {
  return refs.filter((r, i) => refs.findIndex((x) => x.address === r.address) === i);
}
