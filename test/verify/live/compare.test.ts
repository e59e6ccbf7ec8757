import { describe, expect, it } from 'vitest';
import type { StateResource } from '../../../src/terraform/runner.js';
import { compareLive } from '../../../src/verify/live/compare.js';
import { expectedNetwork } from '../../../src/verify/live/expected.js';
import { naclEntry, sgRule, type LiveNetwork } from '../../../src/verify/live/checklist.js';
import { ENDPOINTS, live, PER_AZ, record, SINGLE, state, type Asked } from './fixtures.js';

const ANY = '0.0.0.0/0';

function run(asked: Asked, change?: (l: LiveNetwork) => void, changeState?: (s: StateResource[]) => StateResource[], askedNow: Asked = asked) {
  const snapshot = live(asked);
  change?.(snapshot);
  const resources = changeState ? changeState(state(asked)) : state(asked);
  return compareLive(expectedNetwork(record(askedNow), resources), snapshot);
}

const sg = (l: LiveNetwork, id: string) => l.securityGroups.find((g) => g.id === id)!;
const table = (l: LiveNetwork, id: string) => l.routeTables.find((t) => t.id === id)!;
const acl = (l: LiveNetwork, id: string) => l.networkAcls.find((a) => a.id === id)!;
const nat = (l: LiveNetwork, id: string) => l.natGateways.find((n) => n.id === id)!;
const withoutDefaultRoute = (l: LiveNetwork, id: string) => {
  table(l, id).routes = table(l, id).routes.filter((r) => r.destination !== ANY);
};

describe('compareLive on a healthy network', () => {
  it('per-az with custom NACLs and the S3 endpoint: every item of the checklist passes', () => {
    const checks = run(PER_AZ);
    expect(checks.map((c) => c.id)).toEqual([
      'live.vpc',
      'live.vpc.dns',
      'live.subnets',
      'live.sg.alb.ingress',
      'live.sg.alb.egress',
      'live.sg.ecs.ingress',
      'live.sg.ecs.egress',
      'live.sg.rds.ingress',
      'live.sg.rds.egress',
      'live.sg.default.locked',
      'live.nat.count',
      'live.nat.a',
      'live.nat.c',
      'live.route.public',
      'live.route.private-a',
      'live.route.private-c',
      'live.nacl.public.associations',
      'live.nacl.public.rules',
      'live.nacl.private.associations',
      'live.nacl.private.rules',
      'live.endpoint.s3',
      'live.endpoint.extra',
    ]);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    const detail = (id: string) => checks.find((c) => c.id === id)!.detail;
    expect(detail('live.sg.ecs.ingress')).toBe('sg-ecs (shop-dev-ecs-sg): tcp 80 from sg-alb (shop-dev-alb-sg), tcp 3000 from sg-alb (shop-dev-alb-sg)');
    expect(detail('live.nat.a')).toBe('nat-a (shop-dev-nat-a): available in subnet-pub-a (shop-dev-public-subnet-a), Elastic IP 203.0.113.1 (eipalloc-a)');
    expect(detail('live.route.private-c')).toBe('rtb-priv-c (shop-dev-private-rt-c) of subnet-priv-c (shop-dev-private-subnet-c): 0.0.0.0/0 → nat-c (shop-dev-nat-c)');
    expect(detail('live.nat.count')).toBe('nat-a (shop-dev-nat-a) available, nat-c (shop-dev-nat-c) available');
  });

  it('no NAT, endpoints, default NACL: no NAT, no default route, every endpoint in place', () => {
    const checks = run(ENDPOINTS);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'live.sg.endpoints.ingress',
        'live.sg.endpoints.egress',
        'live.nacl.default.associations',
        'live.nacl.default.rules',
        'live.endpoint.s3',
        'live.endpoint.ecr.api',
        'live.endpoint.ecr.dkr',
        'live.endpoint.logs',
      ]),
    );
    expect(checks.map((c) => c.id)).not.toContain('live.nat.a');
    expect(checks.find((c) => c.id === 'live.nat.count')).toMatchObject({ title: 'No NAT Gateway (NAT mode none)', detail: 'no NAT Gateway in the VPC, as asked' });
    expect(checks.find((c) => c.id === 'live.route.private-a')!.detail).toMatch(/: no default route$/);
  });

  it('single: both private tables pass with the one NAT', () => {
    const checks = run(SINGLE);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(checks.find((c) => c.id === 'live.route.private-c')!.detail).toMatch(/0\.0\.0\.0\/0 → nat-a \(shop-dev-nat-a\)$/);
  });
});

interface DriftCase {
  name: string;
  asked: Asked;
  change?: (l: LiveNetwork) => void;
  changeState?: (s: StateResource[]) => StateResource[];
  /** What is asked now, when it differs from what was applied. */
  askedNow?: Asked;
  /** The checks that must fail, with their exact detail (or a pattern); every other check passes. */
  fails: Record<string, string | RegExp>;
}

