/**
 * Finding a local copy of the AWS provider, so `terraform init` works without the registry.
 * Terraform symlinks an unpacked provider from a mirror into .terraform (no copy), so pointing
 * init at the mirror with -plugin-dir costs nothing; a packed (.zip) mirror is unpacked per workdir.
 */
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const AWS = join('registry.terraform.io', 'hashicorp', 'aws');

/** Terraform's name for this machine's platform, e.g. linux_amd64. */
export function terraformPlatform(): string {
  const arch = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch];
  return `${process.platform}_${arch ?? process.arch}`;
}

/** Where to look: $NET_WIZARD_PLUGIN_DIR, then the usual system and user plugin directories. */
export function mirrorRoots(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? homedir();
  return [
    env.NET_WIZARD_PLUGIN_DIR,
    '/opt',
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
    join(home, '.terraform.d', 'plugins'),
    env.XDG_DATA_HOME && join(env.XDG_DATA_HOME, 'terraform', 'plugins'),
    join(home, '.local', 'share', 'terraform', 'plugins'),
  ].filter((d): d is string => !!d);
}

/**
 * A directory holding registry.terraform.io/hashicorp/aws for this platform (unpacked or .zip),
 * usable as `terraform init -plugin-dir`; each root and its direct subdirectories are searched.
 */
export function discoverProviderMirror(env: NodeJS.ProcessEnv, providerVersion?: string): string | undefined {
  for (const root of mirrorRoots(env)) {
    for (const dir of [root, ...subdirs(root)]) {
      if (holdsAwsProvider(dir, providerVersion)) return dir;
    }
  }
  return undefined;
}

/**
 * Why `dir` cannot be terraform's -plugin-dir for the AWS provider of this platform, or undefined
 * when it can: it must be a directory with the provider in one of the two layouts terraform reads.
 */
export function pluginDirProblem(dir: string): string | undefined {
  let directory: boolean;
  try {
    directory = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `"${dir}" does not exist` : `"${dir}" cannot be read (${code ?? String(error)})`;
  }
  if (!directory) return `"${dir}" is not a directory`;
  if (holdsAwsProvider(dir, undefined)) return undefined;
  const platform = terraformPlatform();
  const layouts = `terraform looks for ${join(AWS, '<version>', platform, 'terraform-provider-aws_*')} (unpacked) or ${join(AWS, `terraform-provider-aws_<version>_${platform}.zip`)} (packed) in it`;
  const below = subdirs(dir).find((d) => holdsAwsProvider(d, undefined));
  if (below) return `"${dir}" holds no AWS provider itself, but ${below} does: pass that (${layouts})`;
  const elsewhere = [
    ...new Set(list(join(dir, AWS)).flatMap((v) => list(join(dir, AWS, v)).filter((p) => p !== platform && list(join(dir, AWS, v, p)).some((f) => f.startsWith('terraform-provider-aws'))))),
  ];
  return `"${dir}" holds no AWS provider for ${platform}${elsewhere.length ? ` (only for ${elsewhere.join(', ')})` : ''}: ${layouts}`;
}

function holdsAwsProvider(dir: string, version: string | undefined): boolean {
  const aws = join(dir, AWS);
  const platform = terraformPlatform();
  const entries = list(aws);
  // Unpacked layout: aws/<version>/<platform>/terraform-provider-aws*
  const unpacked = entries.some(
    (v) => (!version || v === version) && list(join(aws, v, platform)).some((f) => f.startsWith('terraform-provider-aws')),
  );
  // Packed layout: aws/terraform-provider-aws_<version>_<platform>.zip
  const packed = entries.some((f) =>
    new RegExp(`^terraform-provider-aws_${version ? escape(version) : '[^_]+'}_${platform}\\.zip$`).test(f),
  );
  return unpacked || packed;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function subdirs(dir: string): string[] {
  return list(dir)
    .map((name) => join(dir, name))
    .filter((p) => {
      try {
        return statSync(p).isDirectory();
      } catch {
        return false;
      }
    });
}
