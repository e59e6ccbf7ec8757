/**
 * The cost model against figures computed by hand, region by region (each figure's arithmetic
 * beside it: hours × price), the break-even of known pairs, the crash-loop figure, and what a
 * region without a figure gets: the figure named as unknown, never another region's.
 */
import { describe, expect, it } from 'vitest';
import { adviseNat, breakEvenOf, costOptions, crashLoopCost, monthlySaving, type AdvisorAnswers, type OutboundNeed } from '../../src/core/nat-advisor.js';
import type { EgressOption } from '../../src/core/nat-modes.js';
import { cheaperWay, planNat } from '../../src/core/nat-plan.js';
import { endpointDataUsd, pricesFor, REGION_PRICES } from '../../src/core/prices.js';
import { REGION_AZ_LETTERS } from '../../src/core/regions.js';

const BASE: AdvisorAnswers = { needs: ['external-api'], tasksSubnet: 'private', priority: 'cost', trafficGb: 20, tasks: 2, region: 'us-east-1', azCount: 2 };
const cost = (region: string, option: EgressOption, needs: OutboundNeed[] = ['external-api']) =>
  costOptions({ ...BASE, region, needs }, pricesFor(region), { offerInstance: true }).find((o) => o.option === option)!;
const r2 = (n: number) => Math.round(n * 100) / 100;

// Two AZs, 20 GB a month. One NAT: hours + its EIP + data + half the data crossing AZs (0.01 each way).
describe('one NAT Gateway for the VPC, 2 AZs, 20 GB a month', () => {
  it.each<[string, number]>([
    ['us-east-1', r2(730 * 0.045) + r2(730 * 0.005) + r2(20 * 0.045) + r2(10 * 0.02)], // 32.85 + 3.65 + 0.90 + 0.20
    ['eu-west-1', r2(730 * 0.048) + r2(730 * 0.005) + r2(20 * 0.048) + r2(10 * 0.02)], // 35.04 + 3.65 + 0.96 + 0.20
    ['eu-central-1', r2(730 * 0.052) + r2(730 * 0.005) + r2(20 * 0.052) + r2(10 * 0.02)], // 37.96 + 3.65 + 1.04 + 0.20
    ['ap-south-1', r2(730 * 0.056) + r2(730 * 0.005) + r2(20 * 0.056) + r2(10 * 0.02)], // 40.88 + 3.65 + 1.12 + 0.20
    ['ap-southeast-1', r2(730 * 0.059) + r2(730 * 0.005) + r2(20 * 0.059) + r2(10 * 0.02)], // 43.07 + 3.65 + 1.18 + 0.20
    ['ap-northeast-1', r2(730 * 0.062) + r2(730 * 0.005) + r2(20 * 0.062) + r2(10 * 0.02)], // 45.26 + 3.65 + 1.24 + 0.20
    ['sa-east-1', r2(730 * 0.093) + r2(730 * 0.005) + r2(20 * 0.093) + r2(10 * 0.02)], // 67.89 + 3.65 + 1.86 + 0.20
  ])('%s: $%f', (region, usd) => {
    const o = cost(region, 'single');
    expect(o.missing).toEqual([]);
    expect(o.monthlyUsd).toBeCloseTo(usd, 2);
  });
});

describe('one NAT Gateway per AZ, 2 AZs, 20 GB a month (no cross-AZ data)', () => {
  it.each<[string, number]>([
    ['us-east-1', 73.9], // 2 × 730 × 0.045 = 65.70, + 2 × 730 × 0.005 = 7.30, + 20 × 0.045 = 0.90
    ['eu-west-1', 78.34], // 2 × 730 × 0.048 = 70.08, + 7.30, + 20 × 0.048 = 0.96 (the "about 77.38" without data)
    ['ap-southeast-1', 94.62], // 2 × 730 × 0.059 = 86.14, + 7.30, + 20 × 0.059 = 1.18 (93.44 without data)
    ['ap-northeast-1', 99.06], // 2 × 730 × 0.062 = 90.52, + 7.30, + 20 × 0.062 = 1.24
    ['sa-east-1', 144.94], // 2 × 730 × 0.093 = 135.78, + 7.30, + 20 × 0.093 = 1.86
    ['us-west-1', 78.34], // 2 × 730 × 0.048 = 70.08, + 7.30, + 0.96
  ])('%s: $%f', (region, usd) => {
    expect(cost(region, 'per-az').monthlyUsd).toBeCloseTo(usd, 2);
  });
});

