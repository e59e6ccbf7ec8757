import { describe, expect, it } from 'vitest';
import { adviseNat, costOptions, type AdvisorAnswers, type OutboundNeed } from '../../src/core/nat-advisor.js';
import type { EgressOption } from '../../src/core/nat-modes.js';
import { REGION_PRICES } from '../../src/core/prices.js';

const TOKYO: AdvisorAnswers = { needs: [], tasksSubnet: 'private', priority: 'cost', trafficGb: 20, tasks: 2, region: 'ap-northeast-1', azCount: 2 };
const advise = (over: Partial<AdvisorAnswers>) => adviseNat({ ...TOKYO, ...over });

// Every row of the tutorial's table, with the decision the facts give (not the tutorial's where
// they differ), for a dev network in Tokyo with two AZs, 20 GB a month, tasks in private subnets.
describe("the tutorial's table, row by row", () => {
  it.each<[string, Partial<AdvisorAnswers>, EgressOption, number, boolean]>([
    ['OUT pull images from ECR', { needs: ['ecr-pull'] }, 'endpoints', 41.08, true],
    ['OUT external API calls', { needs: ['external-api'] }, 'single', 50.35, false],
    ['OUT DNS resolution', { needs: ['dns'] }, 'none', 0, true],
    ['OUT log shipping', { needs: ['logs'] }, 'endpoints', 20.64, true],
    ['OUT package downloads at run time', { needs: ['package-download'] }, 'single', 50.35, false],
    ['OUT VPC-internal (RDS, ElastiCache, internal ALB)', { needs: ['vpc-internal'] }, 'none', 0, false],
    ['IN through the ALB', { needs: [] }, 'none', 0, false],
    ['IN port forwarding via SSM Session Manager', { needs: ['ssm'] }, 'endpoints', 20.64, true],
    ['IN direct access with a public IP', { needs: ['external-api'], tasksSubnet: 'public' }, 'public-subnets', 7.3, false],
  ])('%s → %s ($%f/month)', (_row, answers, recommended, monthly, tutorialDiffers) => {
    const advice = advise(answers);
    expect(advice.recommended).toBe(recommended);
    expect(advice.monthlyUsd).toBeCloseTo(monthly, 2);
    expect(advice.tutorialDifferences.length > 0).toBe(tutorialDiffers);
    // The first reason names the need and what it takes: no way out, the endpoints, or the internet.
    const takes = { none: /needs no way out$/, endpoints: /endpoints?\b.*, without NAT$/, single: /needs the internet, which only a NAT Gateway or a public IP gives$/, 'public-subnets': /needs the internet, which only a NAT Gateway or a public IP gives$/ }[recommended as string];
    expect(advice.reasons[0]).toMatch(new RegExp(`^--needs ${answers.needs!.join(',') || 'none'}: `));
    expect(advice.reasons[0]).toMatch(takes!);
  });
});

describe('cost decides where both ways work', () => {
  it('ECR and logs in Tokyo: three interface endpoints in two AZs cost more than one NAT Gateway', () => {
    const advice = advise({ needs: ['ecr-pull', 'logs'] });
    expect(advice.recommended).toBe('single');
    expect(advice.runnerUp).toBe('endpoints');
    expect(advice.monthlyUsd).toBeCloseTo(50.35, 2);
    expect(advice.options.find((o) => o.option === 'endpoints')!.monthlyUsd).toBeCloseTo(61.52, 2);
    expect(advice.reasons.join("\n")).toMatch(/comes to \$50\.35\/month, against \$61\.52\/month for VPC endpoints/);
  });

  it('the same needs when an AZ outage must not cut the others off: endpoints beat a NAT per AZ', () => {
    const advice = advise({ needs: ['ecr-pull', 'logs'], priority: 'availability' });
    expect(advice.recommended).toBe('endpoints');
    expect(advice.options.find((o) => o.option === 'per-az')!.monthlyUsd).toBeCloseTo(99.06, 2);
    expect(advice.options.find((o) => o.option === 'single')!.eligible).toBe(false);
  });

  it('needs that only the internet meets take NAT, and NAT carries the AWS needs too', () => {
    const advice = advise({ needs: ['external-api', 'ecr-pull', 'logs'] });
    expect(advice.recommended).toBe('single');
    expect(advice.routes.map((r) => [r.need, r.way])).toEqual([
      ['external-api', 'NAT Gateway'],
      ['ecr-pull', 'NAT Gateway'],
      ['logs', 'NAT Gateway'],
    ]);
    expect(advice.options.find((o) => o.option === 'endpoints')).toMatchObject({ eligible: false, note: expect.stringMatching(/calling external APIs/) });
    expect(advice.options.find((o) => o.option === 'single')!.s3Gateway).toBe(true);
  });

  it('production with internet needs: one NAT per AZ', () => {
    const advice = advise({ needs: ['external-api'], priority: 'availability', azCount: 3 });
    expect(advice.recommended).toBe('per-az');
    // 3 × (730 h × (0.062 + 0.005)) + 20 GB × 0.062
    expect(advice.monthlyUsd).toBeCloseTo(3 * 730 * 0.067 + 20 * 0.062, 2);
    expect(advice.reasons.join('\n')).toMatch(/^--priority availability: one NAT Gateway per AZ/m);
  });

  it('a large volume tips AWS-service needs towards endpoints (NAT charges more per GB)', () => {
    expect(advise({ needs: ['ecr-pull', 'logs'], trafficGb: 20 }).recommended).toBe('single');
    expect(advise({ needs: ['ecr-pull', 'logs'], trafficGb: 500 }).recommended).toBe('endpoints');
  });

  it('S3 alone needs only the free gateway endpoint', () => {
    const advice = advise({ needs: ['s3'] });
    expect(advice).toMatchObject({ recommended: 'endpoints', monthlyUsd: 0 });
    expect(advice.options[0]).toMatchObject({ option: 'endpoints', interfaces: [], s3Gateway: true });
  });
});

