import { describe, expect, it } from 'vitest';
import { questionsToAsk, resolveConfig, subnetLayout, QUESTIONS, type Answers } from '../../src/core/config.js';
import { UsageError } from '../../src/core/errors.js';

function problems(answers: Answers, origin = {}): { option: string; message: string; example?: string }[] {
  try {
    resolveConfig(answers, origin);
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  return [];
}

describe('resolveConfig: defaults', () => {
  it('needs only a project and fills in the rest with the tutorial defaults', () => {
    expect(resolveConfig({ project: 'shop' })).toEqual({
      project: 'shop',
      env: 'dev',
      region: 'ap-northeast-1',
      azs: ['ap-northeast-1a', 'ap-northeast-1c'],
      vpcCidr: '10.0.0.0/16',
      appPort: 3000,
      dbPort: 5432,
      needs: [],
      tasksSubnet: 'private',
      priority: 'cost',
      trafficGb: 20,
      tasks: 2,
      imageMb: 500,
      nat: 'auto',
      nacl: 'default',
      workdir: '.net-wizard/shop-dev',
    });
  });

  it('takes the default AZs from the region', () => {
    expect(resolveConfig({ project: 'shop', region: 'us-east-1' }).azs).toEqual(['us-east-1a', 'us-east-1b']);
  });
});

describe('resolveConfig: good values', () => {
  it.each<[Answers, Record<string, unknown>]>([
    [{ azs: 'a,c,d' }, { azs: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] }],
    [{ azs: 'ap-northeast-1d, ap-northeast-1a' }, { azs: ['ap-northeast-1d', 'ap-northeast-1a'] }],
    [{ azs: ['a', 'c'] }, { azs: ['ap-northeast-1a', 'ap-northeast-1c'] }],
    [{ region: 'eu-west-1', azs: 'b,c' }, { azs: ['eu-west-1b', 'eu-west-1c'] }],
    [{ vpcCidr: '172.31.0.0/16' }, { vpcCidr: '172.31.0.0/16' }],
    [{ vpcCidr: '192.168.0.0/24' }, { vpcCidr: '192.168.0.0/24' }],
    [{ appPort: '8080', dbPort: 3306 }, { appPort: 8080, dbPort: 3306 }],
    [{ nat: 'per-az' }, { nat: 'per-az' }],
    [{ needs: 'ecr-pull, logs,ecr-pull' }, { needs: ['ecr-pull', 'logs'] }],
    [{ needs: 'none' }, { needs: [] }],
    [{ nacl: 'custom' }, { nacl: 'custom' }],
    [{ endpoint: 'http://127.0.0.1:5000/' }, { endpoint: 'http://127.0.0.1:5000' }],
    [{ env: 'prod', workdir: 'infra/net' }, { env: 'prod', workdir: 'infra/net' }],
    [{ env: 'stg' }, { workdir: '.net-wizard/shop-stg' }],
    [{ env: 'prod' }, { priority: 'availability' }],
    [{ env: 'prod', priority: 'cost' }, { priority: 'cost' }],
    [{ tasksSubnet: 'public', tasks: '6', trafficGb: '250.5' }, { tasksSubnet: 'public', tasks: 6, trafficGb: 250.5 }],
    [{ needs: 'dns,vpc-internal,secrets,s3' }, { needs: ['dns', 'vpc-internal', 'secrets', 's3'] }],
  ])('%j', (answers, expected) => {
    expect(resolveConfig({ project: 'shop', ...answers })).toMatchObject(expected);
  });
});

