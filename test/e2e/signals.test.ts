/**
 * Every way to stop a run is safe, through the real CLI with terraform against moto. SIGTERM
 * (kill, timeout, docker stop, a cancelled CI job) and SIGHUP mid-apply stop terraform
 * gracefully: exit 143 / 129, the state kept with everything AWS made, the lock released, no
 * terraform process left, and the rerun converges. Ctrl-C during the live verification ends its
 * AWS reads at once (exit 130), not after the SDK's time limits. A terminal closed at the
 * confirmation prompt leaves having changed nothing (129); the wizard ends with the signal's exit
 * code too.
 *
 * The network is applied through a loopback fault proxy in front of moto (the workdir records
 * that endpoint), so that the verification case can make net-wizard's own AWS calls hang, and the
 * stops mid-apply can come while none of terraform's calls is at moto (see stopMidApply).
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectNetwork, taggedResources, type Snapshot } from '../helpers/aws-inspect.js';
import { runCli, startCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { runCliInPty, type PtyStep } from '../helpers/pty.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const ENTER = '\r';
/** The applied network: 3 AZs, a NAT Gateway per AZ, custom NACLs. */
const RESOURCES = 40;

/** The processes whose working directory is `dir` (terraform and its provider plugins run there). */
function processesIn(dir: string): string[] {
  const real = realpathSync(dir);
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) !== real) continue;
      found.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

interface LocalState {
  resources: { mode: string; type: string; name: string; instances: { attributes: { id?: string } }[] }[];
}
const readState = (workdir: string) => JSON.parse(readFileSync(join(workdir, 'terraform.tfstate'), 'utf8')) as LocalState;

/**
 * The resources the workdir's local state holds: instances of managed resources (a stopped apply
 * leaves entries with no instance for the resources it had not begun; they hold nothing).
 */
function stateResources(workdir: string): number {
  return readState(workdir).resources.filter((r) => r.mode === 'managed').reduce((n, r) => n + r.instances.length, 0);
}

/** What AWS holds for the network (read with boto3) that the state does not record; the VPC's own defaults aside. */
function lostFromState(snapshot: Snapshot, workdir: string): string[] {
  const ids = new Set(readState(workdir).resources.flatMap((r) => r.instances.map((i) => i.attributes.id)));
  const held = [
    ...snapshot.vpcs.map((x) => x.id),
    ...snapshot.subnets.map((x) => x.id),
    ...snapshot.internetGateways.map((x) => x.id),
    ...snapshot.routeTables.filter((x) => !x.main).map((x) => x.id),
    ...snapshot.securityGroups.filter((x) => !x.isDefault).map((x) => x.id),
    ...snapshot.networkAcls.filter((x) => !x.isDefault).map((x) => x.id),
    ...snapshot.elasticIps.map((x) => x.allocationId ?? ''),
    ...snapshot.natGateways.filter((x) => x.state !== 'deleted').map((x) => x.id),
  ];
  return held.filter((id) => !ids.has(id));
}

/** Resolves once the child's stderr so far matches. */
function onStderr(child: ResultPromise, pattern: RegExp): Promise<void> {
  let seen = '';
  return new Promise((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    });
  });
}

