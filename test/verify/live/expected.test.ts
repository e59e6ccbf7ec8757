import { describe, expect, it } from 'vitest';
import { expectedNetwork } from '../../../src/verify/live/expected.js';
import { stateResources } from '../../../src/verify/live/index.js';
import { naclEntry, sgRule } from '../../../src/verify/live/checklist.js';
import { attachedPlan } from '../../helpers/existing-vpc.js';
import { ENDPOINTS, PER_AZ, record, SINGLE, state } from './fixtures.js';

const ANY = '0.0.0.0/0';
const tcp = (port: number, peer: string) => sgRule('tcp', port, port, peer);

describe('expectedNetwork', () => {
  it('per-az, custom NACLs: one NAT per AZ in its public subnet with its EIP, each private table to its own NAT', () => {
    const e = expectedNetwork(record(PER_AZ), state(PER_AZ));
    expect(e.vpc).toEqual({ address: 'aws_vpc.main', name: 'shop-dev-vpc', id: 'vpc-1', cidr: '10.0.0.0/16' });
    expect(e.subnets.map((s) => [s.id, s.tier, s.az, s.cidr])).toEqual([
      ['subnet-pub-a', 'public', 'ap-northeast-1a', '10.0.0.0/20'],
      ['subnet-pub-c', 'public', 'ap-northeast-1c', '10.0.16.0/20'],
      ['subnet-priv-a', 'private', 'ap-northeast-1a', '10.0.128.0/20'],
      ['subnet-priv-c', 'private', 'ap-northeast-1c', '10.0.144.0/20'],
    ]);
    expect(e.nats.map((n) => [n.id, n.az, n.subnet.id, n.eip.id, n.name])).toEqual([
      ['nat-a', 'ap-northeast-1a', 'subnet-pub-a', 'eipalloc-a', 'shop-dev-nat-a'],
      ['nat-c', 'ap-northeast-1c', 'subnet-pub-c', 'eipalloc-c', 'shop-dev-nat-c'],
    ]);
    expect(e.privateRouteTables.map((t) => [t.id, t.subnet.id, t.nat?.id])).toEqual([
      ['rtb-priv-a', 'subnet-priv-a', 'nat-a'],
      ['rtb-priv-c', 'subnet-priv-c', 'nat-c'],
    ]);
    expect(e.publicRouteTables[0]!.subnets.map((s) => s.id)).toEqual(['subnet-pub-a', 'subnet-pub-c']);
    expect(e.internetGateway.id).toBe('igw-1');
  });

  it('takes inbound rules from what was asked, with the SG ids from the state; outbound from the state', () => {
    const e = expectedNetwork(record(PER_AZ), state(PER_AZ));
    const sg = (key: string) => e.securityGroups.find((g) => g.key === key)!;
    expect(e.securityGroups.map((g) => [g.key, g.id, g.name])).toEqual([
      ['alb', 'sg-alb', 'shop-dev-alb-sg'],
      ['ecs', 'sg-ecs', 'shop-dev-ecs-sg'],
      ['rds', 'sg-rds', 'shop-dev-rds-sg'],
    ]);
    expect(sg('alb').ingress).toEqual([tcp(80, ANY), tcp(443, ANY)]);
    expect(sg('ecs').ingress).toEqual([tcp(80, 'sg-alb'), tcp(3000, 'sg-alb')]);
    expect(sg('rds').ingress).toEqual([tcp(5432, 'sg-ecs')]);
    for (const g of e.securityGroups) expect(g.egress).toEqual([{ protocol: 'all', peer: ANY }]);
    expect(e.defaultSg).toEqual({ address: 'aws_default_security_group.default', name: 'shop-dev-default-sg', id: 'sg-default' });
  });

  it('the app port and the database port come from the config; an app on port 80 is one rule', () => {
    const e = expectedNetwork(record({ ...SINGLE, appPort: 80 }), state(SINGLE));
    expect(e.securityGroups.find((g) => g.key === 'ecs')!.ingress).toEqual([tcp(80, 'sg-alb')]);
  });

  it('single: both private tables route to the NAT of the first AZ', () => {
    const e = expectedNetwork(record(SINGLE), state(SINGLE));
    expect(e.nats.map((n) => n.id)).toEqual(['nat-a']);
    expect(e.privateRouteTables.map((t) => [t.id, t.nat?.id])).toEqual([
      ['rtb-priv-a', 'nat-a'],
      ['rtb-priv-c', 'nat-a'],
    ]);
  });

  it('custom NACLs: public on the public subnets, private on the private ones, entries from the state in rule order', () => {
    const e = expectedNetwork(record(PER_AZ), state(PER_AZ));
    expect(e.nacls.map((a) => [a.key, a.acl.id, a.subnets.map((s) => s.id)])).toEqual([
      ['public', 'acl-pub', ['subnet-pub-a', 'subnet-pub-c']],
      ['private', 'acl-priv', ['subnet-priv-a', 'subnet-priv-c']],
    ]);
    expect(e.nacls[0]!.entries).toEqual([
      naclEntry(100, false, 'allow', 'tcp', 80, 80, ANY),
      naclEntry(110, false, 'allow', 'tcp', 443, 443, ANY),
      naclEntry(120, false, 'allow', 'tcp', 1024, 65535, ANY),
      naclEntry(100, true, 'allow', '-1', undefined, undefined, ANY),
    ]);
  });

  it('default NACL mode: every subnet on the VPC default NACL, which allows everything', () => {
    const e = expectedNetwork(record(ENDPOINTS), state(ENDPOINTS));
    expect(e.nacls).toHaveLength(1);
    expect(e.nacls[0]).toMatchObject({ key: 'default', acl: { id: 'acl-default' } });
    expect(e.nacls[0]!.subnets).toHaveLength(4);
    expect(e.nacls[0]!.entries).toEqual([{ ruleNumber: 100, egress: false, action: 'allow', protocol: 'all', cidr: ANY }, { ruleNumber: 100, egress: true, action: 'allow', protocol: 'all', cidr: ANY }]);
  });

  it('no NAT: no NAT Gateway and no default route; endpoints as planned, interface ones behind the endpoints SG', () => {
    const e = expectedNetwork(record(ENDPOINTS), state(ENDPOINTS));
    expect(e.nats).toEqual([]);
    expect(e.privateRouteTables.map((t) => t.nat)).toEqual([undefined, undefined]);
    expect(e.securityGroups.find((g) => g.key === 'endpoints')).toMatchObject({ id: 'sg-vpce', ingress: [tcp(443, 'sg-ecs')], egress: [] });
    expect(e.endpoints.map((x) => [x.service, x.id, x.serviceName, x.type, x.routeTables.map((r) => r.id), x.subnets.map((s) => s.id), x.securityGroups.map((g) => g.id)])).toEqual([
      ['s3', 'vpce-s3', 'com.amazonaws.ap-northeast-1.s3', 'Gateway', ['rtb-priv-a', 'rtb-priv-c'], [], []],
      ['ecr.api', 'vpce-ecr-api', 'com.amazonaws.ap-northeast-1.ecr.api', 'Interface', [], ['subnet-priv-a', 'subnet-priv-c'], ['sg-vpce']],
      ['ecr.dkr', 'vpce-ecr-dkr', 'com.amazonaws.ap-northeast-1.ecr.dkr', 'Interface', [], ['subnet-priv-a', 'subnet-priv-c'], ['sg-vpce']],
      ['logs', 'vpce-logs', 'com.amazonaws.ap-northeast-1.logs', 'Interface', [], ['subnet-priv-a', 'subnet-priv-c'], ['sg-vpce']],
    ]);
  });

  it('derives from what was asked, not from the state: a NAT the stack forgot is still expected, without an id', () => {
    const resources = state(PER_AZ).filter((r) => r.address !== 'aws_nat_gateway.main_c' && r.address !== 'aws_security_group.alb');
    const e = expectedNetwork(record(PER_AZ), resources);
    expect(e.nats[1]).toMatchObject({ address: 'aws_nat_gateway.main_c', name: 'shop-dev-nat-c' });
    expect(e.nats[1]!.id).toBeUndefined();
    expect(e.privateRouteTables[1]!.nat).toEqual({ address: 'aws_nat_gateway.main_c', name: 'shop-dev-nat-c' });
    // A group missing from the state: its address stands in for its id, and nothing says what its egress is.
    expect(e.securityGroups.find((g) => g.key === 'ecs')!.ingress[0]).toEqual(tcp(80, 'aws_security_group.alb'));
    expect(e.securityGroups.find((g) => g.key === 'alb')!.egress).toBeUndefined();
  });

  it('an empty state: the VPC has no id', () => {
    expect(expectedNetwork(record(PER_AZ), []).vpc.id).toBeUndefined();
  });
});

