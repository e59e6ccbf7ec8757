import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendChangeError, configuredBackend, planBackendInit, sameSettings, sameState, stateLocation, type BackendSetting } from '../../src/terraform/backend.js';

const S3 = (over: Record<string, unknown> = {}): BackendSetting => ({
  type: 's3',
  config: { bucket: 'team-state', key: 'net-wizard/shop-dev/terraform.tfstate', region: 'ap-northeast-1', encrypt: true, use_lockfile: true, ...over },
});
const LOCAL: BackendSetting = { type: 'local', config: { path: 'terraform.tfstate' } };

/** How terraform records a backend in .terraform/terraform.tfstate: every setting, unset ones null. */
function saved(b: BackendSetting): unknown {
  const nulls = b.type === 's3' ? { acl: null, dynamodb_table: null, profile: null, endpoints: b.config.endpoints ? { dynamodb: null, sso: null, ...(b.config.endpoints as object) } : null } : { workspace_dir: null };
  return { version: 3, terraform_version: '1.11.4', backend: { type: b.type, config: { ...nulls, ...b.config }, hash: 1 } };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'net-wizard-backend-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function workdir({ configured, initialized, localResources }: { configured?: BackendSetting | 'none'; initialized?: BackendSetting; localResources?: number }): Promise<void> {
  if (configured) {
    const terraform = configured === 'none' ? {} : { backend: { [configured.type]: configured.config } };
    await writeFile(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform, resource: {} }));
  }
  if (initialized) {
    await mkdir(join(dir, '.terraform'));
    await writeFile(join(dir, '.terraform', 'terraform.tfstate'), JSON.stringify(saved(initialized)));
  }
  if (localResources !== undefined) {
    const resources = Array.from({ length: localResources }, (_, i) => ({ mode: 'managed', type: 'aws_vpc', name: `v${i}`, instances: [] }));
    await writeFile(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, serial: 3, lineage: 'x', resources }));
  }
}

const refusal = async () => {
  const e = await planBackendInit(dir).catch((error: unknown) => error);
  expect(e).toBeInstanceOf(BackendChangeError);
  return e as BackendChangeError;
};

