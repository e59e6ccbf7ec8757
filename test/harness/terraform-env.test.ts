import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { findProviderMirror, osArch, terraformTestEnv } from '../helpers/terraform-env.js';

describe('findProviderMirror', () => {
  it('finds a mirror named by NET_WIZARD_PLUGIN_DIR, or one level below it', async () => {
    const tmp = await tempDir();
    try {
      const bin = join(tmp.path, 'mirror', 'registry.terraform.io', 'hashicorp', 'aws', '9.9.9', osArch());
      await mkdir(bin, { recursive: true });
      await writeFile(join(bin, 'terraform-provider-aws_v9.9.9_x5'), '');
      const found = await findProviderMirror({ ...process.env, NET_WIZARD_PLUGIN_DIR: tmp.path });
      expect(found).toEqual({ dir: join(tmp.path, 'mirror'), versions: ['9.9.9'] });
    } finally {
      await tmp.cleanup();
    }
  });
});

const tf = await terraformTestEnv();

describe.skipIf(!tf.ok)('terraformTestEnv', () => {
  it('writes a CLI config with which terraform init installs the AWS provider offline', async () => {
    if (!tf.ok) return;
    const work = await tempDir();
    try {
      expect(await readFile(tf.configFile, 'utf8')).toContain(`path    = ${JSON.stringify(tf.mirror)}`);
      const version = tf.providerVersions[0] ?? '';
      await writeFile(
        join(work.path, 'main.tf'),
        `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${version}"\n    }\n  }\n}\n`,
      );
      const r = await execa(tf.terraform, ['init', '-input=false', '-no-color'], {
        cwd: work.path,
        env: tf.env,
        reject: false,
      });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(`hashicorp/aws v${version}`);
    } finally {
      await work.cleanup();
      await tf.cleanup();
    }
  });
});

describe('terraformTestEnv when something is missing', () => {
  it('names what is missing', async () => {
    const r = await terraformTestEnv({ PATH: '', HOME: '/nonexistent' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^terraform on PATH/);
  });
});
