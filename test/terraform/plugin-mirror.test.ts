import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pluginDirProblem, terraformPlatform } from '../../src/terraform/plugin-mirror.js';

const AWS = join('registry.terraform.io', 'hashicorp', 'aws');
const platform = terraformPlatform();
const other = platform === 'linux_amd64' ? 'darwin_arm64' : 'linux_amd64';

/** Each layout, as files under a fresh directory. */
const layouts: Record<string, string[]> = {
  unpacked: [join(AWS, '5.100.0', platform, 'terraform-provider-aws_v5.100.0_x5')],
  packed: [join(AWS, `terraform-provider-aws_6.2.0_${platform}.zip`)],
  'nested one level': [join('mirror', AWS, '5.100.0', platform, 'terraform-provider-aws_v5.100.0_x5')],
  'another platform only': [join(AWS, '5.100.0', other, 'terraform-provider-aws_v5.100.0_x5')],
  'a version folder without the binary': [join(AWS, '5.100.0', platform, 'LICENSE.txt')],
  'another provider only': [join('registry.terraform.io', 'hashicorp', 'random', '3.6.0', platform, 'terraform-provider-random_v3.6.0_x5')],
  empty: [],
  'a file, not a directory': [],
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nw-plugins-'));
  for (const [name, files] of Object.entries(layouts)) {
    if (name === 'a file, not a directory') {
      await writeFile(join(root, name), '');
      continue;
    }
    await mkdir(join(root, name), { recursive: true });
    for (const file of files) {
      await mkdir(join(root, name, file, '..'), { recursive: true });
      await writeFile(join(root, name, file), '');
    }
  }
});

describe('pluginDirProblem: a -plugin-dir holds the AWS provider for this platform, or says why not', () => {
  it.each([
    ['unpacked', undefined],
    ['packed', undefined],
    ['nested one level', /holds no AWS provider itself, but .*\/nested one level\/mirror does: pass that/],
    ['another platform only', new RegExp(`holds no AWS provider for ${platform} \\(only for ${other}\\)`)],
    ['a version folder without the binary', new RegExp(`holds no AWS provider for ${platform}: terraform looks for`)],
    ['another provider only', /holds no AWS provider for/],
    ['empty', /holds no AWS provider for/],
    ['a file, not a directory', /is not a directory/],
    ['missing', /does not exist/],
  ] as [string, RegExp | undefined][])('%s', (name, problem) => {
    const found = pluginDirProblem(join(root, name));
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});
