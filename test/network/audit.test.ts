/**
 * Any VPC made ready for the flow analysis: roles found by the tutorial's names or given, placed
 * by their network interfaces, what the VPC implies about the answers; then the flows of the
 * tutorial's network on it, broken by hand, each verdict against a hand-worked answer.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import { planNat } from '../../src/core/nat-plan.js';
import { auditModel } from '../../src/network/audit.js';
import { readAwsNetwork, type AwsSnapshot } from '../../src/network/from-aws.js';
import { flowChecks } from '../../src/verify/analysis/flows.js';
import { workloads } from '../../src/verify/analysis/placement.js';
import { local, name, part1 } from '../helpers/existing-vpc.js';

const VPC = 'vpc-0a1b2c3d4e5f60718';
const table = (s: AwsSnapshot, id: string) => s.routeTables.find((x) => x.RouteTableId === id)!;
const tcp = (port: number, from: { CidrIp?: string; GroupId?: string }) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, ...(from.CidrIp ? { IpRanges: [{ CidrIp: from.CidrIp }] } : { UserIdGroupPairs: [{ GroupId: from.GroupId }] }) });
const allOut = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];

/** The tutorial's network, built by hand: part 1, its three groups, one NAT Gateway in 1a for both private tables. */
function tutorial(): AwsSnapshot {
  const s = part1();
  s.securityGroups.push(
    { GroupId: 'sg-alb', GroupName: 'web-prod-alb-sg', IpPermissions: [tcp(80, { CidrIp: '0.0.0.0/0' }), tcp(443, { CidrIp: '0.0.0.0/0' })], IpPermissionsEgress: allOut },
    { GroupId: 'sg-ecs', GroupName: 'web-prod-ecs-sg', IpPermissions: [tcp(80, { GroupId: 'sg-alb' }), tcp(3000, { GroupId: 'sg-alb' })], IpPermissionsEgress: allOut },
    { GroupId: 'sg-rds', GroupName: 'web-prod-rds-sg', IpPermissions: [tcp(5432, { GroupId: 'sg-ecs' })], IpPermissionsEgress: allOut },
  );
  s.natGateways.push({ NatGatewayId: 'nat-a', SubnetId: 'subnet-pa', State: 'available', ConnectivityType: 'public', NatGatewayAddresses: [{ AllocationId: 'eipalloc-a' }] });
  for (const t of ['rtb-qa', 'rtb-qc']) table(s, t).Routes = [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-a', State: 'active' }];
  s.networkAcls[0]!.Entries = [
    { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Egress: false, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Egress: true, Protocol: '-1', RuleAction: 'deny', CidrBlock: '0.0.0.0/0' },
  ];
  return s;
}

const audited = (s: AwsSnapshot, given = {}) => {
  const r = auditModel(readAwsNetwork(s), given);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.audited;
};

/** The verdict of each flow of the audit, as `status` by id. */
function verdicts(s: AwsSnapshot) {
  const a = audited(s);
  const config = resolveConfig({ project: 'audit', region: 'ap-northeast-1', vpcId: VPC, nat: a.implied.natMode, nacl: a.implied.nacl });
  const nat = { ...planNat(config), mode: a.implied.natMode, natAzs: a.implied.natAzs, endpoints: { s3Gateway: a.implied.s3Gateway, interfaces: [] } };
  return new Map(flowChecks(a.model, { config, nat }).map((c) => [c.id, c]));
}

describe('auditModel', () => {
  it("finds the roles by the tutorial's names, whatever the prefix, and says how", () => {
    expect(audited(tutorial()).roles).toEqual({ alb: 'sg-alb, by its name web-prod-alb-sg', ecs: 'sg-ecs, by its name web-prod-ecs-sg', rds: 'sg-rds, by its name web-prod-rds-sg' });
    expect(audited(tutorial()).model.roles).toEqual({ alb: 'sg-alb', ecs: 'sg-ecs', rds: 'sg-rds' });
  });

  it('takes a group given for a role, and refuses one not in the VPC or a name two groups share', () => {
    expect(audited(tutorial(), { rds: 'sg-ecs' }).roles.rds).toBe('sg-ecs, given with --rds-sg');
    const twice = tutorial();
    twice.securityGroups.push({ GroupId: 'sg-alb2', GroupName: 'web-stg-alb-sg' });
    const r = auditModel(readAwsNetwork(twice), { ecs: 'sg-nope' });
    expect(r.ok ? [] : r.problems.map((p) => [p.option, p.message])).toEqual([
      ['--alb-sg', `2 security groups of ${VPC} have the name of the ALB group (*-alb-sg): sg-alb (web-prod-alb-sg), sg-alb2 (web-stg-alb-sg); say which with --alb-sg sg-alb`],
      ['--ecs-sg', expect.stringMatching(new RegExp(`^sg-nope is not a security group of ${VPC} \\(its groups: sg-alb web-prod-alb-sg, sg-ecs`))],
    ]);
  });

  it('says what the VPC implies: one NAT Gateway in 1a, the default NACL, no endpoints', () => {
    expect(audited(tutorial()).implied).toEqual({ natMode: 'single', natAzs: ['ap-northeast-1a'], nacl: 'default', s3Gateway: false, interfaces: [] });
  });

  it("places a role where its network interfaces are, else by the tutorial's tiers", () => {
    const s = tutorial();
    s.networkInterfaces = [{ NetworkInterfaceId: 'eni-db', SubnetId: 'subnet-pc', Groups: [{ GroupId: 'sg-rds' }], Description: 'RDSNetworkInterface' }];
    const a = audited(s);
    expect(a.placedBy).toEqual({ rds: ['subnet-pc'] });
    const config = resolveConfig({ project: 'audit', vpcId: VPC });
    expect(workloads(a.model, config).rds.subnets.map((x) => x.id)).toEqual(['subnet-pc']);
    expect(workloads(a.model, config).ecs.subnets.map((x) => x.id)).toEqual(['subnet-qa', 'subnet-qc']);
    expect(verdicts(s).get('flow.ecs-rds-5432')!.status).toBe('pass');
  });
});

describe('the flows of a VPC made by hand, each against a hand-worked answer', () => {
  it('the tutorial as written: every flow as it must be', () => {
    const checks = verdicts(tutorial());
    expect([...checks.values()].filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([]);
    expect(checks.get('flow.private-internet-443')!.flow).toEqual({ from: 'private-subnets', to: 'internet', protocol: 'tcp', port: 443, verdict: 'open', wanted: 'open' });
  });

  it('a NACL on the private subnets without the ephemeral return rule: the NAT Gateway is paid for and carries nothing', () => {
    const s = tutorial();
    s.networkAcls.push({
      NetworkAclId: 'acl-private',
      IsDefault: false,
      Tags: name('private-nacl'),
      Associations: [{ SubnetId: 'subnet-qa' }, { SubnetId: 'subnet-qc' }],
      Entries: [
        { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '10.0.0.0/16' },
        { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
      ],
    });
    s.networkAcls[0]!.Associations = [{ SubnetId: 'subnet-pa' }, { SubnetId: 'subnet-pc' }];
    const c = verdicts(s).get('flow.private-internet-443')!;
    // Hand-worked: out through nat-a is allowed, but the reply comes back from the internet host on an
    // ephemeral port and acl-private admits only 10.0.0.0/16: dropped on the way back in.
    expect(c.status).toBe('fail');
    expect(c.title).toBe('private subnets → internet tcp 443 blocked, but the NAT Gateway is there for it');
    expect(c.detail).toMatch(/acl-private ingress/);
    expect(c.flow).toMatchObject({ verdict: 'blocked', wanted: 'open' });
  });

  it('the database group opened to 0.0.0.0/0, in a subnet routed to the internet gateway: still closed, for it has no public address', () => {
    const s = tutorial();
    s.securityGroups.find((g) => g.GroupId === 'sg-rds')!.IpPermissions!.push(tcp(5432, { CidrIp: '0.0.0.0/0' }));
    s.networkInterfaces = [{ NetworkInterfaceId: 'eni-db', SubnetId: 'subnet-pa', Groups: [{ GroupId: 'sg-rds' }] }];
    // Hand-worked: in a public subnet (0.0.0.0/0 → igw-1) but with no public address, nothing reaches it.
    expect(verdicts(s).get('flow.internet-rds-5432')!.status).toBe('pass');
  });

  it('the NAT route removed from the private table of 1c: half of the private subnets are cut off', () => {
    const s = tutorial();
    table(s, 'rtb-qc').Routes = [local];
    const c = verdicts(s).get('flow.private-internet-443')!;
    // Hand-worked: subnet-qa goes out through nat-a; subnet-qc has no route to 0.0.0.0/0.
    expect(c.status).toBe('fail');
    expect(c.title).toBe('private subnets → internet tcp 443 only partly open, but the NAT Gateway is there for it');
    expect(c.detail).toMatch(/^subnet-qc: rtb-qc has no route to 0\.0\.0\.0\/0/);
  });

  it('the ALB group opened to everything: still as it must be for the app, the tasks stay closed', () => {
    const s = tutorial();
    s.securityGroups.find((g) => g.GroupId === 'sg-alb')!.IpPermissions = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
    const checks = verdicts(s);
    expect(checks.get('flow.internet-alb-443')!.status).toBe('pass');
    expect(checks.get('flow.internet-ecs-3000')!.status).toBe('pass');
  });
});
