import { describe, expect, it } from 'vitest';
import { checkNames, networkNames } from '../../src/core/names.js';

describe('networkNames', () => {
  it('follows the tutorial', () => {
    const n = networkNames('shop', 'dev');
    expect([n.vpc, n.igw, n.publicRouteTable, n.albSg, n.ecsSg, n.rdsSg, n.publicNacl, n.privateNacl]).toEqual([
      'shop-dev-vpc', 'shop-dev-igw', 'shop-dev-public-rt', 'shop-dev-alb-sg', 'shop-dev-ecs-sg', 'shop-dev-rds-sg', 'shop-dev-public-nacl', 'shop-dev-private-nacl',
    ]);
    const az = 'ap-northeast-1c';
    expect([n.publicSubnet(az), n.privateSubnet(az), n.privateRouteTable(az), n.natEip(az), n.nat(az)]).toEqual([
      'shop-dev-public-subnet-c', 'shop-dev-private-subnet-c', 'shop-dev-private-rt-c', 'shop-dev-nat-eip-c', 'shop-dev-nat-c',
    ]);
  });
});

describe('checkNames', () => {
  it.each([
    ['sg', 'dev', /start with "sg-"/],
    ['SG', 'x', /start with "sg-"/],
    ['aws', 'x', undefined],
    ['a'.repeat(300), 'dev', /characters long; AWS allows 255/],
    ['shop', 'dev', undefined],
  ])('%s/%s', (project, env, problem) => {
    const found = checkNames(project, env, ['ap-northeast-1a']);
    if (problem) expect(found.map((p) => p.message).join('\n')).toMatch(problem);
    else expect(found).toEqual([]);
  });
});
