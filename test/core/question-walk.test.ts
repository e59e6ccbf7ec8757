import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answersBefore, question, QUESTIONS, questionsToAsk, resolveConfig, resolveGiven } from '../../src/core/config.js';

describe('the one walk over the questions', () => {
  it('questionsToAsk: the asked questions not answered yet, in the model order', () => {
    const keys = questionsToAsk({ project: 'shop', region: 'us-east-1' }).map((q) => q.key);
    expect(keys).toEqual(['env', 'vpcId', 'azs', 'vpcCidr', 'appPort', 'dbPort', 'needs', 'tasksSubnet', 'priority', 'trafficGb', 'tasks', 'nat', 'nacl']);
    expect(keys).not.toContain('workdir'); // options only
  });

  it.each([
    ['the defaults follow earlier answers', { project: 'shop', env: 'prod', region: 'us-east-1' }, 'nat', { azs: ['us-east-1a', 'us-east-1b'], priority: 'availability' }],
    ['a later answer is not seen by an earlier question', { project: 'shop', env: 'dev', vpcCidr: '10.9.0.0/16' }, 'azs', { region: 'ap-northeast-1' }],
    ['with no question: every answer, with the defaults of the unasked ones', { project: 'shop', env: 'stg' }, undefined, { workdir: '.net-wizard/shop-stg', nat: 'auto', vpcCidr: '10.0.0.0/16' }],
  ] as const)('answersBefore: %s', (_name, known, next, expected) => {
    const before = answersBefore(known, next ? question(next) : undefined);
    expect(before).toMatchObject(expected);
    if (next) expect(before).not.toHaveProperty(next);
    if (next === 'azs') expect(before).not.toHaveProperty('vpcCidr');
  });

  it("parsing an answer the walk already parsed gives it back: each question's example", () => {
    const config = resolveConfig({ project: 'shop', azs: 'a,c', needs: 'ecr-pull,logs', stateBucket: 'my-company-terraform-state', endpoint: 'http://127.0.0.1:5000' });
    for (const q of QUESTIONS) {
      const value = config[q.key];
      if (value === undefined) continue;
      const again = q.parse(value, answersBefore(config, q));
      expect(again, q.key).toEqual({ ok: true, value });
    }
  });

  it('resolveGiven and resolveConfig tell a refused answer once, and not again as a missing default', () => {
    expect(() => resolveConfig({ project: 'Bad' })).toThrowError(/--project/);
    try {
      resolveConfig({ project: 'Bad' });
    } catch (error) {
      const text = String(error);
      expect(text).not.toMatch(/--workdir/); // its default needs a project: the project's problem says it
    }
    expect(resolveGiven({ env: 'prod' })).toEqual({ env: 'prod' });
  });
});

describe('what a question carries for the front-ends', () => {
  it('the VPC CIDR previews the subnets carved from what is typed, or from its default', () => {
    const q = question('vpcCidr');
    const azs = ['ap-northeast-1a', 'ap-northeast-1c'];
    expect(q.preview!({ azs })!.lines.map((l) => l.text)).toEqual([
      'Subnets carved from 10.0.0.0/16:',
      '  public   ap-northeast-1a  10.0.0.0/20',
      '  public   ap-northeast-1c  10.0.16.0/20',
      '  private  ap-northeast-1a  10.0.128.0/20',
      '  private  ap-northeast-1c  10.0.144.0/20',
    ]);
    expect(q.preview!({ azs }, '10.1.0.0/16')!.lines[0]!.text).toBe('Subnets carved from 10.1.0.0/16:');
    expect(q.preview!({ azs }, '10.1.0')).toBeUndefined();
  });

  it('the NAT question previews the advice for the answers before it, its recommendation strong', () => {
    const before = answersBefore({ project: 'shop', needs: ['external-api'] }, question('nat'));
    const preview = question('nat').preview!(before)!;
    expect(preview.apart).toBe(true);
    expect(preview.lines.filter((l) => l.strong).map((l) => l.text)).toEqual([expect.stringMatching(/^Recommended: .* — \$\d+\.\d\d\/month$/)]);
  });

  it('the AZs are narrowed by what AWS confirms, unless fewer than two are left', () => {
    const q = question('azs');
    const choices = q.options!({ region: 'ap-northeast-1' });
    expect(q.lookup!.scope({ region: 'ap-northeast-1' })).toBe('ap-northeast-1');
    const az = (value: string) => ({ value, label: value });
    expect(q.lookup!.narrow(choices, [az('ap-northeast-1c'), az('ap-northeast-1d')])!.map((c) => c.value)).toEqual(['ap-northeast-1c', 'ap-northeast-1d']);
    expect(q.lookup!.narrow(choices, [az('ap-northeast-1c')])).toBeUndefined();
  });

  it("a new VPC or one of the region's: the VPCs come from AWS, and without a lookup the question is left out", () => {
    const q = question('vpcId');
    const choices = q.options!({ region: 'ap-northeast-1' });
    expect(q.lookup!.narrow(choices, [{ value: 'vpc-0a1b2c3d', label: 'vpc-0a1b2c3d shop 10.0.0.0/16, 4 subnets' }])!.map((c) => c.value)).toEqual(['new', 'vpc-0a1b2c3d']);
    expect(q.parse('new', {})).toEqual({ ok: true, value: undefined });
    expect(q.parse('vpc-0a1b2c3d', {})).toEqual({ ok: true, value: 'vpc-0a1b2c3d' });
    const keys = (lookups?: ('vpcs' | 'available-azs')[], answered = {}) => questionsToAsk({ project: 'shop' }, answered, lookups).map((x) => x.key);
    expect(keys(['vpcs'])).toContain('vpcId');
    expect(keys([])).not.toContain('vpcId');
    // An existing VPC chosen: its AZs and CIDR are not asked.
    expect(keys(['vpcs'], { vpcId: 'vpc-0a1b2c3d' })).not.toEqual(expect.arrayContaining(['azs']));
    expect(keys(['vpcs'], { vpcId: 'vpc-0a1b2c3d' })).not.toContain('vpcCidr');
    expect(keys(['vpcs'], { vpcId: undefined })).toEqual(expect.arrayContaining(['azs', 'vpcCidr']));
  });

  it('no front-end names a question key: what differs between questions is in the model', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const keyTest = new RegExp(`\\.key\\s*===\\s*'(${QUESTIONS.map((q) => q.key).join('|')})'`);
    for (const file of files('src/ui')) expect(readFileSync(file, 'utf8'), file).not.toMatch(keyTest);
  });
});
