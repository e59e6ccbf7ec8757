/**
 * Ctrl-C during apply, through the real CLI: terraform gets exactly one interrupt, stops
 * gracefully, the state is kept, the exit code is 130, and the next apply converges.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectNetwork } from '../helpers/aws-inspect.js';
import { runCli, startCli, tempDir } from '../helpers/cli.js';
import { startMoto, type Moto } from '../helpers/moto.js';
import { e2eSkipReason, terraformTestEnv } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();

describe.skipIf(!!skip)('interrupting apply', () => {
  let moto: Moto;
  let work: { path: string; cleanup(): Promise<void> };
  let env: Record<string, string>;
  let cleanupTf: () => Promise<void>;

  beforeAll(async () => {
    const tf = await terraformTestEnv();
    if (!tf.ok) throw new Error(tf.reason);
    env = tf.env;
    cleanupTf = tf.cleanup;
    moto = await startMoto();
    work = await tempDir();
  });

  afterAll(async () => {
    await moto?.stop();
    await work?.cleanup();
    await cleanupTf?.();
  });

  it('stops terraform gracefully on SIGINT, keeps the state, exits 130; the rerun converges', async () => {
    const workdir = join(work.path, 'net');
    const args = ['apply', '--project', 'intr', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom', '--endpoint', moto.endpoint, '--workdir', workdir, '--yes'];
    const { child, result } = startCli(args, { env });
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
    const state = JSON.parse(await readFile(join(workdir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; name: string }[] };
    expect(state.resources.length).toBeGreaterThan(0);
    expect(state.resources.length).toBeLessThan(40);

    const rerun = await runCli([...args, '--json'], { env });
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    const doc = JSON.parse(rerun.stdout);
    // What the interrupt left half-made is tainted in the state and replaced; nothing is built twice.
    expect(doc.plan.add - doc.plan.destroy).toBe(40 - state.resources.length);
    const s = await inspectNetwork({ endpoint: moto.endpoint, region: 'ap-northeast-1', project: 'intr', env: 'dev' });
    expect(s.vpcs).toHaveLength(1);
    expect(s.natGateways.filter((n) => n.state === 'available')).toHaveLength(3);

    const again = await runCli([...args, '--json'], { env });
    expect(JSON.parse(again.stdout).plan).toEqual({ add: 0, change: 0, destroy: 0 });
  });
});