const DRIFT: DriftCase[] = [
  {
    name: 'an inbound SG rule someone added by hand',
    asked: PER_AZ,
    change: (l) => sg(l, 'sg-rds').ingress.push(sgRule('tcp', 22, 22, ANY)),
    fails: { 'live.sg.rds.ingress': 'sg-rds (shop-dev-rds-sg) has an inbound rule nobody asked for: tcp 22 from 0.0.0.0/0' },
  },
  {
    name: 'a NAT route someone removed',
    asked: PER_AZ,
    change: (l) => withoutDefaultRoute(l, 'rtb-priv-a'),
    fails: { 'live.route.private-a': 'rtb-priv-a (shop-dev-private-rt-a) has no route 0.0.0.0/0; expected → nat-a (shop-dev-nat-a)' },
  },
  {
    name: 'a private table routed through the NAT of another AZ',
    asked: PER_AZ,
    change: (l) => {
      table(l, 'rtb-priv-a').routes.find((r) => r.destination === ANY)!.target = 'nat-c';
    },
    fails: { 'live.route.private-a': 'rtb-priv-a (shop-dev-private-rt-a) routes 0.0.0.0/0 → nat-c (shop-dev-nat-c); expected → nat-a (shop-dev-nat-a)' },
  },
  {
    name: 'a NAT route left as a blackhole',
    asked: SINGLE,
    change: (l) => {
      table(l, 'rtb-priv-c').routes.find((r) => r.destination === ANY)!.state = 'blackhole';
    },
    fails: { 'live.route.private-c': /rtb-priv-c \(shop-dev-private-rt-c\) routes 0\.0\.0\.0\/0 → nat-a \(shop-dev-nat-a\), but the route is a blackhole/ },
  },
  {
    name: 'a private subnet moved to the public route table',
    asked: PER_AZ,
    change: (l) => {
      table(l, 'rtb-priv-c').subnetIds = [];
      table(l, 'rtb-pub').subnetIds.push('subnet-priv-c');
    },
    fails: { 'live.route.private-c': 'subnet-priv-c (shop-dev-private-subnet-c) is not associated with rtb-priv-c (shop-dev-private-rt-c); it uses rtb-pub (shop-dev-public-rt)' },
  },
  {
    name: 'an internet route added to a private table of a network without NAT',
    asked: ENDPOINTS,
    change: (l) => table(l, 'rtb-priv-a').routes.push({ destination: ANY, target: 'igw-1', state: 'active' }),
    fails: { 'live.route.private-a': 'rtb-priv-a (shop-dev-private-rt-a) routes 0.0.0.0/0 → igw-1 (shop-dev-igw); expected no default route (NAT mode none)' },
  },
  {
    name: 'the public route to the internet gateway removed',
    asked: SINGLE,
    change: (l) => withoutDefaultRoute(l, 'rtb-pub'),
    fails: { 'live.route.public': 'rtb-pub (shop-dev-public-rt) has no route 0.0.0.0/0; expected → igw-1 (shop-dev-igw)' },
  },
  {
    name: 'the app-port rule revoked from the ECS SG',
    asked: PER_AZ,
    change: (l) => {
      sg(l, 'sg-ecs').ingress = sg(l, 'sg-ecs').ingress.filter((r) => r.fromPort !== 3000);
    },
    fails: { 'live.sg.ecs.ingress': 'sg-ecs (shop-dev-ecs-sg) lacks the inbound rule tcp 3000 from sg-alb (shop-dev-alb-sg)' },
  },
  {
    name: 'a source widened: RDS open to the VPC instead of the ECS SG',
    asked: PER_AZ,
    change: (l) => {
      sg(l, 'sg-rds').ingress = [sgRule('tcp', 5432, 5432, '10.0.0.0/16')];
    },
    fails: {
      'live.sg.rds.ingress':
        'sg-rds (shop-dev-rds-sg) lacks the inbound rule tcp 5432 from sg-ecs (shop-dev-ecs-sg); sg-rds (shop-dev-rds-sg) has an inbound rule nobody asked for: tcp 5432 from 10.0.0.0/16',
    },
  },
  {
    name: 'a different app port asked for than the one applied',
    asked: PER_AZ,
    askedNow: { ...PER_AZ, appPort: 8080 },
    fails: { 'live.sg.ecs.ingress': /lacks the inbound rule tcp 8080 from sg-alb .*nobody asked for: tcp 3000 from sg-alb/ },
  },
  {
    name: 'an outbound rule removed by hand',
    asked: PER_AZ,
    change: (l) => {
      sg(l, 'sg-alb').egress = [];
    },
    fails: { 'live.sg.alb.egress': 'sg-alb (shop-dev-alb-sg) lacks the outbound rule all traffic to 0.0.0.0/0' },
  },
  {
    name: "the default SG's rules back (AWS creates it with self-ingress and all egress)",
    asked: PER_AZ,
    change: (l) => {
      Object.assign(sg(l, 'sg-default'), { ingress: [sgRule('-1', undefined, undefined, 'sg-default')], egress: [sgRule('-1', undefined, undefined, ANY)] });
    },
    fails: {
      'live.sg.default.locked': 'sg-default (shop-dev-default-sg) must have no rules, but has: inbound all traffic from sg-default (shop-dev-default-sg), outbound all traffic to 0.0.0.0/0',
    },
  },
  {
    name: 'a NAT Gateway deleted (the reader leaves deleted ones out)',
    asked: PER_AZ,
    change: (l) => {
      l.natGateways = l.natGateways.filter((n) => n.id !== 'nat-c');
      table(l, 'rtb-priv-c').routes.find((r) => r.destination === ANY)!.state = 'blackhole';
    },
    fails: {
      'live.nat.count': 'expected 2 NAT Gateways (per-az), found 1: nat-a (shop-dev-nat-a) available',
      'live.nat.c': 'nat-c (shop-dev-nat-c) was not found in the VPC (deleted ones do not count)',
      'live.route.private-c': 'rtb-priv-c (shop-dev-private-rt-c) routes 0.0.0.0/0 → nat-c (shop-dev-nat-c), but the route is a blackhole (its target is gone)',
    },
  },
  {
    name: 'a NAT Gateway still pending',
    asked: PER_AZ,
    change: (l) => {
      nat(l, 'nat-a').state = 'pending';
    },
    fails: { 'live.nat.a': 'nat-a (shop-dev-nat-a) is pending; expected available' },
  },
  {
    name: 'a NAT Gateway in the wrong subnet, with another EIP',
    asked: PER_AZ,
    change: (l) => {
      Object.assign(nat(l, 'nat-c'), { subnetId: 'subnet-priv-c', allocationIds: ['eipalloc-x'] });
      l.addresses.push({ allocationId: 'eipalloc-x', publicIp: '198.51.100.9' });
    },
    fails: {
      'live.nat.c':
        'nat-c (shop-dev-nat-c) is in subnet-priv-c (shop-dev-private-subnet-c); expected subnet-pub-c (shop-dev-public-subnet-c); nat-c (shop-dev-nat-c) has Elastic IP eipalloc-x; expected eipalloc-c (shop-dev-nat-eip-c)',
    },
  },
  {
    name: 'a NAT Gateway without an Elastic IP',
    asked: SINGLE,
    change: (l) => {
      nat(l, 'nat-a').allocationIds = [];
    },
    fails: { 'live.nat.a': 'nat-a (shop-dev-nat-a) has no Elastic IP; expected eipalloc-a (shop-dev-nat-eip-a)' },
  },
  {
    name: 'a NAT Gateway created by hand',
    asked: SINGLE,
    change: (l) => l.natGateways.push({ id: 'nat-x', state: 'available', subnetId: 'subnet-pub-c', allocationIds: [] }),
    fails: { 'live.nat.count': 'expected 1 NAT Gateway (single), found 2: nat-a (shop-dev-nat-a) available, nat-x available' },
  },
  {
    name: 'a private subnet back on the default NACL',
    asked: PER_AZ,
    change: (l) => {
      acl(l, 'acl-priv').subnetIds = ['subnet-priv-c'];
      acl(l, 'acl-default').subnetIds = ['subnet-priv-a'];
    },
    fails: {
      'live.nacl.private.associations': 'subnet-priv-a (shop-dev-private-subnet-a) is associated with acl-default (default NACL); expected acl-priv (shop-dev-private-nacl)',
    },
  },
  {
    name: 'a NACL entry added by hand, and one removed',
    asked: PER_AZ,
    change: (l) => {
      const a = acl(l, 'acl-pub');
      a.entries = [...a.entries.filter((e) => e.ruleNumber !== 110), naclEntry(90, false, 'deny', '6', 22, 22, ANY)];
    },
    fails: {
      'live.nacl.public.rules':
        'acl-pub (shop-dev-public-nacl) lacks the inbound entry #110 allow tcp 443 from 0.0.0.0/0; acl-pub (shop-dev-public-nacl) has an inbound entry nobody asked for: #90 deny tcp 22 from 0.0.0.0/0',
    },
  },
  {
    name: 'a deny entry added to the default NACL',
    asked: SINGLE,
    change: (l) => acl(l, 'acl-default').entries.push(naclEntry(50, false, 'deny', '-1', undefined, undefined, ANY)),
    fails: { 'live.nacl.default.rules': 'acl-default (default NACL) has an inbound entry nobody asked for: #50 deny all traffic from 0.0.0.0/0' },
  },
  {
    name: 'DNS hostnames switched off',
    asked: SINGLE,
    change: (l) => {
      l.vpc!.dnsHostnames = false;
    },
    fails: { 'live.vpc.dns': 'vpc-1 (shop-dev-vpc) has DNS hostnames off; expected on' },
  },
  {
    name: 'an interface endpoint deleted, another created by hand, one without private DNS',
    asked: ENDPOINTS,
    change: (l) => {
      l.endpoints = l.endpoints.filter((x) => x.id !== 'vpce-logs');
      l.endpoints.find((x) => x.id === 'vpce-ecr-dkr')!.privateDns = false;
      l.endpoints.push({ id: 'vpce-sqs', serviceName: 'com.amazonaws.ap-northeast-1.sqs', type: 'Interface', state: 'available', subnetIds: [], routeTableIds: [], securityGroupIds: [] });
    },
    fails: {
      'live.endpoint.logs': 'vpce-logs (shop-dev-logs-endpoint) was not found in the VPC (com.amazonaws.ap-northeast-1.logs)',
      'live.endpoint.ecr.dkr': /vpce-ecr-dkr \(shop-dev-ecr-dkr-endpoint\) has private DNS off; expected on/,
      'live.endpoint.extra': 'vpce-sqs (com.amazonaws.ap-northeast-1.sqs, Interface) is in the VPC, but nobody asked for it',
    },
  },
  {
    name: 'the S3 gateway endpoint taken off a route table',
    asked: ENDPOINTS,
    change: (l) => {
      l.endpoints.find((x) => x.id === 'vpce-s3')!.routeTableIds = ['rtb-priv-a', 'rtb-pub'];
    },
    fails: {
      'live.endpoint.s3':
        'vpce-s3 (shop-dev-s3-endpoint) lacks route table rtb-priv-c (shop-dev-private-rt-c); vpce-s3 (shop-dev-s3-endpoint) has route table rtb-pub (shop-dev-public-rt) nobody asked for',
    },
  },
  {
    name: 'a stack that forgot the second NAT of per-az (not in the state, not in AWS)',
    asked: PER_AZ,
    change: (l) => {
      l.natGateways = l.natGateways.filter((n) => n.id !== 'nat-c');
      withoutDefaultRoute(l, 'rtb-priv-c');
    },
    changeState: (s) => s.filter((r) => !['aws_nat_gateway.main_c', 'aws_eip.nat_c'].includes(r.address)),
    fails: {
      'live.nat.count': 'expected 2 NAT Gateways (per-az), found 1: nat-a (shop-dev-nat-a) available',
      'live.nat.c': 'shop-dev-nat-c (aws_nat_gateway.main_c is not in the terraform state) was not found in the VPC (deleted ones do not count)',
      'live.route.private-c': 'rtb-priv-c (shop-dev-private-rt-c) has no route 0.0.0.0/0; expected → shop-dev-nat-c (aws_nat_gateway.main_c is not in the terraform state)',
    },
  },
];

