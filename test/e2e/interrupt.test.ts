/**
 * Ctrl-C during apply, through the real CLI: terraform gets exactly one interrupt, stops
 * gracefully, the state is kept, the exit code is 130, and the next apply converges.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectNetwork } from '../helpers/aws-inspect.js';
import { runCli, startCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();

describe.skipIf(!!skip)('interrupting apply', () => {
  const world = useE2eWorld();

  it('stops terraform gracefully on SIGINT, keeps the state, exits 130; the rerun converges', async () => {
    const workdir = join(world.work.path, 'net');
    const args = ['apply', '--project', 'intr', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom', '--endpoint', world.moto.endpoint, '--workdir', workdir, '--yes'];
    const { child, result } = startCli(args, { env: world.env });
    let sent = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      // Interrupt once terraform has created something, so that the state holds a part of the network.
      if (!sent && /: created after/.test(chunk.toString())) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const r = await result;
    expect(sent).toBe(true);
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/Stopping terraform gracefully; the state is kept/);
    expect(r.stderr).toMatch(/interrupted; terraform stopped gracefully and the state is kept/);
    // What was being created when the interrupt came is named.
    expect(r.stderr).toMatch(/Left half-done when terraform stopped[^\n]*\n(  aws_\w+\.\w+ \(create\)\n)+/);
    const state = JSON.parse(await readFile(join(workdir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; name: string }[] };
    expect(state.resources.length).toBeGreaterThan(0);
    expect(state.resources.length).toBeLessThan(40);

    const rerun = await runCli([...args, '--json'], { env: world.env });
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    const doc = JSON.parse(rerun.stdout);
    // What the interrupt left half-made is tainted in the state and replaced; nothing is built twice.
    expect(doc.plan.add - doc.plan.destroy).toBe(40 - state.resources.length);
    const s = await inspectNetwork({ endpoint: world.moto.endpoint, region: 'ap-northeast-1', project: 'intr', env: 'dev' });
    expect(s.vpcs).toHaveLength(1);
    expect(s.natGateways.filter((n) => n.state === 'available')).toHaveLength(3);

    const again = await runCli([...args, '--json'], { env: world.env });
    expect(JSON.parse(again.stdout).plan).toEqual({ add: 0, change: 0, destroy: 0 });
  });
});
