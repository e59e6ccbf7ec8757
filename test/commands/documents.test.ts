/**
 * What each command prints (src/commands/*, through src/cli.ts main): the key set of every
 * --json document, the human text and the exit code, with the engine replaced by one that
 * answers from fixtures (no terraform, no AWS). The documents are the contract users script
 * against (../shared/cli-contract.md): a key renamed, dropped or reordered fails here. The
 * snapshot pins stdout, stderr and the exit code byte for byte.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveConfig, type NetworkConfig } from '../../src/core/config.js';
import { planNat, type NatPlan } from '../../src/core/nat-plan.js';
import type { EngineContext, GivenAnswers } from '../../src/app/engine.js';
import type { Check } from '../../src/core/checks.js';

/** What the fake engine was called with, and what it answers. */
const calls: unknown[][] = [];
let failing = false;
let cancelled = false;
let leftBehind = 0;
let stopMidApply = false;

const config = resolveConfig({ project: 'shop', env: 'dev', needs: 'ecr-pull' });
const checks = (): Check[] => [
  { id: 'flow.internet-alb-443', title: 'internet reaches the ALB on 443', status: 'pass', detail: 'open through the public route table' },
  { id: 'flow.internet-rds-5432', title: 'internet cannot reach the database', status: failing ? 'fail' : 'pass', detail: failing ? 'open: rds-sg allows 0.0.0.0/0' : 'blocked by rds-sg' },
];
const live = (): Check[] => [{ id: 'sg.alb.ingress', title: 'ALB security group ingress', status: failing ? 'fail' : 'pass', detail: failing ? 'expected 443 from 0.0.0.0/0, found none' : '443 from 0.0.0.0/0' }];
const findings: Check[] = [{ id: 'baseline.CKV2_AWS_12', title: 'default security group restricts all traffic', status: 'pass', detail: 'no rules' }];
const outputs = {
  vpc_id: 'vpc-0abc',
  public_subnet_ids: ['subnet-01', 'subnet-02'],
  private_subnet_ids: ['subnet-03', 'subnet-04'],
  security_group_alb_id: 'sg-01',
  security_group_ecs_id: 'sg-02',
  security_group_rds_id: 'sg-03',
  nat_gateway_ids: [],
  nat_gateway_public_ips: [],
};
const synthesized = (c: NetworkConfig) => ({
  workdir: `/work/${c.project}-${c.env}`,
  files: ['cdk.tf.json', 'net-wizard.json'],
  resourceCount: 42,
  resources: { aws_vpc: 1, aws_subnet: 4 },
  nat: planNat(c),
  checks: checks(),
  findings,
});
const record = { config } as never;
const summary = (add: number, change: number, destroy: number) => ({ add, change, destroy });

vi.mock('../../src/app/engine.js', () => ({
  synth: async (c: NetworkConfig, _nat: NatPlan, ctx: EngineContext, options: unknown) => {
    calls.push(['synth', c.project, wiring(ctx), options]);
    return synthesized(c);
  },
  plan: async (c: NetworkConfig, _nat: NatPlan, ctx: EngineContext) => {
    calls.push(['plan', c.project, wiring(ctx)]);
    return { ...synthesized(c), plan: summary(failing ? 0 : 30, 0, 0), changes: !failing };
  },
  apply: async (c: NetworkConfig, _nat: NatPlan, ctx: EngineContext) => {
    calls.push(['apply', c.project, wiring(ctx)]);
    if (stopMidApply) {
      ctx.emit({ type: 'terraform', event: { type: 'resource_started', address: 'aws_nat_gateway.main_a', action: 'create', resourceType: 'aws_nat_gateway' }, at: 0 });
      ctx.emit({ type: 'terraform', event: { type: 'resource_complete', address: 'aws_vpc.main', action: 'create', elapsedSeconds: 1 }, at: 0 });
      throw Object.assign(new Error('terraform apply was interrupted'), { name: 'TerraformError', kind: 'terraform', step: 'apply', interrupted: true });
    }
    if (cancelled) return { config: c, nat: planNat(c), plan: summary(30, 0, 0), applied: summary(0, 0, 0), outputs: {}, verification: [], findings: [], workdir: '/work/shop-dev', cancelled: true };
    return { config: c, nat: planNat(c), plan: summary(30, 0, 0), applied: summary(30, 0, 0), outputs, verification: [...checks(), ...live()], findings, workdir: '/work/shop-dev' };
  },
  verify: async (workdir: string, ctx: EngineContext, given: GivenAnswers) => {
    calls.push(['verify', workdir, wiring(ctx), given]);
    return { record, verification: live() };
  },
  outputs: async (workdir: string, ctx: EngineContext, given: GivenAnswers) => {
    calls.push(['outputs', workdir, wiring(ctx), given]);
    return { record, outputs };
  },
  destroy: async (workdir: string, ctx: EngineContext, given: GivenAnswers) => {
    calls.push(['destroy', workdir, wiring(ctx), given]);
    const left = [
      { kind: 'NAT Gateway', id: 'nat-01', name: 'shop-dev-nat-a', fix: 'aws ec2 delete-nat-gateway --nat-gateway-id nat-01', extra: 'not in the document' },
      { kind: 'Elastic IP', id: 'eipalloc-01', name: 'shop-dev-nat-eip-a', fix: 'aws ec2 release-address --allocation-id eipalloc-01', extra: 'not in the document' },
    ].slice(0, leftBehind);
    if (cancelled) return { record, plan: summary(0, 0, 30), destroyed: summary(0, 0, 0), cancelled: true, leftBehind: [] };
    return { record, plan: summary(0, 0, 30), destroyed: summary(0, 0, 30), leftBehind: left };
  },
}));

