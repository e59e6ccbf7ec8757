/**
 * Hand-made inputs for the live-verification unit tests: a workdir record, the terraform state
 * resources an apply of it leaves, and a healthy live snapshot of the same network as AWS reports
 * it (numeric NACL protocols, the 32767 deny entries, a main route table). Readable ids:
 * vpc-1, subnet-pub-a, rtb-priv-c, sg-rds, nat-a, eipalloc-a, acl-priv, vpce-ecr-api…
 * `snapshot` gives the same network as the SDK's Describe* records, for the AWS reader.
 */
import type { NetworkConfig } from '../../../src/core/config.js';
import type { InterfaceService } from '../../../src/core/nat-advisor.js';
import type { NatTopology } from '../../../src/core/nat-modes.js';
import type { NatPlan } from '../../../src/core/nat-plan.js';
import type { StateResource } from '../../../src/terraform/runner.js';
import type { IpPermission } from '@aws-sdk/client-ec2';
import type { AwsSnapshot } from '../../../src/network/from-aws.js';
import { naclEntry, sgRule, type LiveNetwork, type NaclEntry, type SgRule } from '../../../src/verify/live/checklist.js';

export const AZS = ['ap-northeast-1a', 'ap-northeast-1c'];
const LETTERS = ['a', 'c'];
const ANY = '0.0.0.0/0';

/** What was asked, in short. */
export interface Asked {
  nat: NatTopology;
  nacl?: 'default' | 'custom';
  appPort?: number;
  s3?: boolean;
  interfaces?: InterfaceService[];
}

export const PER_AZ: Asked = { nat: 'per-az', nacl: 'custom', s3: true };
export const SINGLE: Asked = { nat: 'single' };
export const ENDPOINTS: Asked = { nat: 'none', s3: true, interfaces: ['ecr.api', 'ecr.dkr', 'logs'] };

const natLetters = (a: Asked) => (a.nat === 'none' ? [] : a.nat === 'single' ? ['a'] : LETTERS);
const services = (a: Asked) => [...(a.s3 ? ['s3'] : []), ...(a.interfaces ?? [])];
const dashed = (service: string) => service.replace(/\./g, '-');

/** The workdir record: config and NAT plan (only the fields verification reads are real). */
export function record(a: Asked): { config: NetworkConfig; nat: NatPlan } {
  const config: NetworkConfig = {
    project: 'shop',
    env: 'dev',
    region: 'ap-northeast-1',
    azs: AZS,
    vpcCidr: '10.0.0.0/16',
    appPort: a.appPort ?? 3000,
    dbPort: 5432,
    nat: a.nat,
    needs: [],
    tasksSubnet: 'private',
    priority: 'cost',
    trafficGb: 20,
    tasks: 2,
    imageMb: 500,
    nacl: a.nacl ?? 'default',
    workdir: '/tmp/shop-dev',
  };
  const natAzs = natLetters(a).map((l) => `ap-northeast-1${l}`);
  const routes = Object.fromEntries(natAzs.length ? AZS.map((az) => [az, a.nat === 'single' ? AZS[0]! : az]) : []);
  const nat = { mode: a.nat, natAzs, routes, endpoints: { s3Gateway: a.s3 ?? false, interfaces: a.interfaces ?? [] } } as unknown as NatPlan;
  return { config, nat };
}

const stateRule = (protocol: string, from: number, to: number, cidr: string, ruleNo: number) => ({
  action: 'allow', cidr_block: cidr, from_port: from, to_port: to, icmp_code: null, icmp_type: null, ipv6_cidr_block: '', protocol, rule_no: ruleNo,
});
const ALL_OUT_SG = { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: [ANY], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: 'All traffic' };

