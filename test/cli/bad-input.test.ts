/**
 * Bad input through the whole command line (src/cli.ts main): every kind of mistake a user can
 * make in options, the answers file or the environment ends in exit 2 with a message naming the
 * option, nothing written and no terraform started. terraform here is a script on PATH that
 * leaves a mark when anything runs it.
 */
import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

let root: string;
let bin: string;
let mark: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nw-bad-input-'));
  bin = join(root, 'bin');
  mark = join(root, 'terraform-ran');
  await mkdir(bin);
  await writeFile(join(bin, 'terraform'), `#!/bin/sh\necho "$@" >> ${mark}\necho '{"terraform_version":"1.11.4"}'\n`);
  await chmod(join(bin, 'terraform'), 0o755);
});

interface Case {
  args: string[];
  /** The answers file's text, written to <case>/answers.json and passed with --config. */
  file?: string;
  env?: Record<string, string>;
  /** Where the message points (the option, or the answers file's field). */
  option: string;
  message: RegExp;
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
  'destroy of a workdir that holds nothing': { args: ['destroy', '--nat', 'none', '--workdir', 'W'], option: '--workdir', message: /holds no net-wizard project/ },
  'an answers file that is not JSON': { args: [], file: '{"project": "shop",}', option: '--config', message: /is not valid JSON/ },
  'an answers file that is a list': { args: [], file: '["shop"]', option: '--config', message: /must hold a JSON object of answers/ },
  'an answers file with an unknown field': { args: [], file: '{"project": "shop", "vpc": "10.0.0.0/16"}', option: ': vpc', message: /is not an answer net-wizard knows/ },
  'an answers file with a bad value': { args: [], file: '{"project": "shop", "azs": ["a", "a"]}', option: ': azs', message: /given twice/ },
  'an answers file of the wrong type': { args: [], file: '{"project": "shop", "appPort": true}', option: ': appPort', message: /"true" is not a port number/ },
  'a missing answers file': { args: ['--config', 'nowhere.json'], option: '--config', message: /cannot read/ },
  'a lock timeout without a unit': { args: [], env: { NET_WIZARD_LOCK_TIMEOUT: '30' }, option: 'NET_WIZARD_LOCK_TIMEOUT', message: /not a duration/ },
};

describe('bad input: exit 2, the option named, nothing written, no terraform started', () => {
  it.each(Object.entries(cases))('%s', async (name, c) => {
    const dir = join(root, name.replace(/[^a-z0-9]+/gi, '-'));
    await mkdir(dir);
    const workdir = join(dir, 'workdir');
    const args = c.args.map((a) => (a === 'W' ? workdir : a));
    const config: string[] = [];
    if (c.file !== undefined) {
      await writeFile(join(dir, 'answers.json'), c.file);
      config.push('--config', join(dir, 'answers.json'));
    }
    const hasCommand = args[0] !== undefined && !args[0].startsWith('-');
    const argv = [...(hasCommand ? [] : ['apply']), ...args, ...config];
    // Everything else is right: a project, the workdir, --yes, an emulator that is never reached.
    if (!argv.includes('--project') && c.file === undefined && !argv.includes('--config')) argv.push('--project', 'shop');
    if (!argv.includes('--workdir')) argv.push('--workdir', workdir);
    if (!argv.includes('--endpoint')) argv.push('--endpoint', 'http://127.0.0.1:9');
    argv.push('--yes');

    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { PATH: bin, ...c.env }, isTTY: false });

    expect(code, stderr).toBe(2);
    expect(stderr).toContain(c.option);
    expect(stderr).toMatch(c.message);
    expect(stdout).toBe('');
    expect(existsSync(workdir), `${workdir} was written`).toBe(false);
    expect(await readdir(dir)).toEqual(c.file === undefined ? [] : ['answers.json']);
    expect(existsSync(mark), 'terraform was started').toBe(false);
  });
});
