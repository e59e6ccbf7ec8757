/**
 * The runner against real terraform and a moto it starts on a free loopback port.
 * Skipped, with one loud line, when terraform, the AWS provider mirror or moto is missing.
 */
import { chmod, lstat, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerraformEvent } from '../../src/core/terraform-events.js';
import { discoverProviderMirror, mirrorRoots, terraformPlatform } from '../../src/terraform/plugin-mirror.js';
import {
  findTerraform,
  TerraformError,
  TerraformNotFoundError,
  TerraformRunner,
  type TerraformBinary,
} from '../../src/terraform/runner.js';
import { motoAvailable, startMoto, type Moto } from '../helpers/moto.js';

const AWS_PROVIDER = '5.100.0';
const SLOW = 180_000;

const terraform: TerraformBinary | undefined = await findTerraform({ env: process.env }).catch(() => undefined);
const mirror = discoverProviderMirror(process.env, AWS_PROVIDER);
const hasMoto = await motoAvailable();
const missing = [
  ...(terraform ? [] : ['terraform (or tofu) on PATH']),
  ...(mirror ? [] : [`AWS provider ${AWS_PROVIDER} mirror (searched ${mirrorRoots(process.env).join(', ')})`]),
  ...(hasMoto ? [] : ['python3 with moto[server]']),
];
if (missing.length) console.warn(`!!!!! SKIPPING terraform runner tests against moto: missing ${missing.join('; ')} !!!!!`);

const dirs: string[] = [];
const tempDir = async (prefix: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), `net-wizard-${prefix}-`));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A project with the AWS provider pointed at moto, and the given resources and outputs. */
const project = (endpoint: string, resource: object, output: object = {}): string =>
  JSON.stringify(
    {
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER } } },
      provider: {
        aws: [
          {
            region: 'ap-northeast-1',
            access_key: 'test',
            secret_key: 'test',
            skip_credentials_validation: true,
            skip_metadata_api_check: true,
            endpoints: [{ ec2: endpoint, sts: endpoint, iam: endpoint }],
          },
        ],
      },
      resource,
      ...(Object.keys(output).length > 0 && { output }),
    },
    null,
    2,
  );