describe('the NAT instance (t4g.nano): the instance, its Elastic IP, its 8 GB gp3 root volume, no per-GB processing charge', () => {
  it.each<[string, number]>([
    ['us-east-1', r2(730 * 0.0042) + r2(730 * 0.005) + r2(8 * 0.08) + r2(10 * 0.02)], // 3.07 + 3.65 + 0.64 + 0.20
    ['us-west-2', r2(730 * 0.0042) + r2(730 * 0.005) + r2(8 * 0.08) + r2(10 * 0.02)],
    ['ap-south-1', r2(730 * 0.0045) + r2(730 * 0.005) + r2(8 * 0.0912) + r2(10 * 0.02)], // 3.29 + 3.65 + 0.73 + 0.20
    ['ap-northeast-1', r2(730 * 0.0054) + r2(730 * 0.005) + r2(8 * 0.096) + r2(10 * 0.02)], // 3.94 + 3.65 + 0.77 + 0.20
    ['eu-west-1', r2(730 * 0.0046) + r2(730 * 0.005) + r2(8 * 0.088) + r2(10 * 0.02)], // 3.36 + 3.65 + 0.70 + 0.20
  ])('%s: $%f', (region, usd) => {
    const o = cost(region, 'instance');
    expect(o.monthlyUsd).toBeCloseTo(usd, 2);
    expect(o.lines.map((l) => l.item)).not.toContain('NAT data processed');
    expect(o.note).toMatch(/32 Mbit\/s baseline bandwidth .*one AZ, no automatic failover \(minutes of outage while it is replaced\), patching is yours/);
  });

  it('a bigger type is priced as asked', () => {
    const o = costOptions({ ...BASE, natInstanceType: 't4g.small' }, pricesFor('us-east-1'), { offerInstance: true }).find((x) => x.option === 'instance')!;
    expect(o.title).toBe('one NAT instance (t4g.small) for the VPC');
    expect(o.monthlyUsd).toBeCloseTo(r2(730 * 0.0168) + r2(730 * 0.005) + r2(8 * 0.08) + r2(10 * 0.02), 2); // 12.26 + 3.65 + 0.64 + 0.20
  });

  it('is advised only where cost comes first and the environment is not production, and says why', () => {
    expect(adviseNat({ ...BASE }, { offerInstance: true }).recommended).toBe('instance');
    expect(adviseNat({ ...BASE }, { offerInstance: true }).reasons.join('\n')).toMatch(/--priority cost, not production: one NAT instance is the cheapest way out \(no per-GB processing charge\), for what it gives up: .*no automatic failover/);
    expect(adviseNat({ ...BASE, production: true }, { offerInstance: true }).recommended).toBe('single');
    expect(adviseNat({ ...BASE, priority: 'availability' }, { offerInstance: true }).recommended).toBe('per-az');
  });

  it('is priced but not advised while the stack cannot build it', () => {
    const advice = adviseNat({ ...BASE });
    expect(advice.recommended).toBe('single');
    expect(advice.options.find((o) => o.option === 'instance')).toMatchObject({ eligible: false, note: expect.stringMatching(/priced only: net-wizard does not build a NAT instance yet/) });
  });
});

describe('interface endpoints for ECR and logs (3 endpoints × 2 AZs), 20 GB a month', () => {
  it.each<[string, number]>([
    ['us-east-1', r2(3 * 2 * 730 * 0.01) + r2(20 * 0.01)], // 43.80 + 0.20
    ['eu-west-1', r2(3 * 2 * 730 * 0.011) + r2(20 * 0.01)], // 48.18 + 0.20
    ['eu-central-1', r2(3 * 2 * 730 * 0.012) + r2(20 * 0.01)], // 52.56 + 0.20
    ['ap-southeast-1', r2(3 * 2 * 730 * 0.013) + r2(20 * 0.01)], // 56.94 + 0.20
    ['ap-northeast-1', r2(3 * 2 * 730 * 0.014) + r2(20 * 0.01)], // 61.32 + 0.20
  ])('%s: $%f', (region, usd) => {
    expect(cost(region, 'endpoints', ['ecr-pull', 'logs']).monthlyUsd).toBeCloseTo(usd, 2);
  });

  it('data beyond the first PB is charged at the lower tiers', () => {
    // 1 PB at 0.01, the next 4 PB at 0.006, the rest at 0.004.
    expect(endpointDataUsd(6 * 1024 ** 2, 0.01)).toBeCloseTo(1024 ** 2 * 0.01 + 4 * 1024 ** 2 * 0.006 + 1024 ** 2 * 0.004, 6);
  });
});