/** The parts of the engine context the command line sets, as plain data. */
function wiring(ctx: EngineContext) {
  return { terraformBin: ctx.terraformBin, pluginDir: ctx.pluginDir, confirm: typeof ctx.confirm, signal: ctx.signal instanceof AbortSignal };
}

const { main } = await import('../../src/cli.js');
const { COMMAND_TABLE, COMMANDS } = await import('../../src/commands/index.js');

it('the table has a module for every command and for the wizard', () => {
  expect(Object.keys(COMMAND_TABLE)).toEqual(['wizard', ...COMMANDS]);
  for (const command of Object.values(COMMAND_TABLE)) expect(Object.keys(command)).toEqual(expect.arrayContaining(['uses', 'ask', 'execute', 'render', 'exitCode']));
});

async function run(argv: string[], isTTY = false) {
  let stdout = '';
  let stderr = '';
  // On a terminal (and not in CI) apply and destroy ask before changing AWS.
  const env = isTTY ? { PATH: '' } : { PATH: '', CI: 'true' };
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, isTTY });
  return { code, stdout, stderr };
}

const answers = ['--project', 'shop', '--env', 'dev', '--needs', 'ecr-pull'];

beforeEach(() => {
  calls.length = 0;
  failing = false;
  cancelled = false;
  leftBehind = 0;
  stopMidApply = false;
});

describe('the --json document of each command: its keys, in order', () => {
  const cases: Record<string, { argv: string[]; keys: string[] }> = {
    synth: { argv: ['synth', ...answers, '--json'], keys: ['config', 'nat', 'workdir', 'files', 'resources', 'verification', 'findings'] },
    plan: { argv: ['plan', ...answers, '--json'], keys: ['config', 'nat', 'plan', 'changes', 'verification', 'findings', 'workdir'] },
    apply: { argv: ['apply', ...answers, '--yes', '--json'], keys: ['config', 'nat', 'prices', 'plan', 'applied', 'outputs', 'verification', 'findings', 'workdir'] },
    'the wizard without a terminal': { argv: [...answers, '--yes', '--json'], keys: ['config', 'nat', 'prices', 'plan', 'applied', 'outputs', 'verification', 'findings', 'workdir'] },
    verify: { argv: ['verify', '--workdir', 'wd', '--json'], keys: ['workdir', 'verification'] },
    outputs: { argv: ['outputs', '--workdir', 'wd', '--json'], keys: ['workdir', 'outputs'] },
    destroy: { argv: ['destroy', '--workdir', 'wd', '--yes', '--json'], keys: ['workdir', 'plan', 'destroyed', 'cancelled', 'leftBehind'] },
    'nat-check': { argv: ['nat-check', '--needs', 'ecr-pull', '--json'], keys: ['answers', 'recommended', 'nat', 'options', 'routes', 'tutorialDifferences', 'prices', 'advice'] },
  };
  for (const [name, { argv, keys }] of Object.entries(cases)) {
    it(name, async () => {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(Object.keys(JSON.parse(r.stdout))).toEqual(keys);
      expect(r.stdout.endsWith('}\n')).toBe(true);
    });
  }

  it('apply: the contract keys of outputs, verification and findings', async () => {
    const doc = JSON.parse((await run(['apply', ...answers, '--yes', '--json'])).stdout);
    expect(Object.keys(doc.outputs)).toEqual(Object.keys(outputs));
    expect(Object.keys(doc.plan)).toEqual(['add', 'change', 'destroy']);
    for (const check of [...doc.verification, ...doc.findings]) expect(Object.keys(check)).toEqual(['id', 'title', 'status', 'detail']);
    expect(Object.keys(doc.nat)).toEqual(expect.arrayContaining(['mode', 'reasons', 'monthlyCostUsd']));
    expect(doc.prices).toMatchObject({ region: 'ap-northeast-1', date: expect.any(String), source: expect.any(String), estimated: expect.any(Boolean) });
  });

  it('destroy: leftBehind carries kind, id, name and fix only', async () => {
    leftBehind = 1;
    const doc = JSON.parse((await run(['destroy', '--workdir', 'wd', '--yes', '--json'])).stdout);
    expect(doc.leftBehind.map((l: object) => Object.keys(l))).toEqual([['kind', 'id', 'name', 'fix']]);
  });
});

