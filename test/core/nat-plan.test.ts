import { describe, expect, it } from 'vitest';
import { planNat } from '../../src/core/nat-plan.js';
import type { NetworkConfig, OutboundNeed } from '../../src/core/config.js';
import type { NatMode } from '../../src/core/nat-modes.js';

const azs = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];
const base: Parameters<typeof planNat>[0] = { nat: 'auto', needs: [], env: 'dev', azs, region: 'ap-northeast-1', tasksSubnet: 'private', priority: 'cost', trafficGb: 20, tasks: 2 };
const plan = (over: Partial<NetworkConfig>) => planNat({ ...base, ...over });
const toFirst = Object.fromEntries(azs.map((az) => [az, azs[0]!]));
const toOwn = Object.fromEntries(azs.map((az) => [az, az]));

describe('planNat', () => {
  it.each<[NatMode, OutboundNeed[], Partial<NetworkConfig>, string, string, string[], Record<string, string>]>([
    ['none', ['external-api'], {}, 'none', 'none', [], {}],
    ['single', [], {}, 'single', 'single', [azs[0]!], toFirst],
    ['per-az', [], {}, 'per-az', 'per-az', azs, toOwn],
    ['auto', [], { priority: 'availability' }, 'none', 'none', [], {}],
    ['auto', ['external-api'], {}, 'single', 'single', [azs[0]!], toFirst],
    ['auto', ['external-api'], { priority: 'availability' }, 'per-az', 'per-az', azs, toOwn],
    ['auto', ['logs'], {}, 'none', 'endpoints', [], {}],
    ['auto', ['external-api'], { tasksSubnet: 'public' }, 'none', 'public-subnets', [], {}],
  ])('--nat %s --needs %j %j → NAT %s via %s', (nat, needs, over, mode, egress, natAzs, routes) => {
    const p = plan({ nat, needs, ...over });
    expect(p).toMatchObject({ mode, egress, natAzs, routes });
    // The first reason says what decided: the explicit mode against the advice, or the needs.
    expect(p.reasons[0]).toMatch(nat === 'auto' ? new RegExp(`^--needs ${needs.join(',') || 'none'}: `) : new RegExp(`^--nat ${nat}: chosen explicitly; the advice was (none|single|per-az)$`));
  });

  it('builds the endpoints the advice chose', () => {
    expect(plan({ needs: ['ecr-pull', 'ssm'], priority: 'availability' }).endpoints).toEqual({ s3Gateway: true, interfaces: ['ecr.api', 'ecr.dkr', 'ssmmessages'] });
  });

  it('keeps the free S3 gateway endpoint beside NAT when images are pulled', () => {
    expect(plan({ nat: 'single', needs: ['ecr-pull'] }).endpoints).toEqual({ s3Gateway: true, interfaces: [] });
  });

  it('warns when --nat none leaves a need that only the internet meets', () => {
    const p = plan({ nat: 'none', needs: ['external-api', 'logs'] });
    expect(p.egress).toBe('endpoints');
    expect(p.endpoints.interfaces).toEqual(['logs']);
    expect(p.warnings).toEqual([expect.stringMatching(/^--nat none: calling external APIs will fail from private subnets/)]);
    expect(p.reasons[0]).toBe('--nat none: chosen explicitly; the advice was single');
  });

  it('says which answer caused each reason', () => {
    const p = plan({ needs: ['external-api', 'logs'] });
    expect(p.reasons.slice(0, 2)).toEqual([expect.stringMatching(/^--needs external-api:/), expect.stringMatching(/^--needs logs:/)]);
  });

  it('carries the cost of what it builds', () => {
    expect(plan({ nat: 'per-az', needs: [] }).monthlyCostUsd).toBeCloseTo(3 * 730 * 0.067 + 20 * 0.062, 2);
  });
});
