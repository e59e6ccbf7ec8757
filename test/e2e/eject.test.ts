/**
 * Ejecting end to end: the built CLI applies a network against a moto of its own, `synth --hcl`
 * writes the same network as plain HCL, and plain terraform, given the state, takes it over: the
 * files are fmt-clean and valid, and the plan shows no changes. Needs a current dist/ (npm test builds it).
 */
import { access, copyFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason, findTerraform } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();

describe.skipIf(!!skip)('eject: plain terraform takes over an applied network from hcl/', () => {
  const world = useE2eWorld();

  it('synth --hcl of the applied answers: fmt -check and validate pass, and the plan shows no changes', async () => {
    const workdir = join(world.work.path, 'ej');
    const answers = ['--project', 'ej', '--env', 'dev', '--nat', 'single', '--nacl', 'custom', '--needs', 'ecr-pull', '--endpoint', world.moto.endpoint, '--workdir', workdir];
    const applied = await runCli(['apply', ...answers, '--yes'], { env: world.env, timeout: 300_000 });
    expect(applied.exitCode, applied.stderr).toBe(0);

    const synth = await runCli(['synth', '--hcl', ...answers], { env: world.env });
    expect(synth.exitCode, synth.stderr).toBe(0);
    // The workdir holds an applied network: the new project, its HCL with it, waits in next/.
    const hcl = join(workdir, 'next', 'hcl');
    expect((await readdir(hcl)).sort()).toEqual(['endpoints.tf', 'main.tf', 'nacl.tf', 'nat.tf', 'outputs.tf', 'security.tf', 'variables.tf']);
    expect(synth.stdout).toContain(join(hcl, 'nat.tf'));

    // What the README tells the user to do: the state (and the provider lock) into hcl/.
    await copyFile(join(workdir, 'terraform.tfstate'), join(hcl, 'terraform.tfstate'));
    const lock = join(workdir, '.terraform.lock.hcl');
    if (await access(lock).then(() => true, () => false)) await copyFile(lock, join(hcl, '.terraform.lock.hcl'));

    const bin = (await findTerraform())!.path;
    const env = { ...world.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
    const terraform = (...args: string[]) => execa(bin, [...args, '-no-color'], { cwd: hcl, env, reject: false, timeout: 300_000 });
    const said = (r: { stdout: unknown; stderr: unknown }) => `${String(r.stdout)}${String(r.stderr)}`;

    const fmt = await execa(bin, ['fmt', '-check', '-recursive', '-diff'], { cwd: hcl, env, reject: false });
    expect(fmt.exitCode, said(fmt)).toBe(0);
    const init = await terraform('init', '-input=false');
    expect(init.exitCode, said(init)).toBe(0);
    const valid = await terraform('validate');
    expect(valid.exitCode, said(valid)).toBe(0);
    const plan = await terraform('plan', '-detailed-exitcode', '-input=false');
    expect(plan.exitCode, said(plan)).toBe(0);
    expect(String(plan.stdout)).toContain('No changes.');
  });
});