describe('findTerraform', () => {
  it('names the way out when an explicit binary does not exist', async () => {
    const err = await findTerraform({ explicit: '/nonexistent/terraform', env: process.env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerraformNotFoundError);
    expect((err as Error).message).toMatch(/\/nonexistent\/terraform.*Install terraform.*--terraform <path>/);
  });

  it('says how to install terraform when neither terraform nor tofu is on PATH', async () => {
    await expect(findTerraform({ env: { PATH: '' } })).rejects.toThrow(/Neither terraform nor tofu.*--terraform <path>/);
  });

  it.skipIf(!terraform)('finds terraform on PATH and its version', () => {
    expect(terraform).toMatchObject({ flavor: 'terraform', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe('TerraformRunner with a terraform that speaks an unknown UI version', () => {
  it('refuses it, stops it with exactly one SIGINT, and starts no later step', async () => {
    const dir = await tempDir('fake-tf');
    const bin = join(dir, 'terraform');
    await writeFile(
      bin,
      [
        '#!/bin/sh',
        `trap 'echo SIGINT >> "${dir}/signals"; exit 1' INT`,
        `echo '{"@level":"info","type":"version","terraform":"9.0.0","ui":"2.0"}'`,
        'while :; do sleep 0.05; done',
        '',
      ].join('\n'),
    );
    await chmod(bin, 0o755);
    const runner = new TerraformRunner({ bin, cwd: dir });
    await expect(runner.plan({ out: 'tfplan' })).rejects.toThrow(/UI is version 2\.0/);
    expect(await readFile(join(dir, 'signals'), 'utf8')).toBe('SIGINT\n');
    await expect(runner.apply('tfplan')).rejects.toMatchObject({ step: 'apply', interrupted: true });
  });
});

describe('TerraformRunner with a binary that cannot run', () => {
  it('says why in the error', async () => {
    const runner = new TerraformRunner({ bin: '/nonexistent/terraform', cwd: tmpdir() });
    await expect(runner.output()).rejects.toMatchObject({ step: 'output', exitCode: undefined, message: expect.stringMatching(/ENOENT/) });
  });
});

describe.skipIf(!terraform)('TerraformRunner.init without the provider', () => {
  it("throws terraform's own plain-text error, not the CLI-config warning before it", async () => {
    const dir = await tempDir('tf-noprovider');
    const emptyMirror = await tempDir('tf-empty-mirror');
    await writeFile(join(dir, 'main.tf.json'), project('http://127.0.0.1:9', { aws_vpc: { main: { cidr_block: '10.9.0.0/16' } } }));
    const runner = new TerraformRunner({ bin: terraform!.bin, cwd: dir });
    const err = (await runner.init({ pluginDir: emptyMirror }).catch((e: unknown) => e)) as TerraformError;
    expect(err).toBeInstanceOf(TerraformError);
    expect(err).toMatchObject({ step: 'init', exitCode: 1, diagnostics: [] });
    expect(err.message).toMatch(/^Error: Failed to query available provider packages/);
    expect(err.message).toContain(emptyMirror);
    expect(err.message).not.toMatch(/CLI configuration/);
    expect(err.stderr).toContain(err.message);
  });
});

describe.skipIf(missing.length > 0)('TerraformRunner against moto', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it(
    'inits offline from the mirror, plans, applies, reads outputs, and destroys',
    async () => {
      const dir = await tempDir('tf-run');
      await writeFile(
        join(dir, 'main.tf.json'),
        project(
          moto.endpoint,
          {
            aws_vpc: { main: { cidr_block: '10.0.0.0/16', tags: { Name: 'runner-vpc' } } },
            aws_security_group: { alb: { name: 'runner-alb-sg', description: 'ALB', vpc_id: '${aws_vpc.main.id}' } },
            aws_eip: { nat: { domain: 'vpc' } },
          },
          { vpc_id: { value: '${aws_vpc.main.id}' }, eip_public_ip: { value: '${aws_eip.nat.public_ip}' } },
        ),
      );
      const events: TerraformEvent[] = [];
      const runner = new TerraformRunner({ bin: terraform!.bin, cwd: dir, onEvent: (e) => events.push(e) });

      await runner.init({ pluginDir: mirror! });
      // The 700 MB provider is linked from the mirror, not copied into the workdir.
      const installed = join(dir, '.terraform/providers/registry.terraform.io/hashicorp/aws', AWS_PROVIDER, terraformPlatform());
      expect((await lstat(installed)).isSymbolicLink()).toBe(true);
      expect(events.some((e) => e.type === 'log' && /successfully initialized/.test(e.message))).toBe(true);

      const plan = await runner.plan({ out: 'tfplan' });
      expect(plan.changes).toBe(true);
      expect(plan.summary).toEqual({ add: 3, change: 0, destroy: 0 });
      expect(plan.plannedChanges.map((c) => `${c.action} ${c.address}`).sort()).toEqual([
        'create aws_eip.nat',
        'create aws_security_group.alb',
        'create aws_vpc.main',
      ]);

      events.length = 0;
      expect(await runner.apply('tfplan')).toEqual({ add: 3, change: 0, destroy: 0 });
      const completed = events.filter((e) => e.type === 'resource_complete');
      expect(completed.map((e) => e.address).sort()).toEqual(['aws_eip.nat', 'aws_security_group.alb', 'aws_vpc.main']);
      const vpcId = completed.find((e) => e.address === 'aws_vpc.main')?.id;

      const outputs = await runner.output();
      expect(outputs.vpc_id).toBe(vpcId);
      expect(outputs.vpc_id).toMatch(/^vpc-/);
      expect(outputs.eip_public_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

      const again = await runner.plan({ out: 'tfplan2' });
      expect(again).toMatchObject({ changes: false, summary: { add: 0, change: 0, destroy: 0 }, plannedChanges: [] });

      expect(await runner.destroy()).toEqual({ add: 0, change: 0, destroy: 3 });
      expect(await runner.output()).toEqual({});
    },
    SLOW,
  );

  it(
    'a failed apply throws the AWS error with its code, prefixed with the resource address',
    async () => {
      const dir = await tempDir('tf-dup');
      await writeFile(
        join(dir, 'main.tf.json'),
        project(moto.endpoint, {
          aws_vpc: { main: { cidr_block: '10.2.0.0/16' } },
          aws_security_group: {
            alb: { name: 'runner-dup-sg', description: 'first', vpc_id: '${aws_vpc.main.id}' },
            alb_copy: {
              name: 'runner-dup-sg',
              description: 'second',
              vpc_id: '${aws_vpc.main.id}',
              depends_on: ['aws_security_group.alb'],
            },
          },
        }),
      );
      const events: TerraformEvent[] = [];
      const runner = new TerraformRunner({ bin: terraform!.bin, cwd: dir, onEvent: (e) => events.push(e) });
      await runner.init({ pluginDir: mirror! });
      await runner.plan({ out: 'tfplan' });
      const err = (await runner.apply('tfplan').catch((e: unknown) => e)) as TerraformError;
      expect(err).toBeInstanceOf(TerraformError);
      expect(err).toMatchObject({ step: 'apply', exitCode: 1, interrupted: false });
      expect(err.message).toMatch(
        /^aws_security_group\.alb_copy: creating Security Group \(runner-dup-sg\): operation error EC2: CreateSecurityGroup, https response error StatusCode: 400, RequestID: \S+, api error InvalidGroup\.Duplicate: The security group 'runner-dup-sg' already exists/,
      );
      expect(err.diagnostics).toHaveLength(1);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'resource_errored', address: 'aws_security_group.alb_copy' }),
      );
    },
    SLOW,
  );

  it(
    'interrupt() sends one SIGINT: terraform stops gracefully and keeps what it created in state',
    async () => {
      const dir = await tempDir('tf-int');
      await writeFile(
        join(dir, 'main.tf.json'),
        project(moto.endpoint, {
          aws_vpc: { main: { cidr_block: '10.3.0.0/16' } },
          // Long enough that only the interrupt can end it within the test's timeout.
          terraform_data: { slow: { input: '${aws_vpc.main.id}', provisioner: [{ 'local-exec': { command: 'sleep 600' } }] } },
        }),
      );
      const sent: boolean[] = [];
      const runner: TerraformRunner = new TerraformRunner({
        bin: terraform!.bin,
        cwd: dir,
        onEvent: (e) => {
          if (e.type === 'resource_started' && e.address === 'terraform_data.slow') {
            sent.push(runner.interrupt(), runner.interrupt());
          }
        },
      });
      await runner.init({ pluginDir: mirror! });
      await runner.plan({ out: 'tfplan' });
      const err = (await runner.apply('tfplan').catch((e: unknown) => e)) as TerraformError;
      expect(err).toBeInstanceOf(TerraformError);
      expect(err).toMatchObject({ step: 'apply', interrupted: true });
      // Terraform's own words (reported twice by terraform, once here); before it, the provisioner's
      // error when the interrupt reached it mid-command.
      expect(err.message.match(/execution halted/g)).toHaveLength(1);
      expect(sent).toEqual([true, false]);
      const state = JSON.parse(await readFile(join(dir, 'terraform.tfstate'), 'utf8')) as {
        resources: { type: string; name: string }[];
      };
      expect(state.resources.map((r) => `${r.type}.${r.name}`)).toContain('aws_vpc.main');
      await expect(runner.destroy()).rejects.toMatchObject({ step: 'destroy', interrupted: true });
    },
    SLOW,
  );
});