describe('planBackendInit: how terraform init may run without dropping a state', () => {
  it('no JSON configuration: no opinion (plain init)', async () => {
    expect(await planBackendInit(dir)).toEqual({ reconfigure: false });
  });

  it('first init, local backend or no backend block: plain', async () => {
    await workdir({ configured: LOCAL });
    expect(await planBackendInit(dir)).toEqual({ reconfigure: false });
    await writeFile(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: {} }));
    expect(await configuredBackend(dir)).toEqual(LOCAL);
  });

  it('first init into S3 with no local state (a new team member): plain', async () => {
    await workdir({ configured: S3() });
    expect(await planBackendInit(dir)).toEqual({ reconfigure: false });
  });

  it('first init into S3 while the workdir holds a state with resources: refused, with both ways out', async () => {
    await workdir({ configured: S3(), localResources: 18 });
    const e = await refusal();
    expect(e.message).toContain('The workdir holds a state of its own (terraform.tfstate, 18 resources), but the configuration keeps the state in s3://team-state/net-wizard/shop-dev/terraform.tfstate (ap-northeast-1).');
    expect(e.message).toContain('keep it in the workdir: run again without --state-bucket');
    expect(e.message).toContain(`cd ${dir} && terraform init -migrate-state`);
  });

  it('first init into S3 with an empty local state (destroyed before): plain', async () => {
    await workdir({ configured: S3(), localResources: 0 });
    expect(await planBackendInit(dir)).toEqual({ reconfigure: false });
  });

  it('unchanged backend: plain (unset settings terraform records as null do not count)', async () => {
    await workdir({ configured: S3({ endpoints: { s3: 'http://127.0.0.1:5000' } }), initialized: S3({ endpoints: { s3: 'http://127.0.0.1:5000' } }) });
    expect(await planBackendInit(dir)).toEqual({ reconfigure: false });
  });

  it('the same state reached differently (another emulator port): -reconfigure, saying why', async () => {
    await workdir({ configured: S3({ endpoints: { s3: 'http://127.0.0.1:6000' } }), initialized: S3({ endpoints: { s3: 'http://127.0.0.1:5000' } }) });
    expect(await planBackendInit(dir)).toEqual({ reconfigure: true, reason: expect.stringContaining('the same state, s3://team-state/') });
  });

  it('from the workdir to S3 with nothing in the workdir state: -reconfigure', async () => {
    await workdir({ configured: S3(), initialized: LOCAL, localResources: 0 });
    expect(await planBackendInit(dir)).toMatchObject({ reconfigure: true });
    await rm(join(dir, 'terraform.tfstate'));
    expect(await planBackendInit(dir)).toMatchObject({ reconfigure: true });
  });

  it('from the workdir to S3 with resources in the workdir state: refused', async () => {
    await workdir({ configured: S3(), initialized: LOCAL, localResources: 3 });
    const e = await refusal();
    expect(e.from).toBe('the workdir (terraform.tfstate)');
    expect(e.to).toBe('s3://team-state/net-wizard/shop-dev/terraform.tfstate (ap-northeast-1)');
    expect(e.message).toContain('keep it where it is: run again without --state-bucket');
  });

  it('from S3 back to the workdir: refused (the S3 state may hold the network)', async () => {
    await workdir({ configured: LOCAL, initialized: S3() });
    const e = await refusal();
    expect(e.message).toContain('The state of this workdir is kept in s3://team-state/net-wizard/shop-dev/terraform.tfstate (ap-northeast-1), but the configuration now keeps it in the workdir (terraform.tfstate).');
    expect(e.message).toContain('run again with --state-bucket team-state --state-key net-wizard/shop-dev/terraform.tfstate --state-region ap-northeast-1');
    expect(e.message).toContain('terraform init -migrate-state');
  });

  it('to another key or bucket: refused', async () => {
    await workdir({ configured: S3({ key: 'other/terraform.tfstate' }), initialized: S3() });
    expect((await refusal()).to).toBe('s3://team-state/other/terraform.tfstate (ap-northeast-1)');
  });

  it('names the terraform binary and quotes the workdir in the command', async () => {
    await workdir({ configured: LOCAL, initialized: S3() });
    const e = (await planBackendInit(dir, { terraform: 'tofu' }).catch((error: unknown) => error)) as Error;
    expect(e.message).toContain(`cd ${dir} && tofu init -migrate-state`);
  });

  it('follows TF_DATA_DIR', async () => {
    await workdir({ configured: LOCAL });
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'terraform.tfstate'), JSON.stringify(saved(S3())));
    await expect(planBackendInit(dir, { env: { TF_DATA_DIR: 'data' } })).rejects.toThrow(BackendChangeError);
    expect(await planBackendInit(dir)).toEqual({ reconfigure: false });
  });
});

describe('comparing backends', () => {
  it('sameState: the same file, or the same bucket, key and region', () => {
    expect(sameState(S3(), S3({ endpoints: { s3: 'http://x' }, encrypt: false }))).toBe(true);
    expect(sameState(S3(), S3({ region: 'us-east-1' }))).toBe(false);
    expect(sameState(S3(), LOCAL)).toBe(false);
    expect(sameState(LOCAL, { type: 'local', config: { path: 'terraform.tfstate', workspace_dir: null } })).toBe(true);
  });

  it('sameSettings ignores nulls and key order', () => {
    expect(sameSettings(S3({ acl: null }), { type: 's3', config: { use_lockfile: true, ...S3().config } })).toBe(true);
    expect(sameSettings(S3(), S3({ use_lockfile: false }))).toBe(false);
  });

  it('stateLocation in words', () => {
    expect(stateLocation(S3())).toBe('s3://team-state/net-wizard/shop-dev/terraform.tfstate (ap-northeast-1)');
    expect(stateLocation(LOCAL)).toBe('the workdir (terraform.tfstate)');
  });
});
