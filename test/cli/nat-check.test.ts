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
});
