/**
 * Preflight: what must hold before anything is planned, decided from facts gathered beforehand
 * (terraform's version, who the credentials are, the region's AZs, quotas and what is used).
 * Each failure says what is wrong and the fix (the quota code to raise, the profile to log in
 * to). Pure.
 */
import type { Check } from '../core/checks.js';
import { preflightFix, QUOTA_ADVICE, type Quota } from '../core/aws-advice.js';
import { isOlder, MIN_VERSION, MIN_VERSION_S3_LOCKFILE } from '../core/versions.js';

/** Default AWS quotas, used when Service Quotas cannot be read. */
export const QUOTAS = {
  eips: preflightQuota('AddressLimitExceeded'),
  vpcs: preflightQuota('VpcLimitExceeded'),
} as const;

/** A quota of the advice table, as the preflight reads it from Service Quotas. */
function preflightQuota(awsErrorCode: keyof typeof QUOTA_ADVICE) {
  const q: Quota = QUOTA_ADVICE[awsErrorCode];
  return { code: q.quotaCode, service: q.service, name: q.name, default: q.byDefault.value };
}

/** What was learned from terraform and AWS; an `error` is the AWS error code and message. */
export interface PreflightFacts {
  terraform: { flavor: 'terraform' | 'tofu'; version: string };
  region: string;
  azs: string[];
  /** The credentials' identity, or why STS refused them. */
  identity: { account: string; arn: string } | { error: { code: string; message: string } };
  /** Profile the credentials come from, for the fix. */
  profile?: string;
  /** Emulator endpoint, when there is one. */
  endpoint?: string;
  /** AZs AWS says are available in the region, or why they could not be read. */
  availableAzs?: string[] | { error: { code: string; message: string } };
  /** Elastic IPs: in use in the region, already this network's, new ones the NAT plan needs, and the quota. */
  eips?: { used: number; owned: number; needed: number; quota: number; quotaRead: boolean };
  /** VPCs: in use in the region, whether this network's exists, and the quota. */
  vpcs?: { used: number; owned: boolean; quota: number; quotaRead: boolean };
  /**
   * The team's state bucket (--state-bucket): whether it answers HeadBucket in its region, and
   * whether it keeps versions of the state (how an overwritten state is recovered).
   */
  stateBucket?: { bucket: string; key: string; region: string } & ({ found: true; versioning: 'Enabled' | 'Suspended' | 'off' | 'unknown' } | { error: { code: string; message: string; status?: number; bucketRegion?: string } });
}

