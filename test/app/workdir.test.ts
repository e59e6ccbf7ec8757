/**
 * The workdir on disk: what is ours, one run at a time, files written without following planted
 * links, the applied project kept until an apply goes through. Real files in a temporary folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLIED_BACKUP, inspectWorkdir, installProposal, LOCK_FILE, NEXT_DIR, openWorkdir, promoteProposal, restoreApplied, writeInWorkdir, writeProject, WorkdirBusyError } from '../../src/app/workdir.js';
import { describeFailure } from '../../src/app/failure.js';
import { resolveConfig } from '../../src/core/config.js';
import { UsageError } from '../../src/core/errors.js';
import { planNat } from '../../src/core/nat-plan.js';
import type { WorkdirRecord } from '../../src/core/workdir-record.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'nw-workdir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const config = resolveConfig({ project: 'shop' });
const record: WorkdirRecord = { tool: 'net-wizard', version: '0.1.0', config, nat: planNat(config) };
const target = { accountId: '123456789012', region: 'ap-northeast-1', endpoint: null, project: 'shop', env: 'dev', backend: 'the workdir (terraform.tfstate)', since: '2026-12-01T00:00:00.000Z' };

async function usageProblem(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

/** Every file under a folder with its content, to prove nothing changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) out[path] = await readFile(path, 'utf8');
    else if (entry.isSymbolicLink()) out[path] = `-> link`;
  }
  return out;
}

describe('inspectWorkdir: a folder that is not ours is refused, untouched', () => {
  it('takes a folder that does not exist yet, and an empty one', async () => {
    expect(await inspectWorkdir(join(root, 'new'))).toEqual({ exists: false });
    await mkdir(join(root, 'empty'));
    expect(await inspectWorkdir(join(root, 'empty'))).toEqual({ exists: true });
  });

  it.each([
    ['someone else\'s Terraform project and state', { 'main.tf': 'resource "null_resource" "x" {}\n', 'terraform.tfstate': '{"version":4,"resources":[{"type":"aws_vpc"}]}' }, /is not empty and holds no net-wizard record .* it holds main\.tf, terraform\.tfstate/],
    ['a JSON project without our record', { 'cdk.tf.json': '{}' }, /holds no net-wizard record/],
    ['a damaged record', { 'net-wizard.config.json': '{"tool":"net-wizard","version":"0.1.0","config":{"project":"Bad Name"}}' }, /net-wizard\.config\.json: config\.project: .*damaged/],
  ])('%s', async (_name, files, expected) => {
    const dir = join(root, 'w');
    await mkdir(dir);
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const before = await snapshot(dir);
    expect(await usageProblem(openWorkdir(dir, 'apply'))).toMatch(expected);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a file, and a path with a control character', async () => {
    await writeFile(join(root, 'file'), 'x');
    expect(await usageProblem(openWorkdir(join(root, 'file'), 'apply'))).toMatch(/is a file, not a folder/);
    expect(await usageProblem(openWorkdir(join(root, 'a\nb'), 'apply'))).toMatch(/holds a control character \(\\u000a\)/);
    expect(existsSync(join(root, 'a\nb'))).toBe(false);
  });

  it('refuses a record that is a link planted in the workdir', async () => {
    const dir = join(root, 'w');
    await mkdir(dir);
    await writeFile(join(root, 'elsewhere.json'), JSON.stringify(record));
    await symlink(join(root, 'elsewhere.json'), join(dir, 'net-wizard.config.json'));
    expect(await usageProblem(openWorkdir(dir, 'apply'))).toMatch(/is not a regular file \(a symbolic link/);
  });

  it('verify, outputs and destroy need a record', async () => {
    expect(await usageProblem(openWorkdir(join(root, 'none'), 'destroy', { mustExist: true }))).toMatch(/holds no net-wizard project/);
    expect(existsSync(join(root, 'none'))).toBe(false);
  });
});

describe('the workdir lock: one run at a time', () => {
  it('a second run is refused at once, naming who holds it; released, the workdir is free again', async () => {
    const dir = join(root, 'w');
    const first = await openWorkdir(dir, 'apply');
    const owner = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), command: 'apply' });
    expect(first.planFile).toContain(first.runId);
    const busy = await openWorkdir(dir, 'destroy').catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(WorkdirBusyError);
    const { code, text } = describeFailure(busy);
    expect(code).toBe(1);
    expect(text).toContain(`another net-wizard run holds it; this run changed nothing`);
    expect(text).toContain(`net-wizard apply, pid ${process.pid} on ${hostname()}`);
    expect(text).toContain(`rm ${join(dir, LOCK_FILE)}`);
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = await openWorkdir(dir, 'destroy');
    expect(second.runId).not.toBe(first.runId);
    second.release();
  });

  it('takes over the lock of a process that is gone on this host, and says so', async () => {
    const dir = join(root, 'w');
    await mkdir(dir);
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: gone.pid, host: hostname(), startedAt: '2026-12-01T00:00:00.000Z', command: 'apply', runId: 'old' }));
    const wd = await openWorkdir(dir, 'plan');
    expect(wd.notices.join('\n')).toMatch(new RegExp(`Took over a stale lock of this workdir: net-wizard apply \\(pid ${gone.pid}, .*no longer running`));
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).runId).toBe(wd.runId);
    wd.release();
  });

  it('reports a lock from another host with its owner, never taking it', async () => {
    const dir = join(root, 'w');
    await mkdir(dir);
    const lock = JSON.stringify({ pid: 1, host: 'ci-runner-7', startedAt: '2026-12-01T00:00:00.000Z', command: 'destroy', runId: 'x' });
    await writeFile(join(dir, LOCK_FILE), lock);
    const busy = await openWorkdir(dir, 'apply').catch((e: unknown) => e);
    expect(describeFailure(busy).text).toContain('net-wizard destroy, pid 1 on ci-runner-7');
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(lock);
  });

  it('a lock that is a planted link is refused, its target untouched', async () => {
    const dir = join(root, 'w');
    await mkdir(dir);
    await writeFile(join(root, 'victim'), 'precious');
    await symlink(join(root, 'victim'), join(dir, LOCK_FILE));
    expect(await usageProblem(openWorkdir(dir, 'apply'))).toMatch(/is not a net-wizard lock \(a symbolic link/);
    expect(await readFile(join(root, 'victim'), 'utf8')).toBe('precious');
  });

  it('is released when the process exits without unwinding (a signal handler calling process.exit, an error)', async () => {
    const dir = join(root, 'w');
    // The built module (npm test builds first): a process of its own that exits holding the lock.
    const module = new URL('../../dist/src/app/workdir.js', import.meta.url).href;
    const script = `const m = await import(${JSON.stringify(module)}); await m.openWorkdir(${JSON.stringify(dir)}, 'apply'); process.exit(7);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(7);
    expect(existsSync(dir)).toBe(true);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('files written safely', () => {
  it('replaces a link planted at a file name and never writes through it', async () => {
    const dir = join(root, 'w');
    await mkdir(dir);
    await writeFile(join(root, 'victim'), 'precious');
    await symlink(join(root, 'victim'), join(dir, 'cdk.tf.json'));
    await writeInWorkdir(dir, 'cdk.tf.json', '{"new":true}', 'run1');
    expect(await readFile(join(root, 'victim'), 'utf8')).toBe('precious');
    expect(lstatSync(join(dir, 'cdk.tf.json')).isFile()).toBe(true);
    expect(await readFile(join(dir, 'cdk.tf.json'), 'utf8')).toBe('{"new":true}');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a folder on the way that is a planted link', async () => {
    const dir = join(root, 'w');
    await mkdir(dir);
    await mkdir(join(root, 'outside'));
    await symlink(join(root, 'outside'), join(dir, 'hcl'));
    expect(await usageProblem(writeInWorkdir(dir, join('hcl', 'main.tf'), 'x', 'run1'))).toMatch(/hcl: is not a folder \(a symbolic link/);
    expect(await readdir(join(root, 'outside'))).toEqual([]);
  });

  it('does not reuse a temporary file planted with the name of another run', async () => {
    const dir = join(root, 'w');
    await mkdir(dir);
    await writeFile(join(root, 'victim'), 'precious');
    await symlink(join(root, 'victim'), join(dir, '.cdk.tf.json.run1.tmp'));
    await expect(writeInWorkdir(dir, 'cdk.tf.json', 'x', 'run1')).rejects.toThrow(/EEXIST/);
    expect(await readFile(join(root, 'victim'), 'utf8')).toBe('precious');
  });
});

describe('the applied project stays until an apply goes through', () => {
  const synthesized = (region: string) => ({ json: { terraform: {}, provider: { aws: [{ region }] }, resource: {}, output: {} } });

  it('a bound workdir gets the new project in next/; terraform sees it only during the run; restored unless promoted', async () => {
    const dir = join(root, 'w');
    const wd = await openWorkdir(dir, 'apply');
    await writeProject(wd, synthesized('ap-northeast-1'), { ...record, target }, 'root');
    const applied = await readFile(join(dir, 'cdk.tf.json'), 'utf8');
    const files = await writeProject(wd, synthesized('us-east-1'), record, 'next');
    expect(files).toEqual([join(dir, NEXT_DIR, 'cdk.tf.json'), join(dir, NEXT_DIR, 'net-wizard.config.json')]);
    expect(await readFile(join(dir, 'cdk.tf.json'), 'utf8')).toBe(applied);

    await installProposal(wd, await readFile(files[0]!, 'utf8'));
    expect(await readFile(join(dir, 'cdk.tf.json'), 'utf8')).toContain('us-east-1');
    expect(await restoreApplied(dir)).toBe(true);
    expect(await readFile(join(dir, 'cdk.tf.json'), 'utf8')).toBe(applied);
    expect(existsSync(join(dir, APPLIED_BACKUP))).toBe(false);

    await installProposal(wd, await readFile(files[0]!, 'utf8'));
    await promoteProposal(wd, { ...record, target, appliedAt: '2026-12-02T00:00:00.000Z' });
    expect(await readFile(join(dir, 'cdk.tf.json'), 'utf8')).toContain('us-east-1');
    expect(existsSync(join(dir, NEXT_DIR))).toBe(false);
    expect(JSON.parse(await readFile(join(dir, 'net-wizard.config.json'), 'utf8')).appliedAt).toBe('2026-12-02T00:00:00.000Z');
    wd.release();
  });

  it('with --hcl each file goes under hcl/; a file of an earlier --hcl the network no longer has is removed, any other file kept', async () => {
    const dir = join(root, 'w');
    const wd = await openWorkdir(dir, 'synth');
    await writeProject(wd, { ...synthesized('ap-northeast-1'), hclFiles: { 'main.tf': 'a\n', 'nat.tf': 'n\n', 'outputs.tf': '' } }, record, 'root');
    await writeFile(join(dir, 'hcl', 'mine.tf'), '# the user\'s\n');
    const files = await writeProject(wd, { ...synthesized('ap-northeast-1'), hclFiles: { 'main.tf': 'b\n', 'outputs.tf': '' } }, record, 'root');
    expect(files).toEqual([join(dir, 'cdk.tf.json'), join(dir, 'hcl', 'main.tf'), join(dir, 'hcl', 'outputs.tf'), join(dir, 'net-wizard.config.json')]);
    expect((await readdir(join(dir, 'hcl'))).sort()).toEqual(['main.tf', 'mine.tf', 'outputs.tf']);
    expect(await readFile(join(dir, 'hcl', 'main.tf'), 'utf8')).toBe('b\n');
    wd.release();
  });

  it('a run that died with the new project in place: the next run puts the applied one back', async () => {
    const dir = join(root, 'w');
    const wd = await openWorkdir(dir, 'apply');
    await writeProject(wd, synthesized('ap-northeast-1'), { ...record, target }, 'root');
    const applied = await readFile(join(dir, 'cdk.tf.json'), 'utf8');
    await installProposal(wd, JSON.stringify(synthesized('us-east-1').json));
    wd.release(); // as if the process had died here
    const next = await openWorkdir(dir, 'destroy', { mustExist: true });
    expect(next.notices.join('\n')).toMatch(/A run stopped before its apply went through; .*cdk\.tf\.json is the applied project again/);
    expect(await readFile(join(dir, 'cdk.tf.json'), 'utf8')).toBe(applied);
    expect(next.bound).toEqual(target);
    next.release();
  });
});
