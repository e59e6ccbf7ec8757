import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import { QUESTIONS, resolveConfig, resolveGiven, type Answers } from '../../src/core/config.js';
import { formatProblem, UsageError } from '../../src/core/errors.js';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

const resolve = (answers: Answers, origin = {}) => resolveConfig({ project: 'shop', ...answers }, origin);

describe('team state answers', () => {
  it('none by default: the state stays in the workdir', () => {
    const config = resolve({});
    expect(config).not.toHaveProperty('stateBucket');
    expect(config).not.toHaveProperty('stateKey');
    expect(config).not.toHaveProperty('stateRegion');
  });

  it('a bucket alone: the key from project and environment, the region of the network', () => {
    expect(resolve({ env: 'prod', region: 'us-east-1', stateBucket: 'acme-terraform-state' })).toMatchObject({
      stateBucket: 'acme-terraform-state',
      stateKey: 'net-wizard/shop-prod/terraform.tfstate',
      stateRegion: 'us-east-1',
    });
  });

  it('key and region as given', () => {
    expect(resolve({ stateBucket: 'acme.state-01', stateKey: 'network/shop.tfstate', stateRegion: 'eu-west-1' })).toMatchObject({
      stateBucket: 'acme.state-01',
      stateKey: 'network/shop.tfstate',
      stateRegion: 'eu-west-1',
    });
  });

  it('the options exist, are not asked by the wizard, and parse from the command line', () => {
    const keys = ['stateBucket', 'stateKey', 'stateRegion'];
    expect(QUESTIONS.filter((q) => keys.includes(q.key)).map((q) => [q.flag, q.asked])).toEqual([
      ['--state-bucket', false],
      ['--state-key', false],
      ['--state-region', false],
    ]);
    expect(parseInvocation(['apply', '--state-bucket', 'b-1', '--state-key', 'k', '--state-region', 'us-west-2']).answers).toEqual({ stateBucket: 'b-1', stateKey: 'k', stateRegion: 'us-west-2' });
  });

  it.each([
    ['ab', '"ab" is 2 characters long; an S3 bucket name has 3 to 63'],
    ['a'.repeat(64), 'is 64 characters long; an S3 bucket name has 3 to 63'],
    ['My-Bucket', '"My-Bucket" may hold only lowercase letters, digits, dots and hyphens (S3 bucket naming rules)'],
    ['my_bucket', 'may hold only lowercase letters, digits, dots and hyphens'],
    ['-bucket', '"-bucket" must begin and end with a letter or digit'],
    ['bucket.', 'must begin and end with a letter or digit'],
    ['my..bucket', '"my..bucket" may not hold two dots in a row'],
    ['192.168.5.4', '"192.168.5.4" looks like an IP address'],
    ['xn--bucket', 'starts with "xn--", which S3 reserves'],
    ['sthree-bucket', 'starts with "sthree-", which S3 reserves'],
    ['bucket-s3alias', 'ends with "-s3alias", which S3 reserves'],
    ['bucket--ol-s3', 'ends with "--ol-s3", which S3 reserves'],
    ['', 'the bucket name is empty'],
  ])('--state-bucket %j is refused: %s', (bucket, message) => {
    const found = problems(() => resolve({ stateBucket: bucket }));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('--state-bucket: ');
    expect(found[0]).toContain(message);
    expect(found[0]).toContain('(example: --state-bucket my-company-terraform-state)');
  });

  it.each([
    ['/net/terraform.tfstate', 'may not start or end with "/"'],
    ['net/', 'may not start or end with "/"'],
    ['net//terraform.tfstate', 'may not hold "//"'],
    ['net/terraform.tfstate.tflock', 'ends with ".tflock", the suffix of the lock objects'],
    ['env:/prod/terraform.tfstate', 'starts with "env:/", where terraform keeps the states of workspaces'],
    ['net/\tstate', 'holds a control character'],
    ['k'.repeat(1018), 'is 1018 bytes long; at most 1017'],
    ['net/a"b.tfstate', `holds '"', which the generated Terraform configuration would read as the end of the string`],
    ['net\\state', `holds '\\', which the generated Terraform configuration would read as an escape`],
    ['net/${var.x}.tfstate', "holds '${', which the generated Terraform configuration would read as the start of a reference"],
    ['net/%{if x}.tfstate', "holds '%{', which the generated Terraform configuration would read as the start of a template directive"],
  ])('--state-key %j is refused: %s', (key, message) => {
    const found = problems(() => resolve({ stateBucket: 'acme-state', stateKey: key }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^--state-key: /);
    expect(found[0]).toContain(message);
  });

  it.each(['net/a b$x{y}%z(1).tfstate', 'net/é/ü.tfstate', "it's/@home+1=2.tfstate"])('--state-key %j is taken as it is (S3 allows it, terraform reads it literally)', (key) => {
    expect(resolve({ stateBucket: 'acme-state', stateKey: key }).stateKey).toBe(key);
  });

  it('--state-region must be a region', () => {
    expect(problems(() => resolve({ stateBucket: 'acme-state', stateRegion: 'mars-north-1' }))[0]).toMatch(/^--state-region: "mars-north-1" is not an AWS region net-wizard knows/);
  });

  it('--state-key or --state-region without --state-bucket is refused', () => {
    const found = problems(() => resolve({ stateKey: 'net/terraform.tfstate', stateRegion: 'us-east-1' }));
    expect(found).toEqual([
      '--state-key: needs a state bucket as well (e.g. --state-bucket my-company-terraform-state, or stateBucket in the answers file); without one the state stays in the workdir and there is no key or region to choose',
      '--state-region: needs a state bucket as well (e.g. --state-bucket my-company-terraform-state, or stateBucket in the answers file); without one the state stays in the workdir and there is no key or region to choose',
    ]);
  });

  it('the conflict names the answers file when the key came from there; the wizard preset is checked too', () => {
    expect(problems(() => resolve({ stateKey: 'k' }, { stateKey: 'team.json: stateKey' }))[0]).toMatch(/^team\.json: stateKey: needs a state bucket/);
    expect(problems(() => resolveGiven({ project: 'shop', stateRegion: 'us-east-1' }))[0]).toMatch(/^--state-region: needs a state bucket/);
    expect(resolveGiven({ stateBucket: 'acme-state', stateKey: 'a/b' })).toEqual({ stateBucket: 'acme-state', stateKey: 'a/b' });
  });

  it('an invalid bucket is not also reported as a missing one', () => {
    expect(problems(() => resolve({ stateBucket: 'Bad', stateKey: 'a/b' }))).toHaveLength(1);
  });
});
