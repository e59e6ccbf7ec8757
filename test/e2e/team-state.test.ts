/**
 * Team state, end to end against moto with real terraform: the S3 backend with S3 native locking
 * (use_lockfile), shared by two workdirs (two team members); a workdir's own state moved into the
 * bucket only by the user's `terraform init -migrate-state`; two concurrent applies on one state
 * (the second fails fast on the lock, the first is unaffected); and SIGKILLed applies leaving a
 * stale lock that the user releases with the printed force-unlock command. The bucket and its
 * objects are read with boto3, not with net-wizard's code.
 */
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeAws } from '../helpers/aws-change.js';
import { inspectNetwork, taggedResources } from '../helpers/aws-inspect.js';
import { applyForSetup, runCli, startCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { createBucket, getObject, listObjects, readStoredState } from '../helpers/s3-state.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const REGION = 'ap-northeast-1';
const BUCKET = 'team-state';
const keyOf = (project: string) => `net-wizard/${project}-dev/terraform.tfstate`;

interface ApplyDoc {
  config: Record<string, unknown>;
  plan: { add: number; change: number; destroy: number };
  outputs: Record<string, unknown>;
  verification: { id: string; status: string; detail: string }[];
}

/** Poll until `check` holds, at most `ms`; fails the test with `what` otherwise. */
async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 180_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The processes whose parent is `pid` (Linux /proc), as the machine dying would take them too. */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …; comm may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) found.push(Number(entry));
  }
  return found;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe.skipIf(!!skip)('team state: the S3 backend with S3 native locking', () => {
  const world = useE2eWorld();
  const s3 = () => ({ endpoint: world.moto.endpoint, region: REGION });
  const objectKeys = async () => (await listObjects(s3(), BUCKET)).map((o) => o.key);
  /** The environment of a user's shell: the CLI config naming the provider mirror, and terraform free to ask. */
  const userShell = () => {
    const { TF_INPUT: _input, TF_IN_AUTOMATION: _automation, ...env } = { ...process.env, ...world.env };
    return env;
  };
  const lockObject = async (project: string) => JSON.parse(await getObject(s3(), BUCKET, `${keyOf(project)}.tflock`)) as { ID: string; Who: string; Operation: string; Created: string };

  beforeAll(async () => {
    // A team creates its state bucket once, by hand or in another stack.
    await createBucket(s3(), BUCKET);
  });

  it('a state bucket that does not exist: the preflight refuses, with the commands that create it; nothing planned, nothing made', async () => {
    const workdir = join(world.work.path, 'nobucket');
    const r = await runCli(['apply', '--project', 'nobucket', '--azs', 'a,c', '--endpoint', world.moto.endpoint, '--state-bucket', 'no-such-bucket', '--workdir', workdir, '--yes'], { env: world.env });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toContain('net-wizard: preflight failed; nothing was changed.');
    expect(r.stderr).toContain(`✗ the state bucket can be reached — S3 HeadBucket of no-such-bucket in ${REGION} at ${world.moto.endpoint} failed: NotFound (HTTP 404). Fix: create the bucket first, once for the team, with versioning on (aws s3api create-bucket --bucket no-such-bucket --region ${REGION} --create-bucket-configuration LocationConstraint=${REGION};`);
    expect(r.stderr).not.toMatch(/✓ terraform plan/);
    expect(await exists(join(workdir, 'tfplan'))).toBe(false);
    expect(await exists(join(workdir, 'terraform.tfstate'))).toBe(false);
    expect(await taggedResources({ endpoint: world.moto.endpoint, region: REGION, project: 'nobucket' })).toEqual([]);
  });

  it('keeps the state in the bucket, none in the workdir; a second member with the same answers file plans no changes', async () => {
    const answers = join(world.work.path, 'team.json');
    await writeFile(answers, JSON.stringify({ project: 'team', env: 'dev', azs: ['a', 'c'], needs: 'none', stateBucket: BUCKET, endpoint: world.moto.endpoint }, null, 2));
    const alice = join(world.work.path, 'alice');
    const bob = join(world.work.path, 'bob');

    const applied = await runCli(['apply', '--config', answers, '--workdir', alice, '--yes', '--json'], { env: world.env });
    expect(applied.exitCode, applied.stderr).toBe(0);
    const doc = JSON.parse(applied.stdout) as ApplyDoc;
    expect(doc.config).toMatchObject({ stateBucket: BUCKET, stateKey: keyOf('team'), stateRegion: REGION });
    expect(doc.verification.filter((c) => c.status === 'fail')).toEqual([]);

    // The state object is in the bucket (boto3), the lock is gone, and it holds what was made.
    const keys = await objectKeys();
    expect(keys).toContain(keyOf('team'));
    expect(keys).not.toContain(`${keyOf('team')}.tflock`);
    const stored = await readStoredState(s3(), BUCKET, keyOf('team'));
    expect(stored.addresses).toContain('aws_vpc.main');
    expect(stored.addresses.length).toBe(doc.plan.add);
    expect(stored.attributes['aws_vpc.main']!.id).toBe(doc.outputs.vpc_id);
    // No state of its own in the workdir; the workdir records where the state is.
    expect(await exists(join(alice, 'terraform.tfstate'))).toBe(false);
    const record = JSON.parse(await readFile(join(alice, 'net-wizard.config.json'), 'utf8')) as { config: Record<string, unknown> };
    expect(record.config).toMatchObject({ stateBucket: BUCKET, stateKey: keyOf('team'), stateRegion: REGION });
    const cdk = JSON.parse(await readFile(join(alice, 'cdk.tf.json'), 'utf8')) as { terraform: { backend: Record<string, Record<string, unknown>> } };
    expect(cdk.terraform.backend.s3).toMatchObject({ bucket: BUCKET, key: keyOf('team'), use_lockfile: true, encrypt: true, use_path_style: true });

    // Another member, another machine (workdir), the same answers file: nothing to change.
    const planned = await runCli(['plan', '--config', answers, '--workdir', bob, '--json'], { env: world.env });
    expect(planned.exitCode, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout)).toMatchObject({ changes: false, plan: { add: 0, change: 0, destroy: 0 } });
    expect(await exists(join(bob, 'terraform.tfstate'))).toBe(false);
    // …and reads the same outputs from the shared state.
    const outputs = await runCli(['outputs', '--workdir', bob, '--json'], { env: world.env });
    expect(outputs.exitCode, outputs.stderr).toBe(0);
    expect(JSON.parse(outputs.stdout).outputs.vpc_id).toBe(doc.outputs.vpc_id);
    // The shared state was not written by the plan.
    expect((await readStoredState(s3(), BUCKET, keyOf('team'))).serial).toBe(stored.serial);

    // Forgetting the bucket is refused before terraform runs: the workdir's state is in S3.
    const forgot = await runCli(['plan', '--project', 'team', '--azs', 'a,c', '--endpoint', world.moto.endpoint, '--workdir', bob], { env: world.env });
    expect(forgot.exitCode, forgot.stderr).toBe(1);
    expect(forgot.stderr).toContain("net-wizard: the state's place changed; terraform was not run and the state is kept.");
    expect(forgot.stderr).toContain(`The state of this workdir is kept in s3://${BUCKET}/${keyOf('team')} (${REGION}), but the configuration now keeps it in the workdir (terraform.tfstate).`);
    expect(forgot.stderr).toContain(`run again with --state-bucket ${BUCKET} --state-key ${keyOf('team')} --state-region ${REGION}`);
    expect(await exists(join(bob, 'terraform.tfstate'))).toBe(false);
    // With the answers again, the workdir plans as before, without reinitializing anything.
    const back = await runCli(['plan', '--config', answers, '--workdir', bob], { env: world.env });
    expect(back.exitCode, back.stderr).toBe(0);
    expect(back.stderr).not.toContain('-reconfigure');
    expect(back.stdout).toContain('No changes.');
  });

  it('moving a workdir state into the bucket: refused until the user runs the printed terraform init -migrate-state; then nothing to change', async () => {
    const workdir = join(world.work.path, 'solo');
    const base = ['--project', 'solo', '--azs', 'a,c', '--endpoint', world.moto.endpoint, '--workdir', workdir, '--yes'];
    const alone = await runCli(['apply', ...base, '--json'], { env: world.env });
    expect(alone.exitCode, alone.stderr).toBe(0);
    const vpcId = (JSON.parse(alone.stdout) as ApplyDoc).outputs.vpc_id;
    const local = JSON.parse(await readFile(join(workdir, 'terraform.tfstate'), 'utf8')) as { resources: unknown[] };

    // The team joins: the same network, its state to go to the bucket. Not silently: the state
    // would be left behind, and the next plan would build the network a second time.
    const refused = await runCli(['apply', ...base, '--state-bucket', BUCKET], { env: world.env });
    expect(refused.exitCode, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`The state of this workdir is kept in the workdir (terraform.tfstate), but the configuration now keeps it in s3://${BUCKET}/${keyOf('solo')} (${REGION}).`);
    expect(await objectKeys()).not.toContain(keyOf('solo'));
    const command = /^ {2,}(cd .* init -migrate-state)$/m.exec(refused.stderr)?.[1];
    // The workdir keeps its applied project until an apply goes through: the move starts by putting the new one in place.
    expect(command).toBe(`cd ${workdir} && cp next/cdk.tf.json cdk.tf.json && terraform init -migrate-state`);

    // The user runs it; terraform asks whether to copy the state, they say yes.
    const moved = await execa('sh', ['-c', command!], { input: 'yes\n', env: userShell(), reject: false, timeout: 120_000 });
    expect(moved.exitCode, `${moved.stdout}\n${moved.stderr}`).toBe(0);
    const stored = await readStoredState(s3(), BUCKET, keyOf('solo'));
    expect(stored.addresses.length).toBe(local.resources.length);
    expect(stored.attributes['aws_vpc.main']!.id).toBe(vpcId);

    const after = await runCli(['apply', ...base, '--state-bucket', BUCKET, '--json'], { env: world.env });
    expect(after.exitCode, after.stderr).toBe(0);
    expect((JSON.parse(after.stdout) as ApplyDoc).plan).toEqual({ add: 0, change: 0, destroy: 0 });

    // destroy works from the bucket's state too (and frees the VPC for the tests after this one).
    const destroyed = await runCli(['destroy', '--workdir', workdir, '--yes', '--json'], { env: world.env });
    expect(destroyed.exitCode, destroyed.stderr).toBe(0);
    expect(JSON.parse(destroyed.stdout).destroyed.destroy).toBe(stored.addresses.length);
    expect((await readStoredState(s3(), BUCKET, keyOf('solo'))).addresses).toEqual([]);
  });

  it('two concurrent applies on one state: the second fails fast on the lock (exit 1, owner, force-unlock command); the first is unaffected', async () => {
    const args = (workdir: string) => ['apply', '--project', 'race', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom', '--endpoint', world.moto.endpoint, '--state-bucket', BUCKET, '--workdir', workdir, '--yes'];
    const first = join(world.work.path, 'race-1');
    const second = join(world.work.path, 'race-2');

    const one = startCli([...args(first), '--json'], { env: world.env });
    let applying = false;
    one.child.stderr?.on('data', (chunk: Buffer) => {
      if (/» terraform apply…/.test(chunk.toString())) applying = true;
    });
    // The first run is applying and holds the lock (the .tflock object beside the state).
    await waitFor('the first apply to hold the lock', async () => applying && (await objectKeys()).includes(`${keyOf('race')}.tflock`));
    const lock = await lockObject('race');
    expect(lock.Operation).toBe('OperationTypeApply');

    // The second run, with the default lock timeout (10s).
    const started = Date.now();
    const two = await runCli(args(second), { env: world.env });
    const took = Date.now() - started;
    expect(two.exitCode, two.stderr).toBe(1);
    expect(two.stderr).toContain('net-wizard: terraform plan could not lock the state.');
    expect(two.stderr).toContain('The state is locked by another terraform run (waited 10s for it); this run changed nothing and the state is kept.');
    expect(two.stderr).toContain(`Held by:   ${lock.Who}`);
    expect(two.stderr).toContain('Operation: apply');
    expect(two.stderr).toContain(`Lock ID:   ${lock.ID}`);
    expect(two.stderr).toContain(`State:     ${BUCKET}/${keyOf('race')}`);
    expect(two.stderr).toContain(`  cd ${second} && terraform force-unlock ${lock.ID}\n`);
    expect(two.stderr).toMatch(/If you are sure it is dead/);
    expect(took).toBeLessThan(90_000);

    // The first completes as if alone, and its verification passes.
    const r1 = await one.result;
    expect(r1.exitCode, r1.stderr).toBe(0);
    const doc = JSON.parse(r1.stdout) as ApplyDoc;
    expect(doc.plan.add).toBeGreaterThan(30);
    expect(doc.verification.filter((c) => c.status === 'fail')).toEqual([]);
    expect(await objectKeys()).not.toContain(`${keyOf('race')}.tflock`);
    expect((await readStoredState(s3(), BUCKET, keyOf('race'))).addresses.length).toBe(doc.plan.add);

    // Once the lock is free, the second finds the network made: nothing to change.
    const again = await runCli([...args(second), '--json'], { env: world.env });
    expect(again.exitCode, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as ApplyDoc).plan).toEqual({ add: 0, change: 0, destroy: 0 });

    // Either member may destroy it (freeing the Elastic IPs and the VPC for the tests after this one).
    const destroyed = await runCli(['destroy', '--workdir', first, '--yes'], { env: world.env });
    expect(destroyed.exitCode, destroyed.stderr).toBe(0);
    expect((await readStoredState(s3(), BUCKET, keyOf('race'))).addresses).toEqual([]);
  });

  /**
   * Kill `net-wizard apply` the way a dying machine or a cancelled CI job does: net-wizard,
   * terraform and its provider at once (terraform runs in a process group of its own), when
   * `when` matches a progress line on stderr. Resolves with the run's result.
   */
  async function killApply(args: string[], when: (stderr: string) => Promise<boolean> | boolean) {
    const run = startCli(args, { env: world.env });
    const cli = run.child.pid!;
    let stderr = '';
    let killing: Promise<void> | undefined;
    const killAll = () =>
      (killing ??= (async () => {
        for (const pid of await childrenOf(cli)) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            process.kill(pid, 'SIGKILL');
          }
        }
        run.child.kill('SIGKILL');
      })());
    run.child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // A condition on the output alone is acted on at once, before terraform gets further.
      if (!killing && when(stderr) === true) void killAll();
    });
    // Whether the run ended by itself, before anything killed it.
    let finished = false;
    void run.result.then(() => (finished = !killing));
    try {
      await waitFor('the moment to kill the apply', async () => !!killing || finished || (await when(stderr)), 300_000);
    } finally {
      await killAll();
    }
    expect(finished, `the apply ended before it could be killed:\n${stderr}`).toBe(false);
    const result = await run.result;
    expect(result.signal).toBe('SIGKILL');
    return result;
  }

  const crashDir = () => join(world.work.path, 'crash');
  const crashArgs = () => ['--project', 'crash', '--azs', 'a,c', '--endpoint', world.moto.endpoint, '--state-bucket', BUCKET, '--workdir', crashDir()];

  it('SIGKILL of an apply leaves a stale lock: reported with its owner and the command; after the user runs it the apply converges, nothing lost', async () => {
    const workdir = crashDir();
    const base = [...crashArgs(), '--yes'];

    // The network exists, its state in S3.
    const made = await applyForSetup(['apply', ...base, '--nat', 'none', '--json'], { env: world.env });
    expect(made.exitCode, made.stderr).toBe(0);
    const vpcId = (JSON.parse(made.stdout) as ApplyDoc).outputs.vpc_id;
    const before = await readStoredState(s3(), BUCKET, keyOf('crash'));
    expect(before.addresses).toContain('aws_vpc.main');

    // An apply of a change (a NAT Gateway) dies while terraform holds the lock (its plan reads
    // the network): no chance to release the lock.
    await killApply(['apply', ...base, '--nat', 'single'], async (stderr) => /» terraform plan…/.test(stderr) && (await objectKeys()).includes(`${keyOf('crash')}.tflock`));

    // The lock stayed behind; the state still lists what was made.
    expect(await objectKeys()).toContain(`${keyOf('crash')}.tflock`);
    const lock = await lockObject('crash');
    expect(lock.Operation).toBe('OperationTypePlan');
    const afterKill = await readStoredState(s3(), BUCKET, keyOf('crash'));
    expect(afterKill.addresses).toEqual(before.addresses);
    expect(afterKill.serial).toBe(before.serial);

    // The next run reports the held lock, exits 1, and leaves the lock alone.
    const blocked = await runCli(['apply', ...base, '--nat', 'single'], { env: { ...world.env, NET_WIZARD_LOCK_TIMEOUT: '1s' } });
    expect(blocked.exitCode, blocked.stderr).toBe(1);
    expect(blocked.stderr).toContain('net-wizard: terraform plan could not lock the state.');
    expect(blocked.stderr).toContain('(waited 1s for it)');
    expect(blocked.stderr).toContain(`Held by:   ${lock.Who}`);
    expect(blocked.stderr).toContain('Operation: plan');
    expect(blocked.stderr).toContain(`Lock ID:   ${lock.ID}`);
    const command = /^ {2,}(cd .* force-unlock \S+)$/m.exec(blocked.stderr)?.[1];
    expect(command).toBe(`cd ${workdir} && terraform force-unlock ${lock.ID}`);
    expect(await lockObject('crash')).toEqual(lock);
    expect((await readStoredState(s3(), BUCKET, keyOf('crash'))).serial).toBe(before.serial);

    // The user makes sure the killed run is gone and runs the printed command; terraform asks, they say yes.
    const unlocked = await execa('sh', ['-c', command!], { input: 'yes\n', env: userShell(), reject: false, timeout: 120_000 });
    expect(unlocked.exitCode, `${unlocked.stdout}\n${unlocked.stderr}`).toBe(0);
    expect(unlocked.stdout).toMatch(/successfully unlocked/);
    expect(await objectKeys()).not.toContain(`${keyOf('crash')}.tflock`);

    // The next apply converges: the NAT Gateway is made, what was there is kept.
    const converged = await runCli(['apply', ...base, '--nat', 'single', '--json'], { env: world.env });
    expect(converged.exitCode, converged.stderr).toBe(0);
    const doc = JSON.parse(converged.stdout) as ApplyDoc;
    expect(doc.plan).toMatchObject({ change: 0, destroy: 0 });
    expect(doc.verification.filter((c) => c.status === 'fail')).toEqual([]);
    expect(doc.outputs.vpc_id).toBe(vpcId);
    expect(doc.outputs.nat_gateway_ids).toHaveLength(1);
    const after = await readStoredState(s3(), BUCKET, keyOf('crash'));
    expect(after.addresses).toEqual(expect.arrayContaining([...before.addresses, 'aws_eip.nat_a', 'aws_nat_gateway.main_a']));
    const rerun = await runCli(['plan', ...crashArgs(), '--nat', 'single', '--json'], { env: world.env });
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ changes: false });
  });

  it('SIGKILL while terraform creates a NAT Gateway: the state keeps what it had recorded; an unrecorded NAT Gateway is named by verification', async () => {
    const workdir = crashDir();
    const base = [...crashArgs(), '--yes'];
    const before = await readStoredState(s3(), BUCKET, keyOf('crash'));
    expect(before.addresses).toContain('aws_nat_gateway.main_a');

    // A second NAT Gateway is on its way when the machine dies. AWS may already have made it (and
    // its Elastic IP); terraform, killed, cannot record them (only a graceful stop saves that).
    await killApply(['apply', ...base, '--nat', 'per-az'], (stderr) => /aws_nat_gateway\.main_c: creating…/.test(stderr));
    const lock = await lockObject('crash');
    expect(lock.Operation).toBe('OperationTypeApply');
    const afterKill = await readStoredState(s3(), BUCKET, keyOf('crash'));
    expect(afterKill.addresses).toEqual(expect.arrayContaining(before.addresses));

    // Held lock reported; the user releases it with the printed command.
    const blocked = await runCli(['apply', ...base, '--nat', 'per-az'], { env: { ...world.env, NET_WIZARD_LOCK_TIMEOUT: '0s' } });
    expect(blocked.exitCode, blocked.stderr).toBe(1);
    expect(blocked.stderr).toContain('Operation: apply');
    const command = /^ {2,}(cd .* force-unlock \S+)$/m.exec(blocked.stderr)?.[1];
    expect(command).toBe(`cd ${workdir} && terraform force-unlock ${lock.ID}`);
    const unlocked = await execa('sh', ['-c', command!], { input: 'yes\n', env: userShell(), reject: false, timeout: 120_000 });
    expect(unlocked.exitCode, `${unlocked.stdout}\n${unlocked.stderr}`).toBe(0);

    // The apply finishes the network from what the state had recorded.
    const finished = await runCli(['apply', ...base, '--nat', 'per-az', '--json'], { env: world.env });
    expect([0, 3], finished.stderr).toContain(finished.exitCode);
    const doc = JSON.parse(finished.stdout) as ApplyDoc;
    const recorded = doc.outputs.nat_gateway_ids as string[];
    expect(recorded).toHaveLength(2);
    const after = await readStoredState(s3(), BUCKET, keyOf('crash'));
    expect(after.addresses).toEqual(expect.arrayContaining([...before.addresses, 'aws_nat_gateway.main_c']));
    // What AWS holds that the state does not: what the killed terraform made and never recorded
    // (its state is written at the end of an apply, so even a finished Elastic IP can be among them).
    const inState = new Set(Object.values(after.attributes).map((a) => a.id));
    const live = await inspectNetwork({ endpoint: world.moto.endpoint, region: REGION, project: 'crash', env: 'dev' });
    // (Filtered by tag here: moto ignores tag filters on DescribeNatGateways.)
    const ours = (tags: Record<string, string>) => tags.Project === 'crash' && tags.Environment === 'dev';
    const strayNats = live.natGateways.filter((n) => ours(n.tags) && n.state === 'available' && !inState.has(n.id));
    const strayEips = live.elasticIps.filter((e) => ours(e.tags) && !inState.has(e.allocationId));
    if (strayNats.length + strayEips.length === 0) {
      expect(finished.exitCode, finished.stderr).toBe(0);
    } else {
      // A second NAT Gateway or Elastic IP: the live verification names each (exit 3) with the
      // command that deletes it, rather than hides it.
      expect(finished.exitCode, finished.stderr).toBe(3);
      expect(finished.stderr).toMatch(/verification failed/);
      expect(finished.stderr).toContain("✗ live.untracked: Nothing tagged for this network outside terraform's state");
      for (const stray of strayNats) expect(finished.stderr).toContain(`delete it (aws ec2 delete-nat-gateway --nat-gateway-id ${stray.id} --region ${REGION} --endpoint-url ${world.moto.endpoint})`);
      for (const stray of strayEips) expect(finished.stderr).toContain(`aws ec2 release-address --allocation-id ${stray.allocationId} --region ${REGION} --endpoint-url ${world.moto.endpoint}`);
    }
    // The user deletes what terraform lost track of (by hand, boto3), and the network verifies.
    const target = { endpoint: world.moto.endpoint, region: REGION };
    for (const stray of strayNats) await changeAws(target, 'delete_nat_gateway', { NatGatewayId: stray.id });
    for (const stray of strayEips) await changeAws(target, 'release_address', { AllocationId: stray.allocationId });
    const verified = await runCli(['verify', '--workdir', workdir], { env: world.env });
    expect(verified.exitCode, verified.stderr).toBe(0);
    const rerun = await runCli(['plan', ...crashArgs(), '--nat', 'per-az', '--json'], { env: world.env });
    expect(JSON.parse(rerun.stdout)).toMatchObject({ changes: false });
  });
});