describe('compareLive reports each difference, naming the resource', () => {
  it.each(DRIFT)('$name', ({ asked, change, changeState, askedNow, fails }) => {
    const checks = run(asked, change, changeState, askedNow);
    const failed = checks.filter((c) => c.status !== 'pass');
    for (const [id, detail] of Object.entries(fails)) {
      const c = checks.find((x) => x.id === id);
      expect(c, id).toMatchObject({ status: 'fail' });
      if (typeof detail === 'string') expect(c!.detail).toBe(detail);
      else expect(c!.detail).toMatch(detail);
    }
    expect(failed.map((c) => c.id).filter((id) => !(id in fails))).toEqual([]);
  });
});

describe('compareLive without a VPC', () => {
  it('the VPC is gone: live.vpc fails, every other check is skipped', () => {
    const checks = run(PER_AZ, (l) => {
      Object.assign(l, { vpc: undefined, subnets: [], securityGroups: [], natGateways: [], routeTables: [], networkAcls: [], endpoints: [] });
    });
    expect(checks[0]).toMatchObject({ id: 'live.vpc', status: 'fail', detail: 'vpc-1 (shop-dev-vpc) was not found in ap-northeast-1' });
    expect(checks.slice(1).every((c) => c.status === 'skip' && c.detail === 'not checked: vpc-1 (shop-dev-vpc) was not found in ap-northeast-1')).toBe(true);
  });

  it('nothing applied: says so', () => {
    const checks = run(PER_AZ, (l) => Object.assign(l, { vpc: undefined }), () => []);
    expect(checks[0]).toMatchObject({ status: 'fail', detail: 'aws_vpc.main is not in the terraform state of this workdir: nothing has been applied' });
  });
});
