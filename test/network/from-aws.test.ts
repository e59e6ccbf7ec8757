import { describe, expect, it } from 'vitest';
import { networkNames } from '../../src/core/names.js';
import { readAwsNetwork, type AwsSnapshot } from '../../src/network/from-aws.js';
import { ALL_PORTS } from '../../src/network/ranges.js';
import { liveView } from '../../src/verify/live/checklist.js';
import { ENDPOINTS, live, PER_AZ, SINGLE, snapshot } from '../verify/live/fixtures.js';

// SDK records as DescribeVpcs, DescribeSubnets… return them, a few fields each.
const base = (): AwsSnapshot => ({
  vpc: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', State: 'available', Tags: [{ Key: 'Name', Value: 'shop-dev-vpc' }] },
  dnsSupport: true,
  dnsHostnames: true,
  subnets: [{ SubnetId: 'subnet-a', CidrBlock: '10.0.0.0/20', AvailabilityZone: 'ap-northeast-1a', Tags: [{ Key: 'Name', Value: 'shop-dev-public-subnet-a' }] }],
  securityGroups: [{ GroupId: 'sg-default', GroupName: 'default', IpPermissions: [], IpPermissionsEgress: [] }],
  natGateways: [],
  addresses: [],
  routeTables: [{ RouteTableId: 'rtb-main', Associations: [{ Main: true }], Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }] }],
  networkAcls: [{ NetworkAclId: 'acl-default', IsDefault: true, Associations: [{ SubnetId: 'subnet-a' }], Entries: [] }],
  endpoints: [],
});

interface Case {
  name: string;
  change: (s: AwsSnapshot) => void;
  /** What the model must hold, read from it. */
  read: (m: ReturnType<typeof readAwsNetwork>) => unknown;
  expect: unknown;
}

const names = networkNames('shop', 'dev');

