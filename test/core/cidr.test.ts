import { describe, expect, it } from 'vitest';
import { carveSubnets, cidrOverlaps, cidrContains, formatCidr, parseCidr, type Cidr } from '../../src/core/cidr.js';

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.cidr;
};

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/16', '10.0.0.0/16'],
    ['172.16.0.0/12', '172.16.0.0/12'],
    [' 192.168.10.0/24 ', '192.168.10.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
  ])('reads %s', (text, expected) => {
    expect(formatCidr(cidr(text))).toBe(expected);
  });

  it.each([
    ['10.0.0.1/16', 'host bits set (the network of this block is 10.0.0.0/16)'],
    ['10.0.0.0', 'not of the form a.b.c.d/n'],
    ['10.0.0/16', 'malformed address'],
    ['10.0.0.256/24', 'malformed address'],
    ['10.0.0.01/24', 'malformed address'],
    ['10.0.0.0/33', 'beyond /32'],
    ['ten/8', 'malformed address'],
  ])('refuses %s: %s', (text, problem) => {
    const parsed = parseCidr(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});

describe('containment and overlap', () => {
  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.0.0.0/16', '10.0.255.0/24', true, true],
    ['10.0.0.0/16', '10.1.0.0/24', false, false],
    ['10.0.0.0/24', '10.0.0.0/16', false, true],
    ['10.0.0.0/25', '10.0.0.128/25', false, false],
  ])('%s vs %s', (a, b, contains, overlaps) => {
    expect(cidrContains(cidr(a), cidr(b))).toBe(contains);
    expect(cidrOverlaps(cidr(a), cidr(b))).toBe(overlaps);
  });
});

describe('carveSubnets', () => {
  it.each([
    ['10.0.0.0/16', 2, ['10.0.0.0/20', '10.0.16.0/20'], ['10.0.128.0/20', '10.0.144.0/20']],
    ['10.0.0.0/16', 3, ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20'], ['10.0.128.0/20', '10.0.144.0/20', '10.0.160.0/20']],
    ['172.20.0.0/20', 2, ['172.20.0.0/24', '172.20.1.0/24'], ['172.20.8.0/24', '172.20.9.0/24']],
    ['192.168.1.0/24', 2, ['192.168.1.0/28', '192.168.1.16/28'], ['192.168.1.128/28', '192.168.1.144/28']],
    ['10.0.0.0/26', 2, ['10.0.0.0/28', '10.0.0.16/28'], ['10.0.0.32/28', '10.0.0.48/28']],
  ])('%s over %i AZs', (vpc, azs, publics, privates) => {
    const carving = carveSubnets(cidr(vpc), azs);
    expect(carving.ok).toBe(true);
    if (!carving.ok) return;
    expect(carving.subnets.filter((s) => s.tier === 'public').map((s) => s.cidr)).toEqual(publics);
    expect(carving.subnets.filter((s) => s.tier === 'private').map((s) => s.cidr)).toEqual(privates);
  });

  it.each([
    ['10.0.0.0/26', 3, '/26 is too small for 3 AZs'],
    ['10.0.0.0/27', 2, '/27 is too small for 2 AZs'],
    ['10.0.0.0/28', 2, '/28 is too small'],
  ])('refuses %s for %i AZs', (vpc, azs, problem) => {
    const carving = carveSubnets(cidr(vpc), azs);
    expect(carving.ok).toBe(false);
    if (!carving.ok) expect(carving.problem).toContain(problem);
  });

  // Every VPC size AWS allows, every AZ count: subnets lie inside the VPC, never overlap, never below /28.
  const sizes = Array.from({ length: 13 }, (_, i) => 16 + i);
  it.each(sizes)('carves /%i without overlap wherever it fits', (prefix) => {
    const vpc = cidr(`10.0.0.0/${prefix}`);
    for (let azs = 2; azs <= 6; azs++) {
      const carving = carveSubnets(vpc, azs);
      if (!carving.ok) continue;
      const blocks = carving.subnets.map((s) => cidr(s.cidr));
      expect(blocks).toHaveLength(azs * 2);
      for (const [i, a] of blocks.entries()) {
        expect(cidrContains(vpc, a)).toBe(true);
        expect(a.prefix).toBeLessThanOrEqual(28);
        for (const b of blocks.slice(i + 1)) expect(cidrOverlaps(a, b)).toBe(false);
      }
    }
  });

  it('is deterministic', () => {
    expect(carveSubnets(cidr('10.1.0.0/16'), 3)).toEqual(carveSubnets(cidr('10.1.0.0/16'), 3));
  });
});
