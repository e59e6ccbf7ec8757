/**
 * Preflight against moto: known limits are checked before anything is planned, and a failure
 * names the fix and changes nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeAws } from '../helpers/aws-change.js';
import { taggedResources } from '../helpers/aws-inspect.js';
import { runCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const REGION = 'ap-northeast-1';

describe.skipIf(!!skip)('preflight', () => {
  const world = useE2eWorld();
  const apply = (project: string, extra: string[]) =>
    runCli(['apply', '--project', project, '--endpoint', world.moto.endpoint, '--workdir', join(world.work.path, project), '--yes', ...extra], { env: world.env });

  it('refuses a NAT plan that needs more Elastic IPs than the quota leaves, naming the quota code, before changing anything', async () => {
    for (let i = 0; i < 4; i++) await changeAws({ endpoint: world.moto.endpoint, region: REGION }, 'allocate_address', { Domain: 'vpc' });
    const r = await apply('quota', ['--nat', 'per-az']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('net-wizard: preflight failed; nothing was changed.');
    expect(r.stderr).toMatch(/needs 2 new Elastic IPs, 4 of .*5.* are in use in ap-northeast-1.*quota code L-0263D0A3/);
    expect(r.stderr).not.toMatch(/✓ terraform plan/);
    expect(existsSync(join(world.work.path, 'quota', 'tfplan'))).toBe(false);
    expect(await taggedResources({ endpoint: world.moto.endpoint, region: REGION, project: 'quota' })).toEqual([]);
    // One NAT fits: the fix the message suggests works.
    const single = await apply('quota', ['--nat', 'single']);
    expect(single.exitCode, single.stderr).toBe(0);
    expect(single.stderr).toMatch(/✓ Checking terraform, the AWS credentials and quotas: account 123456789012/);
  });

  it('refuses an endpoint where nothing answers before terraform plans, naming it', async () => {
    const r = await runCli(['apply', '--project', 'dead', '--endpoint', 'http://127.0.0.1:9', '--workdir', join(world.work.path, 'dead'), '--yes'], { env: world.env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/STS GetCallerIdentity at http:\/\/127\.0\.0\.1:9 failed: ECONNREFUSED.*Fix: nothing answers there/);
    expect(r.stderr).not.toMatch(/✓ terraform plan|✗ terraform plan/);
  });
});
