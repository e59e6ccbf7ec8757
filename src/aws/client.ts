/**
 * How net-wizard reaches AWS through the SDK (verification, AZ lookup, preflight): the same
 * region, credentials and emulator endpoint as terraform, with time limits so that a dead
 * endpoint or an expired token fails fast. The SDK is imported on first use.
 */

import { setMaxListeners } from 'node:events';
import { hostReach } from '../core/endpoint.js';

/** Where to reach AWS. */
export interface AwsTarget {
  region: string;
  /** A local emulator (moto, LocalStack): every call goes there, with dummy credentials. */
  endpoint?: string;
  /** Where credentials come from without an endpoint (AWS_ACCESS_KEY_ID…, AWS_PROFILE); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Time limits in ms. @default AWS_TIMEOUTS */
  timeouts?: { connection: number; request: number };
  /** Aborts every request at once (a stop signal): the calls reject instead of waiting for their time limits. */
  signal?: AbortSignal;
}

/** The per-request options of `client.send(command, options)` (and paginators) for a target: its abort signal. */
export function sendOptions(target: Pick<AwsTarget, 'signal'>): { abortSignal?: AbortSignal } {
  if (!target.signal) return {};
  // A VPC is read with a dozen calls at once, each listening on the one stop signal.
  setMaxListeners(64, target.signal);
  return { abortSignal: target.signal };
}

/** Connection and request time limits (ms). */
export const AWS_TIMEOUTS = { connection: 3_000, request: 15_000 } as const;

/** The configuration shared by every SDK client (EC2, STS): region; an endpoint means dummy credentials, else the default chain. */
export function awsClientConfig(target: AwsTarget) {
  const timeouts = target.timeouts ?? AWS_TIMEOUTS;
  const base = {
    region: target.region,
    // An emulator does not throttle: one retry is enough for it, while AWS gets the usual three attempts.
    maxAttempts: target.endpoint ? 2 : 3,
    // Without throwOnRequestTimeout a request past its limit only logs a warning and waits on.
    requestHandler: { connectionTimeout: timeouts.connection, requestTimeout: timeouts.request, throwOnRequestTimeout: true },
  };
  // The SDK warns on every run that Node 20 support ends in 2027; net-wizard supports Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (target.endpoint) return { ...base, endpoint: target.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const env = target.env ?? process.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { ...base, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN } };
  }
  return env.AWS_PROFILE ? { ...base, profile: env.AWS_PROFILE } : base;
}

/** The AZs of the region that AWS says are available to this account, in name order; rejects with the signal's reason once it is aborted. */
export async function availableAzs(target: AwsTarget): Promise<string[]> {
  const { EC2Client, DescribeAvailabilityZonesCommand } = await import('./sdk/ec2.js');
  const client = new EC2Client(awsClientConfig(target));
  try {
    const out = await client.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'state', Values: ['available'] }] }), sendOptions(target));
    return (out.AvailabilityZones ?? []).flatMap((z) => (z.ZoneName && (z.ZoneType ?? 'availability-zone') === 'availability-zone' ? [z.ZoneName] : [])).sort();
  } catch (error) {
    // Stopped, not failed: the stop's reason says so (the SDK's AbortError only wraps it).
    target.signal?.throwIfAborted();
    throw error;
  } finally {
    client.destroy();
  }
}

/** One VPC of a region, as the wizard offers it. */
export interface VpcSummary {
  id: string;
  name?: string;
  cidr: string;
  subnets: number;
  isDefault: boolean;
}

/** The VPCs of the region with their Name, CIDR and number of subnets, in name order (the default VPC last); rejects with the signal's reason once it is aborted. */
export async function listVpcs(target: AwsTarget): Promise<VpcSummary[]> {
  const ec2 = await import('./sdk/ec2.js');
  const client = new ec2.EC2Client(awsClientConfig(target));
  const options = sendOptions(target);
  try {
    const vpcs: NonNullable<import('@aws-sdk/client-ec2').DescribeVpcsCommandOutput['Vpcs']> = [];
    for await (const page of ec2.paginateDescribeVpcs({ client }, {}, options)) vpcs.push(...(page.Vpcs ?? []));
    const counts = new Map<string, number>();
    for await (const page of ec2.paginateDescribeSubnets({ client }, {}, options)) {
      for (const s of page.Subnets ?? []) if (s.VpcId) counts.set(s.VpcId, (counts.get(s.VpcId) ?? 0) + 1);
    }
    return vpcs
      .filter((v) => v.VpcId && String(v.State ?? 'available') === 'available')
      .map((v) => {
        const name = v.Tags?.find((t) => t.Key === 'Name')?.Value;
        return { id: v.VpcId!, ...(name ? { name } : {}), cidr: v.CidrBlock ?? '', subnets: counts.get(v.VpcId!) ?? 0, isDefault: v.IsDefault === true };
      })
      .sort((a, b) => Number(a.isDefault) - Number(b.isDefault) || (a.name ?? '~').localeCompare(b.name ?? '~') || a.id.localeCompare(b.id));
  } catch (error) {
    target.signal?.throwIfAborted();
    throw error;
  } finally {
    client.destroy();
  }
}

