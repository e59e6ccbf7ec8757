/**
 * Bad input through the whole command line (src/cli.ts main): every kind of mistake a user can
 * make in options, the answers file or the environment ends in exit 2 with a message naming the
 * option, nothing written and no terraform started. terraform here is a script on PATH that
 * leaves a mark when anything runs it.
 */
import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { COMMAND_USES, type Command } from '../../src/commands/index.js';

let root: string;
let bin: string;
let mark: string;
/** Files outside the cases' folders, named in args by these placeholders. */
let places: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nw-bad-input-'));
  bin = join(root, 'bin');
  mark = join(root, 'terraform-ran');
  await mkdir(bin);
  await writeFile(join(bin, 'terraform'), `#!/bin/sh\necho "$@" >> ${mark}\necho '{"terraform_version":"1.11.4"}'\n`);
  await chmod(join(bin, 'terraform'), 0o755);
  const fixtures = join(root, 'fixtures');
  await mkdir(join(fixtures, 'empty-plugins'), { recursive: true });
  execFileSync('mkfifo', [join(fixtures, 'answers.fifo')]);
  await writeFile(join(fixtures, 'big.json'), `{"project": "shop", "pad": "${'x'.repeat(1024 * 1024)}"}`);
  places = { FIFO: join(fixtures, 'answers.fifo'), BIG: join(fixtures, 'big.json'), DIR: fixtures, NOPLUGINS: join(fixtures, 'empty-plugins') };
});

interface Case {
  args: string[];
  /** The answers file's text, written to <case>/answers.json and passed with --config. */
  file?: string;
  env?: Record<string, string>;
  /** Where the message points (the option, or the answers file's field). */
  option: string;
  message: RegExp;
  /** A ceiling (ms) for the refusal: it must not hang. */
  within?: number;
}

