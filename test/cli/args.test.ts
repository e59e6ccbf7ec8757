import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import type { RunFlag } from '../../src/commands/command.js';
import { COMMAND_USES, COMMANDS, type Command } from '../../src/commands/index.js';
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

describe('options a command does not use are refused, not ignored', () => {
  const refusal = (argv: string[]) => {
    try {
      parseInvocation(argv);
      return undefined;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return error.problems.map((p) => `${p.option}: ${p.message}`).join('\n');
    }
  };
  const line = (command: Command, ...rest: string[]) => (command === 'wizard' ? rest : [command, ...rest]);
  const FLAGS: Record<RunFlag, string[]> = {
    config: ['--config', 'a.json'],
    yes: ['--yes'],
    json: ['--json'],
    verbose: ['--verbose'],
    demo: ['--demo'],
    plain: ['--plain'],
    hcl: ['--hcl'],
    color: ['--color'],
    terraform: ['--terraform', '/usr/bin/terraform'],
    'plugin-dir': ['--plugin-dir', '/opt/tf-plugins'],
    'alb-sg': ['--alb-sg', 'sg-0a1b2c3d'],
    'ecs-sg': ['--ecs-sg', 'sg-0a1b2c3d'],
    'rds-sg': ['--rds-sg', 'sg-0a1b2c3d'],
    'live-prices': ['--live-prices'],
    format: ['--format', 'mermaid'],
  };

  const grid = ([...COMMANDS, 'wizard'] as Command[]).flatMap((command) => (Object.keys(FLAGS) as RunFlag[]).map((flag) => [command, flag] as const));
  it.each(grid)('%s with --%s: as the table says', (command, flag) => {
    const found = refusal(line(command, ...FLAGS[flag]));
    if (COMMAND_USES[command].flags.includes(flag)) expect(found).toBeUndefined();
    else expect(found).toMatch(new RegExp(`^--${flag}: .*${flag === 'hcl' ? 'only synth writes HCL' : `\\(used by: `}`));
  });

  it.each([
    ['nat-check', ['--endpoint', 'http://127.0.0.1:5000'], '--endpoint'],
    ['nat-check', ['--workdir', 'w'], '--workdir'],
    ['nat-check', ['--state-bucket', 'b-1'], '--state-bucket'],
    ['nat-check', ['--project', 'shop'], '--project'],
    ['nat-check', ['--terraform', 't'], '--terraform'],
    ['nat-check', ['--plugin-dir', 'p'], '--plugin-dir'],
    ['nat-check', ['--yes'], '--yes'],
    ['nat-check', ['--plain'], '--plain'],
    ['synth', ['--terraform', 't'], '--terraform'],
    ['synth', ['--plugin-dir', 'p'], '--plugin-dir'],
    ['apply', ['--color'], '--color'],
  ] as [Command, string[], string][])('%s refuses %j', (command, args, option) => {
    expect(refusal(line(command, ...args))).toMatch(new RegExp(`^${option}: `));
  });

  // The command-line contract (/work/shared/cli-contract.md): what it documents is never refused.
  it.each([
    ['wizard', ['--project', 'p', '--env', 'dev', '--region', 'us-east-1', '--azs', 'a,c', '--vpc-cidr', '10.0.0.0/16', '--app-port', '3000', '--db-port', '5432', '--nat', 'auto', '--needs', 'logs', '--nacl', 'default', '--endpoint', 'http://127.0.0.1:5000', '--workdir', 'w', '--config', 'a.json', '--yes', '--json']],
    ['wizard', ['--plain', '--no-color']],
    ['wizard', ['--color']],
    ['apply', ['--project', 'p', '--yes', '--plain', '--no-color', '--terraform', 't', '--plugin-dir', 'p']],
    ['synth', ['--project', 'p', '--hcl', '--json', '--endpoint', 'http://127.0.0.1:5000', '--state-bucket', 'b-1', '--no-color']],
    ['plan', ['--project', 'p', '--json', '--terraform', 't', '--plugin-dir', 'p', '--no-color']],
    ['verify', ['--project', 'p', '--env', 'dev', '--workdir', 'w', '--config', 'a.json', '--json', '--terraform', 't']],
    ['outputs', ['--workdir', 'w', '--json', '--plugin-dir', 'p']],
    ['apply', ['--project', 'p', '--json']],
    ['destroy', ['--workdir', 'w', '--yes', '--json']],
    // An apply line reused with another verb keeps its --yes.
    ['verify', ['--project', 'p', '--yes']],
    ['outputs', ['--project', 'p', '--yes']],
    ['plan', ['--project', 'p', '--yes']],
    ['synth', ['--project', 'p', '--yes']],
    ['nat-check', ['--needs', 'logs', '--env', 'prod', '--region', 'us-east-1', '--azs', 'a,b', '--nat', 'single', '--priority', 'cost', '--traffic-gb', '20', '--tasks', '2', '--tasks-subnet', 'private', '--config', 'a.json', '--json', '--no-color']],
  ] as [Command, string[]][])('%s takes %j', (command, args) => {
    expect(refusal(line(command, ...args))).toBeUndefined();
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
  it('lists every answer option from the question model: its argument, its words and its default, on lines of at most 96 columns', async () => {
    const { helpText } = await import('../../src/cli/help.js');
    const { QUESTIONS } = await import('../../src/core/config.js');
    const help = helpText();
    // Each option's words, wrapped under themselves, read back as one line.
    const options = help.slice(help.indexOf('Options'), help.indexOf('The workdir')).replace(/\n {24}/g, ' ');
    for (const q of QUESTIONS) {
      const left = `  ${q.flag} ${q.usage.arg}`.trimEnd();
      const line = options.split('\n').find((l) => l.startsWith(`${left} `));
      expect(line, q.flag).toBeDefined();
      // The words start at column 24, or one space after an option too long for it.
      expect(line!.slice(Math.max(24, left.length + 1)).replace(/^ +/, ''), q.flag).toBe(q.usage.summary + (q.usage.default ? ` (default: ${q.usage.default})` : ''));
    }
    expect(options).toContain('--env <name>          environment: dev, stg, prod, or another short slug (default: dev)');
    for (const line of help.split('\n')) expect(line.length, line).toBeLessThanOrEqual(96);
  });
});
