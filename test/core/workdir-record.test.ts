import { describe, expect, it } from 'vitest';
import { resolveConfig, resolveGiven, type Answers } from '../../src/core/config.js';
import { UsageError } from '../../src/core/errors.js';
import { planNat } from '../../src/core/nat-plan.js';
import { boundTarget, compareTarget, parseRecord, recordedConflicts, targetMismatch, type WorkdirRecord } from '../../src/core/workdir-record.js';

const config = resolveConfig({ project: 'shop', endpoint: 'http://127.0.0.1:5000' });
const record: WorkdirRecord = { tool: 'net-wizard', version: '0.1.0', config, nat: planNat(config) };
const target = { accountId: '123456789012', region: 'ap-northeast-1', endpoint: 'http://127.0.0.1:5000', project: 'shop', env: 'dev', backend: 'the workdir (terraform.tfstate)', since: '2026-12-01T00:00:00.000Z' };

function damage(edit: (r: Record<string, any>) => void): string {
  const r = JSON.parse(JSON.stringify({ ...record, target }));
  edit(r);
  return JSON.stringify(r);
}

const existing = {
  id: 'vpc-0a1b2c3d',
  cidr: '10.0.0.0/16',
  defaultSecurityGroup: 'sg-1',
  defaultNacl: 'acl-1',
  subnets: [
    { id: 'subnet-a', az: 'ap-northeast-1a', cidr: '10.0.1.0/24', class: 'public', routeTable: 'rtb-1', why: 'rtb-1 sends 0.0.0.0/0 to the internet gateway igw-1' },
    { id: 'subnet-b', az: 'ap-northeast-1a', cidr: '10.0.11.0/24', class: 'private', routeTable: 'rtb-2', why: 'rtb-2 has no 0.0.0.0/0 route' },
  ],
  zones: [{ az: 'ap-northeast-1a', public: 'subnet-a', private: 'subnet-b' }],
};

function attachedDamage(edit: (r: Record<string, any>) => void): string {
  return damage((r) => {
    r.config.vpcId = existing.id;
    r.existing = JSON.parse(JSON.stringify(existing));
    edit(r);
  });
}