describe('resolveConfig: bad values name the option, say what is wrong and give an example', () => {
  it.each<[Answers, string, RegExp, string]>([
    [{ project: undefined }, '--project', /is required/, 'my-app'],
    [{ project: 'My_App' }, '--project', /only lowercase letters, digits and hyphens/, 'my-app'],
    [{ project: '1app' }, '--project', /must start with a letter/, 'my-app'],
    [{ project: 'app-' }, '--project', /may not end with a hyphen/, 'my-app'],
    [{ project: 'a'.repeat(33) }, '--project', /33 characters long; at most 32/, 'my-app'],
    [{ project: 'sg' }, '--project/--env', /security group name "sg-dev-alb-sg".*start with "sg-"/, 'my-app'],
    [{ env: 'Prod' }, '--env', /only lowercase/, 'dev'],
    [{ env: '' }, '--env', /is empty/, 'dev'],
    [{ region: 'mars-1' }, '--region', /not an AWS region net-wizard knows/, 'ap-northeast-1'],
    [{ azs: 'a,b' }, '--azs', /"b" is not an AZ of ap-northeast-1/, 'a,c'],
    [{ azs: 'a,a' }, '--azs', /given twice/, 'a,c'],
    [{ azs: 'a,ap-northeast-1a' }, '--azs', /given twice/, 'a,c'],
    [{ azs: 'a' }, '--azs', /at least two/, 'a,c'],
    [{ azs: 'us-east-1a,us-east-1b' }, '--azs', /not an AZ of ap-northeast-1/, 'a,c'],
    [{ azs: '' }, '--azs', /no AZ given/, 'a,c'],
    [{ vpcCidr: '10.0.0.1/16' }, '--vpc-cidr', /host bits set/, '10.0.0.0/16'],
    [{ vpcCidr: '10.0.0.0/8' }, '--vpc-cidr', /\/8 is outside the \/16 to \/28/, '10.0.0.0/16'],
    [{ vpcCidr: '10.0.0.0/29' }, '--vpc-cidr', /outside the \/16 to \/28/, '10.0.0.0/16'],
    [{ vpcCidr: '8.8.0.0/16' }, '--vpc-cidr', /not a private range/, '10.0.0.0/16'],
    [{ vpcCidr: 'banana' }, '--vpc-cidr', /not of the form/, '10.0.0.0/16'],
    [{ vpcCidr: '10.0.0.0/27' }, '--vpc-cidr', /too small for 2 AZs/, '10.0.0.0/16'],
    [{ appPort: '0' }, '--app-port', /outside 1-65535/, '3000'],
    [{ appPort: '70000' }, '--app-port', /outside 1-65535/, '3000'],
    [{ dbPort: 'pg' }, '--db-port', /not a port number/, '5432'],
    [{ nat: 'yes' }, '--nat', /not one of auto, none, single, per-az/, 'auto'],
    [{ needs: 'ecr' }, '--needs', /"ecr" is not one of/, 'ecr-pull,logs'],
    [{ needs: 'none,logs' }, '--needs', /cannot be combined/, 'ecr-pull,logs'],
    [{ nacl: 'strict' }, '--nacl', /not one of default, custom/, 'default'],
    [{ tasksSubnet: 'dmz' }, '--tasks-subnet', /not one of private, public/, 'private'],
    [{ priority: 'speed' }, '--priority', /not one of cost, availability/, 'cost'],
    [{ trafficGb: '-3' }, '--traffic-gb', /not a number of GB/, '20'],
    [{ tasks: '0' }, '--tasks', /whole number from 1 to 1000/, '2'],
    [{ endpoint: 'localhost:5000' }, '--endpoint', /not an http or https URL/, 'http://127.0.0.1:5000'],
    [{ endpoint: 'http://127.0.0.1:5000/api' }, '--endpoint', /has a path/, 'http://127.0.0.1:5000'],
    [{ vpcId: 'vpc-123' }, '--vpc-id', /"vpc-123" is not a vpc id \(vpc- and 8 or 17 hexadecimal digits/, 'vpc-0a1b2c3d4e5f60718'],
    [{ vpcId: 'subnet-0a1b2c3d4e5f60718' }, '--vpc-id', /is not a vpc id/, 'vpc-0a1b2c3d4e5f60718'],
    [{ vpcId: 'vpc-0a1b2c3d', privateSubnets: 'subnet-0a1b2c3d,sg-0a1b2c3d' }, '--private-subnets', /"sg-0a1b2c3d" is not a subnet id/, 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788'],
    [{ vpcId: 'vpc-0a1b2c3d', publicSubnets: 'subnet-0a1b2c3d,subnet-0a1b2c3d' }, '--public-subnets', /given twice/, 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788'],
  ])('%j → %s', (answers, option, message, example) => {
    const found = problems({ project: 'shop', ...answers });
    expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ option, message: expect.stringMatching(message), example })]));
  });

  it('reports every bad answer at once', () => {
    const found = problems({ project: 'shop', vpcCidr: '10.0.0.1/16', nat: 'maybe', appPort: 'x' });
    expect(found.map((p) => p.option).sort()).toEqual(['--app-port', '--nat', '--vpc-cidr']);
  });

  it('names the answers file field when the answer came from it', () => {
    const found = problems({ project: 'shop', vpcCidr: '10.0.0.1/16' }, { vpcCidr: 'net-wizard.json: vpcCidr' });
    expect(found[0]!.option).toBe('net-wizard.json: vpcCidr');
  });

  it('has one question per answer, each with help and an example', () => {
    for (const q of QUESTIONS) {
      expect(q.flag).toMatch(/^--[a-z-]+$/);
      expect(q.help.length).toBeGreaterThan(20);
      expect(q.example).not.toBe('');
    }
  });
});