describe('cost arithmetic against hand-computed figures', () => {
  const lines = (region: string, needs: OutboundNeed[], option: EgressOption) => {
    const o = costOptions({ ...TOKYO, region, needs }, REGION_PRICES[region]!).find((x) => x.option === option)!;
    return { total: o.monthlyUsd, lines: o.lines.map((l) => [l.item, l.quantity, l.usd]) };
  };

  it('ap-northeast-1, one NAT, 2 AZs, 20 GB', () => {
    expect(lines('ap-northeast-1', ['external-api'], 'single')).toEqual({
      total: 50.35, // 45.26 + 3.65 + 1.24 + 0.20
      lines: [
        ['NAT Gateway hours', 730, 45.26], // 730 × 0.062
        ['NAT Elastic IP (public IPv4) hours', 730, 3.65], // 730 × 0.005
        ['NAT data processed', 20, 1.24], // 20 × 0.062
        ['cross-AZ data to the NAT', 10, 0.2], // half the traffic × 0.01 × 2 directions
      ],
    });
  });

  it('ap-northeast-1, endpoints for ECR and logs, 2 AZs', () => {
    expect(lines('ap-northeast-1', ['ecr-pull', 'logs'], 'endpoints')).toEqual({
      total: 61.52,
      lines: [
        ['interface endpoint hours (3 × 2 AZ)', 4380, 61.32], // 3 × 2 × 730 × 0.014
        ['interface endpoint data processed', 20, 0.2],
        ['S3 gateway endpoint', 1, 0],
      ],
    });
  });

  it('us-east-1, one NAT per AZ, 2 AZs', () => {
    expect(lines('us-east-1', ['external-api'], 'per-az')).toEqual({
      total: 73.9, // 2 × 730 × 0.045 = 65.70, + 2 × 730 × 0.005 = 7.30, + 20 × 0.045 = 0.90
      lines: [
        ['NAT Gateway hours', 1460, 65.7],
        ['NAT Elastic IP (public IPv4) hours', 1460, 7.3],
        ['NAT data processed', 20, 0.9],
      ],
    });
  });

  it('us-east-1, endpoints for ECR and logs: 3 × 2 × 730 × 0.01 + 20 × 0.01', () => {
    expect(lines('us-east-1', ['ecr-pull', 'logs'], 'endpoints').total).toBe(44);
  });

  it('public subnets: a public IPv4 address per task', () => {
    expect(lines('us-east-1', ['external-api'], 'public-subnets').total).toBe(7.3);
  });
});

describe('prices', () => {
  it('say where they come from and when', () => {
    const advice = advise({ needs: ['external-api'] });
    expect(advice.prices).toMatchObject({ region: 'ap-northeast-1', estimated: true, missing: [], date: expect.stringMatching(/^20\d\d-\d\d$/), currency: 'USD' });
    expect(advice.prices.source).toMatch(/APN1/);
  });

  it("are never borrowed from another region: an unknown figure is named and no total is shown as known", () => {
    const advice = advise({ needs: ['external-api'], region: 'me-central-1' });
    expect(advice.prices).toMatchObject({ region: 'me-central-1', missing: ['NAT Gateway per hour', 'NAT Gateway per GB processed', 'data between AZs per GB'] });
    expect(advice.costKnown).toBe(false);
    expect(advice.options.find((o) => o.option === 'single')).toMatchObject({ missing: ['NAT Gateway per hour', 'NAT Gateway per GB processed', 'data between AZs per GB'], monthlyUsd: 3.65 });
    expect(advice.reasons.join('\n')).toMatch(/--region me-central-1: no way out that meets the needs has a known cost here/);
    expect(advice.breakEven).toBeUndefined();
  });
});
