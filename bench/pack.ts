/**
 * What `npx net-wizard` costs a user with an empty npm cache: `npm pack` of this checkout, then
 * `npm install <tarball>` into an empty folder with an empty cache from the real registry. Reports
 * what npm downloaded (everything it put in its cache: tarballs and package documents), what it
 * installed (`du -sb node_modules`), whether `--version` answers, and whether `synth` from that
 * install writes the very cdk.tf.json this checkout's build writes (so the bundled provider
 * classes are all there, with @cdktf/provider-aws not installed).
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { CLI_PATH, REPO_ROOT } from '../test/helpers/cli.js';

export interface PackFigures {
  /** The tarball npm pack made, in bytes. */
  tarball: number;
  /** Bytes npm put in its (empty at first) cache while installing: what it downloaded. */
  downloaded: number;
  /** `du -sb node_modules` after the install. */
  installed: number;
  /** Packages installed (node_modules/.package-lock.json). */
  packages: number;
  /** `net-wizard --version` from the install printed the package's version. */
  versionOk: boolean;
  /** @cdktf/provider-aws is not in the install. */
  providerAbsent: boolean;
  /** `synth` from the install wrote the same cdk.tf.json as this checkout's build. */
  synthSame: boolean;
  seconds: number;
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const SYNTH = ['synth', '--project', 'packcheck', '--region', 'ap-northeast-1', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom', '--needs', 'ecr-pull'];

/** Pack, install cold, run. Needs the registry (npm's own configuration decides which). */
export async function benchPack(): Promise<PackFigures> {
  const root = await mkdtemp(join(tmpdir(), 'net-wizard-pack-'));
  const started = performance.now();
  try {
    const cache = join(root, 'cache');
    const app = join(root, 'app');
    const env = { ...process.env, npm_config_cache: cache, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    // The bench has just built dist: pack it as it is.
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: REPO_ROOT, env: { ...process.env, npm_config_update_notifier: 'false' } });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const tarball = join(root, filename.replace(/^@[^/]+\//, '').replace('/', '-'));
    await execa('mkdir', ['-p', app]);
    await execa('npm', ['install', '--no-package-lock', tarball], { cwd: app, env });
    const installedDir = join(app, 'node_modules');
    const du = await execa('du', ['-sb', installedDir]);
    const lock = JSON.parse(await readFile(join(installedDir, '.package-lock.json'), 'utf8').catch(() => '{"packages":{}}')) as { packages: Record<string, unknown> };
    const bin = join(installedDir, '.bin', 'net-wizard');
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const answered = await execa(bin, ['--version'], { reject: false, cwd: app });
    const providerAbsent = await stat(join(installedDir, '@cdktf', 'provider-aws')).then(
      () => false,
      () => true,
    );
    const ours = join(root, 'synth-here');
    const theirs = join(root, 'synth-installed');
    await execa('node', [CLI_PATH, ...SYNTH, '--workdir', ours], { env: { ...process.env, CI: 'true' } });
    const fromInstall = await execa(bin, [...SYNTH, '--workdir', theirs], { reject: false, cwd: app, env: { ...process.env, CI: 'true' } });
    const same = fromInstall.exitCode === 0 && (await readFile(join(ours, 'cdk.tf.json'), 'utf8')) === (await readFile(join(theirs, 'cdk.tf.json'), 'utf8').catch(() => ''));
    return {
      tarball: (await stat(tarball)).size,
      downloaded: await bytesUnder(cache),
      installed: Number(du.stdout.split(/\s/)[0]),
      packages: Object.keys(lock.packages).filter((p) => p !== '').length,
      versionOk: answered.exitCode === 0 && answered.stdout.trim() === version,
      providerAbsent,
      synthSame: same,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
