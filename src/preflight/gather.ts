/**
 * Gathers the preflight facts from AWS through the SDK (STS, EC2, Service Quotas), with short
 * time limits so that an expired token or a dead endpoint fails in seconds, not in terraform's
 * retry loop.
 */
import { awsClientConfig, availableAzs, sendOptions, type AwsTarget } from '../aws/client.js';
import type { NetworkConfig } from '../core/config.js';
import type { NatPlan } from '../core/nat-plan.js';
import { commonTags } from '../core/names.js';
import type { TerraformBinary } from '../terraform/runner.js';
import { QUOTAS, type PreflightFacts } from './checks.js';

/** Time limits of the preflight calls (ms). */
const PREFLIGHT_TIMEOUTS = { connection: 3_000, request: 10_000 };

function awsError(error: unknown): { code: string; message: string } {
  const e = error as { name?: string; Code?: string; code?: string; message?: string };
  // A network failure has no AWS code: its errno (ECONNREFUSED…) says more than the class name.
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'Error';
  return { code, message: (e.message ?? String(error)).split('\n')[0]! };
}

/** Who the credentials are (STS GetCallerIdentity): the account a workdir is bound to. Rejects with the signal's reason once it is aborted. */
export async function identify(input: { config: Pick<NetworkConfig, 'region' | 'endpoint'>; env: NodeJS.ProcessEnv; signal?: AbortSignal }): Promise<PreflightFacts['identity']> {
  const { STSClient, GetCallerIdentityCommand } = await import('../aws/sdk/sts.js');
  const target: AwsTarget = { region: input.config.region, endpoint: input.config.endpoint, env: input.env, timeouts: PREFLIGHT_TIMEOUTS, signal: input.signal };
  const sts = new STSClient({ ...awsClientConfig(target), maxAttempts: 1 });
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}), sendOptions(target));
    return { account: who.Account ?? '?', arn: who.Arn ?? '?' };
  } catch (error) {
    input.signal?.throwIfAborted();
    return { error: awsError(error) };
  } finally {
    sts.destroy();
  }
}

/** What gatherPreflight needs. */
export interface PreflightInput {
  config: NetworkConfig;
  nat: NatPlan;
  terraform: TerraformBinary;
  env: NodeJS.ProcessEnv;
  scope: 'credentials' | 'full';
  /** Already asked (the run's target was checked with it). */
  identity?: PreflightFacts['identity'];
  /** The AWS ids of what the run adopts (import blocks): an Elastic IP among them is this network's, not a new one. */
  adopted?: readonly string[];
  /** A stop signal: every request is aborted and gatherPreflight rejects with its reason. */
  signal?: AbortSignal;
}

/**
 * What the run needs to know before planning; `scope: 'credentials'` stops after who the
 * credentials are. Rejects with the signal's reason once it is aborted (an aborted call is no fact).
 */
export async function gatherPreflight(input: PreflightInput): Promise<PreflightFacts> {
  const facts = await gather(input);
  input.signal?.throwIfAborted();
  return facts;
}

async function gather(input: PreflightInput): Promise<PreflightFacts> {
  const { config, nat, env, signal } = input;
  const target: AwsTarget = { region: config.region, endpoint: config.endpoint, env, timeouts: PREFLIGHT_TIMEOUTS, signal };
  const options = sendOptions(target);
  const facts: PreflightFacts = {
    terraform: { flavor: input.terraform.flavor, version: input.terraform.version },
    region: config.region,
    azs: config.azs,
    identity: input.identity ?? (await identify({ config, env, signal })),
    profile: config.endpoint ? undefined : env.AWS_PROFILE,
    endpoint: config.endpoint,
  };
  if ('error' in facts.identity) return facts;
  if (config.stateBucket) facts.stateBucket = await stateBucket(config, env, signal);
  if (input.scope === 'credentials') return facts;
  const ec2 = await import('../aws/sdk/ec2.js');

  facts.availableAzs = await availableAzs(target).catch((error: unknown) => ({ error: awsError(error) }));
  const client = new ec2.EC2Client(awsClientConfig(target));
  // This network's by its Project and Environment tags (from the one place tags are composed).
  const { ManagedBy: _managedBy, ...network } = commonTags(config.project, config.env);
  const mine = (tags: { Key?: string; Value?: string }[] | undefined) => Object.entries(network).every(([key, value]) => !!tags?.some((t) => t.Key === key && t.Value === value));
  try {
    const [addresses, vpcs, eipQuota, vpcQuota] = await Promise.all([
      client.send(new ec2.DescribeAddressesCommand({}), options).catch(() => undefined),
      client.send(new ec2.DescribeVpcsCommand({}), options).catch(() => undefined),
      quota(target, QUOTAS.eips),
      quota(target, QUOTAS.vpcs),
    ]);
    if (addresses) {
      facts.eips = { ...elasticIpRoom(addresses.Addresses ?? [], nat.natAzs.length, mine, input.adopted ?? []), quota: eipQuota.value, quotaRead: eipQuota.read };
    }
    // Attached to an existing VPC, the run makes none: no room is needed.
    if (vpcs && !config.vpcId) {
      const list = vpcs.Vpcs ?? [];
      facts.vpcs = { used: list.length, owned: list.some((v) => mine(v.Tags)), quota: vpcQuota.value, quotaRead: vpcQuota.read };
    }
  } finally {
    client.destroy();
  }
  return facts;
}

