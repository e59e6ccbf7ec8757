import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT } from '../helpers/cli.js';

// What a user installs with `npx net-wizard`: the bundle (dist/bundle, built before the tests)
// and the dependencies package.json lists. These tests read the built bundle.
const BUNDLE = join(REPO_ROOT, 'dist', 'bundle');
const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string>; files: string[]; bin: Record<string, string> };

describe('the published package', () => {
  it('depends at run time on cdktf and constructs only; @cdktf/provider-aws, the AWS SDK and the UI libraries are bundled', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['cdktf', 'constructs']);
    for (const bundled of ['@cdktf/provider-aws', '@aws-sdk/client-ec2', 'ink', 'react', 'execa']) expect(pkg.devDependencies).toHaveProperty(bundled);
  });

  it('packs the bundle and nothing else of dist: no node_modules, no source maps', async () => {
    const r = await execa('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, env: { ...process.env, npm_config_update_notifier: 'false' } });
    const [{ files }] = JSON.parse(r.stdout) as [{ files: { path: string }[] }];
    const paths = files.map((f) => f.path);
    expect(paths).toContain(pkg.bin['net-wizard']);
    expect(paths).toContain('package.json');
    expect(paths.filter((p) => !/^dist\/bundle\/[^/]+\.js$/.test(p) && !['package.json', 'README.md'].includes(p))).toEqual([]);
  }, 30_000);

  it('imports from node_modules only what package.json lists as dependencies', async () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), 'react-devtools-core' /* Ink's, only with DEV=true; not installed */]);
    const builtins = new Set(builtinModules);
    // esbuild reads the bundle's own import statements, import() and require() calls (not text
    // that looks like one), following its chunks, and lists every package they name.
    const imported = new Set<string>();
    await build({
      entryPoints: [join(BUNDLE, 'cli.js')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
      plugins: [{ name: 'list', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => (imported.add(a.path), { path: a.path, external: true })) }],
    });
    const outside = [...imported].filter((s) => !s.startsWith('node:') && !builtins.has(s) && !allowed.has(s));
    expect(outside).toEqual([]);
    expect([...imported].filter((s) => allowed.has(s)).sort()).toEqual(['cdktf', 'constructs', 'react-devtools-core']);
  });
});

describe('the bundle with only cdktf and constructs installed beside it', () => {
  let root: string;
  beforeAll(async () => {
    // The package as installed: its bundle, its package.json, and node_modules holding the two dependencies only.
    root = await mkdtemp(join(tmpdir(), 'net-wizard-installed-'));
    await mkdir(join(root, 'dist', 'bundle'), { recursive: true });
    for (const file of (await readdir(BUNDLE)).filter((f) => f.endsWith('.js'))) await copyFile(join(BUNDLE, file), join(root, 'dist', 'bundle', file));
    await writeFile(join(root, 'package.json'), JSON.stringify(pkg));
    await mkdir(join(root, 'node_modules'));
    for (const dep of Object.keys(pkg.dependencies)) await symlink(join(REPO_ROOT, 'node_modules', dep), join(root, 'node_modules', dep));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  const args = ['synth', '--project', 'shop', '--region', 'ap-northeast-1', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom', '--needs', 'ecr-pull,s3'];
  const run = (cli: string, rest: string[]) => execa(process.execPath, [cli, ...rest], { reject: false, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });

  it('cannot reach @cdktf/provider-aws', async () => {
    const r = await execa(process.execPath, ['--input-type=module', '-e', "await import('@cdktf/provider-aws/lib/vpc/index.js')"], { cwd: join(root, 'dist', 'bundle'), reject: false });
    expect(r.stderr).toMatch(/Cannot find (package|module)/);
  });

  it('answers --version and synthesizes the same cdk.tf.json as the build in this checkout', async () => {
    const installed = join(root, 'dist', 'bundle', 'cli.js');
    expect((await run(installed, ['--version'])).stdout.trim()).toBe(pkg.version);
    const here = await run(CLI_PATH, [...args, '--workdir', join(root, 'here')]);
    const there = await run(installed, [...args, '--workdir', join(root, 'there')]);
    expect(there.exitCode, there.stderr).toBe(0);
    expect(here.exitCode, here.stderr).toBe(0);
    const project = await readFile(join(root, 'there', 'cdk.tf.json'), 'utf8');
    expect(project).toBe(await readFile(join(root, 'here', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys((JSON.parse(project) as { resource: object }).resource)).toEqual(expect.arrayContaining(['aws_vpc', 'aws_security_group', 'aws_nat_gateway', 'aws_network_acl', 'aws_vpc_endpoint']));
  }, 30_000);
});