/** The resources `terraform show -json` lists after applying what was asked. */
export function state(a: Asked): StateResource[] {
  const r = (type: string, name: string, values: Record<string, unknown>): StateResource => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
  const list = [
    r('aws_vpc', 'main', { id: 'vpc-1', cidr_block: '10.0.0.0/16', default_network_acl_id: 'acl-default', default_security_group_id: 'sg-default' }),
    r('aws_internet_gateway', 'main', { id: 'igw-1' }),
    r('aws_default_security_group', 'default', { id: 'sg-default', ingress: [], egress: [] }),
    r('aws_route_table', 'public', { id: 'rtb-pub' }),
    ...LETTERS.flatMap((l) => [
      r('aws_subnet', `public_${l}`, { id: `subnet-pub-${l}` }),
      r('aws_subnet', `private_${l}`, { id: `subnet-priv-${l}` }),
      r('aws_route_table', `private_${l}`, { id: `rtb-priv-${l}` }),
    ]),
    ...['alb', 'ecs', 'rds'].map((k) => r('aws_security_group', k, { id: `sg-${k}`, ingress: [], egress: [ALL_OUT_SG] })),
    ...natLetters(a).flatMap((l) => [r('aws_eip', `nat_${l}`, { id: `eipalloc-${l}` }), r('aws_nat_gateway', `main_${l}`, { id: `nat-${l}` })]),
    ...services(a).map((s) => r('aws_vpc_endpoint', s.replace(/\./g, '_'), { id: `vpce-${dashed(s)}` })),
    { address: 'data.aws_region.current', mode: 'data', type: 'aws_region', name: 'current', values: { id: 'ap-northeast-1' } },
  ];
  if (a.interfaces?.length) list.push(r('aws_security_group', 'endpoints', { id: 'sg-vpce', ingress: [], egress: [] }));
  if (a.nacl === 'custom') {
    const out = [stateRule('-1', 0, 0, ANY, 100)];
    list.push(
      r('aws_network_acl', 'public', { id: 'acl-pub', ingress: [stateRule('tcp', 1024, 65535, ANY, 120), stateRule('tcp', 80, 80, ANY, 100), stateRule('tcp', 443, 443, ANY, 110)], egress: out, subnet_ids: [] }),
      r('aws_network_acl', 'private', { id: 'acl-priv', ingress: [stateRule('-1', 0, 0, '10.0.0.0/16', 100), stateRule('tcp', 1024, 65535, ANY, 110)], egress: out, subnet_ids: [] }),
    );
  }
  return list;
}

const tcp = (port: number, peer: string) => sgRule('tcp', port, port, peer);
const ALL_OUT = sgRule('-1', undefined, undefined, ANY);
// As AWS lists them: numeric protocols, and the catch-all deny entries.
const awsEntry = (n: number, egress: boolean, protocol: string, from: number | undefined, to: number | undefined, cidr: string): NaclEntry =>
  naclEntry(n, egress, 'allow', protocol, from, to, cidr);
const DENY_REST = [naclEntry(32767, false, 'deny', '-1', undefined, undefined, ANY), naclEntry(32767, true, 'deny', '-1', undefined, undefined, ANY)];