/** Every way a command ends, byte for byte: [argv, setup, on a terminal]. */
const endings: Record<string, [string[], () => void, boolean?]> = {
  'synth --json': [['synth', ...answers, '--json'], () => {}],
  synth: [['synth', ...answers, '--hcl'], () => {}],
  'plan --json': [['plan', ...answers, '--json', '--terraform', '/opt/tf'], () => {}],
  plan: [['plan', ...answers], () => {}],
  'plan, a flow check failing': [['plan', ...answers], () => (failing = true)],
  'apply --json': [['apply', ...answers, '--yes', '--json'], () => {}],
  apply: [['apply', ...answers, '--yes'], () => {}],
  'apply, checks failing': [['apply', ...answers, '--yes'], () => (failing = true)],
  'apply --json, checks failing': [['apply', ...answers, '--yes', '--json'], () => (failing = true)],
  'apply, cancelled': [['apply', ...answers, '--yes'], () => (cancelled = true)],
  'apply, stopped mid-apply': [['apply', ...answers, '--yes'], () => (stopMidApply = true)],
  'apply without --yes or a terminal': [['apply', ...answers], () => {}],
  'apply on a terminal, to confirm': [['apply', ...answers], () => {}, true],
  'destroy on a terminal, to confirm': [['destroy', '--workdir', 'wd'], () => {}, true],
  'the wizard without a terminal': [[...answers, '--yes'], () => {}],
  'the wizard without a terminal or --yes': [[...answers], () => {}],
  'verify --json': [['verify', '--workdir', 'wd', '--json'], () => {}],
  verify: [['verify', '--project', 'shop', '--env', 'dev'], () => {}],
  'verify, failing': [['verify', '--workdir', 'wd'], () => (failing = true)],
  'verify without a workdir': [['verify'], () => {}],
  'outputs --json': [['outputs', '--workdir', 'wd', '--json'], () => {}],
  outputs: [['outputs', '--workdir', 'wd', '--region', 'ap-northeast-1'], () => {}],
  'destroy --json': [['destroy', '--workdir', 'wd', '--yes', '--json'], () => (leftBehind = 2)],
  destroy: [['destroy', '--workdir', 'wd', '--yes'], () => {}],
  'destroy, one left behind': [['destroy', '--workdir', 'wd', '--yes'], () => (leftBehind = 1)],
  'destroy, two left behind': [['destroy', '--workdir', 'wd', '--yes'], () => (leftBehind = 2)],
  'destroy, cancelled': [['destroy', '--workdir', 'wd', '--yes'], () => (cancelled = true)],
  'destroy without --yes or a terminal': [['destroy', '--workdir', 'wd'], () => {}],
  'nat-check --json': [['nat-check', '--needs', 'ecr-pull,ssm', '--json'], () => {}],
  'nat-check': [['nat-check', '--needs', 'external-api'], () => {}],
};

describe('what each command prints and its exit code', () => {
  for (const [name, [argv, setup, isTTY]] of Object.entries(endings)) {
    it(name, async () => {
      setup();
      const r = await run(argv, isTTY);
      expect({ ...r, engine: calls }).toMatchSnapshot();
    });
  }
});