describe('an existing VPC (--vpc-id)', () => {
  it('takes the subnets and the default security group lock only with an existing VPC', () => {
    const found = problems({ project: 'shop', publicSubnets: 'subnet-0a1b2c3d', privateSubnets: 'subnet-1a1b2c3d', lockDefaultSg: true });
    expect(found.map((p) => [p.option, p.message])).toEqual([
      ['--public-subnets', 'needs an existing VPC as well (--vpc-id vpc-0a1b2c3d4e5f60718); a new VPC gets subnets of its own'],
      ['--private-subnets', 'needs an existing VPC as well (--vpc-id vpc-0a1b2c3d4e5f60718); a new VPC gets subnets of its own'],
      ['--lock-default-sg', 'needs an existing VPC as well (--vpc-id vpc-0a1b2c3d4e5f60718); a new VPC gets subnets of its own, and its default security group is always locked'],
    ]);
  });

  it('reads the ids and the lock as given', () => {
    const config = resolveConfig({ project: 'shop', vpcId: 'vpc-0a1b2c3d4e5f60718', publicSubnets: 'subnet-0a1b2c3d, subnet-1a1b2c3d', lockDefaultSg: true });
    expect([config.vpcId, config.publicSubnets, config.privateSubnets, config.lockDefaultSg]).toEqual(['vpc-0a1b2c3d4e5f60718', ['subnet-0a1b2c3d', 'subnet-1a1b2c3d'], undefined, true]);
  });

  it("does not ask for the AZs or the CIDR of an existing VPC: they are the VPC's", () => {
    const keys = (known: Record<string, unknown>) => questionsToAsk(known).map((q) => q.key);
    expect(keys({ project: 'shop' })).toEqual(expect.arrayContaining(['azs', 'vpcCidr']));
    expect(keys({ project: 'shop', vpcId: 'vpc-0a1b2c3d' })).not.toEqual(expect.arrayContaining(['azs']));
    expect(keys({ project: 'shop', vpcId: 'vpc-0a1b2c3d' })).not.toContain('vpcCidr');
  });
});

describe('subnetLayout', () => {
  it('puts each subnet in its AZ', () => {
    const layout = subnetLayout({ vpcCidr: '10.0.0.0/16', azs: ['ap-northeast-1a', 'ap-northeast-1c'] });
    expect(layout).toEqual([
      { tier: 'public', azIndex: 0, az: 'ap-northeast-1a', cidr: '10.0.0.0/20' },
      { tier: 'public', azIndex: 1, az: 'ap-northeast-1c', cidr: '10.0.16.0/20' },
      { tier: 'private', azIndex: 0, az: 'ap-northeast-1a', cidr: '10.0.128.0/20' },
      { tier: 'private', azIndex: 1, az: 'ap-northeast-1c', cidr: '10.0.144.0/20' },
    ]);
  });
});
