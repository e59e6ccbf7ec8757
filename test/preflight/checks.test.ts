import { describe, expect, it } from 'vitest';
import { compareVersions, preflightChecks, type PreflightFacts } from '../../src/preflight/checks.js';

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

  it("counts the network's own EIPs and VPC as already there (a re-apply needs no room)", () => {
    expect(failing({ eips: { used: 5, owned: 2, needed: 0, quota: 5, quotaRead: true }, vpcs: { used: 5, owned: true, quota: 5, quotaRead: true } })).toEqual([]);
  });

  it('stops after the credentials when they fail: nothing else can be read', () => {
    const checks = preflightChecks({ ...ok, identity: { error: { code: 'ExpiredToken', message: 'expired' } } });
    expect(checks.map((c) => c.id)).toEqual(['preflight.terraform', 'preflight.credentials']);
  });

  it.each([
    ['1.5.0', '1.5.0', 0],
    ['1.11.4', '1.5.0', 1],
    ['1.4.9', '1.5.0', -1],
    ['v1.6.0-beta1', '1.6.0', 0],
  ])('compares %s with %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