/** A VPC as a choice of the wizard: `vpc-… shop-dev-vpc 10.0.0.0/16, 4 subnets`. */
export function vpcLabel(v: VpcSummary): string {
  return `${v.id}  ${v.name ?? '(no name)'}  ${v.cidr}, ${v.subnets} subnet${v.subnets === 1 ? '' : 's'}${v.isDefault ? ' (the default VPC)' : ''}`;
}

/**
 * What the environment does to where AWS calls go: with AWS_ENDPOINT_URL, or a per-service
 * AWS_ENDPOINT_URL_<SERVICE>, the AWS SDK and terraform's AWS provider send their calls there, with
 * the user's credentials, instead of to AWS. net-wizard honours it as they do (the two must agree)
 * and says so first. None when --endpoint is given: every call then goes to the emulator, with
 * dummy credentials. `recorded`: the command acts on a workdir, whose recorded endpoint wins.
 */
export function endpointEnvNotice(env: NodeJS.ProcessEnv, options: { recorded?: boolean } = {}): string[] {
  const set = Object.entries(env)
    .filter((e): e is [string, string] => /^AWS_ENDPOINT_URL(_[A-Z0-9_]+)?$/.test(e[0]) && !!e[1]?.trim())
    .sort(([a], [b]) => (a === 'AWS_ENDPOINT_URL' ? -1 : b === 'AWS_ENDPOINT_URL' ? 1 : a.localeCompare(b)));
  if (set.length === 0) return [];
  const services = set.filter(([name]) => name !== 'AWS_ENDPOINT_URL').map(([name]) => name.slice('AWS_ENDPOINT_URL_'.length));
  const lines = set.map(([name, url]) => {
    const what = name === 'AWS_ENDPOINT_URL' ? `every AWS call of this run, terraform's and net-wizard's${services.length ? ` (but ${services.join(', ')})` : ''}` : `every ${name.slice('AWS_ENDPOINT_URL_'.length)} call`;
    return `  ${name}=${url}: ${what}${name === 'AWS_ENDPOINT_URL' ? ',' : ''} goes there${plainHttpToPublic(url) ? ', over plain http, to a host neither on this machine nor on a private network' : ''}`;
  });
  const first = set[0]![1];
  return [
    `net-wizard: the environment sends AWS calls elsewhere than AWS, signed with your credentials${options.recorded ? ' (unless this workdir was applied with --endpoint)' : ''}:`,
    ...lines,
    `  Unset ${set.map(([name]) => name).join(', ')} to reach AWS; or, for an emulator there, pass --endpoint ${first.trim()} (dummy credentials).`,
  ];
}

function plainHttpToPublic(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' && hostReach(url.hostname) === 'public';
  } catch {
    return false;
  }
}

/** Whether the VPC answers at this target (DescribeVpcs by id): how a workdir recognises its network at another address. Rejects with the signal's reason once it is aborted. */
export async function vpcExists(target: AwsTarget, vpcId: string): Promise<boolean> {
  const { EC2Client, DescribeVpcsCommand } = await import('./sdk/ec2.js');
  const client = new EC2Client({ ...awsClientConfig(target), maxAttempts: 1 });
  try {
    const out = await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }), sendOptions(target));
    return (out.Vpcs ?? []).some((v) => v.VpcId === vpcId);
  } catch {
    target.signal?.throwIfAborted(); // a stop is no answer
    return false; // InvalidVpcID.NotFound, or nothing answers: not the workdir's network
  } finally {
    client.destroy();
  }
}