const cases: Record<string, Case> = {
  'a CIDR with host bits set': { args: ['--vpc-cidr', '10.0.0.1/16'], option: '--vpc-cidr', message: /host bits set/ },
  'a prefix wider than /16': { args: ['--vpc-cidr', '10.0.0.0/12'], option: '--vpc-cidr', message: /outside the \/16 to \/28/ },
  'a prefix narrower than /28': { args: ['--vpc-cidr', '10.0.0.0/29'], option: '--vpc-cidr', message: /outside the \/16 to \/28/ },
  'a CIDR too small for its subnets': { args: ['--vpc-cidr', '10.0.0.0/27', '--azs', 'a,c'], option: '--vpc-cidr', message: /too small for 2 AZs/ },
  'a public range as the VPC': { args: ['--vpc-cidr', '8.8.0.0/16'], option: '--vpc-cidr', message: /not a private range/ },
  'not a CIDR': { args: ['--vpc-cidr', '10.0.0/16'], option: '--vpc-cidr', message: /has a malformed address/ },
  'an AZ the region lacks': { args: ['--azs', 'a,b'], option: '--azs', message: /"b" is not an AZ of ap-northeast-1/ },
  'an AZ given twice': { args: ['--azs', 'a,ap-northeast-1a'], option: '--azs', message: /given twice/ },
  "another region's AZs": { args: ['--region', 'ap-northeast-1', '--azs', 'us-east-1a,us-east-1b'], option: '--azs', message: /not an AZ of ap-northeast-1/ },
  'an unknown region': { args: ['--region', 'ap-north-1'], option: '--region', message: /not an AWS region net-wizard knows/ },
  'a name AWS would refuse': { args: ['--project', 'My_App'], option: '--project', message: /only lowercase letters, digits and hyphens/ },
  'a name making a reserved SG name': { args: ['--project', 'sg'], option: '--project/--env', message: /start with "sg-"/ },
  'a name too long': { args: ['--project', 'a'.repeat(40)], option: '--project', message: /at most 32/ },
  'a port out of range': { args: ['--app-port', '65536'], option: '--app-port', message: /outside 1-65535/ },
  'an unknown NAT mode': { args: ['--nat', 'two'], option: '--nat', message: /not one of auto, none, single, per-az/ },
  'an emulator URL with a path': { args: ['--endpoint', 'http://127.0.0.1:5000/x'], option: '--endpoint', message: /has a path/ },
  'a state key without a bucket': { args: ['--state-key', 'a/b.tfstate'], option: '--state-key', message: /needs a state bucket as well/ },
  'an invalid bucket name': { args: ['--state-bucket', 'Team_State'], option: '--state-bucket', message: /lowercase letters, digits, dots and hyphens \(S3 bucket naming rules\)/ },
  'an unknown option': { args: ['--vpc', '10.0.0.0/16'], option: '--vpc', message: /Unknown option '--vpc'/ },
  'an unknown command': { args: ['deploy'], option: 'command', message: /"deploy" is not a command/ },
  '--color with --no-color': { args: ['--color', '--no-color'], option: '--color/--no-color', message: /both given/ },
  '--plain with --json': { args: ['--plain', '--json'], option: '--plain/--json', message: /choose one/ },
  '--hcl for apply': { args: ['--hcl'], option: '--hcl', message: /only synth writes HCL/ },
  '--demo with --endpoint': { args: ['--demo', '--endpoint', 'http://127.0.0.1:5000'], option: '--demo/--endpoint', message: /starts a local emulator of its own/ },
  '--demo for apply': { args: ['apply', '--demo'], option: '--demo', message: /apply takes an emulator with --endpoint <url>/ },
  'destroy of a workdir that holds nothing': { args: ['destroy', '--nat', 'none', '--workdir', 'W'], option: '--workdir', message: /holds no net-wizard project/ },
  'an answers file that is not JSON': { args: [], file: '{"project": "shop",}', option: '--config', message: /is not valid JSON/ },
  'an answers file that is a list': { args: [], file: '["shop"]', option: '--config', message: /must hold a JSON object of answers/ },
  'an answers file with an unknown field': { args: [], file: '{"project": "shop", "vpc": "10.0.0.0/16"}', option: ': vpc', message: /is not an answer net-wizard knows/ },
  'an answers file with a bad value': { args: [], file: '{"project": "shop", "azs": ["a", "a"]}', option: ': azs', message: /given twice/ },
  'an answers file of the wrong type': { args: [], file: '{"project": "shop", "appPort": true}', option: ': appPort', message: /"true" is not a port number/ },
  'a missing answers file': { args: ['--config', 'nowhere.json'], option: '--config', message: /cannot read/ },
  'a lock timeout without a unit': { args: [], env: { NET_WIZARD_LOCK_TIMEOUT: '30' }, option: 'NET_WIZARD_LOCK_TIMEOUT', message: /not a duration/ },
  '/dev/zero as the answers file': { args: ['--config', '/dev/zero'], option: '--config', message: /a character device, not a regular file; give a JSON file of answers, at most 1 MiB/, within: 5_000 },
  'a FIFO as the answers file': { args: ['--config', 'FIFO'], option: '--config', message: /a pipe \(FIFO\), not a regular file/, within: 5_000 },
  'a directory as the answers file': { args: ['--config', 'DIR'], option: '--config', message: /a directory/ },
  'an answers file over 1 MiB': { args: ['--config', 'BIG'], option: '--config', message: /larger than 1 MiB, the most an answers file may hold/ },
  'a plugin directory that does not exist': { args: ['--plugin-dir', '/nonexistent/tf-plugins'], option: '--plugin-dir', message: /"\/nonexistent\/tf-plugins" does not exist/ },
  'a plugin directory without the AWS provider': { args: ['--plugin-dir', 'NOPLUGINS'], option: '--plugin-dir', message: /holds no AWS provider for \w+_\w+: terraform looks for registry\.terraform\.io\/hashicorp\/aws\/<version>\// },
  'NET_WIZARD_PLUGIN_DIR naming no directory': { args: ['plan'], env: { NET_WIZARD_PLUGIN_DIR: '/nonexistent/tf-plugins' }, option: 'NET_WIZARD_PLUGIN_DIR', message: /does not exist \(example: NET_WIZARD_PLUGIN_DIR=/ },
  'an emulator over plain http to a public host': { args: ['--endpoint', 'http://emulator.example.com'], option: '--endpoint', message: /not a loopback or private address: use https \(https:\/\/emulator\.example\.com\)/ },
  'an emulator host holding template syntax': { args: ['--endpoint', 'http://a${b}c:5000'], option: '--endpoint', message: /is not a host name/ },
  'a state key holding " and ${': { args: ['synth', '--hcl', '--project', 'shop', '--state-bucket', 'team-state', '--state-key', 'a"${x}%{y}\\z'], option: '--state-key', message: /holds '"', which the generated Terraform configuration would read as the end of the string/ },
  'a state key holding ${': { args: ['--state-bucket', 'team-state', '--state-key', 'net/${path.root}.tfstate'], option: '--state-key', message: /the start of a reference/ },
  '--yes for nat-check': { args: ['nat-check', '--yes'], option: '--yes', message: /nat-check changes nothing in AWS and asks nothing/ },
  '--terraform for synth': { args: ['synth', '--terraform', '/usr/bin/terraform'], option: '--terraform', message: /synth runs no terraform/ },
  '--plugin-dir for nat-check': { args: ['nat-check', '--plugin-dir', '/opt/tf-plugins'], option: '--plugin-dir', message: /nat-check runs no terraform init/ },
  '--endpoint for nat-check': { args: ['nat-check', '--endpoint', 'http://127.0.0.1:5000'], option: '--endpoint', message: /nat-check takes only the answers of the NAT advice/ },
  '--workdir for nat-check': { args: ['nat-check', '--workdir', 'W'], option: '--workdir', message: /nat-check takes only the answers of the NAT advice/ },
  '--color for apply': { args: ['--color'], option: '--color', message: /only the wizard's screens have colour/ },
};

describe('bad input: exit 2, the option named, nothing written, no terraform started', () => {
  it.each(Object.entries(cases))('%s', async (name, c) => {
    const dir = join(root, name.replace(/[^a-z0-9]+/gi, '-'));
    await mkdir(dir);
    const workdir = join(dir, 'workdir');
    const args = c.args.map((a) => (a === 'W' ? workdir : places[a] ?? a));
    const config: string[] = [];
    if (c.file !== undefined) {
      await writeFile(join(dir, 'answers.json'), c.file);
      config.push('--config', join(dir, 'answers.json'));
    }
    const hasCommand = args[0] !== undefined && !args[0].startsWith('-');
    const argv = [...(hasCommand ? [] : ['apply']), ...args, ...config];
    // Everything else is right, as far as the command takes it: a project, the workdir, --yes, an
    // emulator that is never reached.
    const uses = COMMAND_USES[argv[0] as Command] ?? COMMAND_USES.apply;
    const takes = (key: 'project' | 'workdir' | 'endpoint') => uses.answers === 'all' || (uses.answers !== 'recorded' && uses.answers.includes(key));
    if (takes('project') && !argv.includes('--project') && c.file === undefined && !argv.includes('--config')) argv.push('--project', 'shop');
    if ((takes('workdir') || uses.answers === 'recorded') && !argv.includes('--workdir')) argv.push('--workdir', workdir);
    if (takes('endpoint') && !argv.includes('--endpoint')) argv.push('--endpoint', 'http://127.0.0.1:9');
    if (uses.flags.includes('yes') && !argv.includes('--yes')) argv.push('--yes');

    let stdout = '';
    let stderr = '';
    const started = Date.now();
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { PATH: bin, ...c.env }, isTTY: false });
    if (c.within !== undefined) expect(Date.now() - started).toBeLessThan(c.within);

    expect(code, stderr).toBe(2);
    expect(stderr).toContain(c.option);
    expect(stderr).toMatch(c.message);
    expect(stdout).toBe('');
    expect(existsSync(workdir), `${workdir} was written`).toBe(false);
    expect(await readdir(dir)).toEqual(c.file === undefined ? [] : ['answers.json']);
    expect(existsSync(mark), 'terraform was started').toBe(false);
  });
});

describe('--demo runs the full-screen wizard, and only that', () => {
  it.each([
    [['--demo', '--project', 'shop'], '--demo', /no terminal to show it on .*--endpoint http:\/\/127\.0\.0\.1:<port>/],
    [['--demo', '--json'], '--demo/--json', /no screen to run it on/],
    [['--demo', '--plain'], '--demo/--plain', /no screen to run it on/],
  ])('%j without a terminal: exit 2, nothing started', async (argv, option, message) => {
    let stderr = '';
    const code = await main(argv, { stdout: () => {}, stderr: (t) => (stderr += t), env: { PATH: bin }, isTTY: false });
    expect(code).toBe(2);
    expect(stderr).toContain(`${option}: `);
    expect(stderr.replace(/\s+/g, ' ')).toMatch(message);
    expect(existsSync(mark)).toBe(false);
  });
});
