/**
 * The runner's exit hook: if net-wizard dies while terraform runs (an uncaught error, a
 * process.exit elsewhere), terraform's process group (it runs detached, for the Ctrl-C reason)
 * must not outlive it. A fake terraform stands in: a shell that starts a child of its own (as
 * terraform starts its provider plugins) and waits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerraformRunner } from '../../src/terraform/runner.js';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';

const RUNNER = fileURLToPath(new URL('../../src/terraform/runner.ts', import.meta.url));
const VITE_NODE = join(REPO_ROOT, 'node_modules', '.bin', 'vite-node');

/** Alive: in the process table and not a zombie (a killed orphan may wait to be reaped). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe.skipIf(process.platform !== 'linux')('the runner when net-wizard itself dies', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let fake: string;
  beforeAll(async () => {
    dir = await tempDir();
    fake = join(dir.path, 'terraform');
    // Writes its pid and its child's once both run, then waits for the child (as terraform waits for its providers).
    await writeFile(fake, '#!/bin/sh\nsleep 300 &\necho "$$ $!" > "$PIDS_FILE.tmp" && mv "$PIDS_FILE.tmp" "$PIDS_FILE"\nwait\n');
    await chmod(fake, 0o755);
  });
  afterAll(async () => dir.cleanup());

  it.each([
    ['an uncaught error', "setTimeout(() => { throw new Error('a bug in net-wizard'); }, 0);", 1],
    ['process.exit elsewhere', 'process.exit(7);', 7],
  ])('%s: terraform and its children do not outlive it', async (_name, die, code) => {
    const cwd = join(dir.path, String(code));
    await mkdir(cwd);
    const pidsFile = join(cwd, 'pids');
    const script = join(cwd, 'die.ts');
    await writeFile(
      script,
      [
        `import { existsSync } from 'node:fs';`,
        `import { TerraformRunner } from ${JSON.stringify(RUNNER)};`,
        `const runner = new TerraformRunner({ bin: ${JSON.stringify(fake)}, cwd: ${JSON.stringify(cwd)}, env: { PIDS_FILE: ${JSON.stringify(pidsFile)} }, lockTimeout: '0s' });`,
        `void runner.apply('tfplan').catch(() => undefined);`,
        `while (!existsSync(${JSON.stringify(pidsFile)})) await new Promise((r) => setTimeout(r, 20));`,
        die,
      ].join('\n'),
    );
    const r = await execa(VITE_NODE, [script], { cwd: REPO_ROOT, reject: false, timeout: 60_000 });
    expect(r.exitCode, r.stderr).toBe(code);
    expect(existsSync(pidsFile)).toBe(true);
    const [terraform, provider] = readFileSync(pidsFile, 'utf8').trim().split(' ').map(Number);
    // SIGKILL of the group is synchronous in the kernel: by the time the parent has exited, both are dead.
    expect(alive(terraform!)).toBe(false);
    expect(alive(provider!)).toBe(false);
  }, 60_000);

  it('the hook is there only while terraform runs', async () => {
    const quick = join(dir.path, 'quick');
    await writeFile(quick, '#!/bin/sh\nexit 0\n');
    await chmod(quick, 0o755);
    const before = process.listenerCount('exit');
    const runner = new TerraformRunner({ bin: quick, cwd: dir.path, lockTimeout: '0s' });
    const applying = runner.apply('tfplan');
    expect(runner.running).toBe(true);
    expect(process.listenerCount('exit')).toBe(before + 1);
    await applying;
    expect(runner.running).toBe(false);
    expect(process.listenerCount('exit')).toBe(before);
  });
});