function problemsOf(text: string): string[] {
  try {
    parseRecord(text, 'W/net-wizard.config.json');
  } catch (error) {
    if (error instanceof UsageError) return error.problems.map((p) => `${p.option}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('parseRecord: a damaged record names the file and the field', () => {
  it('reads a sound record back as it was written', () => {
    const text = JSON.stringify({ ...record, target, appliedAt: '2026-12-01T00:00:01.000Z' });
    expect(parseRecord(text, 'r.json')).toEqual({ ...record, target, appliedAt: '2026-12-01T00:00:01.000Z' });
  });

  it('reads an attached network back with the VPC it found', () => {
    const text = attachedDamage(() => {});
    expect(parseRecord(text, 'r.json').existing).toEqual(existing);
  });

  it.each([
    ['not JSON', '{"tool": "net-wizard",', /^W\/net-wizard\.config\.json: is not valid JSON/],
    ['a list', '[]', /must hold a JSON object/],
    ['another tool', damage((r) => (r.tool = 'cdktf')), /: tool: is "cdktf", not "net-wizard"/],
    ['no version', damage((r) => delete r.version), /: version: is missing/],
    ['no config', damage((r) => delete r.config), /: config: is missing/],
    ['a bad answer', damage((r) => (r.config.region = 'mars-1')), /: config\.region: "mars-1" is not an AWS region.*damaged/],
    ['a CIDR too small', damage((r) => (r.config.vpcCidr = '10.0.0.0/28')), /: config\.vpcCidr: .*too small.*damaged/],
    ['a NAT mode unknown', damage((r) => (r.nat.mode = 'two')), /: nat\.mode: is "two", not one of none, single, per-az/],
    ['NAT AZs not a list', damage((r) => (r.nat.natAzs = 'a')), /: nat\.natAzs: is not a list/],
    ['an account id of 11 digits', damage((r) => (r.target.accountId = '12345678901')), /: target\.accountId: is "12345678901", not a 12-digit/],
    ['a target without a region', damage((r) => delete r.target.region), /: target\.region: is missing/],
    ['an endpoint that is a number', damage((r) => (r.target.endpoint = 5000)), /: target\.endpoint: is neither null/],
    ['an attached network without its VPC', damage((r) => (r.config.vpcId = 'vpc-0a1b2c3d')), /: existing: is not an object/],
    ['an attached network whose zones name no known subnet', attachedDamage((r) => (r.existing.zones[0].private = 'subnet-gone')), /: existing\.zones\[0\]\.private: is "subnet-gone", not one of existing\.subnets/],
    ['an attached network of another VPC', attachedDamage((r) => (r.existing.id = 'vpc-0b1b2c3d')), /: existing\.id: is vpc-0b1b2c3d, but config\.vpcId is vpc-0a1b2c3d/],
  ])('%s', (_name, text, expected) => {
    const found = problemsOf(text);
    expect(found.length, 'a problem was reported').toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(expected);
  });
});

describe('compareTarget: the account id and the region decide; for emulators the endpoint too, unless the VPC answers there', () => {
  const aws = { accountId: '111111111111', region: 'us-east-1', endpoint: null };
  const emu = { accountId: '123456789012', region: 'ap-northeast-1', endpoint: 'http://127.0.0.1:5000' };
  it.each([
    ['the same AWS account and region', aws, aws, {}, { same: true }],
    ['another AWS account (another profile)', aws, { ...aws, accountId: '222222222222' }, {}, { same: false, facts: ['account'] }],
    ['another region', aws, { ...aws, region: 'eu-west-1' }, {}, { same: false, facts: ['region'] }],
    ['account and region both', aws, { ...aws, accountId: '222222222222', region: 'eu-west-1' }, {}, { same: false, facts: ['account', 'region'] }],
    ['real AWS, then an emulator', aws, { ...emu, accountId: aws.accountId, region: aws.region }, { vpcId: 'vpc-1' }, { same: false, facts: ['endpoint'] }],
    ['an emulator, then real AWS', emu, { ...emu, endpoint: null }, { vpcId: 'vpc-1' }, { same: false, facts: ['endpoint'] }],
    ['another emulator, VPC not asked yet', emu, { ...emu, endpoint: 'http://127.0.0.1:6000' }, { vpcId: 'vpc-1' }, { same: 'ask' }],
    ['another emulator without the VPC', emu, { ...emu, endpoint: 'http://127.0.0.1:6000' }, { vpcId: 'vpc-1', vpcThere: false }, { same: false, facts: ['endpoint'] }],
    ['the emulator restarted on another port, data kept', emu, { ...emu, endpoint: 'http://127.0.0.1:6000' }, { vpcId: 'vpc-1', vpcThere: true }, { same: true, moved: 'http://127.0.0.1:6000' }],
    ['another emulator and no VPC recorded', emu, { ...emu, endpoint: 'http://127.0.0.1:6000' }, {}, { same: false, facts: ['endpoint'] }],
    ['an emulator in another region (the VPC cannot save it)', emu, { ...emu, region: 'us-east-1', endpoint: 'http://127.0.0.1:6000' }, { vpcId: 'vpc-1', vpcThere: true }, { same: false, facts: ['region', 'endpoint'] }],
    ['a workdir recorded before bindings: the account is not known', { ...aws, accountId: '' }, aws, {}, { same: true }],
  ] as const)('%s', (_name, recorded, now, context, expected) => {
    const verdict = compareTarget(recorded, now, context);
    if (expected.same === false) {
      expect(verdict.same).toBe(false);
      expect((verdict as { differences: { fact: string }[] }).differences.map((d) => d.fact)).toEqual(expected.facts);
    } else {
      expect(verdict).toEqual(expected.same === 'ask' ? { same: 'ask', vpcId: 'vpc-1' } : expected);
    }
  });

  it('the refusal names both sides, what decides, and both ways forward', () => {
    const now = { ...emu, endpoint: 'http://127.0.0.1:6000' };
    const verdict = compareTarget(emu, now, { vpcId: 'vpc-1', vpcThere: false });
    if (verdict.same !== false) throw new Error('expected a mismatch');
    const text = targetMismatch('/w', emu, now, verdict.differences, 'vpc-1').message;
    expect(text).toContain('--endpoint: the workdir\'s network is in endpoint http://127.0.0.1:5000; this run is aimed at http://127.0.0.1:6000');
    expect(text).toContain('"/w" is bound to the network it applied: account 123456789012, region ap-northeast-1, emulator http://127.0.0.1:5000');
    expect(text).toContain('What decides: the account id (from STS) and the region');
    expect(text).toContain('unless the workdir\'s VPC (vpc-1) is found at the new one');
    expect(text).toContain('run again with the recorded ones (--endpoint http://127.0.0.1:5000)');
    expect(text).toContain('a workdir of its own (--workdir');
  });
});

describe('boundTarget', () => {
  it('is absent for a workdir terraform never applied in', () => {
    expect(boundTarget(record, false)).toBeUndefined();
    expect(boundTarget(undefined, true)).toBeUndefined();
  });
  it('is the recorded target once bound', () => {
    expect(boundTarget({ ...record, target }, false)).toBe(target);
  });
  it('binds a workdir recorded before bindings, whose state holds a network, to its answers', () => {
    expect(boundTarget(record, true)).toEqual({ accountId: '', region: 'ap-northeast-1', endpoint: 'http://127.0.0.1:5000' });
  });
});

describe('recordedConflicts: verify, outputs and destroy take the recorded answers, and refuse others', () => {
  it('accepts the very options the network was applied with', () => {
    expect(recordedConflicts(record, { region: 'ap-northeast-1', azs: config.azs, endpoint: 'http://127.0.0.1:5000', project: 'shop' }, {}, 'destroy')).toEqual([]);
  });
  it('accepts the apply line as typed: AZ letters, lists as text, the emulator URL', () => {
    const applied = { ...record, config: resolveConfig({ project: 'shop', endpoint: 'http://127.0.0.1:5000', azs: 'a,c', needs: 'ecr-pull,logs', nat: 'single', nacl: 'custom' }) };
    const typed = (answers: Answers) => recordedConflicts(applied, resolveGiven(answers), {}, 'verify');
    expect(typed({ project: 'shop', region: 'ap-northeast-1', azs: 'a,c', needs: 'logs,ecr-pull', nat: 'single', nacl: 'custom', endpoint: 'http://127.0.0.1:5000' })).toEqual([]);
    expect(typed({ azs: 'ap-northeast-1a,ap-northeast-1c' })).toEqual([]);
    const [p] = typed({ azs: 'a,d' });
    expect(p!.option).toBe('--azs');
  });
  it('refuses a different value, naming the recorded one', () => {
    const [p] = recordedConflicts(record, { region: 'us-east-1' }, {}, 'destroy');
    expect(p!.option).toBe('--region');
    expect(p!.message).toMatch(/applied with ap-northeast-1, and destroy acts on it as applied: give --region ap-northeast-1, or leave it out/);
  });
  it('refuses an answer the network was applied without', () => {
    const [p] = recordedConflicts(record, { stateBucket: 'team' }, { stateBucket: 'net-wizard.json: stateBucket' }, 'verify');
    expect(p!.option).toBe('net-wizard.json: stateBucket');
    expect(p!.message).toMatch(/applied with \(none\).*give no --state-bucket/);
  });
});
