import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TerraformEvent } from '../../src/core/terraform-events.js';
import { addressFromContext, createLineSplitter, parseUiLine } from '../../src/terraform/json-ui.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/terraform/${name}`, import.meta.url), 'utf8');
const linesOf = (name: string): string[] => fixture(name).split('\n').filter(Boolean);
const eventsOf = (name: string): TerraformEvent[] =>
  linesOf(name).flatMap((line) => parseUiLine(line) ?? []);
const ofType = <T extends TerraformEvent['type']>(events: TerraformEvent[], type: T) =>
  events.filter((e): e is Extract<TerraformEvent, { type: T }> => e.type === type);

describe('parseUiLine on recorded terraform 1.11 logs (moto)', () => {
  it('plan: version, one planned create per resource, the summary and the outputs to come', () => {
    const events = eventsOf('plan.jsonl');
    expect(events[0]).toEqual({ type: 'version', terraform: '1.11.4', ui: '1.2' });
    expect(ofType(events, 'planned_change').map((e) => [e.address, e.action, e.resourceType]).sort()).toEqual([
      ['aws_eip.nat', 'create', 'aws_eip'],
      ['aws_security_group.alb', 'create', 'aws_security_group'],
      ['aws_vpc.main', 'create', 'aws_vpc'],
      ['terraform_data.slow', 'create', 'terraform_data'],
    ]);
    expect(ofType(events, 'change_summary')).toEqual([
      { type: 'change_summary', operation: 'plan', summary: { add: 4, change: 0, destroy: 0 } },
    ]);
    // A plan knows the outputs' names, not their values.
    expect(ofType(events, 'outputs')[0]?.outputs).toEqual({
      sg_id: { value: undefined, sensitive: false },
      vpc_id: { value: undefined, sensitive: false },
    });
  });

  it('plan with import blocks: what each adopted resource is imported from, and the count of imports', () => {
    const events = eventsOf('plan-import.jsonl');
    expect(ofType(events, 'planned_change').map((e) => [e.address, e.action, e.importing])).toEqual([
      ['aws_vpc_endpoint.s3', 'create', undefined],
      ['aws_eip.nat_a', 'update', 'eipalloc-1e3c0a13a74f00147'],
      ['aws_security_group.alb', 'update', 'sg-dd0c35cc1016009f1'],
    ]);
    expect(ofType(events, 'change_summary')).toEqual([{ type: 'change_summary', operation: 'plan', summary: { add: 1, change: 7, destroy: 0, import: 9 } }]);
  });

  it('apply: each resource starts and completes with its id; a slow one reports elapsed seconds', () => {
    const events = eventsOf('apply.jsonl');
    const started = ofType(events, 'resource_started').map((e) => e.address).sort();
    const completed = ofType(events, 'resource_complete');
    expect(started).toEqual(['aws_eip.nat', 'aws_security_group.alb', 'aws_vpc.main', 'terraform_data.slow']);
    expect(completed.map((e) => e.address).sort()).toEqual(started);
    expect(completed.every((e) => e.action === 'create')).toBe(true);

    const vpc = completed.find((e) => e.address === 'aws_vpc.main');
    expect(vpc?.id).toMatch(/^vpc-[0-9a-f]+$/);
    expect(completed.find((e) => e.address === 'aws_eip.nat')?.id).toMatch(/^eipalloc-/);

    expect(ofType(events, 'resource_progress')).toEqual([
      { type: 'resource_progress', address: 'terraform_data.slow', action: 'create', elapsedSeconds: 10 },
    ]);
    expect(completed.find((e) => e.address === 'terraform_data.slow')?.elapsedSeconds).toBe(11);

    expect(ofType(events, 'change_summary').at(-1)).toEqual({
      type: 'change_summary',
      operation: 'apply',
      summary: { add: 4, change: 0, destroy: 0 },
    });
    const outputs = ofType(events, 'outputs').at(-1)?.outputs;
    expect(outputs?.vpc_id).toEqual({ value: vpc?.id, sensitive: false });
    expect(outputs?.sg_id?.value).toMatch(/^sg-/);
  });

  it('apply: provisioner messages (types this parser does not use) are ignored', () => {
    const provisionLines = linesOf('apply.jsonl').filter((l) => /"type":"provision_/.test(l));
    expect(provisionLines).toHaveLength(3);
    for (const line of provisionLines) expect(parseUiLine(line)).toBeUndefined();
  });

  it('plan with nothing to do: refreshes with ids, reports drift, zero summary', () => {
    const events = eventsOf('plan-nochanges.jsonl');
    expect(ofType(events, 'refresh_started')).toHaveLength(4);
    expect(ofType(events, 'refresh_complete').find((e) => e.address === 'aws_vpc.main')?.id).toMatch(/^vpc-/);
    expect(ofType(events, 'planned_change')).toEqual([]);
    expect(ofType(events, 'resource_drift')).toEqual([
      { type: 'resource_drift', address: 'aws_security_group.alb', action: 'update', resourceType: 'aws_security_group' },
    ]);
    expect(ofType(events, 'change_summary')[0]?.summary).toEqual({ add: 0, change: 0, destroy: 0 });
  });

  it('destroy: plans and performs a delete per resource; the final summary counts them', () => {
    const events = eventsOf('destroy.jsonl');
    expect(ofType(events, 'planned_change').every((e) => e.action === 'delete')).toBe(true);
    const deleted = ofType(events, 'resource_complete').filter((e) => e.action === 'delete');
    expect(deleted.map((e) => e.address).sort()).toEqual([
      'aws_eip.nat',
      'aws_security_group.alb',
      'aws_vpc.main',
      'terraform_data.slow',
    ]);
    expect(ofType(events, 'change_summary').map((e) => [e.operation, e.summary])).toEqual([
      ['plan', { add: 0, change: 0, destroy: 4 }],
      ['destroy', { add: 0, change: 0, destroy: 4 }],
    ]);
  });

  it('failed apply: the resource errors, and the diagnostic keeps the AWS error and the address', () => {
    const events = eventsOf('apply-error.jsonl');
    expect(ofType(events, 'resource_errored')).toEqual([
      { type: 'resource_errored', address: 'aws_security_group.alb_copy', action: 'create', elapsedSeconds: 0 },
    ]);
    const [diagnostic] = ofType(events, 'diagnostic').map((e) => e.diagnostic);
    expect(diagnostic).toMatchObject({ severity: 'error', address: 'aws_security_group.alb_copy', detail: '' });
    expect(diagnostic?.summary).toMatch(
      /^creating Security Group \(fixture-dup-sg\): operation error EC2: CreateSecurityGroup, https response error StatusCode: 400, RequestID: \S+, api error InvalidGroup\.Duplicate: The security group 'fixture-dup-sg' already exists$/,
    );
    expect(ofType(events, 'change_summary')).toEqual([]);
  });

  it('plan error from the provider: the diagnostic names the resource terraform gave', () => {
    const [diagnostic] = ofType(eventsOf('plan-invalid-cidr.jsonl'), 'diagnostic').map((e) => e.diagnostic);
    expect(diagnostic?.address).toBe('aws_vpc.main');
    expect(diagnostic?.summary).toContain('invalid CIDR address: 10.1.0.0/33');
  });

  it.each(['plan-unknown-argument.jsonl', 'plan-unknown-argument-hcl.jsonl'])(
    'config error without an address (%s): the address comes from the snippet context',
    (file) => {
      const raw = linesOf(file).find((l) => l.includes('"diagnostic"')) ?? '';
      expect(JSON.parse(raw).diagnostic.address).toBeUndefined();
      const diagnostic = (parseUiLine(raw) as Extract<TerraformEvent, { type: 'diagnostic' }>).diagnostic;
      expect(diagnostic.address).toBe('aws_vpc.main');
      expect(diagnostic.detail).toMatch(/"cidr_blok"/);
    },
  );
});

describe('parseUiLine on lines terraform did not write this way', () => {
  const versionLine = linesOf('plan.jsonl')[0] ?? '';

  it('refuses an unknown major version of the UI format', () => {
    expect(() => parseUiLine(versionLine.replace('"ui":"1.2"', '"ui":"2.0"'))).toThrow(/UI is version 2\.0.*1\.x/);
    expect(() => parseUiLine(versionLine.replace('"ui":"1.2"', '"ui":1'))).toThrow(/version \(missing\)/);
    expect(parseUiLine(versionLine.replace('"ui":"1.2"', '"ui":"1.9"'))).toMatchObject({ ui: '1.9' });
  });

  it.each([
    ['plain text', 'Terraform has been successfully initialized!'],
    ['an empty line', ''],
    ['broken JSON', '{"type":"apply_start","hook":'],
    ['a JSON array', '[1,2,3]'],
    ['an unknown type', '{"@level":"info","@message":"x","type":"test_summary","test_summary":{}}'],
    ['an ephemeral action', '{"type":"planned_change","change":{"resource":{"addr":"a.b","resource_type":"a"},"action":"open"}}'],
    ['a hook without a resource', '{"type":"apply_start","hook":{"action":"create"}}'],
  ])('ignores %s', (_what, line) => {
    expect(parseUiLine(line)).toBeUndefined();
  });

  it("maps terraform's `remove` action to forget", () => {
    const line = '{"type":"planned_change","change":{"resource":{"addr":"aws_vpc.old","resource_type":"aws_vpc"},"action":"remove"}}';
    expect(parseUiLine(line)).toMatchObject({ address: 'aws_vpc.old', action: 'forget' });
  });
});

describe('addressFromContext', () => {
  it.each([
    ['resource "aws_vpc" "main"', 'aws_vpc.main'],
    ['resource.aws_vpc.main', 'aws_vpc.main'],
    ['resource.aws_security_group.alb-sg.ingress', 'aws_security_group.alb-sg'],
    ['data "aws_availability_zones" "available"', 'data.aws_availability_zones.available'],
    ['data.aws_availability_zones.available', 'data.aws_availability_zones.available'],
    ['provider "aws"', undefined],
    ['output "vpc_id"', undefined],
    [undefined, undefined],
  ])('%s → %s', (context, address) => {
    expect(addressFromContext(context)).toBe(address);
  });
});

describe('createLineSplitter', () => {
  const split = (chunks: (string | Uint8Array)[]): string[] => {
    const lines: string[] = [];
    const splitter = createLineSplitter((l) => lines.push(l));
    for (const c of chunks) splitter.push(c);
    splitter.end();
    return lines;
  };
  const bytesInPiecesOf = (text: string, size: number): Uint8Array[] => {
    const bytes = new TextEncoder().encode(text);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
    return pieces;
  };

  it('gives back the recorded log line by line, whatever the chunk size', () => {
    const log = fixture('apply.jsonl');
    const expected = log.split('\n').slice(0, -1);
    for (const size of [1, 7, 4096]) expect(split(bytesInPiecesOf(log, size))).toEqual(expected);
  });

  it('keeps multi-byte characters split across chunks, strips CR, and flushes a last line without newline', () => {
    const text = '{"@message":"サブネット作成"}\r\nlast';
    expect(split(bytesInPiecesOf(text, 2))).toEqual(['{"@message":"サブネット作成"}', 'last']);
    expect(split(['ab', 'c\nd', 'e\n'])).toEqual(['abc', 'de']);
  });
});

describe('stateDocumentOf', () => {
  it('turns a pulled raw state into the show -json shape', async () => {
    const { stateDocumentOf } = await import('../../src/terraform/runner.js');
    const doc = stateDocumentOf({
      version: 4,
      terraform_version: '1.11.4',
      resources: [
        { mode: 'managed', type: 'aws_vpc', name: 'main', instances: [{ attributes: { id: 'vpc-1', cidr_block: '10.0.0.0/16' } }] },
        { mode: 'managed', type: 'aws_eip', name: 'nat', instances: [{ index_key: 0, attributes: { id: 'eipalloc-1' } }] },
        { module: 'module.net', mode: 'managed', type: 'aws_subnet', name: 'a', instances: [{ index_key: 'x', attributes: { id: 'subnet-1' } }] },
      ],
    });
    expect(doc.values?.root_module.resources?.map((r) => [r.address, r.values.id])).toEqual([
      ['aws_vpc.main', 'vpc-1'],
      ['aws_eip.nat[0]', 'eipalloc-1'],
    ]);
    expect(doc.values?.root_module.child_modules).toEqual([{ address: 'module.net', resources: [expect.objectContaining({ address: 'module.net.aws_subnet.a["x"]', values: { id: 'subnet-1' } })] }]);
    expect(stateDocumentOf({ version: 4, resources: [] }).values).toBeUndefined();
  });
});

describe('TerraformRunner.pullState', () => {
  const RAW = { version: 4, resources: [{ mode: 'managed', type: 'aws_vpc', name: 'main', instances: [{ attributes: { id: 'vpc-from-FROM' } }] }] };

  it("reads a local backend's state file without starting terraform, and asks terraform when there is none", async () => {
    const { mkdtemp, writeFile, chmod, readFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { TerraformRunner } = await import('../../src/terraform/runner.js');
    const dir = await mkdtemp(join(tmpdir(), 'nw-pull-'));
    const calls = join(dir, 'calls');
    const bin = join(dir, 'terraform');
    // A terraform that logs each call and pulls its own state.
    await writeFile(bin, `#!/bin/sh\necho "$@" >> ${calls}\necho '${JSON.stringify(RAW).replace('FROM', 'terraform')}'\n`);
    await chmod(bin, 0o755);
    await writeFile(join(dir, 'terraform.tfstate'), JSON.stringify(RAW).replace('FROM', 'file'));
    const runner = new TerraformRunner({ bin, cwd: dir, env: { PATH: dir } });
    const id = (doc: Awaited<ReturnType<typeof runner.pullState>>) => doc.values?.root_module.resources?.[0]?.values.id;

    expect(id(await runner.pullState({ localFile: join(dir, 'terraform.tfstate') }))).toBe('vpc-from-file');
    expect(await readFile(calls, 'utf8').catch(() => '')).toBe('');
    expect(id(await runner.pullState({ localFile: join(dir, 'missing.tfstate') }))).toBe('vpc-from-terraform');
    expect(id(await runner.pullState())).toBe('vpc-from-terraform');
    expect((await readFile(calls, 'utf8')).trim().split('\n')).toEqual(['state pull', 'state pull']);
  });
});