describe('stateResources', () => {
  it('lists managed resources of the root and child modules, without data sources', () => {
    const [vpc, data] = [state(PER_AZ)[0]!, state(PER_AZ).find((r) => r.mode === 'data')!];
    const child = { address: 'module.x.aws_subnet.y', mode: 'managed', type: 'aws_subnet', name: 'y', values: { id: 'subnet-x' } };
    const doc = { format_version: '1.0', values: { root_module: { resources: [vpc, data], child_modules: [{ resources: [child] }] } } };
    expect(stateResources(doc)).toEqual([vpc, child]);
    expect(stateResources({ format_version: '1.0' })).toEqual([]);
  });
});

describe('expectedNetwork of a network attached to an existing VPC', () => {
  const plan = attachedPlan({ nat: 'single', nacl: 'custom', needs: 'ecr-pull' });
  const e = expectedNetwork({ config: plan.config, nat: plan.nat, existing: plan.existing }, []);

  it("names part 1 by the VPC's own ids, from the record", () => {
    expect([e.vpc.id, e.vpc.name, e.vpc.cidr, e.internetGateway.id, e.attached]).toEqual(['vpc-0a1b2c3d4e5f60718', 'app-vpc', '10.0.0.0/16', 'igw-1', true]);
    expect(e.subnets.map((s) => [s.id, s.name, s.tier, s.az])).toEqual([
      ['subnet-pa', 'app-public-1a', 'public', 'ap-northeast-1a'],
      ['subnet-qa', 'app-private-1a', 'private', 'ap-northeast-1a'],
      ['subnet-pc', 'app-public-1c', 'public', 'ap-northeast-1c'],
      ['subnet-qc', 'app-private-1c', 'private', 'ap-northeast-1c'],
    ]);
    expect(e.publicRouteTables.map((t) => [t.id, t.subnets.map((s) => s.id)])).toEqual([['rtb-pub', ['subnet-pa', 'subnet-pc']]]);
    expect(e.privateRouteTables.map((t) => [t.id, t.subnet.id, t.nat?.address])).toEqual([
      ['rtb-qa', 'subnet-qa', 'aws_nat_gateway.main_a'],
      ['rtb-qc', 'subnet-qc', 'aws_nat_gateway.main_a'],
    ]);
    expect(e.endpoints.map((x) => [x.service, x.routeTables.map((r) => r.id)])).toEqual([['s3', ['rtb-qa', 'rtb-qc']]]);
  });

  it("leaves the VPC's default security group and DNS settings alone unless asked", () => {
    expect([e.defaultSg, e.dnsRequired]).toEqual([undefined, false]);
    const locked = attachedPlan({ nat: 'none', needs: 'ecr-pull,logs', lockDefaultSg: true });
    const l = expectedNetwork({ config: locked.config, nat: locked.nat, existing: locked.existing }, []);
    expect([l.defaultSg?.address, l.dnsRequired]).toEqual(['aws_default_security_group.default', true]);
  });
});