/** A healthy live snapshot of what was asked. */
export function live(a: Asked): LiveNetwork {
  const nats = natLetters(a);
  const custom = a.nacl === 'custom';
  // Fresh arrays each time, so that a test changing one resource changes no other.
  const privateSubnets = () => LETTERS.map((l) => `subnet-priv-${l}`);
  const publicSubnets = () => LETTERS.map((l) => `subnet-pub-${l}`);
  const local = { destination: '10.0.0.0/16', target: 'local', state: 'active' };
  return {
    vpc: { id: 'vpc-1', cidr: '10.0.0.0/16', state: 'available', dnsSupport: true, dnsHostnames: true, name: 'shop-dev-vpc' },
    subnets: LETTERS.flatMap((l, i) => [
      { id: `subnet-pub-${l}`, az: AZS[i]!, cidr: `10.0.${16 * i}.0/20`, name: `shop-dev-public-subnet-${l}` },
      { id: `subnet-priv-${l}`, az: AZS[i]!, cidr: `10.0.${128 + 16 * i}.0/20`, name: `shop-dev-private-subnet-${l}` },
    ]),
    securityGroups: [
      { id: 'sg-default', name: 'shop-dev-default-sg', isDefault: true, ingress: [], egress: [] },
      { id: 'sg-alb', name: 'shop-dev-alb-sg', isDefault: false, ingress: [tcp(443, ANY), tcp(80, ANY)], egress: [ALL_OUT] },
      { id: 'sg-ecs', name: 'shop-dev-ecs-sg', isDefault: false, ingress: [...new Set([80, a.appPort ?? 3000])].map((p) => tcp(p, 'sg-alb')), egress: [ALL_OUT] },
      { id: 'sg-rds', name: 'shop-dev-rds-sg', isDefault: false, ingress: [tcp(5432, 'sg-ecs')], egress: [ALL_OUT] },
      ...(a.interfaces?.length ? [{ id: 'sg-vpce', name: 'shop-dev-endpoints-sg', isDefault: false, ingress: [tcp(443, 'sg-ecs')], egress: [] }] : []),
    ],
    natGateways: nats.map((l) => ({ id: `nat-${l}`, state: 'available', subnetId: `subnet-pub-${l}`, allocationIds: [`eipalloc-${l}`], name: `shop-dev-nat-${l}` })),
    addresses: nats.map((l, i) => ({ allocationId: `eipalloc-${l}`, publicIp: `203.0.113.${i + 1}`, name: `shop-dev-nat-eip-${l}` })),
    routeTables: [
      { id: 'rtb-main', main: true, subnetIds: [], routes: [local] },
      { id: 'rtb-pub', name: 'shop-dev-public-rt', main: false, subnetIds: publicSubnets(), routes: [local, { destination: ANY, target: 'igw-1', state: 'active' }] },
      ...LETTERS.map((l) => ({
        id: `rtb-priv-${l}`,
        name: `shop-dev-private-rt-${l}`,
        main: false,
        subnetIds: [`subnet-priv-${l}`],
        routes: [
          local,
          ...(a.s3 ? [{ destination: 'pl-61a54008', target: 'vpce-s3', state: 'active' }] : []),
          ...(nats.length ? [{ destination: ANY, target: `nat-${a.nat === 'single' ? 'a' : l}`, state: 'active' }] : []),
        ],
      })),
    ],
    networkAcls: [
      {
        id: 'acl-default',
        isDefault: true,
        subnetIds: custom ? [] : [...publicSubnets(), ...privateSubnets()],
        entries: [awsEntry(100, false, '-1', undefined, undefined, ANY), awsEntry(100, true, '-1', undefined, undefined, ANY), ...DENY_REST],
      },
      ...(custom
        ? [
            {
              id: 'acl-pub',
              name: 'shop-dev-public-nacl',
              isDefault: false,
              subnetIds: publicSubnets(),
              entries: [awsEntry(100, false, '6', 80, 80, ANY), awsEntry(110, false, '6', 443, 443, ANY), awsEntry(120, false, '6', 1024, 65535, ANY), awsEntry(100, true, '-1', 0, 0, ANY), ...DENY_REST],
            },
            {
              id: 'acl-priv',
              name: 'shop-dev-private-nacl',
              isDefault: false,
              subnetIds: privateSubnets(),
              entries: [awsEntry(100, false, '-1', 0, 0, '10.0.0.0/16'), awsEntry(110, false, '6', 1024, 65535, ANY), awsEntry(100, true, '-1', 0, 0, ANY), ...DENY_REST],
            },
          ]
        : []),
    ],
    endpoints: services(a).map((s) => {
      const gateway = s === 's3';
      return {
        id: `vpce-${dashed(s)}`,
        name: `shop-dev-${dashed(s)}-endpoint`,
        serviceName: `com.amazonaws.ap-northeast-1.${s}`,
        type: gateway ? 'Gateway' : 'Interface',
        state: 'available',
        subnetIds: gateway ? [] : privateSubnets(),
        routeTableIds: gateway ? ['rtb-priv-a', 'rtb-priv-c'] : [],
        securityGroupIds: gateway ? [] : ['sg-vpce'],
        privateDns: !gateway,
      };
    }),
  };
}

const tags = (name?: string) => (name === undefined ? {} : { Tags: [{ Key: 'Name', Value: name }, { Key: 'Project', Value: 'shop' }] });
const PROTOCOL_NUMBERS: Record<string, string> = { all: '-1', tcp: '6', udp: '17', icmp: '1' };

