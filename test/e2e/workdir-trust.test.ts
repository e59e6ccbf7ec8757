/**
 * A workdir stays bound to the network it holds, and runs never trample each other: the real CLI,
 * real terraform, moto servers of this file's own (a second one, and a proxy that shows the first
 * at another address or as another account); AWS is read back with boto3.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { inspectNetwork } from '../helpers/aws-inspect.js';
import { runCli, startCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { startMoto } from '../helpers/moto.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const PROJECT = 'trust';
const REGION = 'ap-northeast-1';

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe.skipIf(!!skip)('a workdir stays bound to its network', () => {
  const world = useE2eWorld();
  const workdir = () => join(world.work.path, 'net');
  const cli = (args: string[], endpoint = world.moto.endpoint) => runCli([...args, '--project', PROJECT, '--endpoint', endpoint, '--workdir', workdir()], { env: world.env });
  const vpcsAt = async (endpoint: string) => (await inspectNetwork({ endpoint, region: REGION, project: PROJECT, env: 'dev' })).vpcs;
  const record = async () => JSON.parse(await readFile(join(workdir(), 'net-wizard.config.json'), 'utf8'));

  it('two emulators, one workdir: the second is refused before terraform runs; the state and both emulators are unchanged', async () => {
    const first = await cli(['apply', '--nat', 'none', '--yes']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect((await record()).target).toMatchObject({ accountId: '123456789012', region: REGION, endpoint: world.moto.endpoint, project: PROJECT, env: 'dev' });
    expect(await readFile(join(workdir(), 'cdk.tf.json'), 'utf8')).toMatch(/"allowed_account_ids": \[\s*"123456789012"\s*\]/);

    const other = await startMoto();
    try {
      const state = await sha(join(workdir(), 'terraform.tfstate'));
      const recorded = await sha(join(workdir(), 'net-wizard.config.json'));
      const r = await cli(['apply', '--nat', 'none', '--yes'], other.endpoint);
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`--endpoint: the workdir's network is in endpoint ${world.moto.endpoint}; this run is aimed at ${other.endpoint}`);
      expect(r.stderr).toMatch(/is bound to the network it applied: account 123456789012, region ap-northeast-1, emulator/);
      expect(r.stderr).toContain(`run again with the recorded ones (--endpoint ${world.moto.endpoint})`);
      expect(r.stderr).not.toMatch(/terraform (init|plan|apply)/);
      expect(await sha(join(workdir(), 'terraform.tfstate'))).toBe(state);
      expect(await sha(join(workdir(), 'net-wizard.config.json'))).toBe(recorded);
      expect(await vpcsAt(world.moto.endpoint)).toHaveLength(1);
      expect(await vpcsAt(other.endpoint)).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });

  it('the same emulator at another address is the same network; another account is refused, by net-wizard and by terraform itself', async () => {
    const proxy = await startFaultProxy({ target: world.moto.endpoint });
    try {
      const moved = await cli(['apply', '--nat', 'none', '--yes', '--json'], proxy.url);
      expect(moved.exitCode, moved.stderr).toBe(0);
      expect(JSON.parse(moved.stdout).plan).toEqual({ add: 0, change: 0, destroy: 0 });
      expect(moved.stderr).toMatch(new RegExp(`The workdir's VPC vpc-\\w+ answers at ${proxy.url} \\(account 123456789012, ap-northeast-1\\): the same network`));
      expect((await record()).target.endpoint).toBe(proxy.url);

      // The same address, now answering as another account (moto's x-moto-account-id).
      proxy.setHeaders({ 'x-moto-account-id': '111111111111' });
      const state = await sha(join(workdir(), 'terraform.tfstate'));
      const refused = await cli(['plan', '--nat', 'none'], proxy.url);
      expect(refused.exitCode, refused.stderr).toBe(2);
      expect(refused.stderr).toContain("AWS credentials: the workdir's network is in account 123456789012; this run is aimed at 111111111111");
      // Plain terraform in the workdir refuses it too: allowed_account_ids.
      const plain = await execa('terraform', ['plan', '-input=false', '-lock=false', '-no-color'], { cwd: workdir(), env: { ...world.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }, reject: false });
      expect(plain.exitCode).not.toBe(0);
      expect(plain.stderr).toMatch(/111111111111/);
      expect(plain.stderr).toMatch(/not allowed/i);
      expect(await sha(join(workdir(), 'terraform.tfstate'))).toBe(state);
      proxy.setHeaders({});

      const back = await cli(['apply', '--nat', 'none', '--yes', '--json']);
      expect(back.exitCode, back.stderr).toBe(0);
      expect((await record()).target.endpoint).toBe(world.moto.endpoint);
    } finally {
      await proxy.stop();
    }
  });

  it('synth and plan of another network leave the applied one as it was; destroy still acts on it', async () => {
    const project = await sha(join(workdir(), 'cdk.tf.json'));
    const recorded = await sha(join(workdir(), 'net-wizard.config.json'));
    const synth = await cli(['synth', '--region', 'us-east-1', '--azs', 'a,b', '--hcl']);
    expect(synth.exitCode, synth.stderr).toBe(0);
    expect(synth.stdout).toContain(`wrote ${join(workdir(), 'next', 'cdk.tf.json')}`);
    expect(synth.stderr).toMatch(/plan and apply of it here will be refused/);
    const elsewhere = await cli(['plan', '--region', 'us-east-1', '--azs', 'a,b']);
    expect(elsewhere.exitCode, elsewhere.stderr).toBe(2);
    expect(elsewhere.stderr).toContain("--region: the workdir's network is in region ap-northeast-1; this run is aimed at us-east-1");
    // A plan of a change here is planned against the applied network, and changes nothing of the workdir.
    const here = await cli(['plan', '--nat', 'single', '--json']);
    expect(here.exitCode, here.stderr).toBe(0);
    expect(JSON.parse(here.stdout).plan.add).toBeGreaterThan(0);
    expect(await sha(join(workdir(), 'cdk.tf.json'))).toBe(project);
    expect(await sha(join(workdir(), 'net-wizard.config.json'))).toBe(recorded);
    expect((await readdir(workdir())).filter((f) => f.startsWith('tfplan') || f.endsWith('.tmp') || f.startsWith('.net-wizard.'))).toEqual([]);
    // verify takes the very options of the apply line; a different one is refused, naming the recorded value.
    const same = await cli(['verify', '--region', REGION, '--nat', 'none']);
    expect(same.exitCode, same.stderr).toBe(0);
    const differs = await cli(['verify', '--nat', 'single']);
    expect(differs.exitCode).toBe(2);
    expect(differs.stderr).toMatch(/--nat: the workdir's network was applied with none, and verify acts on it as applied/);
  });

  it('a folder holding someone else\'s Terraform project is refused; its files are unchanged', async () => {
    const foreign = join(world.work.path, 'theirs');
    await mkdir(foreign);
    await writeFile(join(foreign, 'main.tf'), 'terraform {}\n');
    await writeFile(join(foreign, 'terraform.tfstate'), '{"version": 4, "serial": 3, "resources": []}\n');
    const before = { main: await sha(join(foreign, 'main.tf')), state: await sha(join(foreign, 'terraform.tfstate')) };
    for (const command of [['synth'], ['plan'], ['apply', '--yes'], ['destroy', '--yes'], ['verify']]) {
      const r = await runCli([...command, '--project', PROJECT, '--endpoint', world.moto.endpoint, '--workdir', foreign], { env: world.env });
      expect(r.exitCode, `${command[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/(is not empty and holds no net-wizard record|holds no net-wizard project)/);
    }
    expect(await readdir(foreign)).toEqual(['main.tf', 'terraform.tfstate']);
    expect({ main: await sha(join(foreign, 'main.tf')), state: await sha(join(foreign, 'terraform.tfstate')) }).toEqual(before);
  });

  it('two applies on one workdir at once: one is told the workdir is busy, having changed nothing; the other converges', async () => {
    const a = startCli(['apply', '--nat', 'single', '--yes', '--project', PROJECT, '--endpoint', world.moto.endpoint, '--workdir', workdir()], { env: world.env });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const b = startCli(['apply', '--nat', 'none', '--yes', '--project', PROJECT, '--endpoint', world.moto.endpoint, '--workdir', workdir()], { env: world.env });
    const [ra, rb] = await Promise.all([a.result, b.result]);
    const [winner, busy] = ra.exitCode === 1 ? [rb, ra] : [ra, rb];
    expect(busy.exitCode, busy.stderr).toBe(1);
    expect(busy.stderr).toMatch(/the workdir .* is busy: another net-wizard run holds it; this run changed nothing/);
    expect(busy.stderr).toMatch(/Held by: +net-wizard apply, pid \d+ on /);
    expect(busy.stderr).not.toMatch(/terraform (init|plan|apply)…/);
    expect(winner.exitCode, winner.stderr).toBe(0);
    const verify = await cli(['verify']);
    expect(verify.exitCode, verify.stderr).toBe(0);
    expect(existsSync(join(workdir(), '.net-wizard.lock'))).toBe(false);
  });

  it('links planted for every file net-wizard writes: their targets are unchanged', async () => {
    const outside = join(world.work.path, 'outside');
    await mkdir(outside, { recursive: true });
    const victim = (name: string) => join(outside, name);
    for (const name of ['project', 'record', 'backup', 'next-project', 'next-record']) await writeFile(victim(name), `precious ${name}\n`);
    const w = workdir();
    const planted: [string, string][] = [
      [join(w, 'cdk.tf.json'), victim('project')],
      [join(w, 'net-wizard.config.json'), victim('record')],
      [join(w, '.net-wizard.applied.json'), victim('backup')],
    ];
    // The record is read through no link either: put the real ones aside and plant links in their place.
    const realProject = await readFile(join(w, 'cdk.tf.json'), 'utf8');
    const realRecord = await readFile(join(w, 'net-wizard.config.json'), 'utf8');
    await rm(join(w, 'next'), { recursive: true, force: true });
    await mkdir(join(w, 'next'));
    await symlink(victim('next-project'), join(w, 'next', 'cdk.tf.json'));
    await symlink(victim('next-record'), join(w, 'next', 'net-wizard.config.json'));
    await symlink(outside, join(w, 'next', 'hcl'));
    // A link as the record is refused outright (the record is never read through one).
    for (const [at, to] of planted.slice(0, 2)) {
      await rm(at);
      await symlink(to, at);
    }
    const refused = await cli(['apply', '--nat', 'none', '--yes']);
    expect(refused.exitCode, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/net-wizard\.config\.json: is not a regular file \(a symbolic link/);
    // The real record back, the project link and a planted backup stay: apply replaces them, never writes through them.
    await rm(join(w, 'net-wizard.config.json'));
    await writeFile(join(w, 'net-wizard.config.json'), realRecord);
    await rm(join(w, 'cdk.tf.json'));
    await writeFile(join(w, 'cdk.tf.json'), realProject);
    await symlink(victim('backup'), join(w, '.net-wizard.applied.json')).catch(() => undefined);
    const hcl = await cli(['synth', '--nat', 'none', '--hcl']);
    expect(hcl.exitCode, hcl.stderr).toBe(2);
    expect(hcl.stderr).toMatch(/next\/hcl: is not a folder \(a symbolic link or a file\)/);
    const applied = await cli(['apply', '--nat', 'none', '--yes']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    for (const name of ['project', 'record', 'backup', 'next-project', 'next-record']) expect(await readFile(victim(name), 'utf8')).toBe(`precious ${name}\n`);
    expect(await readdir(outside)).toEqual(['backup', 'next-project', 'next-record', 'project', 'record']);
    expect(lstatSync(join(w, 'cdk.tf.json')).isFile()).toBe(true);
    expect(lstatSync(join(w, 'net-wizard.config.json')).isFile()).toBe(true);
    expect(existsSync(join(w, 'next'))).toBe(false);
  });

  it('destroy takes the apply line and destroys the network it applied', async () => {
    const r = await cli(['destroy', '--region', REGION, '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).destroyed.destroy).toBeGreaterThan(0);
    expect(await vpcsAt(world.moto.endpoint)).toHaveLength(0);
  });
});
