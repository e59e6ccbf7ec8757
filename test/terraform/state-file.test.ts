import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseStateFile, readLocalState, stateOutputs } from '../../src/terraform/state-file.js';
import { stateResources } from '../../src/verify/live/index.js';

/** A version 4 state as terraform 1.11 writes it, with these outputs and resources. */
const state = (over: Record<string, unknown> = {}) => JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 7, lineage: '5f0c9a1e-1d2b-4c3d-9e8f-0a1b2c3d4e5f', outputs: {}, resources: [], check_results: null, ...over }, null, 2);

const VPC = { mode: 'managed', type: 'aws_vpc', name: 'main', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 1, attributes: { id: 'vpc-0abc', cidr_block: '10.0.0.0/16' } }] };
const SUBNETS = { mode: 'managed', type: 'aws_subnet', name: 'private', instances: [{ index_key: 0, attributes: { id: 'subnet-a' } }, { index_key: 'c', attributes: { id: 'subnet-c' } }] };
const AZS = { mode: 'data', type: 'aws_availability_zones', name: 'here', instances: [{ attributes: { id: 'ap-northeast-1' } }] };
const CHILD = { module: 'module.edge', mode: 'managed', type: 'aws_eip', name: 'nat', instances: [{ attributes: { id: 'eipalloc-1', allocation_id: 'eipalloc-1' } }] };

describe('parseStateFile: outputs as terraform output -json gives their values', () => {
  it.each([
    ['a string', { value: 'vpc-0abc', type: 'string' }, 'vpc-0abc'],
    ['a number', { value: 3, type: 'number' }, 3],
    ['a bool', { value: false, type: 'bool' }, false],
    ['a list of strings', { value: ['subnet-a', 'subnet-c'], type: ['list', 'string'] }, ['subnet-a', 'subnet-c']],
    ['an empty list', { value: [], type: ['tuple', []] }, []],
    ['a map', { value: { a: 'rtb-1', c: 'rtb-2' }, type: ['map', 'string'] }, { a: 'rtb-1', c: 'rtb-2' }],
    ['an object', { value: { id: 'sg-1', ports: [443] }, type: ['object', { id: 'string', ports: ['list', 'number'] }] }, { id: 'sg-1', ports: [443] }],
    ['a null', { value: null, type: 'string' }, null],
    ['a sensitive string (shown, as -json shows it)', { value: 's3cret', type: 'string', sensitive: true }, 's3cret'],
  ])('%s', (_what, output, value) => {
    const read = parseStateFile(state({ outputs: { it: output } }));
    expect('state' in read && stateOutputs(read.state)).toEqual({ it: value });
  });
});

describe('parseStateFile: what it reads and what it leaves to terraform', () => {
  it.each([
    ['no file', undefined],
    ['an empty file', ''],
    ['a file of blanks', ' \n'],
  ])('%s is an empty state: no resources, no outputs', (_what, text) => {
    const read = parseStateFile(text);
    expect('state' in read && { resources: stateResources(read.state), outputs: stateOutputs(read.state) }).toEqual({ resources: [], outputs: {} });
  });

  it.each([
    ['cut off while written', state().slice(0, 40), 'not JSON'],
    ['a list', '[]', 'not a JSON object'],
    ['format version 3', state({ version: 3 }), 'format version is 3, not 4'],
    ['no version', state({ version: undefined }), 'format version is undefined, not 4'],
    ['no lineage', state({ lineage: undefined }), 'no lineage'],
    ['an empty lineage', state({ lineage: '' }), 'no lineage'],
    ['no serial', state({ serial: undefined }), 'no serial'],
    ['a serial that is not a count', state({ serial: -1 }), 'no serial'],
    ['a serial as text', state({ serial: '7' }), 'no serial'],
    ['resources that are not a list', state({ resources: {} }), 'resources are not a list'],
    ['outputs that are a list', state({ outputs: [] }), 'outputs are not an object'],
  ])('a file %s is not read: terraform is asked (%s)', (_what, text, why) => {
    const read = parseStateFile(text);
    expect('unread' in read && read.unread).toContain(why);
  });

  it('finds the resources by address, with their ids: instance keys, data sources apart, child modules', () => {
    const read = parseStateFile(state({ resources: [VPC, SUBNETS, AZS, CHILD] }));
    if (!('state' in read)) throw new Error(read.unread);
    expect(stateResources(read.state).map((r) => [r.address, r.values.id])).toEqual([
      ['aws_vpc.main', 'vpc-0abc'],
      ['aws_subnet.private[0]', 'subnet-a'],
      ['aws_subnet.private["c"]', 'subnet-c'],
      ['module.edge.aws_eip.nat', 'eipalloc-1'],
    ]);
  });
});

describe('readLocalState: the workdir\'s state file, when terraform would read it', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'net-wizard-state-file-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const project = (backend: Record<string, unknown>) => writeFile(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend }, resource: {} }));
  const initialized = async (type: string, config: Record<string, unknown>) => {
    await mkdir(join(dir, '.terraform'), { recursive: true });
    await writeFile(join(dir, '.terraform', 'terraform.tfstate'), JSON.stringify({ version: 3, backend: { type, config, hash: 1 } }));
  };

  it('reads terraform.tfstate of a local backend, set up or not yet', async () => {
    await project({ local: { path: 'terraform.tfstate' } });
    await writeFile(join(dir, 'terraform.tfstate'), state({ resources: [VPC], outputs: { vpc_id: { value: 'vpc-0abc', type: 'string' } } }));
    for (const setUp of [false, true]) {
      if (setUp) await initialized('local', { path: 'terraform.tfstate', workspace_dir: null });
      const read = await readLocalState(dir);
      expect('state' in read && stateOutputs(read.state)).toEqual({ vpc_id: 'vpc-0abc' });
    }
  });

  it('takes a workdir with no state file yet as an empty state', async () => {
    await project({ local: { path: 'terraform.tfstate' } });
    const read = await readLocalState(dir);
    expect('state' in read && stateResources(read.state)).toEqual([]);
  });

  it.each([
    ['an S3 backend', async () => project({ s3: { bucket: 'team', key: 'k', region: 'ap-northeast-1' } }), 'the state is kept in a "s3" backend'],
    ['a workdir set up for S3 whose project now keeps the state locally', async () => {
      await project({ local: { path: 'terraform.tfstate' } });
      await initialized('s3', { bucket: 'team', key: 'k', region: 'ap-northeast-1' });
    }, 'set up for another backend'],
    ['no project', async () => undefined, 'no Terraform JSON configuration'],
  ])('leaves %s to terraform', async (_what, arrange, why) => {
    await arrange();
    await writeFile(join(dir, 'terraform.tfstate'), state({ resources: [VPC] }));
    const read = await readLocalState(dir);
    expect('unread' in read && read.unread).toContain(why);
  });

  it('leaves another workspace (TF_WORKSPACE) to terraform', async () => {
    await project({ local: { path: 'terraform.tfstate' } });
    const read = await readLocalState(dir, { TF_WORKSPACE: 'staging' });
    expect('unread' in read && read.unread).toContain('TF_WORKSPACE is staging');
  });

  it('leaves a state file it cannot read (a directory) to terraform', async () => {
    await project({ local: { path: 'terraform.tfstate' } });
    await mkdir(join(dir, 'terraform.tfstate'));
    const read = await readLocalState(dir);
    expect('unread' in read && read.unread).toContain('cannot be read (EISDIR)');
  });
});