/** Waits until `ready()` holds, checking every 50 ms, up to a generous ceiling. */
async function until(ready: () => boolean, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!!skip)('stopping a run', () => {
  const world = useE2eWorld();
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy({ target: world.moto.endpoint });
  });
  afterAll(async () => proxy?.stop());

  const workdir = () => join(world.work.path, 'net');
  const apply = () => ['apply', '--project', 'sig', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom', '--endpoint', proxy.url, '--workdir', workdir(), '--yes'];
  /** What the stops left in the state, run after run. */
  const kept: number[] = [];

  /**
   * Start the apply and send `signal` once terraform has created something (so that the state
   * holds a part of the network). terraform's AWS provider cancels the calls it has in flight when
   * asked to stop, and one that had already reached AWS leaves a resource the state never lists
   * (README, "The wizard"): that is terraform's, not what this test is about. So terraform's new
   * calls are held at the proxy, and the signal goes once those already at moto have come back.
   */
  async function stopMidApply(signal: 'SIGTERM' | 'SIGHUP') {
    const { child, result } = startCli(apply(), { env: world.env });
    await onStderr(child, /: created after/);
    proxy.setRules([{ userAgent: 'terraform-provider-aws', hang: true }]);
    try {
      await until(() => proxy.inFlight === 0, "terraform's calls at moto to come back");
      child.kill(signal);
      return await result;
    } finally {
      proxy.setRules([]);
    }
  }

  /** After a stop mid-apply: terraform is gone, it released the lock, and the state holds what AWS made: a part of the network. */
  const expectStoppedSafely = async () => {
    expect(processesIn(workdir())).toEqual([]);
    expect(existsSync(join(workdir(), '.terraform.tfstate.lock.info'))).toBe(false);
    const count = stateResources(workdir());
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(RESOURCES);
    const snapshot = await inspectNetwork({ endpoint: world.moto.endpoint, region: 'ap-northeast-1', project: 'sig', env: 'dev' });
    expect(lostFromState(snapshot, workdir())).toEqual([]);
    kept.push(count);
  };

  it('SIGTERM mid-apply: terraform stops gracefully, exit 143, the state kept', async () => {
    const r = await stopMidApply('SIGTERM');
    expect(r.exitCode, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/SIGTERM received\. Stopping terraform gracefully; the state is kept/);
    expect(r.stderr).toMatch(/net-wizard: interrupted \(SIGTERM\); terraform stopped gracefully and the state is kept/);
    expect(r.stderr).toMatch(/Left half-done when terraform stopped/);
    await expectStoppedSafely();
  });

  it('SIGHUP mid-apply: the same, exit 129', async () => {
    const r = await stopMidApply('SIGHUP');
    expect(r.exitCode, r.stderr).toBe(129);
    expect(r.stderr).toMatch(/SIGHUP received\. Stopping terraform gracefully; the state is kept/);
    expect(r.stderr).toMatch(/net-wizard: interrupted \(SIGHUP\); terraform stopped gracefully and the state is kept/);
    await expectStoppedSafely();
  });

  it('the rerun converges: it makes what the stops left, nothing twice; a further plan has no changes', async () => {
    const rerun = await runCli([...apply(), '--json'], { env: world.env });
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    // The workdir holds what the stopped applies made, not an applied network, and says so.
    expect(rerun.stderr).toContain(`${workdir()} holds a network an earlier apply began and did not finish`);
    const doc = JSON.parse(rerun.stdout) as { plan: { add: number; destroy: number }; verification: { status: string }[] };
    // What a stop left half-made is tainted in the state and replaced (one destroy, one add).
    expect(doc.plan.add - doc.plan.destroy).toBe(RESOURCES - kept.at(-1)!);
    expect(doc.verification.filter((c) => c.status === 'fail')).toEqual([]);
    const s = await inspectNetwork({ endpoint: world.moto.endpoint, region: 'ap-northeast-1', project: 'sig', env: 'dev' });
    expect(s.vpcs).toHaveLength(1);
    expect(s.natGateways.filter((n) => n.state === 'available')).toHaveLength(3);
    expect(s.elasticIps).toHaveLength(3);

    const plan = await runCli(['plan', ...apply().slice(1, -1), '--json'], { env: world.env });
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ changes: false, plan: { add: 0, change: 0, destroy: 0 } });
  });

  it('Ctrl-C during the live verification aborts its AWS reads at once: exit 130, not after the SDK time limits', async () => {
    // net-wizard's own EC2 reads get no answer (the request time limit is 15 s, two attempts); STS
    // answers, so that the workdir's target check passes and the stop comes during the verification.
    proxy.setRules([{ service: 'ec2', userAgent: 'aws-sdk-js', hang: true }]);
    proxy.clearRequests();
    try {
      const { child, result } = startCli(['verify', '--workdir', workdir()], { env: world.env });
      await until(() => proxy.requests.some((r) => 'hung' in r.outcome), 'a verification read waiting on AWS');
      const stoppedAt = Date.now();
      child.kill('SIGINT');
      const r = await result;
      const took = Date.now() - stoppedAt;
      expect(r.exitCode, r.stderr).toBe(130);
      expect(r.stderr).toMatch(/net-wizard: interrupted during the live verification; its AWS reads were stopped \(they change nothing\) and terraform's state is kept/);
      expect(r.stderr).not.toMatch(/Stopping terraform gracefully|TimeoutError/);
      // Far inside the first request's own 15 s limit: the abort ended it, not a time-out.
      expect(took, `exited ${took} ms after SIGINT`).toBeLessThan(3_000);
      console.log(`verify exited ${took} ms after SIGINT`);
      expect(processesIn(workdir())).toEqual([]);
    } finally {
      proxy.setRules([]);
    }
  });

  it('the terminal closed at the confirmation prompt (SIGHUP): exit 129, nothing changed', async () => {
    const dir = join(world.work.path, 'ask');
    const args = ['apply', '--project', 'sigask', '--endpoint', proxy.url, '--workdir', dir];
    // A real terminal that goes away: the kernel sends SIGHUP, reads and writes on it fail.
    const steps: PtyStep[] = [{ wait: 'Apply these changes\\? \\[y/N\\]', timeout: 300 }, { hangup: true }];
    const r = await runCliInPty(args, steps, world.env);
    expect(r.failedStep, r.transcript.slice(-3000)).toBeNull();
    expect(r.exitCode, r.transcript.slice(-3000)).toBe(129);
    expect(processesIn(dir)).toEqual([]);
    expect(existsSync(join(dir, 'terraform.tfstate')) ? stateResources(dir) : 0).toBe(0);
    expect(await taggedResources({ endpoint: world.moto.endpoint, region: 'ap-northeast-1', project: 'sigask' })).toEqual([]);
  });

  it('the wizard: SIGTERM from outside while it applies stops terraform gracefully, exit 143', async () => {
    const dir = join(world.work.path, 'wizard');
    const titles = ['Environment', 'AWS region', 'A new VPC, or one that exists', 'Availability zones', 'VPC CIDR', 'Container port', 'Database port', 'What must your tasks reach', 'Where do the app tasks run', 'Cost first', 'Outbound traffic', 'Tasks running at once', 'NAT Gateways', 'Network ACLs'];
    const steps: PtyStep[] = [
      { wait: 'Project name' },
      { send: 'sigwiz' },
      { wait: 'sigwiz' },
      { send: ENTER },
      ...titles.flatMap((t): PtyStep[] => [{ wait: `\\? ${t}` }, { send: ENTER }]),
      { wait: 'Apply these changes\\?', timeout: 300 },
      { send: 'y' },
      { wait: '\\d+s created · aws_', timeout: 300 },
      { signal: 'SIGTERM' },
      { wait: 'Interrupted: terraform stopped gracefully', timeout: 300 },
    ];
    const r = await runCliInPty(['--endpoint', proxy.url, '--workdir', dir], steps, world.env);
    expect(r.failedStep, r.transcript.slice(-3000)).toBeNull();
    expect(r.exitCode, r.transcript.slice(-3000)).toBe(143);
    expect(r.transcript).toMatch(/the state in .* is kept/);
    expect(processesIn(dir)).toEqual([]);
    expect(existsSync(join(dir, '.terraform.tfstate.lock.info'))).toBe(false);
    expect(stateResources(dir)).toBeGreaterThan(0);
  });
});