/**
 * The region's Elastic IPs against what the NAT plan needs: those of this network, made by an
 * earlier run (its tags) or taken over by this one (an import block), are no new address.
 */
export function elasticIpRoom(
  addresses: readonly { AllocationId?: string; Tags?: { Key?: string; Value?: string }[] }[],
  natGateways: number,
  mine: (tags: { Key?: string; Value?: string }[] | undefined) => boolean,
  adopted: readonly string[],
): { used: number; owned: number; needed: number } {
  const taken = new Set(adopted);
  const owned = addresses.filter((a) => mine(a.Tags) || (a.AllocationId !== undefined && taken.has(a.AllocationId))).length;
  return { used: addresses.length, owned, needed: Math.max(0, natGateways - owned) };
}

async function quota(target: AwsTarget, which: { code: string; service: string; default: number }): Promise<{ value: number; read: boolean }> {
  try {
    const { ServiceQuotasClient, GetServiceQuotaCommand } = await import('../aws/sdk/service-quotas.js');
    const client = new ServiceQuotasClient({ ...awsClientConfig(target), maxAttempts: 1 });
    try {
      const out = await client.send(new GetServiceQuotaCommand({ ServiceCode: which.service, QuotaCode: which.code }), sendOptions(target));
      const value = out.Quota?.Value;
      return typeof value === 'number' ? { value, read: true } : { value: which.default, read: false };
    } finally {
      client.destroy();
    }
  } catch {
    return { value: which.default, read: false };
  }
}

/** HeadBucket of the state bucket in its region, then whether it keeps versions. */
async function stateBucket(config: NetworkConfig, env: NodeJS.ProcessEnv, signal: AbortSignal | undefined): Promise<NonNullable<PreflightFacts['stateBucket']>> {
  const bucket = config.stateBucket!;
  const region = config.stateRegion ?? config.region;
  const where = { bucket, key: config.stateKey ?? '', region };
  const { S3Client, HeadBucketCommand, GetBucketVersioningCommand } = await import('../aws/sdk/s3.js');
  // An emulator serves buckets by path (http://host/bucket), as the generated backend does (use_path_style).
  const s3 = new S3Client({ ...awsClientConfig({ region, endpoint: config.endpoint, env, timeouts: PREFLIGHT_TIMEOUTS }), forcePathStyle: !!config.endpoint });
  try {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }), sendOptions({ signal }));
    } catch (error) {
      const e = error as { $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
      const status = e.$metadata?.httpStatusCode;
      const bucketRegion = e.$response?.headers?.['x-amz-bucket-region'];
      const { code, message } = awsError(error);
      // HeadBucket answers without a body: the SDK names a 404 NotFound, a 403 Forbidden, a 301 by its number.
      return { ...where, error: { code, message: message === 'UnknownError' ? '' : message, ...(status ? { status } : {}), ...(bucketRegion ? { bucketRegion } : {}) } };
    }
    const versioning = await s3
      .send(new GetBucketVersioningCommand({ Bucket: bucket }), sendOptions({ signal }))
      .then((v) => (v.Status === 'Enabled' || v.Status === 'Suspended' ? v.Status : 'off'))
      .catch(() => 'unknown' as const);
    return { ...where, found: true, versioning };
  } finally {
    s3.destroy();
  }
}
