/**
 * Attaching to an existing VPC, decided on its network model: which subnets are public and why,
 * which are chosen per AZ, and each refusal with the resource it names and the way out. The VPC
 * is given as the SDK records Describe* return (a part 1 of two AZs, as the tutorial's readers
 * have it), changed per case.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/core/config.js';
import type { ExistingVpc } from '../../src/core/existing-vpc.js';
import { planNat } from '../../src/core/nat-plan.js';
import { networkNames } from '../../src/core/names.js';
import { adoptions, attachConflicts, chooseSubnets, classedSubnets, placeTiers, routeStateId, type AttachRequest } from '../../src/network/attach.js';
import { readAwsNetwork, withoutNetwork, type AwsSnapshot } from '../../src/network/from-aws.js';
import { local, name, ours, part1 } from '../helpers/existing-vpc.js';

const REQUEST: AttachRequest = { region: 'ap-northeast-1', customNacl: false };
const model = (change: (s: AwsSnapshot) => void = () => {}) => {
  const s = part1();
  change(s);
  return readAwsNetwork(withoutNetwork(s, { project: 'shop', env: 'dev' }));
};
const chosen = (change?: (s: AwsSnapshot) => void, request: Partial<AttachRequest> = {}): ExistingVpc => {
  const r = chooseSubnets(model(change), { ...REQUEST, ...request });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.option}: ${p.message}`).join('\n'));
  return r.existing;
};
const refused = (change?: (s: AwsSnapshot) => void, request: Partial<AttachRequest> = {}) => {
  const r = chooseSubnets(model(change), { ...REQUEST, ...request });
  return r.ok ? [] : r.problems;
};
const subnet = (s: AwsSnapshot, id: string) => s.subnets.find((x) => x.SubnetId === id)!;
const table = (s: AwsSnapshot, id: string) => s.routeTables.find((x) => x.RouteTableId === id)!;

describe('the subnets of an existing VPC', () => {
  it('are classed by their route tables, each with the route that decided it', () => {
    const e = chosen();
    expect(e.subnets.map((s) => [s.id, s.az, s.class, s.routeTable, s.why])).toEqual([
      ['subnet-pa', 'ap-northeast-1a', 'public', 'rtb-pub', 'rtb-pub (app-public-rt) sends 0.0.0.0/0 to the internet gateway igw-1'],
      ['subnet-qa', 'ap-northeast-1a', 'private', 'rtb-qa', 'rtb-qa (app-private-rt-1a) has no 0.0.0.0/0 route'],
      ['subnet-pc', 'ap-northeast-1c', 'public', 'rtb-pub', 'rtb-pub (app-public-rt) sends 0.0.0.0/0 to the internet gateway igw-1'],
      ['subnet-qc', 'ap-northeast-1c', 'private', 'rtb-qc', 'rtb-qc (app-private-rt-1c) has no 0.0.0.0/0 route'],
    ]);
    expect(e.zones).toEqual([
      { az: 'ap-northeast-1a', public: 'subnet-pa', private: 'subnet-qa' },
      { az: 'ap-northeast-1c', public: 'subnet-pc', private: 'subnet-qc' },
    ]);
    expect([e.id, e.cidr, e.internetGateway, e.defaultSecurityGroup, e.defaultNacl, e.mainRouteTable]).toEqual(['vpc-0a1b2c3d4e5f60718', '10.0.0.0/16', 'igw-1', 'sg-default', 'acl-default', 'rtb-main']);
  });

  const CLASSES: { name: string; change: (s: AwsSnapshot) => void; id: string; class: 'public' | 'private'; why: string }[] = [
    {
      name: 'a subnet without an association of its own uses the main table',
      change: (s) => {
        table(s, 'rtb-qa').Associations = [];
      },
      id: 'subnet-qa',
      class: 'private',
      why: "rtb-main (the VPC's main route table) has no 0.0.0.0/0 route",
    },
    {
      name: 'a default route to a NAT Gateway is not a way in',
      change: (s) => {
        table(s, 'rtb-qa').Routes!.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-9', State: 'active' });
      },
      id: 'subnet-qa',
      class: 'private',
      why: 'rtb-qa (app-private-rt-1a) sends 0.0.0.0/0 to nat-9, not to an internet gateway',
    },
    {
      name: 'a blackhole route to a deleted gateway carries nothing',
      change: (s) => {
        table(s, 'rtb-pub').Routes![1]!.State = 'blackhole';
      },
      id: 'subnet-pa',
      class: 'private',
      why: 'rtb-pub (app-public-rt) has no 0.0.0.0/0 route',
    },
  ];
  for (const c of CLASSES) {
    it(c.name, () => {
      const found = classedSubnets(model(c.change)).find((s) => s.id === c.id);
      expect([found?.class, found?.why]).toEqual([c.class, c.why]);
    });
  }

  it('several of a class in an AZ: the options choose, and must agree with the route tables', () => {
    const extra = (s: AwsSnapshot) => {
      s.subnets.push({ SubnetId: 'subnet-qa2', CidrBlock: '10.0.21.0/24', AvailabilityZone: 'ap-northeast-1a', Tags: name('batch-1a') });
    };
    expect(refused(extra).map((p) => [p.option, p.message])).toEqual([
      [
        '--private-subnets',
        'ap-northeast-1a has 2 private subnets: subnet-qa (app-private-1a, 10.0.11.0/24), subnet-qa2 (batch-1a, 10.0.21.0/24); choose one per AZ with --private-subnets (e.g. --private-subnets subnet-qa)',
      ],
    ]);
    expect(chosen(extra, { privateSubnets: ['subnet-qa2'] }).zones[0]).toEqual({ az: 'ap-northeast-1a', public: 'subnet-pa', private: 'subnet-qa2' });
  });
});

describe('what the attach refuses before anything is written, naming the resource and the way out', () => {
  const CASES: { name: string; change?: (s: AwsSnapshot) => void; request?: Partial<AttachRequest>; problems: [string, RegExp][] }[] = [
    { name: 'a public subnet given as private', request: { privateSubnets: ['subnet-pa'] }, problems: [['--private-subnets', /^subnet-pa \(app-public-1a, 10\.0\.1\.0\/24\) is public: rtb-pub \(app-public-rt\) sends 0\.0\.0\.0\/0 to the internet gateway igw-1/]] },
    { name: 'a private subnet given as public', request: { publicSubnets: ['subnet-qa'] }, problems: [['--public-subnets', /^subnet-qa .* is private: .*; a public subnet needs a route table that sends 0\.0\.0\.0\/0 to an internet gateway/]] },
    { name: 'a subnet of another VPC', request: { publicSubnets: ['subnet-0000000000000000f'] }, problems: [['--public-subnets', /^subnet-0000000000000000f is not a subnet of vpc-0a1b2c3d4e5f60718 \(app-vpc\) in ap-northeast-1 \(its subnets: subnet-pa, subnet-qa, subnet-pc, subnet-qc\)/]] },
    {
      name: 'two subnets of one AZ in one list',
      change: (s) => {
        s.subnets.push({ SubnetId: 'subnet-pa2', CidrBlock: '10.0.3.0/24', AvailabilityZone: 'ap-northeast-1a' });
        table(s, 'rtb-pub').Associations!.push({ SubnetId: 'subnet-pa2' });
      },
      request: { publicSubnets: ['subnet-pa', 'subnet-pa2'] }, problems: [['--public-subnets', /^subnet-pa and subnet-pa2 are both in ap-northeast-1a: give one public subnet per AZ/]] },
    { name: 'an AZ without a private subnet', request: { azs: ['ap-northeast-1a', 'ap-northeast-1d'] }, problems: [['--azs', /^ap-northeast-1d has no public subnet/], ['--azs', /^ap-northeast-1d has no private subnet in vpc-0a1b2c3d4e5f60718 \(app-vpc\): each AZ of the app needs a public and a private subnet\. Leave that AZ out of --azs/]] },
    {
      name: 'an AZ with a public subnet only, found (not asked)',
      change: (s) => {
        s.subnets.push({ SubnetId: 'subnet-pd', CidrBlock: '10.0.4.0/24', AvailabilityZone: 'ap-northeast-1d' });
        table(s, 'rtb-pub').Associations!.push({ SubnetId: 'subnet-pd' });
      },
      problems: [['--vpc-id', /^ap-northeast-1d has no private subnet in vpc-0a1b2c3d4e5f60718 \(app-vpc\) \(only subnet-pd \(10\.0\.4\.0\/24\): rtb-pub .*\): each AZ of the app needs a public and a private subnet\. Give the AZs to use with --azs/]],
    },
    {
      name: 'no internet gateway at all',
      change: (s) => {
        s.internetGateways = [];
        table(s, 'rtb-pub').Routes = [local];
      },
      problems: [['--vpc-id', /^vpc-0a1b2c3d4e5f60718 \(app-vpc\) has no internet gateway attached, so none of its subnets is public: the load balancer needs public subnets/]],
    },
    { name: 'one AZ only', request: { azs: ['ap-northeast-1a'] }, problems: [['--azs', /^vpc-0a1b2c3d4e5f60718 \(app-vpc\) has subnets in only ap-northeast-1a: an ALB and an RDS subnet group need a public and a private subnet in at least two AZs/]] },
    { name: 'another CIDR given', request: { vpcCidr: '10.9.0.0/16' }, problems: [['--vpc-cidr', /^vpc-0a1b2c3d4e5f60718 \(app-vpc\) has the CIDR 10\.0\.0\.0\/16, not 10\.9\.0\.0\/16: with --vpc-id the CIDR is the VPC's/]] },
    {
      name: "custom NACLs and a subnet in a secondary CIDR, which their rules for 'the VPC' leave out",
      change: (s) => {
        s.vpc.CidrBlockAssociationSet = [{ CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }, { CidrBlock: '100.64.0.0/16', CidrBlockState: { State: 'associated' } }];
        subnet(s, 'subnet-qc').CidrBlock = '100.64.1.0/24';
      },
      request: { customNacl: true },
      problems: [['--nacl', /^subnet-qc \(app-private-1c, 100\.64\.1\.0\/24\) lies outside the VPC's primary CIDR 10\.0\.0\.0\/16, which the custom NACLs' rules use for "the VPC"/]],
    },
  ];
  for (const c of CASES) {
    it(c.name, () => {
      const problems = refused(c.change, c.request);
      expect(problems.map((p) => p.option)).toEqual(c.problems.map(([option]) => option));
      problems.forEach((p, i) => expect(p.message).toMatch(c.problems[i]![1]));
    });
  }
});

describe('what the attach refuses once the NAT plan is known', () => {
  const config = (answers: Record<string, unknown>) => resolveConfig({ project: 'shop', env: 'dev', azs: 'a,c', needs: 'ecr-pull', ...answers });
  const conflicts = (change: ((s: AwsSnapshot) => void) | undefined, answers: Record<string, unknown>, lockDefaultSg = false) => {
    const m = model(change);
    const existing = chosen(change);
    return attachConflicts(m, existing, { nat: planNat(config(answers)), lockDefaultSg, region: 'ap-northeast-1' });
  };

  it('a clean part 1 takes any NAT mode', () => {
    for (const nat of ['none', 'single', 'per-az']) expect(conflicts(undefined, { nat }).problems).toEqual([]);
  });

  it('a private route table already sending 0.0.0.0/0 elsewhere: named with its target and the delete-route command', () => {
    const { problems } = conflicts((s) => void table(s, 'rtb-qc').Routes!.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-theirs', State: 'active' }), { nat: 'single' });
    expect(problems.map((p) => p.option)).toEqual(['--vpc-id']);
    expect(problems[0]!.message).toBe(
      'rtb-qc (app-private-rt-1c), the route table of the private subnets of ap-northeast-1c, already sends 0.0.0.0/0 to nat-theirs, which net-wizard did not make and will not take over: its NAT route would replace it. Remove that route where it is managed (aws ec2 delete-route --route-table-id rtb-qc --destination-cidr-block 0.0.0.0/0 --region ap-northeast-1), or choose other private subnets with --private-subnets',
    );
    expect(conflicts((s) => void table(s, 'rtb-qc').Routes!.push({ DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: 'tgw-1', State: 'active' }), { nat: 'none' }).problems[0]!.message).toMatch(
      /already sends 0\.0\.0\.0\/0 to tgw-1, .*: --nat none asks for no way out, but that route is one/,
    );
  });

  it('a route of this network made on an earlier attach is not in the way: it is the one to keep', () => {
    const earlier = (s: AwsSnapshot) => {
      s.natGateways.push({ NatGatewayId: 'nat-ours', SubnetId: 'subnet-pa', State: 'available', Tags: ours('shop-dev-nat-a') });
      table(s, 'rtb-qa').Routes!.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-ours', State: 'active' });
      s.securityGroups.push({ GroupId: 'sg-alb', GroupName: 'shop-dev-alb-sg', Tags: ours('shop-dev-alb-sg') });
      s.networkAcls.push({ NetworkAclId: 'acl-ours', IsDefault: false, Tags: ours('shop-dev-private-nacl'), Associations: [{ SubnetId: 'subnet-qa' }], Entries: [] });
      s.networkAcls[0]!.Associations = s.networkAcls[0]!.Associations!.filter((a) => a.SubnetId !== 'subnet-qa');
    };
    expect(conflicts(earlier, { nat: 'single' }).problems).toEqual([]);
    const m = model(earlier);
    expect([...m.natGateways.keys(), ...m.securityGroups.keys()]).toEqual(['sg-default']);
    expect(m.subnets.get('subnet-qa')!.nacl).toBe('acl-default');
  });

  it('per-AZ NAT Gateways on private subnets that share one route table: one default route per table, single offered', () => {
    const shared = (s: AwsSnapshot) => {
      table(s, 'rtb-qa').Associations = [{ SubnetId: 'subnet-qa' }, { SubnetId: 'subnet-qc' }];
      table(s, 'rtb-qc').Associations = [];
    };
    const { problems } = conflicts(shared, { nat: 'per-az' });
    expect(problems.map((p) => [p.option, p.message])).toEqual([
      ['--nat', 'the private subnets of ap-northeast-1a and ap-northeast-1c share the route table rtb-qa, which holds one default route, but per-az gives each AZ its own NAT Gateway: use --nat single, or give each private subnet a route table of its own'],
    ]);
    expect(conflicts(shared, { nat: 'single' }).problems).toEqual([]);
  });

  it('private subnets on the main route table: allowed, and said to serve every other subnet without a table', () => {
    const onMain = (s: AwsSnapshot) => {
      table(s, 'rtb-qa').Associations = [];
      table(s, 'rtb-qc').Associations = [];
    };
    const r = conflicts(onMain, { nat: 'single' });
    expect(r.problems).toEqual([]);
    expect(r.notices).toEqual([
      "rtb-main (the VPC's main route table) serves the private subnets: every other subnet of the VPC without a route table of its own uses it too, and will also go out through the NAT Gateway.",
    ]);
  });

  it('interface endpoints in a VPC with DNS hostnames off', () => {
    const { problems } = conflicts((s) => void (s.dnsHostnames = false), { nat: 'none', needs: 'ecr-pull,logs' });
    expect(problems.map((p) => p.option)).toEqual(['--needs']);
    expect(problems[0]!.message).toMatch(/^vpc-0a1b2c3d4e5f60718 has DNS hostnames off, and the interface endpoints \(.*logs.*\) need both on for their private DNS names: .*aws ec2 modify-vpc-attribute --vpc-id vpc-0a1b2c3d4e5f60718 --enable-dns-hostnames/);
  });

  it('--lock-default-sg while a network interface still uses the default group; a NAT Gateway\'s own interface does not count', () => {
    const used = (s: AwsSnapshot) => {
      s.networkInterfaces = [
        { NetworkInterfaceId: 'eni-app', SubnetId: 'subnet-qa', Description: 'legacy worker', Groups: [{ GroupId: 'sg-default' }] },
        { NetworkInterfaceId: 'eni-nat', SubnetId: 'subnet-pa', Groups: [{ GroupId: 'sg-default' }] },
      ];
      s.natGateways.push({ NatGatewayId: 'nat-gone', State: 'deleted', NatGatewayAddresses: [{ NetworkInterfaceId: 'eni-nat' }] });
    };
    const { problems } = conflicts(used, { nat: 'none' }, true);
    expect(problems.map((p) => [p.option, p.message])).toEqual([
      ['--lock-default-sg', "the VPC's default security group sg-default is still used by eni-app (legacy worker): emptying it would cut them off. Move them to groups of their own first, or leave --lock-default-sg out"],
    ]);
    expect(conflicts(used, { nat: 'none' }, false).problems).toEqual([]);
  });
});

describe('the chosen subnets in the model', () => {
  it('carry their tiers, so that the flow analysis places the ALB, tasks and database; the VPC\'s other subnets none', () => {
    const extra = (s: AwsSnapshot) => void s.subnets.push({ SubnetId: 'subnet-other', CidrBlock: '10.0.99.0/24', AvailabilityZone: 'ap-northeast-1a', Tags: name('shop-dev-public-subnet-a') });
    const m = model(extra);
    const placed = placeTiers(m, chosen(extra, { privateSubnets: ['subnet-qa', 'subnet-qc'] }));
    expect([...placed.subnets.values()].map((s) => [s.id, s.tier])).toEqual([
      ['subnet-pa', 'public'],
      ['subnet-pc', 'public'],
      ['subnet-qa', 'private'],
      ['subnet-qc', 'private'],
      ['subnet-other', undefined],
    ]);
  });
});

describe('adopting what exists under the names net-wizard gives', () => {
  const handWritten = (s: AwsSnapshot) => {
    s.securityGroups.push(
      { GroupId: 'sg-alb', GroupName: 'shop-dev-alb-sg', Description: 'Security group for Application Load Balancer', Tags: name('shop-dev-alb-sg') },
      { GroupId: 'sg-ecs', GroupName: 'shop-dev-ecs-sg', Description: 'Security group for ECS Fargate' },
      { GroupId: 'sg-rds', GroupName: 'shop-dev-rds-sg', Description: 'Security group for RDS PostgreSQL' },
      { GroupId: 'sg-other', GroupName: 'batch-sg' },
    );
    s.natGateways.push({ NatGatewayId: 'nat-a', SubnetId: 'subnet-pa', State: 'available', Tags: name('shop-dev-nat-a'), NatGatewayAddresses: [{ AllocationId: 'eipalloc-a' }] });
    table(s, 'rtb-qa').Routes!.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-a', State: 'active' });
    s.networkAcls.push({ NetworkAclId: 'acl-pub', IsDefault: false, Tags: name('shop-dev-public-nacl'), Associations: [], Entries: [] });
  };
  const adopt = (answers: Record<string, unknown>, change = handWritten) => {
    const m = model(change);
    const existing = chosen(change);
    const config = resolveConfig({ project: 'shop', env: 'dev', azs: 'a,c', needs: 'ecr-pull', ...answers });
    return adoptions(m, existing, { names: networkNames('shop', 'dev'), nat: planNat(config), customNacl: config.nacl === 'custom' });
  };

  it("the tutorial's security groups, NAT Gateway with its Elastic IP, its route and NACLs: each to its address, by the id terraform imports it by", () => {
    const { adopted, problems } = adopt({ nat: 'single', nacl: 'custom' });
    expect(problems).toEqual([]);
    expect(adopted.map((a) => [a.address, a.id, a.awsId])).toEqual([
      ['aws_security_group.alb', 'sg-alb', 'sg-alb'],
      ['aws_security_group.ecs', 'sg-ecs', 'sg-ecs'],
      ['aws_security_group.rds', 'sg-rds', 'sg-rds'],
      ['aws_nat_gateway.main_a', 'nat-a', 'nat-a'],
      ['aws_eip.nat_a', 'eipalloc-a', 'eipalloc-a'],
      // Single NAT: both private tables route to nat-a, but only 1a's table has the route yet.
      ['aws_route.private_nat_a', 'rtb-qa_0.0.0.0/0', routeStateId('rtb-qa', '0.0.0.0/0')],
      ['aws_network_acl.public', 'acl-pub', 'acl-pub'],
    ]);
    // A security group keeps its description: AWS cannot change it without replacing the group.
    expect(adopted[0]!.description).toBe('Security group for Application Load Balancer');
  });

  it('only what the plan makes: no NAT Gateway to adopt with --nat none (its route is then in the way), no NACL with --nacl default', () => {
    const { adopted } = adopt({ nat: 'none' });
    expect(adopted.map((a) => a.address)).toEqual(['aws_security_group.alb', 'aws_security_group.ecs', 'aws_security_group.rds']);
    const m = model(handWritten);
    const existing = chosen(handWritten);
    const { problems } = attachConflicts(m, { ...existing, adopted }, { nat: planNat(resolveConfig({ project: 'shop', azs: 'a,c', nat: 'none' })), lockDefaultSg: false, region: 'ap-northeast-1' });
    expect(problems[0]!.message).toMatch(/^rtb-qa \(app-private-rt-1a\), .* already sends 0\.0\.0\.0\/0 to nat-a \(shop-dev-nat-a\), which net-wizard did not make/);
  });

  it('an adopted route is not in the way of the attach', () => {
    const m = model(handWritten);
    const existing = chosen(handWritten);
    const nat = planNat(resolveConfig({ project: 'shop', azs: 'a,c', nat: 'single' }));
    const { adopted } = adoptions(m, existing, { names: networkNames('shop', 'dev'), nat, customNacl: false });
    expect(attachConflicts(m, { ...existing, adopted }, { nat, lockDefaultSg: false, region: 'ap-northeast-1' }).problems).toEqual([]);
  });

  it("a NAT Gateway under net-wizard's name in another subnet than the one chosen: refused, it could only be replaced", () => {
    const elsewhere = (s: AwsSnapshot) => {
      handWritten(s);
      s.subnets.push({ SubnetId: 'subnet-pa2', CidrBlock: '10.0.3.0/24', AvailabilityZone: 'ap-northeast-1a' });
      table(s, 'rtb-pub').Associations!.push({ SubnetId: 'subnet-pa2' });
      s.natGateways[0]!.SubnetId = 'subnet-pa2';
    };
    const m = model(elsewhere);
    const existing = chooseSubnets(m, { ...REQUEST, publicSubnets: ['subnet-pa', 'subnet-pc'] });
    if (!existing.ok) throw new Error('not chosen');
    const { problems } = adoptions(m, existing.existing, { names: networkNames('shop', 'dev'), nat: planNat(resolveConfig({ project: 'shop', azs: 'a,c', nat: 'single' })), customNacl: false });
    expect(problems.map((p) => [p.option, p.message])).toEqual([
      ['--public-subnets', 'the NAT Gateway nat-a (shop-dev-nat-a) has the name net-wizard gives the NAT Gateway of ap-northeast-1a, but it is in subnet-pa2, not in the public subnet chosen there (subnet-pa): adopting it would replace it. Choose its subnet with --public-subnets subnet-pa2, or rename or remove that gateway'],
    ]);
  });

  it("names each route's state id as the AWS provider does (r-<table><crc32 of the destination>)", () => {
    // As terraform's state showed it for a route made on moto.
    expect(routeStateId('rtb-d6f60045ad4f7f537', '0.0.0.0/0')).toBe('r-rtb-d6f60045ad4f7f5371080289494');
  });
});