/** The checks; any `fail` stops the run before anything changes. */
export function preflightChecks(f: PreflightFacts): Check[] {
  const checks: Check[] = [];
  const lockfile = f.stateBucket !== undefined;
  const min = (lockfile ? MIN_VERSION_S3_LOCKFILE : MIN_VERSION)[f.terraform.flavor];
  const tooOld = isOlder(f.terraform.version, min);
  const needs = lockfile ? 'which the S3 state backend with S3 native locking (use_lockfile, from --state-bucket) needs' : 'which the generated configuration needs';
  checks.push({
    id: 'preflight.terraform',
    title: `${f.terraform.flavor} ${min} or newer`,
    status: tooOld ? 'fail' : 'pass',
    detail: tooOld
      ? `${f.terraform.flavor} ${f.terraform.version} is older than ${min}, ${needs}: install a newer one (https://developer.hashicorp.com/terraform/install) or pass --terraform <path>`
      : `${f.terraform.flavor} ${f.terraform.version}`,
  });

  const where = f.endpoint ? ` at ${f.endpoint}` : '';
  if ('error' in f.identity) {
    const fix = (preflightFix(f.identity.error.code) ?? preflightFix(f.identity.error.message.match(/ECONNREFUSED|ENOTFOUND/)?.[0] ?? '') ?? 'check the credentials (aws sts get-caller-identity shows who you are)').replace('{profile}', f.profile ? ` --profile ${f.profile}` : '');
    checks.push({
      id: 'preflight.credentials',
      title: 'the AWS credentials work',
      status: 'fail',
      detail: `STS GetCallerIdentity${where} failed: ${f.identity.error.code}: ${f.identity.error.message.replace(/\.$/, '')}. Fix: ${fix}`,
    });
    return checks; // nothing else can be read without credentials
  }
  checks.push({ id: 'preflight.credentials', title: 'the AWS credentials work', status: 'pass', detail: `account ${f.identity.account} as ${f.identity.arn}${where}` });

  if (f.stateBucket) checks.push(stateBucketCheck(f.stateBucket, where));

  if (f.availableAzs !== undefined) {
    if (!Array.isArray(f.availableAzs)) {
      checks.push({
        id: 'preflight.azs',
        title: `the AZs are available in ${f.region}`,
        status: 'fail',
        detail: `DescribeAvailabilityZones in ${f.region}${where} failed: ${f.availableAzs.error.code}: ${f.availableAzs.error.message}. Fix: check that the region is enabled for the account (opt-in regions must be turned on in the account settings)`,
      });
    } else {
      const available = f.availableAzs;
      const missing = f.azs.filter((az) => !available.includes(az));
      checks.push({
        id: 'preflight.azs',
        title: `the AZs are available in ${f.region}`,
        status: missing.length > 0 ? 'fail' : 'pass',
        detail:
          missing.length > 0
            ? `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not available to this account in ${f.region} (available: ${available.join(', ') || 'none'}). Fix: --azs ${available.slice(0, 2).map((az) => az.slice(-1)).join(',')}`
            : `${f.azs.join(', ')}`,
      });
    }
  }

  if (f.eips) {
    const { used, owned, needed, quota, quotaRead } = f.eips;
    const after = used + needed;
    const source = quotaRead ? `quota ${quota}` : `the default quota ${quota} (Service Quotas could not be read)`;
    checks.push({
      id: 'preflight.eips',
      title: 'room for the Elastic IPs the NAT Gateways need',
      status: after > quota ? 'fail' : 'pass',
      detail:
        after > quota
          ? `the NAT plan needs ${needed} new Elastic IP${needed === 1 ? '' : 's'}, ${used} of ${source} are in use in ${f.region}${owned ? ` (${owned} already this network's)` : ''}. Fix: release unused Elastic IPs, or request more of ${QUOTAS.eips.name} (quota code ${QUOTAS.eips.code}) in Service Quotas, or use fewer NAT Gateways (--nat single / --nat none)`
          : `${needed} new, ${used} of ${source} in use`,
    });
  }

  if (f.vpcs) {
    const { used, owned, quota, quotaRead } = f.vpcs;
    const source = quotaRead ? `quota ${quota}` : `the default quota ${quota} (Service Quotas could not be read)`;
    const full = !owned && used + 1 > quota;
    checks.push({
      id: 'preflight.vpcs',
      title: 'room for the VPC',
      status: full ? 'fail' : 'pass',
      detail: full
        ? `${used} of ${source} VPCs are in use in ${f.region}. Fix: delete an unused VPC, or request more of ${QUOTAS.vpcs.name} (quota code ${QUOTAS.vpcs.code}) in Service Quotas`
        : owned
          ? "the network's VPC exists already"
          : `1 new, ${used} of ${source} in use`,
    });
  }
  return checks;
}

/** The state bucket exists, in the region given, and the credentials may read it. */
function stateBucketCheck(b: NonNullable<PreflightFacts['stateBucket']>, where: string): Check {
  const id = 'preflight.state-bucket';
  const title = 'the state bucket can be reached';
  const at = `s3://${b.bucket}/${b.key} (${b.region})`;
  if ('found' in b) {
    const versions =
      b.versioning === 'Enabled'
        ? 'versioning on'
        : b.versioning === 'unknown'
          ? 'versioning could not be read'
          : `versioning ${b.versioning === 'off' ? 'off' : 'suspended'}: turn it on (aws s3api put-bucket-versioning --bucket ${b.bucket} --versioning-configuration Status=Enabled) so that an overwritten state can be recovered`;
    return { id, title, status: 'pass', detail: `${at}, ${versions}` };
  }
  const { code, message, status, bucketRegion } = b.error;
  const fix =
    status === 301 || code === 'PermanentRedirect' || (bucketRegion && bucketRegion !== b.region)
      ? `the bucket is in ${bucketRegion ?? 'another region'}: run again with --state-region ${bucketRegion ?? '<its region>'}`
      : status === 404 || code === 'NotFound' || code === 'NoSuchBucket'
        ? `create the bucket first, once for the team, with versioning on (aws s3api create-bucket --bucket ${b.bucket} --region ${b.region}${b.region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${b.region}`}; aws s3api put-bucket-versioning --bucket ${b.bucket} --versioning-configuration Status=Enabled), or check --state-bucket`
        : status === 403 || code === 'Forbidden' || code === 'AccessDenied'
          ? `the credentials may not use the bucket: they need s3:ListBucket on it and s3:GetObject, s3:PutObject, s3:DeleteObject on ${b.key} and ${b.key}.tflock (the lock)`
          : 'check --state-bucket and --state-region, and that S3 answers';
  const said = message && message !== code ? `${code}: ${message.replace(/\.$/, '')}` : code;
  return { id, title, status: 'fail', detail: `S3 HeadBucket of ${b.bucket} in ${b.region}${where} failed: ${said}${status ? ` (HTTP ${status})` : ''}. Fix: ${fix}` };
}
