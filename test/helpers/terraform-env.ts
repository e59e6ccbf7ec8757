import { access, constants, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { motoAvailable } from './moto.js';
import { discoverProviderMirror, mirrorRoots, terraformPlatform } from '../../src/terraform/plugin-mirror.js';

/** Terraform's os_arch for this machine, e.g. linux_amd64. */
export const osArch = terraformPlatform;

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

/** Finds a mirror holding hashicorp/aws for this platform, the way the CLI does; with its versions. */
export async function findProviderMirror(env: NodeJS.ProcessEnv = process.env): Promise<{ dir: string; versions: string[] } | undefined> {
  const dir = discoverProviderMirror(env);
  if (!dir) return undefined;
  const awsDir = join(dir, 'registry.terraform.io', 'hashicorp', 'aws');
  const versions = (await readdir(awsDir).catch(() => [] as string[])).filter((v) => /^\d/.test(v));
  return { dir, versions };
}

/** Directories searched, in order, for a provider mirror. */
export const mirrorSearchRoots = (env: NodeJS.ProcessEnv = process.env): string[] => mirrorRoots(env);

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

/** Set once checked, so that forked test workers do not check again ('' = nothing missing). */
const CHECKED = '__NET_WIZARD_E2E_SKIP_REASON';

/**
 * What the end-to-end and harness tests need and this machine lacks (undefined when terraform,
 * the provider mirror and moto are all here). The projects' globalSetup fails on it, so a run
 * without them is red, not green with skips; the files' skipIf is only a second guard.
 */
export async function e2eSkipReason(): Promise<string | undefined> {
  const known = process.env[CHECKED];
  if (known !== undefined) return known || undefined;
  const missing: string[] = [];
  const tf = await terraformTestEnv();
  if (tf.ok) await tf.cleanup();
  else missing.push(tf.reason);
  if (!(await motoAvailable())) missing.push(`${process.env.NET_WIZARD_PYTHON || 'python3'} with moto[server] and boto3 (python3 -m pip install 'moto[server]' boto3)`);
  const reason = missing.length ? `missing ${missing.join('; ')}` : '';
  process.env[CHECKED] = reason;
  return reason || undefined;
}

/** Throws, naming what is missing, when the end-to-end tests cannot run here. */
export async function requireE2eTools(): Promise<void> {
  const reason = await e2eSkipReason();
  if (reason) {
    throw new Error(`the end-to-end and harness tests cannot run: ${reason}. Install what is missing, or run the unit tests alone: npm run test:unit`);
  }
}