/** A permission per rule, as DescribeSecurityGroups lists them (peer kind by its shape). */
function permission(r: SgRule): IpPermission {
  const peer =
    r.peer.startsWith('sg-') ? { UserIdGroupPairs: [{ GroupId: r.peer }] }
    : r.peer.startsWith('pl-') ? { PrefixListIds: [{ PrefixListId: r.peer }] }
    : r.peer.includes(':') ? { Ipv6Ranges: [{ CidrIpv6: r.peer }] }
    : { IpRanges: [{ CidrIp: r.peer }] };
  return { IpProtocol: r.protocol === 'all' ? '-1' : r.protocol, ...(r.fromPort === undefined ? {} : { FromPort: r.fromPort }), ...(r.toPort === undefined ? {} : { ToPort: r.toPort }), ...peer };
}

/** The same network as the Describe* calls return it (SDK records), for the AWS reader. */
export function snapshot(l: LiveNetwork): AwsSnapshot {
  const vpc = l.vpc!;
  return {
    vpc: { VpcId: vpc.id, CidrBlock: vpc.cidr, State: vpc.state as 'available', ...tags(vpc.name) },
    dnsSupport: vpc.dnsSupport,
    dnsHostnames: vpc.dnsHostnames,
    subnets: l.subnets.map((s) => ({ SubnetId: s.id, AvailabilityZone: s.az, CidrBlock: s.cidr, VpcId: vpc.id, ...tags(s.name) })),
    securityGroups: l.securityGroups.map((g) => ({
      GroupId: g.id,
      GroupName: g.isDefault ? 'default' : g.name,
      Description: 'managed by net-wizard',
      ...tags(g.name),
      IpPermissions: g.ingress.map(permission),
      IpPermissionsEgress: g.egress.map(permission),
    })),
    natGateways: l.natGateways.map((n) => ({
      NatGatewayId: n.id,
      State: n.state as 'available',
      SubnetId: n.subnetId,
      NatGatewayAddresses: n.allocationIds.map((AllocationId) => ({ AllocationId })),
      ...tags(n.name),
    })),
    addresses: l.addresses.map((a) => ({ AllocationId: a.allocationId, PublicIp: a.publicIp, ...tags(a.name) })),
    routeTables: l.routeTables.map((t) => ({
      RouteTableId: t.id,
      ...tags(t.name),
      Associations: [...(t.main ? [{ Main: true }] : []), ...t.subnetIds.map((SubnetId) => ({ Main: false, SubnetId }))],
      Routes: t.routes.map((r) => ({
        ...(r.destination.startsWith('pl-') ? { DestinationPrefixListId: r.destination } : { DestinationCidrBlock: r.destination }),
        ...(r.target.startsWith('nat-') ? { NatGatewayId: r.target } : { GatewayId: r.target }),
        State: r.state as 'active',
      })),
    })),
    networkAcls: l.networkAcls.map((a) => ({
      NetworkAclId: a.id,
      IsDefault: a.isDefault,
      ...tags(a.name),
      Associations: a.subnetIds.map((SubnetId) => ({ SubnetId })),
      Entries: a.entries.map((e) => ({
        RuleNumber: e.ruleNumber,
        Egress: e.egress,
        RuleAction: e.action as 'allow',
        Protocol: PROTOCOL_NUMBERS[e.protocol] ?? e.protocol,
        CidrBlock: e.cidr,
        ...(e.fromPort === undefined ? {} : { PortRange: { From: e.fromPort, To: e.toPort } }),
      })),
    })),
    endpoints: l.endpoints.map((v) => ({
      VpcEndpointId: v.id,
      ServiceName: v.serviceName,
      VpcEndpointType: v.type as 'Interface',
      State: v.state as 'Available',
      SubnetIds: v.subnetIds,
      RouteTableIds: v.routeTableIds,
      Groups: v.securityGroupIds.map((GroupId) => ({ GroupId, GroupName: GroupId })),
      PrivateDnsEnabled: v.privateDns,
      ...tags(v.name),
    })),
  };
}
