import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // No terraform and no AWS: an empty PATH and no credentials.
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { PATH: '' }, isTTY: false });
  return { code, stdout, stderr };
}

describe('net-wizard nat-check', () => {
  it('prints the recommendation, its reasons and the cost table, touching neither AWS nor terraform', async () => {
    const r = await run(['nat-check', '--needs', 'external-api']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommended: one NAT Gateway for the VPC — $50.35/month');
    expect(r.stdout).toMatch(/--needs external-api: calling external APIs needs the internet/);
    expect(r.stdout).toMatch(/→ one NAT Gateway for the VPC\s+\$50\.35/);
    expect(r.stdout).toMatch(/ {3}one NAT Gateway per AZ\s+\$99\.06/);
    expect(r.stdout).toMatch(/✗ VPC endpoints\s+\$0\.00\s+endpoints reach AWS services only/);
    expect(r.stdout).toMatch(/list prices of 20\d\d-\d\d, ap-northeast-1/);
  });

  it('--json prints one document', async () => {
    const r = await run(['nat-check', '--needs', 'ecr-pull,ssm', '--priority', 'availability', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      recommended: 'endpoints',
      nat: { mode: 'none', egress: 'endpoints', endpoints: { s3Gateway: true, interfaces: ['ecr.api', 'ecr.dkr', 'ssmmessages'] }, monthlyCostUsd: 61.52 },
      answers: { needs: ['ecr-pull', 'ssm'], priority: 'availability', region: 'ap-northeast-1' },
      tutorialDifferences: [expect.stringMatching(/image pulls/), expect.stringMatching(/SSM port forwarding/)],
      prices: { region: 'ap-northeast-1', currency: 'USD', estimated: true, missing: [] },
    });
    expect(doc.options.map((o: { option: string }) => o.option)).toEqual(['endpoints', 'per-az', 'none', 'public-subnets', 'instance', 'single']);
  });

  it('gives the same answer from an answers file as from options', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nw-natcheck-'));
    const file = join(dir, 'net-wizard.json');
    await writeFile(file, JSON.stringify({ needs: ['ecr-pull', 'logs'], region: 'us-east-1', trafficGb: 100 }));
    const fromFile = await run(['nat-check', '--config', file, '--json']);
    const fromOptions = await run(['nat-check', '--needs', 'ecr-pull,logs', '--region', 'us-east-1', '--traffic-gb', '100', '--json']);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(JSON.parse(fromOptions.stdout));
  });

  it('refuses an unknown need with exit 2, naming the option', async () => {
    const r = await run(['nat-check', '--needs', 'internet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--needs: "internet" is not one of ecr-pull, external-api/);
    expect(r.stdout).toBe('');
  });

  it('says when --nat overrides the advice and what that breaks', async () => {
    const r = await run(['nat-check', '--needs', 'external-api', '--nat', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Chosen: no way out (VPC-internal only)');
    expect(r.stdout).toMatch(/! --nat none: calling external APIs will fail from private subnets/);
  });

  it('--json carries the prices (region, date, source, estimated and which figures were derived) and the break-even', async () => {
    const r = await run(['nat-check', '--needs', 'ecr-pull,logs', '--region', 'eu-west-1', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['answers', 'recommended', 'nat', 'options', 'routes', 'tutorialDifferences', 'prices', 'advice']);
    expect(doc.prices).toMatchObject({
      region: 'eu-west-1',
      date: expect.stringMatching(/^20\d\d-\d\d$/),
      source: expect.stringMatching(/AWS bulk price list AmazonEC2 eu-west-1/),
      estimated: true,
      derived: [{ figure: 'data between AZs per GB', how: expect.any(String) }],
      missing: [],
    });
    // one NAT: 730 × (0.048 + 0.005) + 0.058/GB; endpoints: 3 × 2 × 730 × 0.011 + 0.01/GB → 9.49 / 0.048
    expect(doc.advice).toEqual({ recommended: 'single', runnerUp: 'endpoints', breakEven: { option: 'endpoints', gbPerMonth: 198, when: 'above' }, costKnown: true });
    expect(doc.nat.crashLoop).toMatchObject({ pullsPerDay: 1440, imageGbPerDay: 720, layersViaS3Gateway: true, withoutS3GatewayUsdPerDay: 34.56 }); // 720 × 0.048
  });

  it('prints the break-even under the cost line, and the crash-loop cost', async () => {
    const r = await run(['nat-check', '--needs', 'ecr-pull,logs', '--image-mb', '800']);
    expect(r.stdout).toMatch(/Recommended: one NAT Gateway for the VPC — \$50\.35\/month\n {2}VPC endpoints become cheaper above 200 GB a month\n/);
    expect(r.stdout).toContain('1,440 × 800 MB = 1,152 GB (--image-mb 800)');
    expect(r.stdout).toMatch(/free S3 gateway endpoint net-wizard adds with ecr-pull carries them/);
    expect(r.stdout).toContain('Without that endpoint the layers would go through the NAT Gateway too: $71.42 a day.'); // 1152 × 0.062
  });

  it('says a cost is unknown in a region without its prices instead of borrowing another region\'s', async () => {
    const r = await run(['nat-check', '--needs', 'external-api', '--region', 'af-south-1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommended: one NAT Gateway for the VPC — unknown in af-south-1 (no price for NAT Gateway per hour, NAT Gateway per GB processed, data between AZs per GB)');
    expect(r.stdout).toMatch(/→ one NAT Gateway for the VPC\s+unknown/);
    expect(r.stdout).toMatch(/Unknown in af-south-1: NAT Gateway per hour, .*\(--live-prices asks AWS\)/);
    expect(r.stdout).not.toMatch(/us-east-1/);
  });

  it('--live-prices without AWS credentials exits 2, naming what to set, with nothing on stdout', async () => {
    const home = await mkdtemp(join(tmpdir(), 'nw-home-'));
    let stdout = '';
    let stderr = '';
    const code = await main(['nat-check', '--needs', 'external-api', '--live-prices'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { PATH: '', HOME: home }, isTTY: false });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--live-prices: asks the AWS Price List API, which needs AWS credentials .*AWS_PROFILE.*leave out --live-prices to use net-wizard's table of 20\d\d-\d\d/);
  });

  it('refuses a bad --image-mb with exit 2 and a good value', async () => {
    const r = await run(['nat-check', '--needs', 'ecr-pull', '--image-mb', 'big']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--image-mb: "big" is not a size in MB \(a number above 0, e\.g\. 500\)/);
  });

  it('apply --live-prices with an emulator is refused with exit 2 before anything runs (an emulator has no prices)', async () => {
    const r = await run(['apply', '--project', 'shop', '--endpoint', 'http://127.0.0.1:5000', '--live-prices', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--live-prices: asks AWS's own Price List API; an emulator \(--endpoint http:\/\/127\.0\.0\.1:5000\) has no prices/);
    expect(r.stdout).toBe('');
  });
});
