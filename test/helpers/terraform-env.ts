import { access, constants, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { motoAvailable } from './moto.js';

/** Terraform's os_arch for this machine, e.g. linux_amd64. */
export function osArch(): string {
  const arch = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** The terraform executable on PATH and its version, or undefined. */
export async function findTerraform(env: NodeJS.ProcessEnv = process.env): Promise<{ path: string; version: string } | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const path = join(dir, 'terraform');
    try {
      await access(path, constants.X_OK);
    } catch {
      continue;
    }
    const r = await execa(path, ['version', '-json'], { reject: false, timeout: 60_000, env: { CHECKPOINT_DISABLE: '1' } });
    try {
      return { path, version: (JSON.parse(r.stdout) as { terraform_version: string }).terraform_version };
    } catch {
      continue;
    }
  }
  return undefined;
}

async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
      .map((d) => join(dir, d.name));
  } catch {
    return [];
  }
}

/** AWS provider versions in an unpacked mirror rooted at `dir` that have a binary for this os_arch. */
async function awsVersionsIn(dir: string): Promise<string[]> {
  const awsDir = join(dir, 'registry.terraform.io', 'hashicorp', 'aws');
  const versions: string[] = [];
  for (const v of await listDirs(awsDir)) {
    const files = await readdir(join(v, osArch())).catch(() => [] as string[]);
    if (files.some((f) => f.startsWith('terraform-provider-aws'))) versions.push(v.slice(awsDir.length + 1));
  }
  return versions;
}

/** Directories searched, in order, for an unpacked provider mirror. */
export function mirrorSearchRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? homedir();
  const data = env.XDG_DATA_HOME || join(home, '.local', 'share');
  return [
    env.NET_WIZARD_PLUGIN_DIR,
    '/opt',
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
    join(home, '.terraform.d', 'plugins'),
    join(data, 'terraform', 'plugins'),
  ].filter((d): d is string => !!d);
}

/** Finds an unpacked filesystem mirror holding hashicorp/aws (searched at most 2 levels below each root). */
export async function findProviderMirror(env: NodeJS.ProcessEnv = process.env): Promise<{ dir: string; versions: string[] } | undefined> {
  for (const root of mirrorSearchRoots(env)) {
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) continue;
    let level = [root];
    for (let depth = 0; depth <= 2 && level.length; depth++) {
      for (const dir of level) {
        const versions = await awsVersionsIn(dir);
        if (versions.length) return { dir, versions };
      }
      if (depth < 2) level = (await Promise.all(level.map(listDirs))).flat();
    }
  }
  return undefined;
}

export type TerraformTestEnv =
  | {
      ok: true;
      /** Variables to add to terraform's (or the CLI's) environment. */
      env: Record<string, string>;
      terraform: string;
      terraformVersion: string;
      mirror: string;
      providerVersions: string[];
      configFile: string;
      /** Removes the temporary CLI config. */
      cleanup(): Promise<void>;
    }
  | { ok: false; reason: string };

/** Finds terraform and the AWS provider mirror and writes a CLI config that installs from that mirror only. */
export async function terraformTestEnv(env: NodeJS.ProcessEnv = process.env): Promise<TerraformTestEnv> {
  const tf = await findTerraform(env);
  const mirror = await findProviderMirror(env);
  const missing = [
    ...(tf ? [] : ['terraform on PATH']),
    ...(mirror ? [] : [`AWS provider mirror for ${osArch()} (searched ${mirrorSearchRoots(env).join(', ')})`]),
  ];
  if (!tf || !mirror) return { ok: false, reason: missing.join('; ') };
  const dir = await mkdtemp(join(tmpdir(), 'net-wizard-tfrc-'));
  const configFile = join(dir, 'terraform.tfrc');
  // Unpacked mirrors are symlinked into .terraform, so no plugin cache is needed.
  await writeFile(
    configFile,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror.dir)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  return {
    ok: true,
    env: {
      TF_CLI_CONFIG_FILE: configFile,
      NET_WIZARD_PLUGIN_DIR: mirror.dir,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
    },
    terraform: tf.path,
    terraformVersion: tf.version,
    mirror: mirror.dir,
    providerVersions: mirror.versions,
    configFile,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Set once checked, so that forked test workers neither re-check nor re-print ('' = nothing missing). */
const CHECKED = '__NET_WIZARD_E2E_SKIP_REASON';

/** Why e2e tests can't run here (undefined if terraform, the mirror and moto are all present); prints one loud line when skipping. */
export async function e2eSkipReason(): Promise<string | undefined> {
  const known = process.env[CHECKED];
  if (known !== undefined) return known || undefined;
  const missing: string[] = [];
  const tf = await terraformTestEnv();
  if (tf.ok) await tf.cleanup();
  else missing.push(tf.reason);
  if (!(await motoAvailable())) missing.push('python3 with moto[server] and boto3');
  const reason = missing.length ? `missing ${missing.join('; ')}` : '';
  process.env[CHECKED] = reason;
  if (reason) process.stderr.write(`\n!!!!! E2E TESTS SKIPPED: ${reason} !!!!!\n`);
  return reason || undefined;
}
