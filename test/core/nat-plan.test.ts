import { describe, expect, it } from 'vitest';
import { planNat } from '../../src/core/nat-plan.js';
import type { NatMode, OutboundNeed } from '../../src/core/config.js';

const azs = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];

describe('planNat', () => {
  it.each<[NatMode, OutboundNeed[], string, string, string[], Record<string, string>]>([
    ['none', ['external-api'], 'dev', 'none', [], {}],
    ['single', [], 'dev', 'single', ['ap-northeast-1a'], { 'ap-northeast-1a': 'ap-northeast-1a', 'ap-northeast-1c': 'ap-northeast-1a', 'ap-northeast-1d': 'ap-northeast-1a' }],
    ['per-az', [], 'dev', 'per-az', azs, { 'ap-northeast-1a': 'ap-northeast-1a', 'ap-northeast-1c': 'ap-northeast-1c', 'ap-northeast-1d': 'ap-northeast-1d' }],
    ['auto', [], 'prod', 'none', [], {}],
    ['auto', ['external-api'], 'dev', 'single', ['ap-northeast-1a'], { 'ap-northeast-1a': 'ap-northeast-1a', 'ap-northeast-1c': 'ap-northeast-1a', 'ap-northeast-1d': 'ap-northeast-1a' }],
    ['auto', ['external-api'], 'prod', 'per-az', azs, { 'ap-northeast-1a': 'ap-northeast-1a', 'ap-northeast-1c': 'ap-northeast-1c', 'ap-northeast-1d': 'ap-northeast-1d' }],
  ])('--nat %s --needs %j --env %s → %s', (nat, needs, env, mode, natAzs, routes) => {
    const plan = planNat({ nat, needs, env, azs });
    expect(plan).toMatchObject({ mode, natAzs, routes });
    expect(plan.reasons.length).toBeGreaterThan(0);
  });

  it('says which answer caused each reason', () => {
    const plan = planNat({ nat: 'auto', needs: ['external-api', 'logs'], env: 'dev', azs });
    expect(plan.reasons).toEqual([expect.stringMatching(/^--needs external-api:/), expect.stringMatching(/^--needs logs:/), expect.stringMatching(/^--env dev:/)]);
  });
});