describe('a region whose figures are not known', () => {
  it('every commercial region net-wizard accepts has an entry, and no entry borrows us-east-1 silently', () => {
    for (const region of Object.keys(REGION_AZ_LETTERS)) expect(REGION_PRICES[region], region).toBeDefined();
    for (const [region, p] of Object.entries(REGION_PRICES)) expect(p.source, region).not.toMatch(/us-east-1's/);
  });

  it('names the unknown figures and shows no total as known (me-central-1)', () => {
    const advice = adviseNat({ ...BASE, region: 'me-central-1' });
    expect(advice.costKnown).toBe(false);
    expect(advice.prices.missing).toEqual(['NAT Gateway per hour', 'NAT Gateway per GB processed', 'data between AZs per GB']);
    const single = advice.options.find((o) => o.option === 'single')!;
    expect(single.lines.find((l) => l.item === 'NAT Gateway hours')).toMatchObject({ unitUsd: null, usd: null, unknown: 'NAT Gateway per hour' });
    // The known part only: the Elastic IP, 730 × 0.005.
    expect(single.monthlyUsd).toBe(3.65);
    expect(advice.breakEven).toBeUndefined();
  });

  it('an option with a known cost is compared, one without is left out and said so (tasks in public subnets in il-central-1)', () => {
    const advice = adviseNat({ ...BASE, region: 'il-central-1', tasksSubnet: 'public' });
    expect(advice.recommended).toBe('public-subnets');
    expect(advice.monthlyUsd).toBe(7.3); // 2 tasks × 730 × 0.005
    expect(advice.costKnown).toBe(true);
  });
});

describe('break-even: where the runner-up becomes cheaper', () => {
  it.each<[string, Partial<AdvisorAnswers>, EgressOption, EgressOption, number, 'above' | 'below']>([
    // one NAT: 730 × (0.062 + 0.005) = 48.91 + 0.072/GB (0.062 + half × 0.02); endpoints: 61.32 + 0.01/GB → 12.41 / 0.062 = 200
    ['Tokyo, ECR and logs', { region: 'ap-northeast-1', needs: ['ecr-pull', 'logs'] }, 'single', 'endpoints', 200, 'above'],
    // one NAT: 730 × 0.053 = 38.69 + 0.058/GB; endpoints: 48.18 + 0.01/GB → 9.49 / 0.048 = 197.7
    ['Ireland, ECR and logs', { region: 'eu-west-1', needs: ['ecr-pull', 'logs'] }, 'single', 'endpoints', 198, 'above'],
    // one NAT: 730 × 0.05 = 36.50 + 0.055/GB; endpoints: 43.80 + 0.01/GB → 7.30 / 0.045 = 162.2
    ['N. Virginia, ECR and logs', { region: 'us-east-1', needs: ['ecr-pull', 'logs'] }, 'single', 'endpoints', 162, 'above'],
    // past that volume the endpoints lead, and one NAT is cheaper only below it
    ['Tokyo, ECR and logs, 500 GB', { region: 'ap-northeast-1', needs: ['ecr-pull', 'logs'], trafficGb: 500 }, 'endpoints', 'single', 200, 'below'],
  ])('%s: %s, then %s %s… GB', (_name, over, recommended, runnerUp, gb, when) => {
    const advice = adviseNat({ ...BASE, ...over });
    expect(advice.recommended).toBe(recommended);
    expect(advice.runnerUp).toBe(runnerUp);
    expect(advice.breakEven).toEqual({ option: runnerUp, gbPerMonth: gb, when });
  });

  it('is absent when the two never cross: endpoints beat one NAT per AZ at every volume', () => {
    const advice = adviseNat({ ...BASE, region: 'ap-northeast-1', needs: ['ecr-pull', 'logs'], priority: 'availability' });
    expect(advice).toMatchObject({ recommended: 'endpoints', runnerUp: 'per-az' });
    expect(advice.breakEven).toBeUndefined();
  });

  it('two options charging the same per GB never cross', () => {
    const o = cost('us-east-1', 'per-az');
    expect(breakEvenOf(o, { ...o, option: 'single', fixedUsd: o.fixedUsd! + 1 })).toBeUndefined();
  });

  it('the monthly saving of the cheaper way, for the next steps (null when a cost is unknown)', () => {
    expect(monthlySaving(cost('ap-northeast-1', 'single'), cost('ap-northeast-1', 'per-az'))).toBeCloseTo(99.06 - 50.35, 2);
    expect(monthlySaving(cost('me-central-1', 'single'), cost('me-central-1', 'per-az'))).toBeNull();
  });
});

describe('a crash-looping task with ecr-pull through a NAT', () => {
  it('Tokyo, 500 MB: the layers go through the free S3 gateway endpoint, only the API calls through the NAT', () => {
    const plan = planNat({ nat: 'single', needs: ['ecr-pull'], env: 'dev', azs: ['ap-northeast-1a', 'ap-northeast-1c'], region: 'ap-northeast-1', tasksSubnet: 'private', priority: 'cost', trafficGb: 20, tasks: 2 });
    expect(plan.endpoints.s3Gateway).toBe(true); // what the stack builds: the S3 gateway endpoint on the private route tables
    expect(plan.crashLoop).toEqual({
      imageMb: 500,
      pullsPerDay: 1440, // a restart a minute: 24 × 60
      imageGbPerDay: 720, // 1440 × 500 MB
      through: 'NAT Gateway',
      layersViaS3Gateway: true,
      viaNatGbPerDay: 0.14, // 1440 × 0.1 MB of token and manifest calls
      viaNatUsdPerDay: 0.01, // 0.144 × 0.062
      withoutS3GatewayUsdPerDay: 44.64, // 720 × 0.062
    });
  });

  it('--image-mb sizes it; through a NAT instance there is no per-GB charge', () => {
    const c = crashLoopCost({ needs: ['ecr-pull'], imageMb: 1200 }, 'instance', true, pricesFor('us-east-1'))!;
    expect(c).toMatchObject({ imageGbPerDay: 1728, through: 'NAT instance', viaNatUsdPerDay: 0, withoutS3GatewayUsdPerDay: 0 }); // 1440 × 1200 MB
    expect(crashLoopCost({ needs: ['ecr-pull'], imageMb: 1200 }, 'single', false, pricesFor('us-east-1'))!.withoutS3GatewayUsdPerDay).toBe(77.76); // 1728 × 0.045
  });

  it('is not given without a NAT, or without ecr-pull', () => {
    expect(crashLoopCost({ needs: ['ecr-pull'], imageMb: 500 }, 'endpoints', true, pricesFor('us-east-1'))).toBeUndefined();
    expect(crashLoopCost({ needs: ['external-api'], imageMb: 500 }, 'single', false, pricesFor('us-east-1'))).toBeUndefined();
  });
});

describe('cheaperWay: what the next steps can offer', () => {
  const input = { needs: ['external-api'] as OutboundNeed[], env: 'dev', azs: ['ap-northeast-1a', 'ap-northeast-1c'], region: 'ap-northeast-1', tasksSubnet: 'private' as const, priority: 'cost' as const, trafficGb: 20, tasks: 2 };
  it('--nat per-az where one NAT Gateway would do: the saving is the difference of the two', () => {
    // 99.06 (2 × 730 × 0.067 + 20 × 0.062) − 50.35 (730 × 0.067 + 20 × 0.062 + 10 × 0.02)
    expect(cheaperWay(planNat({ ...input, nat: 'per-az' }))).toEqual({ option: 'single', title: 'one NAT Gateway for the VPC', savingUsd: 48.71 });
  });
  it('none when the chosen way is the cheapest, or its cost is unknown', () => {
    expect(cheaperWay(planNat({ ...input, nat: 'auto' }))).toBeUndefined();
    expect(cheaperWay(planNat({ ...input, nat: 'per-az', region: 'me-central-1', azs: ['me-central-1a', 'me-central-1b'] }))).toBeUndefined();
  });
});
