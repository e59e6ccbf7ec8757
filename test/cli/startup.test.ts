import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import { startup } from '../../src/cli/startup.js';
import { terraformPlatform } from '../../src/terraform/plugin-mirror.js';

let dir: string;
let mirror: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-startup-'));
  mirror = join(dir, 'plugins');
  const bin = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', terraformPlatform());
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'terraform-provider-aws_v5.100.0_x5'), '');
  await writeFile(join(dir, 'emulated.json'), JSON.stringify({ project: 'shop', endpoint: 'http://127.0.0.1:5000' }));
  await writeFile(join(dir, 'plain.json'), JSON.stringify({ project: 'shop' }));
});

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  let stderr = '';
  const files = (name: string) => (name.endsWith('.json') ? join(dir, name) : name);
  const inv = await startup(parseInvocation(argv.map(files)), { env, stderr: (t) => (stderr += t) });
  return { inv, stderr };
}

describe('startup: AWS_ENDPOINT_URL is told first, where AWS is reached', () => {
  const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };
  it.each([
    [['apply', '--project', 'shop'], true],
    [['plan', '--config', 'plain.json'], true],
    [['verify', '--workdir', 'w'], true],
    [[], true],
    [['apply', '--project', 'shop', '--endpoint', 'http://127.0.0.1:5000'], false],
    [['plan', '--config', 'emulated.json'], false],
    [['synth', '--project', 'shop'], false],
    [['nat-check'], false],
    [['apply', '--help'], false],
  ] as [string[], boolean][])('%j: told %s', async (argv, told) => {
    const { stderr } = await run(argv, env);
    if (told) expect(stderr).toMatch(/^net-wizard: the environment sends AWS calls elsewhere than AWS, signed with your credentials/);
    else expect(stderr).toBe('');
  });
});

describe('startup: the plugin directory', () => {
  it('is made absolute, from the option or NET_WIZARD_PLUGIN_DIR', async () => {
    expect((await run(['plan', '--plugin-dir', relative(process.cwd(), mirror)], {})).inv.flags.pluginDir).toBe(mirror);
    expect((await run(['apply'], { NET_WIZARD_PLUGIN_DIR: mirror })).inv.flags.pluginDir).toBe(mirror);
    expect((await run(['apply'], { NET_WIZARD_PLUGIN_DIR: '' })).inv.flags.pluginDir).toBeUndefined();
  });

  it('is not checked where no terraform runs', async () => {
    await expect(run(['synth', '--project', 'shop'], { NET_WIZARD_PLUGIN_DIR: '/nonexistent' })).resolves.toBeDefined();
  });

  it.each([
    [['plan', '--plugin-dir', ''], {}, /^--plugin-dir: is empty/],
    [['plan', '--plugin-dir', '/nonexistent'], { NET_WIZARD_PLUGIN_DIR: '/opt/tf-plugins' }, /^--plugin-dir: "\/nonexistent" does not exist/],
    [['destroy', '--workdir', 'w'], { NET_WIZARD_PLUGIN_DIR: '/etc' }, /^NET_WIZARD_PLUGIN_DIR: "\/etc" holds no AWS provider/],
  ] as [string[], NodeJS.ProcessEnv, RegExp][])('%j with %j is refused', async (argv, env, message) => {
    await expect(run(argv, env)).rejects.toThrow(message);
  });
});
