import { describe, expect, it } from 'vitest';
import { configuredRefs, deleteCommand, findUntracked, leftBehind, taggedForNetwork, untrackedCheck, type TaggedResource } from '../../../src/verify/live/untracked.js';

// The configuration of a two-AZ network with a NAT Gateway per AZ; the state holds the VPC, NAT a
// and its Elastic IP, and the Elastic IP of NAT c, but not NAT c itself (its answer was lost).
const configured = configuredRefs({
  vpc: { address: 'aws_vpc.main', name: 'shop-dev-vpc', id: 'vpc-1', cidr: '10.0.0.0/16' },
  nats: [
    { address: 'aws_nat_gateway.main_a', name: 'shop-dev-nat-a', id: 'nat-a1', az: 'ap-northeast-1a', subnet: { address: 'aws_subnet.public_a', name: 'x' }, eip: { address: 'aws_eip.nat_a', name: 'shop-dev-eip-nat-a', id: 'eipalloc-a1' } },
    { address: 'aws_nat_gateway.main_c', name: 'shop-dev-nat-c', az: 'ap-northeast-1c', subnet: { address: 'aws_subnet.public_c', name: 'y' }, eip: { address: 'aws_eip.nat_c', name: 'shop-dev-eip-nat-c', id: 'eipalloc-c1' } },
  ],
});
const stateIds = new Set(['vpc-1', 'nat-a1', 'eipalloc-a1', 'eipalloc-c1']);
const WORKDIR = '/work/.net-wizard/shop-dev';
const WHERE = { region: 'ap-northeast-1', workdir: WORKDIR };

describe('resources tagged for the network that the state does not record', () => {
  it('lists nothing when the state records everything tagged', () => {
    const tagged: TaggedResource[] = [
      { kind: 'vpc', id: 'vpc-1', name: 'shop-dev-vpc' },
      { kind: 'nat-gateway', id: 'nat-a1', name: 'shop-dev-nat-a' },
      { kind: 'elastic-ip', id: 'eipalloc-a1', name: 'shop-dev-eip-nat-a' },
    ];
    expect(findUntracked(tagged, stateIds, configured, WHERE)).toEqual([]);
    expect(untrackedCheck([])).toMatchObject({ id: 'live.untracked', status: 'pass' });
  });

  it.each<[string, TaggedResource, string | undefined, RegExp]>([
    [
      'a lost NAT Gateway the state lacks: adopt it',
      { kind: 'nat-gateway', id: 'nat-c9', name: 'shop-dev-nat-c' },
      'aws_nat_gateway.main_c',
      /^NAT Gateway nat-c9 \(shop-dev-nat-c\) is aws_nat_gateway\.main_c, made by an earlier run that lost track of it: adopt it with terraform -chdir=\/work\/\.net-wizard\/shop-dev import aws_nat_gateway\.main_c nat-c9, or delete it \(aws ec2 delete-nat-gateway --nat-gateway-id nat-c9 --region ap-northeast-1\)$/,
    ],
    [
      'a second NAT Gateway where the state has one: delete it',
      { kind: 'nat-gateway', id: 'nat-a2', name: 'shop-dev-nat-a' },
      undefined,
      /^NAT Gateway nat-a2 \(shop-dev-nat-a\) is a second aws_nat_gateway\.main_a beside nat-a1, which the state records: delete it \(aws ec2 delete-nat-gateway --nat-gateway-id nat-a2 --region ap-northeast-1\)$/,
    ],
    [
      'a second Elastic IP: release it',
      { kind: 'elastic-ip', id: 'eipalloc-c2', name: 'shop-dev-eip-nat-c' },
      undefined,
      /is a second aws_eip\.nat_c beside eipalloc-c1, which the state records: delete it \(aws ec2 release-address --allocation-id eipalloc-c2 --region ap-northeast-1\)$/,
    ],
    [
      'a lost VPC beside the recorded one',
      { kind: 'vpc', id: 'vpc-2', name: 'shop-dev-vpc' },
      undefined,
      /^VPC vpc-2 \(shop-dev-vpc\) is a second aws_vpc\.main beside vpc-1.*aws ec2 delete-vpc --vpc-id vpc-2 --region ap-northeast-1\)$/,
    ],
    [
      'a NAT Gateway of an AZ the configuration no longer has',
      { kind: 'nat-gateway', id: 'nat-d1', name: 'shop-dev-nat-d' },
      undefined,
      /^NAT Gateway nat-d1 \(shop-dev-nat-d\) is tagged for this network but is not part of its configuration: delete it if nothing else uses it/,
    ],
    [
      'a tagged resource without a Name',
      { kind: 'elastic-ip', id: 'eipalloc-x' },
      undefined,
      /^Elastic IP eipalloc-x is tagged for this network but is not part of its configuration/,
    ],
  ])('%s', (_name, resource, adoptAs, fix) => {
    const [found, ...rest] = findUntracked([resource], stateIds, configured, WHERE);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ id: resource.id, kind: resource.kind });
    expect(found!.adoptAs).toBe(adoptAs);
    expect(found!.fix).toMatch(fix);
  });

  it('adopts only into an address the state lacks, and says where to run the import without a workdir', () => {
    const noVpc = configuredRefs({ vpc: { address: 'aws_vpc.main', name: 'shop-dev-vpc', cidr: '10.0.0.0/16' }, nats: [] });
    const [found] = findUntracked([{ kind: 'vpc', id: 'vpc-9', name: 'shop-dev-vpc' }], new Set(), noVpc, { region: 'ap-northeast-1' });
    expect(found!.fix).toContain('adopt it with terraform import aws_vpc.main vpc-9');
  });

  it('fails the live check naming every one', () => {
    const untracked = findUntracked(
      [
        { kind: 'nat-gateway', id: 'nat-c9', name: 'shop-dev-nat-c' },
        { kind: 'elastic-ip', id: 'eipalloc-c2', name: 'shop-dev-eip-nat-c' },
      ],
      stateIds,
      configured,
      WHERE,
    );
    const check = untrackedCheck(untracked);
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('nat-c9');
    expect(check.detail).toContain('eipalloc-c2');
  });

  it('after a destroy, names what is still tagged for the network with the command that deletes it', () => {
    expect(leftBehind([], WHERE)).toEqual([]);
    expect(leftBehind([{ kind: 'nat-gateway', id: 'nat-c9', name: 'shop-dev-nat-c' }, { kind: 'vpc', id: 'vpc-2' }], { region: 'us-east-1', endpoint: 'http://127.0.0.1:5000' }).map((u) => u.fix)).toEqual([
      'NAT Gateway nat-c9 (shop-dev-nat-c) was not in the state, so destroy left it: delete it (aws ec2 delete-nat-gateway --nat-gateway-id nat-c9 --region us-east-1 --endpoint-url http://127.0.0.1:5000)',
      'VPC vpc-2 was not in the state, so destroy left it: delete it (aws ec2 delete-vpc --vpc-id vpc-2 --region us-east-1 --endpoint-url http://127.0.0.1:5000)',
    ]);
  });

  it('quotes for the shell what is not plain: the workdir of the import command', () => {
    const [found] = findUntracked([{ kind: 'nat-gateway', id: 'nat-c9', name: 'shop-dev-nat-c' }], stateIds, configured, { region: 'ap-northeast-1', workdir: "/home/me/my nets/it's" });
    expect(found!.fix).toContain(`adopt it with terraform '-chdir=/home/me/my nets/it'\\''s' import aws_nat_gateway.main_c nat-c9`);
  });
});

