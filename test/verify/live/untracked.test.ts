import { describe, expect, it } from 'vitest';
import { configuredRefs, findUntracked, leftBehind, untrackedCheck, type TaggedResource } from '../../../src/verify/live/untracked.js';

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

describe('resources tagged for the network that the state does not record', () => {
  it('lists nothing when the state records everything tagged', () => {
    const tagged: TaggedResource[] = [
      { kind: 'vpc', id: 'vpc-1', name: 'shop-dev-vpc' },
      { kind: 'nat-gateway', id: 'nat-a1', name: 'shop-dev-nat-a' },
      { kind: 'elastic-ip', id: 'eipalloc-a1', name: 'shop-dev-eip-nat-a' },
    ];
    expect(findUntracked(tagged, stateIds, configured, WORKDIR)).toEqual([]);
    expect(untrackedCheck([])).toMatchObject({ id: 'live.untracked', status: 'pass' });
  });

  it.each<[string, TaggedResource, string | undefined, RegExp]>([
    [
      'a lost NAT Gateway the state lacks: adopt it',
      { kind: 'nat-gateway', id: 'nat-c9', name: 'shop-dev-nat-c' },
      'aws_nat_gateway.main_c',
      /^NAT Gateway nat-c9 \(shop-dev-nat-c\) is aws_nat_gateway\.main_c, made by an earlier run that lost track of it: adopt it with terraform -chdir=\/work\/\.net-wizard\/shop-dev import aws_nat_gateway\.main_c nat-c9, or delete it \(aws ec2 delete-nat-gateway --nat-gateway-id nat-c9\)$/,
    ],
    [
      'a second NAT Gateway where the state has one: delete it',
      { kind: 'nat-gateway', id: 'nat-a2', name: 'shop-dev-nat-a' },
      undefined,
      /^NAT Gateway nat-a2 \(shop-dev-nat-a\) is a second aws_nat_gateway\.main_a beside nat-a1, which the state records: delete it \(aws ec2 delete-nat-gateway --nat-gateway-id nat-a2\)$/,
    ],
    [
      'a second Elastic IP: release it',
      { kind: 'elastic-ip', id: 'eipalloc-c2', name: 'shop-dev-eip-nat-c' },
      undefined,
      /is a second aws_eip\.nat_c beside eipalloc-c1, which the state records: delete it \(aws ec2 release-address --allocation-id eipalloc-c2\)$/,
    ],
    [
      'a lost VPC beside the recorded one',
      { kind: 'vpc', id: 'vpc-2', name: 'shop-dev-vpc' },
      undefined,
      /^VPC vpc-2 \(shop-dev-vpc\) is a second aws_vpc\.main beside vpc-1.*aws ec2 delete-vpc --vpc-id vpc-2/,
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
    const [found, ...rest] = findUntracked([resource], stateIds, configured, WORKDIR);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ id: resource.id, kind: resource.kind });
    expect(found!.adoptAs).toBe(adoptAs);
    expect(found!.fix).toMatch(fix);
  });

  it('adopts only into an address the state lacks, and says where to run the import without a workdir', () => {
    const noVpc = configuredRefs({ vpc: { address: 'aws_vpc.main', name: 'shop-dev-vpc', cidr: '10.0.0.0/16' }, nats: [] });
    const [found] = findUntracked([{ kind: 'vpc', id: 'vpc-9', name: 'shop-dev-vpc' }], new Set(), noVpc);
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
      WORKDIR,
    );
    const check = untrackedCheck(untracked);
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('nat-c9');
    expect(check.detail).toContain('eipalloc-c2');
  });

  it('after a destroy, names what is still tagged for the network with the command that deletes it', () => {
    expect(leftBehind([])).toEqual([]);
    expect(leftBehind([{ kind: 'nat-gateway', id: 'nat-c9', name: 'shop-dev-nat-c' }, { kind: 'vpc', id: 'vpc-2' }]).map((u) => u.fix)).toEqual([
      'NAT Gateway nat-c9 (shop-dev-nat-c) was not in the state, so destroy left it: delete it (aws ec2 delete-nat-gateway --nat-gateway-id nat-c9)',
      'VPC vpc-2 was not in the state, so destroy left it: delete it (aws ec2 delete-vpc --vpc-id vpc-2)',
    ]);
  });
});
