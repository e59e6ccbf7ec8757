/**
 * The zero-setup demo, as a new user meets it: no AWS credentials anywhere, `npx net-wizard` in a
 * real terminal offers a local emulator, runs the whole flow on the moto it started (read back
 * with boto3 while the end screen waits), says that nothing touched AWS, and leaves no moto behind.
 * The wizard starts its own moto: this file starts none.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { pythonCommand } from '../helpers/moto.js';
import { runCliInPty, type PtyStep } from '../helpers/pty.js';
import { e2eSkipReason, terraformTestEnv } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const ENTER = '\r';
const INSPECT = fileURLToPath(new URL('../helpers/aws-inspect.py', import.meta.url));

/** Gone: no process with this pid (or a zombie nobody waits for is not ours: moto's parent has exited). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe.skipIf(!!skip)('the demo: no credentials, a local emulator offered and started by the wizard', () => {
  let env: Record<string, string | undefined> = {};
  let home: { path: string; cleanup(): Promise<void> };
  let cleanupTf: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const tf = await terraformTestEnv();
    if (!tf.ok) throw new Error(tf.reason);
    cleanupTf = tf.cleanup;
    home = await tempDir('net-wizard-demo-home-');
    // No credentials of any kind: none in the environment, no ~/.aws; temporary folders in the test's own.
    env = { ...tf.env, HOME: home.path, TMPDIR: home.path, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_SHARED_CREDENTIALS_FILE: undefined, AWS_CONFIG_FILE: undefined };
  });
  afterAll(async () => {
    await home?.cleanup();
    await cleanupTf?.();
  });

  it('offers the emulator, builds and verifies the network on it, says nothing touched AWS, and stops its moto', async () => {
    const titles = ['Environment', 'AWS region', 'A new VPC, or one that exists', 'Availability zones', 'VPC CIDR', 'Container port', 'Database port', 'What must your tasks reach', 'Where do the app tasks run', 'Cost first', 'Outbound traffic', 'Tasks running at once', 'NAT Gateways', 'Network ACLs'];
    const steps: PtyStep[] = [
      { wait: 'Try it on a local emulator now\\? \\(Y/n\\)', timeout: 60 },
      { send: ENTER },
      { wait: 'Project name', timeout: 60 },
      { send: 'demo-e2e' },
      { wait: 'demo-e2e' },
      { send: ENTER },
      ...titles.flatMap((t): PtyStep[] => [{ wait: `\\? ${t}` }, { send: ENTER }]),
      { wait: 'Apply these changes\\?', timeout: 120 },
      { send: 'y' },
      { wait: 'Save these answers', timeout: 300 },
      // While the end screen waits, the emulator the wizard started still runs: read it back with boto3.
      { exec: [pythonCommand(), INSPECT, 'network', '--endpoint', '{1}', '--region', 'ap-northeast-1', '--project', 'demo-e2e', '--env', 'dev'], with: 'moto at (http://127\\.0\\.0\\.1:\\d+)' },
      { send: 'n' },
    ];
    const r = await runCliInPty(['--workdir', join(home.path, 'net')], steps, env);
    expect(r.failedStep, r.transcript.slice(-3000)).toBeNull();
    expect(r.exitCode, r.transcript.slice(-3000)).toBe(0);
    const started = /Local emulator: moto at (http:\/\/127\.0\.0\.1:(\d+)) \(pid (\d+)\), for this run only; nothing touches AWS\./.exec(r.transcript);
    expect(started, r.transcript.slice(0, 2000)).not.toBeNull();
    expect(r.transcript).toContain('✔ Try it on a local emulator now?: yes');
    expect(r.transcript).toMatch(/✔ Live network (\d+)\/\1 as asked/);
    expect(r.transcript).toContain('This network is on the local emulator, which stops when you leave this screen');
    expect(r.transcript).toMatch(/Nothing touched AWS: everything ran on the local emulator at http:\/\/127\.0\.0\.1:\d+, now stopped/);

    // The VPC existed in the emulator the wizard started.
    const [read] = r.execs;
    expect(read!.code, read!.stderr).toBe(0);
    const snapshot = JSON.parse(read!.stdout) as { vpcs: { id: string; cidr: string; tags: Record<string, string> }[] };
    expect(snapshot.vpcs).toHaveLength(1);
    expect(snapshot.vpcs[0]!.cidr).toBe('10.0.0.0/16');
    expect(snapshot.vpcs[0]!.tags.Name).toBe('demo-e2e-dev-vpc');
    expect(r.transcript).toContain(`vpc_id = ${snapshot.vpcs[0]!.id}`);

    // And nothing of it is left: the process is gone and its port answers no more.
    const pid = Number(started![3]);
    expect(alive(pid)).toBe(false);
    await expect(fetch(`${started![1]}/moto-api/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('--demo where moto cannot be started: says how to get it, exit 1, nothing written', async () => {
    const workdir = join(home.path, 'never');
    const r = await runCliInPty(['--demo', '--workdir', workdir], [], { ...env, NET_WIZARD_PYTHON: join(home.path, 'no-python-here') });
    expect(r.exitCode).toBe(1);
    // Wrapped to the terminal's width: read it as one text.
    const text = r.transcript.replace(/\s+/g, ' ');
    expect(text).toMatch(/--demo needs moto, the local AWS emulator, and \S*no-python-here could not be run \(ENOENT\)/);
    expect(text).toContain("pip install 'moto[server]'");
    expect(r.transcript).not.toContain('Project name');
    await expect(import('node:fs/promises').then((fs) => fs.stat(workdir))).rejects.toThrow(/ENOENT/);
  });
});