describe('deleteCommand: where the resource is, always', () => {
  it.each([
    ['elastic-ip', 'eipalloc-1', { region: 'ap-northeast-1' }, 'aws ec2 release-address --allocation-id eipalloc-1 --region ap-northeast-1'],
    ['elastic-ip', 'eipalloc-1', { region: 'ap-northeast-1', endpoint: 'http://127.0.0.1:5000' }, 'aws ec2 release-address --allocation-id eipalloc-1 --region ap-northeast-1 --endpoint-url http://127.0.0.1:5000'],
    ['vpc', 'vpc-1', { region: 'us-east-1', endpoint: 'http://[::1]:5000' }, "aws ec2 delete-vpc --vpc-id vpc-1 --region us-east-1 --endpoint-url 'http://[::1]:5000'"],
    ['nat-gateway', 'nat-1', { region: 'eu-west-1', endpoint: 'https://emulator.example.com' }, 'aws ec2 delete-nat-gateway --nat-gateway-id nat-1 --region eu-west-1 --endpoint-url https://emulator.example.com'],
    ['vpc', "vpc-1; rm -rf ~", { region: 'us-east-1' }, "aws ec2 delete-vpc --vpc-id 'vpc-1; rm -rf ~' --region us-east-1"],
  ] as const)('%s %s at %j', (kind, id, where, command) => {
    expect(deleteCommand(kind, id, where)).toBe(command);
  });
});

describe('taggedForNetwork: Project, Environment and ManagedBy=net-wizard, all three', () => {
  const ours = { project: 'shop', env: 'dev' };
  const tags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
  it.each([
    ['all three', tags({ Project: 'shop', Environment: 'dev', ManagedBy: 'net-wizard', Name: 'shop-dev-vpc' }), true],
    ['without ManagedBy (someone else tagged alike)', tags({ Project: 'shop', Environment: 'dev', Name: 'shop-dev-vpc' }), false],
    ['ManagedBy another tool', tags({ Project: 'shop', Environment: 'dev', ManagedBy: 'terraform' }), false],
    ['another environment', tags({ Project: 'shop', Environment: 'prod', ManagedBy: 'net-wizard' }), false],
    ['another project', tags({ Project: 'shopping', Environment: 'dev', ManagedBy: 'net-wizard' }), false],
    ['values differing in case', tags({ Project: 'Shop', Environment: 'dev', ManagedBy: 'net-wizard' }), false],
    ['keys differing in case', tags({ project: 'shop', environment: 'dev', managedby: 'net-wizard' }), false],
    ['no tags', undefined, false],
  ] as const)('%s: %s', (_name, t, expected) => {
    expect(taggedForNetwork(t, ours)).toBe(expected);
  });
});
