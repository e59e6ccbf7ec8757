/**
 * An existing VPC for the tests that attach to one: a part 1 as the SDK's Describe* records give
 * it (VPC, IGW, public 1a/1c on one route table to the IGW, private 1a/1c on a table each), and
 * the run's plan for it as the attach step makes it, without AWS.
 */
import { resolveConfig, type Answers, type NetworkConfig } from '../../src/core/config.js';
import type { ExistingVpc } from '../../src/core/existing-vpc.js';
import { planNat, type NatPlan } from '../../src/core/nat-plan.js';
import { chooseSubnets, placeTiers } from '../../src/network/attach.js';
import { readAwsNetwork, withoutNetwork, type AwsSnapshot } from '../../src/network/from-aws.js';
import type { NetworkModel } from '../../src/network/model.js';

export const name = (value: string) => [{ Key: 'Name', Value: value }];
export const ours = (value: string) => [...name(value), { Key: 'Project', Value: 'shop' }, { Key: 'Environment', Value: 'dev' }, { Key: 'ManagedBy', Value: 'net-wizard' }];
export const local = { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' as const };

/** A part 1: VPC, IGW, public 1a/1c on one table to the IGW, private 1a/1c on a table each. */
export function part1(): AwsSnapshot {
  return {
    vpc: { VpcId: 'vpc-0a1b2c3d4e5f60718', CidrBlock: '10.0.0.0/16', State: 'available', Tags: name('app-vpc') },
    dnsSupport: true,
    dnsHostnames: true,
    subnets: [
      { SubnetId: 'subnet-pa', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'ap-northeast-1a', Tags: name('app-public-1a') },
      { SubnetId: 'subnet-pc', CidrBlock: '10.0.2.0/24', AvailabilityZone: 'ap-northeast-1c', Tags: name('app-public-1c') },
      { SubnetId: 'subnet-qa', CidrBlock: '10.0.11.0/24', AvailabilityZone: 'ap-northeast-1a', Tags: name('app-private-1a') },
      { SubnetId: 'subnet-qc', CidrBlock: '10.0.12.0/24', AvailabilityZone: 'ap-northeast-1c', Tags: name('app-private-1c') },
    ],
    securityGroups: [{ GroupId: 'sg-default', GroupName: 'default', VpcId: 'vpc-0a1b2c3d4e5f60718', IpPermissions: [], IpPermissionsEgress: [] }],
    natGateways: [],
    addresses: [],
    routeTables: [
      { RouteTableId: 'rtb-main', Associations: [{ Main: true }], Routes: [local] },
      {
        RouteTableId: 'rtb-pub',
        Tags: name('app-public-rt'),
        Associations: [{ SubnetId: 'subnet-pa' }, { SubnetId: 'subnet-pc' }],
        Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' }],
      },
      { RouteTableId: 'rtb-qa', Tags: name('app-private-rt-1a'), Associations: [{ SubnetId: 'subnet-qa' }], Routes: [local] },
      { RouteTableId: 'rtb-qc', Tags: name('app-private-rt-1c'), Associations: [{ SubnetId: 'subnet-qc' }], Routes: [local] },
    ],
    networkAcls: [{ NetworkAclId: 'acl-default', IsDefault: true, Associations: ['subnet-pa', 'subnet-pc', 'subnet-qa', 'subnet-qc'].map((SubnetId) => ({ SubnetId })), Entries: [] }],
    endpoints: [],
    internetGateways: [{ InternetGatewayId: 'igw-1', Attachments: [{ VpcId: 'vpc-0a1b2c3d4e5f60718', State: 'available' as never }] }],
    networkInterfaces: [],
  };
}


/** The plan of an attach to `snapshot` (default: part1()) with these answers: what the attach step returns. */
export function attachedPlan(answers: Answers = {}, snapshot: AwsSnapshot = part1()): { config: NetworkConfig; nat: NatPlan; existing: ExistingVpc; base: NetworkModel } {
  const asked = resolveConfig({ project: 'shop', env: 'dev', vpcId: snapshot.vpc.VpcId, ...answers });
  const model = readAwsNetwork(withoutNetwork(snapshot, asked));
  const chosen = chooseSubnets(model, { region: asked.region, customNacl: asked.nacl === 'custom', ...(asked.publicSubnets ? { publicSubnets: asked.publicSubnets } : {}), ...(asked.privateSubnets ? { privateSubnets: asked.privateSubnets } : {}) });
  if (!chosen.ok) throw new Error(chosen.problems.map((p) => p.message).join('\n'));
  const config = { ...asked, azs: chosen.existing.zones.map((z) => z.az), vpcCidr: chosen.existing.cidr };
  return { config, nat: planNat(config), existing: chosen.existing, base: placeTiers(model, chosen.existing) };
}
