import { describe, expect, it } from 'vitest';
import { preflightChecks, type PreflightFacts } from '../../src/preflight/checks.js';

const ok: PreflightFacts = {
  terraform: { flavor: 'terraform', version: '1.11.4' },
  region: 'ap-northeast-1',
  azs: ['ap-northeast-1a', 'ap-northeast-1c'],
  identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/dev' },
  availableAzs: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  eips: { used: 1, owned: 0, needed: 2, quota: 5, quotaRead: true },
  vpcs: { used: 2, owned: false, quota: 5, quotaRead: true },
};
const failing = (facts: Partial<PreflightFacts>) => preflightChecks({ ...ok, ...facts }).filter((c) => c.status === 'fail');

describe('preflight', () => {
  it('passes when everything holds, showing the account', () => {
    const checks = preflightChecks(ok);
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['preflight.terraform', 'pass'],
      ['preflight.credentials', 'pass'],
      ['preflight.azs', 'pass'],
      ['preflight.eips', 'pass'],
      ['preflight.vpcs', 'pass'],
    ]);
    expect(checks[1]!.detail).toBe('account 123456789012 as arn:aws:iam::123456789012:user/dev');
  });

  it.each<[string, Partial<PreflightFacts>, string, RegExp]>([
    ['an old terraform', { terraform: { flavor: 'terraform', version: '1.4.7' } }, 'preflight.terraform', /terraform 1\.4\.7 is older than 1\.5\.0/],
    ['an old OpenTofu', { terraform: { flavor: 'tofu', version: '1.5.9' } }, 'preflight.terraform', /tofu 1\.5\.9 is older than 1\.6\.0/],
    ['an expired session', { identity: { error: { code: 'ExpiredToken', message: 'The security token included in the request is expired' } }, profile: 'dev-sso' }, 'preflight.credentials', /ExpiredToken: The security token .* Fix: the session has expired: log in again \(aws sso login --profile dev-sso/],
    ['unknown keys', { identity: { error: { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' } } }, 'preflight.credentials', /Fix: AWS does not know this access key/],
    ['no credentials', { identity: { error: { code: 'CredentialsProviderError', message: 'Could not load credentials from any providers' } } }, 'preflight.credentials', /Fix: no credentials were found: run aws configure/],
    ['a dead emulator', { endpoint: 'http://127.0.0.1:1', identity: { error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' } } }, 'preflight.credentials', /at http:\/\/127\.0\.0\.1:1 failed: ECONNREFUSED.*Fix: nothing answers there/],
    ['an AZ the account lacks', { availableAzs: ['ap-northeast-1a', 'ap-northeast-1d'] }, 'preflight.azs', /ap-northeast-1c is not available to this account in ap-northeast-1 \(available: ap-northeast-1a, ap-northeast-1d\)\. Fix: --azs a,d/],
    ['a region not enabled', { availableAzs: { error: { code: 'AuthFailure', message: 'region not enabled' } } }, 'preflight.azs', /opt-in regions must be turned on/],
    ['no room for the EIPs', { eips: { used: 4, owned: 0, needed: 2, quota: 5, quotaRead: false } }, 'preflight.eips', /needs 2 new Elastic IPs, 4 of the default quota 5 \(Service Quotas could not be read\) are in use.*quota code L-0263D0A3.*--nat single/],
    ['no room for the VPC', { vpcs: { used: 5, owned: false, quota: 5, quotaRead: true } }, 'preflight.vpcs', /5 of quota 5 VPCs are in use in ap-northeast-1\. Fix: .*quota code L-F678F1CE/],
  ])('fails for %s, with the fix', (_name, facts, id, detail) => {
    const failed = failing(facts);
    expect(failed.map((c) => c.id)).toEqual([id]);
    expect(failed[0]!.detail).toMatch(detail);
  });

  describe('with the state in an S3 bucket (--state-bucket)', () => {
    const bucket = { bucket: 'team-state', key: 'net-wizard/shop-dev/terraform.tfstate', region: 'ap-northeast-1' };
    const withBucket = (b: Partial<NonNullable<PreflightFacts['stateBucket']>>, facts: Partial<PreflightFacts> = {}) =>
      preflightChecks({ ...ok, ...facts, stateBucket: { ...bucket, ...b } as NonNullable<PreflightFacts['stateBucket']> });

    it('checks the bucket after the credentials and says whether it keeps versions', () => {
      const checks = withBucket({ found: true, versioning: 'Enabled' });
      expect(checks.map((c) => [c.id, c.status])).toEqual([
        ['preflight.terraform', 'pass'],
        ['preflight.credentials', 'pass'],
        ['preflight.state-bucket', 'pass'],
        ['preflight.azs', 'pass'],
        ['preflight.eips', 'pass'],
        ['preflight.vpcs', 'pass'],
      ]);
      expect(checks[2]!.detail).toBe('s3://team-state/net-wizard/shop-dev/terraform.tfstate (ap-northeast-1), versioning on');
      // Versioning off is advice, not a failure: the state works without it.
      const off = withBucket({ found: true, versioning: 'off' }).find((c) => c.id === 'preflight.state-bucket')!;
      expect(off.status).toBe('pass');
      expect(off.detail).toMatch(/versioning off: turn it on \(aws s3api put-bucket-versioning --bucket team-state --versioning-configuration Status=Enabled\)/);
    });

    it.each<[string, Partial<NonNullable<PreflightFacts['stateBucket']>>, Partial<PreflightFacts>, string, RegExp]>([
      ['terraform older than 1.10 (no S3 native locking)', { found: true, versioning: 'Enabled' }, { terraform: { flavor: 'terraform', version: '1.9.8' } }, 'preflight.terraform', /terraform 1\.9\.8 is older than 1\.10\.0, which the S3 state backend with S3 native locking \(use_lockfile, from --state-bucket\) needs/],
      ['OpenTofu older than 1.10', { found: true, versioning: 'Enabled' }, { terraform: { flavor: 'tofu', version: '1.9.0' } }, 'preflight.terraform', /tofu 1\.9\.0 is older than 1\.10\.0/],
      ['a bucket that does not exist', { error: { code: 'NotFound', message: '', status: 404 } }, {}, 'preflight.state-bucket', /HeadBucket of team-state in ap-northeast-1 failed: NotFound \(HTTP 404\)\. Fix: create the bucket first, once for the team, with versioning on \(aws s3api create-bucket --bucket team-state --region ap-northeast-1 --create-bucket-configuration LocationConstraint=ap-northeast-1;/],
      ['a bucket the credentials may not use', { error: { code: 'Forbidden', message: '', status: 403 } }, {}, 'preflight.state-bucket', /Forbidden \(HTTP 403\)\. Fix: the credentials may not use the bucket: they need s3:ListBucket .* net-wizard\/shop-dev\/terraform\.tfstate\.tflock/],
      ['a bucket in another region', { error: { code: '301', message: '', status: 301, bucketRegion: 'us-west-2' } }, {}, 'preflight.state-bucket', /Fix: the bucket is in us-west-2: run again with --state-region us-west-2/],
      ['S3 not answering', { error: { code: 'TimeoutError', message: 'Connection timed out after 3000 ms' } }, {}, 'preflight.state-bucket', /failed: TimeoutError: Connection timed out after 3000 ms\. Fix: check --state-bucket and --state-region/],
    ])('fails for %s, with the fix', (_name, b, facts, id, detail) => {
      const failed = withBucket(b, facts).filter((c) => c.status === 'fail');
      expect(failed.map((c) => c.id)).toEqual([id]);
      expect(failed[0]!.detail).toMatch(detail);
    });

    it('needs terraform 1.10 only with a bucket', () => {
      expect(failing({ terraform: { flavor: 'terraform', version: '1.9.8' } })).toEqual([]);
    });
  });

  it("counts the network's own EIPs and VPC as already there (a re-apply needs no room)", () => {
    expect(failing({ eips: { used: 5, owned: 2, needed: 0, quota: 5, quotaRead: true }, vpcs: { used: 5, owned: true, quota: 5, quotaRead: true } })).toEqual([]);
  });

  it('stops after the credentials when they fail: nothing else can be read', () => {
    const checks = preflightChecks({ ...ok, identity: { error: { code: 'ExpiredToken', message: 'expired' } } });
    expect(checks.map((c) => c.id)).toEqual(['preflight.terraform', 'preflight.credentials']);
  });
});
