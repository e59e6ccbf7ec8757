import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import { mergeAnswers, readAnswersFile } from '../../src/cli/answers-file.js';
import { UsageError } from '../../src/core/errors.js';

describe('parseInvocation', () => {
  it('maps every answer option to its config key', () => {
    const inv = parseInvocation(['apply', '--project', 'shop', '--env', 'prod', '--region', 'us-east-1', '--azs', 'a,b', '--vpc-cidr', '10.1.0.0/16',
      '--app-port', '8080', '--db-port', '3306', '--nat', 'single', '--needs', 'logs', '--nacl', 'custom', '--endpoint', 'http://127.0.0.1:1', '--workdir', 'w', '--yes', '--json']);
    expect(inv.command).toBe('apply');
    expect(inv.answers).toEqual({ project: 'shop', env: 'prod', region: 'us-east-1', azs: 'a,b', vpcCidr: '10.1.0.0/16', appPort: '8080', dbPort: '3306', nat: 'single', needs: 'logs', nacl: 'custom', endpoint: 'http://127.0.0.1:1', workdir: 'w' });
    expect(inv.flags).toMatchObject({ yes: true, json: true, plain: false });
  });

  it('is the wizard without a command', () => {
    expect(parseInvocation([]).command).toBe('wizard');
  });

  it.each([
    [['--frobnicate'], /--frobnicate/],
    [['deploy'], /"deploy" is not a command/],
    [['synth', 'plan'], /one command at a time/],
    [['--project'], /--project/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseInvocation(argv)).toThrow(UsageError);
    expect(() => parseInvocation(argv)).toThrow(message);
  });

  it('reads --no-color', () => {
    expect(parseInvocation(['--no-color']).flags.color).toBe(false);
    expect(parseInvocation([]).flags.color).toBe(true);
  });
});

describe('answers file', () => {
  async function file(content: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'nw-answers-'));
    const path = join(dir, 'net-wizard.json');
    await writeFile(path, content);
    return path;
  }

  it('reads answers and lets options override them', async () => {
    const path = await file(JSON.stringify({ project: 'shop', env: 'stg', azs: ['a', 'c'] }));
    const merged = mergeAnswers(await readAnswersFile(path), { env: 'prod' });
    expect(merged.answers).toEqual({ project: 'shop', env: 'prod', azs: ['a', 'c'] });
    expect(merged.origin).toEqual({ project: `${path}: project`, azs: `${path}: azs` });
  });

  it.each([
    ['{"project": "shop", "vpc_cidr": "10.0.0.0/16"}', /vpc_cidr: is not an answer net-wizard knows/],
    ['{"project": ', /is not valid JSON/],
    ['["shop"]', /must hold a JSON object/],
  ])('refuses %s', async (content, message) => {
    const path = await file(content);
    await expect(readAnswersFile(path)).rejects.toThrow(message);
  });

  it('says when the file cannot be read', async () => {
    await expect(readAnswersFile('/nonexistent/net-wizard.json')).rejects.toThrow(/cannot read "\/nonexistent\/net-wizard.json" \(ENOENT\)/);
  });
});

describe('--help', () => {
  it('documents every answer option of the question model', async () => {
    const { HELP } = await import('../../src/cli/help.js');
    const { QUESTIONS } = await import('../../src/core/config.js');
    for (const q of QUESTIONS) expect(HELP).toContain(`  ${q.flag} `);
  });
});