const CASES: Case[] = [
  {
    name: 'the VPC: primary CIDR first, then the associated secondary ones',
    change: (s) => {
      s.vpc.CidrBlockAssociationSet = [
        { CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
        { CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associated' } },
        { CidrBlock: '10.2.0.0/16', CidrBlockState: { State: 'disassociated' } },
      ];
    },
    read: (m) => m.vpc,
    expect: { id: 'vpc-1', name: 'shop-dev-vpc', cidrs: ['10.0.0.0/16', '10.1.0.0/16'], state: 'available', dnsSupport: true, dnsHostnames: true },
  },
  {
    name: 'DNS attributes AWS did not report are off',
    change: (s) => {
      delete s.dnsSupport;
      delete s.dnsHostnames;
    },
    read: (m) => [m.vpc.dnsSupport, m.vpc.dnsHostnames],
    expect: [false, false],
  },
  {
    name: "a subnet without an explicit association uses the main table, and the NACL it is associated with; its tier comes from net-wizard's name",
    change: () => {},
    read: (m) => m.subnets.get('subnet-a'),
    expect: { id: 'subnet-a', name: 'shop-dev-public-subnet-a', cidr: '10.0.0.0/20', range: [167772160, 167776255], az: 'ap-northeast-1a', tier: 'public', routeTable: 'rtb-main', nacl: 'acl-default' },
  },
  {
    name: 'an explicit association wins over the main table',
    change: (s) => s.routeTables.push({ RouteTableId: 'rtb-pub', Associations: [{ Main: false, SubnetId: 'subnet-a' }], Routes: [] }),
    read: (m) => [m.subnets.get('subnet-a')!.routeTable, m.routeTables.get('rtb-pub')!.subnets, m.routeTables.get('rtb-main')!.main],
    expect: ['rtb-pub', ['subnet-a'], true],
  },
  {
    name: 'a permission becomes one rule per peer (IPv4, IPv6, prefix list, group), each with its description',
    change: (s) => {
      s.securityGroups.push({
        GroupId: 'sg-alb',
        GroupName: 'alb',
        Description: 'ALB',
        Tags: [{ Key: 'Name', Value: 'shop-dev-alb-sg' }],
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS' }],
            Ipv6Ranges: [{ CidrIpv6: '::/0' }],
            PrefixListIds: [{ PrefixListId: 'pl-1' }],
            UserIdGroupPairs: [{ GroupId: 'sg-ecs' }],
          },
        ],
        IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      });
    },
    read: (m) => m.securityGroups.get('sg-alb'),
    expect: {
      id: 'sg-alb',
      name: 'shop-dev-alb-sg',
      groupName: 'alb',
      description: 'ALB',
      isDefault: false,
      rules: [
        { direction: 'ingress', protocol: 6, ports: [443, 443], written: { from: 443, to: 443 }, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [], prefixLists: [], groups: [], description: 'HTTPS', declaredBy: 'sg-alb' },
        { direction: 'ingress', protocol: 6, ports: [443, 443], written: { from: 443, to: 443 }, cidrs: [], ipv6Cidrs: ['::/0'], prefixLists: [], groups: [], declaredBy: 'sg-alb' },
        { direction: 'ingress', protocol: 6, ports: [443, 443], written: { from: 443, to: 443 }, cidrs: [], ipv6Cidrs: [], prefixLists: ['pl-1'], groups: [], declaredBy: 'sg-alb' },
        { direction: 'ingress', protocol: 6, ports: [443, 443], written: { from: 443, to: 443 }, cidrs: [], ipv6Cidrs: [], prefixLists: [], groups: ['sg-ecs'], declaredBy: 'sg-alb' },
        { direction: 'egress', protocol: 'all', ports: ALL_PORTS, written: {}, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [], prefixLists: [], groups: [], declaredBy: 'sg-alb' },
      ],
    },
  },
  {
    name: 'protocols as AWS writes them: icmpv6 is 58; a group without a Name tag is named by its group name',
    change: (s) => s.securityGroups.push({ GroupId: 'sg-x', GroupName: 'x', IpPermissions: [{ IpProtocol: 'icmpv6', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }),
    read: (m) => [m.securityGroups.get('sg-x')!.name, m.securityGroups.get('sg-x')!.rules.map((r) => [r.protocol, r.ports])],
    expect: ['x', [[58, [-1, -1]]]],
  },
  {
    name: 'route targets are typed; a prefix-list destination has no IPv4 range; a blackhole keeps its state',
    change: (s) => {
      s.routeTables[0]!.Routes!.push(
        { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' },
        { DestinationCidrBlock: '10.9.0.0/16', NatGatewayId: 'nat-1', State: 'blackhole' },
        { DestinationPrefixListId: 'pl-1', GatewayId: 'vpce-s3', State: 'active' },
        { DestinationCidrBlock: '10.8.0.0/16', InstanceId: 'i-1', NetworkInterfaceId: 'eni-1', State: 'active' },
        { DestinationCidrBlock: '10.7.0.0/16', VpcPeeringConnectionId: 'pcx-1', State: 'active' },
      );
    },
    read: (m) => m.routeTables.get('rtb-main')!.routes.map((r) => [r.destination, r.targetKind, r.target, r.range !== undefined, r.state]),
    expect: [
      ['10.0.0.0/16', 'local', 'local', true, 'active'],
      ['0.0.0.0/0', 'igw', 'igw-1', true, 'active'],
      ['10.9.0.0/16', 'nat', 'nat-1', true, 'blackhole'],
      ['pl-1', 'endpoint', 'vpce-s3', false, 'active'],
      ['10.8.0.0/16', 'eni', 'eni-1', true, 'active'],
      ['10.7.0.0/16', 'other', 'pcx-1', true, 'active'],
    ],
  },
  {
    name: 'NACL entries: all traffic, a port range, ICMP without one (every type), IPv6 (no IPv4 range)',
    change: (s) => {
      s.networkAcls[0]!.Entries = [
        { RuleNumber: 100, Egress: false, RuleAction: 'allow', Protocol: '-1', CidrBlock: '0.0.0.0/0' },
        { RuleNumber: 110, Egress: false, RuleAction: 'deny', Protocol: '6', CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } },
        { RuleNumber: 120, Egress: true, RuleAction: 'allow', Protocol: '1', CidrBlock: '10.0.0.0/16', IcmpTypeCode: { Type: -1, Code: -1 } },
        { RuleNumber: 130, Egress: false, RuleAction: 'allow', Protocol: '-1', Ipv6CidrBlock: '::/0' },
      ];
    },
    read: (m) => m.nacls.get('acl-default')!.rules.map((r) => [r.ruleNo, r.egress, r.allow, r.protocol, r.ports, r.written, r.cidr, r.range !== undefined]),
    expect: [
      [100, false, true, 'all', ALL_PORTS, {}, '0.0.0.0/0', true],
      [110, false, false, 6, [22, 22], { from: 22, to: 22 }, '0.0.0.0/0', true],
      [120, true, true, 1, ALL_PORTS, {}, '10.0.0.0/16', true],
      [130, false, true, 'all', ALL_PORTS, {}, '::/0', false],
    ],
  },
  {
    name: 'deleted NAT Gateways and endpoints are left out; a private NAT does not reach the internet',
    change: (s) => {
      s.natGateways.push(
        { NatGatewayId: 'nat-old', State: 'deleted', SubnetId: 'subnet-a' },
        { NatGatewayId: 'nat-p', State: 'available', SubnetId: 'subnet-a', ConnectivityType: 'private', NatGatewayAddresses: [{ AllocationId: undefined }] },
      );
      s.endpoints.push({ VpcEndpointId: 'vpce-old', State: 'Deleted' as 'Available', ServiceName: 'com.amazonaws.ap-northeast-1.s3' });
    },
    read: (m) => [[...m.natGateways.values()], m.endpoints],
    expect: [[{ id: 'nat-p', state: 'available', subnet: 'subnet-a', allocations: [], public: false }], []],
  },
  {
    name: 'an endpoint: the service after com.amazonaws.<region>., private DNS as reported (undefined when not)',
    change: (s) => s.endpoints.push({ VpcEndpointId: 'vpce-1', State: 'available' as 'Available', ServiceName: 'com.amazonaws.ap-northeast-1.ecr.api', VpcEndpointType: 'Interface', SubnetIds: ['subnet-a'], Groups: [{ GroupId: 'sg-vpce' }] }),
    read: (m) => m.endpoints[0],
    expect: { id: 'vpce-1', service: 'ecr.api', serviceName: 'com.amazonaws.ap-northeast-1.ecr.api', type: 'Interface', state: 'available', subnets: ['subnet-a'], routeTables: [], securityGroups: ['sg-vpce'] },
  },
  {
    name: "roles sit where net-wizard's names say; the default group plays none",
    change: (s) => {
      s.securityGroups.push(
        { GroupId: 'sg-1', GroupName: 'anything', Tags: [{ Key: 'Name', Value: 'shop-dev-ecs-sg' }] },
        { GroupId: 'sg-2', GroupName: 'shop-dev-rds-sg' },
      );
    },
    read: (m) => [m.roles, m.defaultSecurityGroup],
    expect: [{ ecs: 'sg-1', rds: 'sg-2' }, 'sg-default'],
  },
];

describe('readAwsNetwork: SDK records → network model', () => {
  it.each(CASES)('$name', ({ change, read, expect: expected }) => {
    const s = base();
    change(s);
    expect(read(readAwsNetwork(s, { names }))).toEqual(expected);
  });

  it('without names, no roles and no tiers: the model does not guess', () => {
    const m = readAwsNetwork(base());
    expect(m.roles).toEqual({});
    expect(m.subnets.get('subnet-a')!.tier).toBeUndefined();
  });

  it('what it cannot read is noted, not guessed', () => {
    const s = base();
    s.subnets.push({ SubnetId: 'subnet-v6', Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600::/64' }] });
    expect(readAwsNetwork(s).notes).toEqual(['subnet-v6: null is not an IPv4 CIDR']);
  });
});

describe("liveView: the checklist's view of the AWS reader's model loses nothing it compares", () => {
  it.each([
    ['per-az', PER_AZ],
    ['single', SINGLE],
    ['endpoints', ENDPOINTS],
  ] as const)('%s', (_, asked) => {
    expect(liveView(readAwsNetwork(snapshot(live(asked)), { names }))).toEqual(live(asked));
  });
});
