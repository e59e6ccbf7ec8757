/**
 * Reads one VPC as AWS holds it, through the AWS SDK for JavaScript v3 (EC2 Describe* calls
 * filtered to the VPC), into the network model (network/from-aws.ts), which the checklist
 * compares through liveView. Same region, credentials and emulator
 * endpoint as terraform. The SDK is imported on first use so that the CLI starts light.
 */
import type { EC2ClientConfig, Tag } from '@aws-sdk/client-ec2';
import { AWS_TIMEOUTS, awsClientConfig, sendOptions, type AwsTarget } from '../../aws/client.js';
import type { NetworkNames } from '../../core/names.js';
import { GONE, ids, nameOf, readAwsNetwork, type AwsSnapshot } from '../../network/from-aws.js';
import type { NetworkModel } from '../../network/model.js';
import { liveView, type LiveNetwork } from './checklist.js';
import { taggedForNetwork, type TaggedResource } from './untracked.js';

/** Which VPC to read, and how to reach AWS. */
export interface LiveTarget {
  vpcId: string;
  region: string;
  /** A local emulator (moto, LocalStack): every call goes there, with dummy credentials. */
  endpoint?: string;
  /** Where credentials come from without an endpoint (AWS_ACCESS_KEY_ID…, AWS_PROFILE); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Time limits in ms; default LIVE_TIMEOUTS. */
  timeouts?: { connection: number; request: number };
  /** Aborts every request at once (a stop signal); the read then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** AWS could not be read; the message names the endpoint (or region), the call and the AWS error code. */
export class LiveReadError extends Error {
  override name = 'LiveReadError';
  readonly kind = 'live-read';
  constructor(
    message: string,
    /** The AWS error code (AuthFailure, UnauthorizedOperation…) or the network one (ECONNREFUSED, TimeoutError). */
    readonly code: string,
    /** The endpoint URL, or `AWS EC2 in <region>`. */
    readonly where: string,
  ) {
    super(message);
  }
}

/** Connection and request time limits (ms), so that a dead endpoint fails fast. */
export const LIVE_TIMEOUTS = AWS_TIMEOUTS;

/** The EC2 client configuration: the target's region; an endpoint means dummy credentials, else the default chain. */
export function clientConfig(target: LiveTarget): EC2ClientConfig {
  return awsClientConfig(target);
}

const EMPTY: LiveNetwork = { subnets: [], securityGroups: [], natGateways: [], addresses: [], routeTables: [], networkAcls: [], endpoints: [] };

/** Read the VPC and what is in it, as the Describe* calls return it; undefined when the VPC does not exist. Throws LiveReadError. */
export async function readSnapshot(target: LiveTarget): Promise<AwsSnapshot | undefined> {
  const ec2 = await import('../../aws/sdk/ec2.js');
  const client = new ec2.EC2Client(clientConfig(target));
  const { call, all } = reader(target);
  const byVpc = [{ Name: 'vpc-id', Values: [target.vpcId] }];
  const pager = { client };
  const options = sendOptions(target);

  try {
    // Every call at once, in one round trip: the VPC's own, its attributes and everything in it,
    // and the Elastic IPs (matched to the NAT Gateways below). When the VPC is not there, the
    // calls about it may fail: the answer is then "no VPC", not their error.
    const settled = <T>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));
    const attribute = (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') =>
      call('DescribeVpcAttribute', () => client.send(new ec2.DescribeVpcAttributeCommand({ VpcId: target.vpcId, Attribute }), options));
    const vpcs = all('DescribeVpcs', ec2.paginateDescribeVpcs(pager, { Filters: byVpc }, options), (p) => p.Vpcs);
    const rest = Promise.all([
      attribute('enableDnsSupport'),
      attribute('enableDnsHostnames'),
      all('DescribeSubnets', ec2.paginateDescribeSubnets(pager, { Filters: byVpc }, options), (p) => p.Subnets),
      all('DescribeSecurityGroups', ec2.paginateDescribeSecurityGroups(pager, { Filters: byVpc }, options), (p) => p.SecurityGroups),
      all('DescribeNatGateways', ec2.paginateDescribeNatGateways(pager, { Filter: byVpc }, options), (p) => p.NatGateways),
      all('DescribeRouteTables', ec2.paginateDescribeRouteTables(pager, { Filters: byVpc }, options), (p) => p.RouteTables),
      all('DescribeNetworkAcls', ec2.paginateDescribeNetworkAcls(pager, { Filters: byVpc }, options), (p) => p.NetworkAcls),
      all('DescribeVpcEndpoints', ec2.paginateDescribeVpcEndpoints(pager, { Filters: byVpc }, options), (p) => p.VpcEndpoints),
      all('DescribeInternetGateways', ec2.paginateDescribeInternetGateways(pager, { Filters: [{ Name: 'attachment.vpc-id', Values: [target.vpcId] }] }, options), (p) => p.InternetGateways),
      all('DescribeNetworkInterfaces', ec2.paginateDescribeNetworkInterfaces(pager, { Filters: byVpc }, options), (p) => p.NetworkInterfaces),
      all('DescribeFlowLogs', ec2.paginateDescribeFlowLogs(pager, { Filter: [{ Name: 'resource-id', Values: [target.vpcId] }] }, options), (p) => p.FlowLogs),
      call('DescribeAddresses', async () => (await client.send(new ec2.DescribeAddressesCommand({}), options)).Addresses ?? []),
    ] as const);
    const [vpcRead, restRead] = await Promise.all([settled(vpcs), settled(rest)]);
    if ('error' in vpcRead) throw vpcRead.error;
    const [vpc] = vpcRead.value;
    if (!vpc) return undefined;
    if ('error' in restRead) throw restRead.error;
    const [support, hostnames, subnets, securityGroups, natGateways, routeTables, networkAcls, endpoints, internetGateways, networkInterfaces, flowLogs, allAddresses] = restRead.value;
    // AWS keeps listing deleted NAT Gateways (moto forever, AWS for about an hour): they are history, not state.
    const liveNats = natGateways.filter((n) => !GONE.has(String(n.State)));
    const allocationIds = new Set(ids(liveNats.flatMap((n) => (n.NatGatewayAddresses ?? []).map((a) => a.AllocationId))));
    const addresses = allAddresses.filter((a) => a.AllocationId !== undefined && allocationIds.has(a.AllocationId));
    return {
      // The VPC read is the one asked for.
      vpc: { ...vpc, VpcId: target.vpcId },
      dnsSupport: support.EnableDnsSupport?.Value,
      dnsHostnames: hostnames.EnableDnsHostnames?.Value,
      subnets,
      securityGroups,
      natGateways,
      addresses,
      routeTables,
      networkAcls,
      endpoints,
      internetGateways,
      networkInterfaces,
      flowLogs,
    };
  } finally {
    client.destroy();
  }
}

/** The live VPC as a network model (the AWS reader's); `names` places the roles. Undefined when the VPC does not exist. Throws LiveReadError. */
export async function readLiveNetwork(target: LiveTarget, hints: { names?: NetworkNames } = {}): Promise<NetworkModel | undefined> {
  const snapshot = await readSnapshot(target);
  return snapshot && readAwsNetwork(snapshot, hints);
}

/** Read the VPC and what is in it, as the checklist compares it; a VPC that does not exist gives a LiveNetwork without `vpc`. Throws LiveReadError. */
export async function readLive(target: LiveTarget): Promise<LiveNetwork> {
  const model = await readLiveNetwork(target);
  return model ? liveView(model) : EMPTY;
}

/**
 * The VPCs, NAT Gateways and Elastic IPs of the region tagged Project=<project>,
 * Environment=<env> and ManagedBy=net-wizard, wherever they are (a lost VPC is outside the VPC
 * read above). The tags are compared here rather than sent as filters: emulators do not all
 * honour tag filters.
 */
export async function readTagged(target: AwsTarget, tags: { project: string; env: string }): Promise<TaggedResource[]> {
  const ec2 = await import('../../aws/sdk/ec2.js');
  const client = new ec2.EC2Client(awsClientConfig(target));
  const { call, all } = reader(target);
  const options = sendOptions(target);
  const ours = (t: Tag[] | undefined) => taggedForNetwork(t, tags);
  try {
    const [vpcs, nats, addresses] = await Promise.all([
      all('DescribeVpcs', ec2.paginateDescribeVpcs({ client }, {}, options), (p) => p.Vpcs),
      all('DescribeNatGateways', ec2.paginateDescribeNatGateways({ client }, {}, options), (p) => p.NatGateways),
      call('DescribeAddresses', async () => (await client.send(new ec2.DescribeAddressesCommand({}), options)).Addresses ?? []),
    ]);
    return [
      ...vpcs.filter((v) => ours(v.Tags)).map((v) => ({ kind: 'vpc' as const, id: v.VpcId ?? '', name: nameOf(v.Tags) })),
      ...nats
        .filter((n) => ours(n.Tags) && !GONE.has(String(n.State)) && String(n.State) !== 'failed')
        .map((n) => ({ kind: 'nat-gateway' as const, id: n.NatGatewayId ?? '', name: nameOf(n.Tags) })),
      ...addresses.filter((a) => ours(a.Tags)).map((a) => ({ kind: 'elastic-ip' as const, id: a.AllocationId ?? '', name: nameOf(a.Tags) })),
    ].filter((r) => r.id !== '');
  } finally {
    client.destroy();
  }
}

/** One call, or every page of a paginated one, with any failure as a LiveReadError naming where and which call. */
function reader(target: AwsTarget) {
  const where = target.endpoint ?? `AWS EC2 in ${target.region}`;
  const call = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      // A stop signal is not a read failure: it says so itself.
      if (target.signal?.aborted) throw target.signal.reason;
      throw readError(error, operation, where);
    }
  };
  const all = <P, T>(operation: string, pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined) =>
    call(operation, async () => {
      const out: T[] = [];
      for await (const page of pages) out.push(...(pick(page) ?? []));
      return out;
    });
  return { call, all };
}

/** A LiveReadError naming where, which call and the AWS error code. */
function readError(error: unknown, operation: string, where: string): LiveReadError {
  const e = (error ?? {}) as { name?: string; code?: string; Code?: string; message?: string; errors?: { message?: string }[] };
  const code = e.Code ?? (e.name && e.name !== 'Error' && e.name !== 'AggregateError' ? e.name : undefined) ?? e.code ?? 'UnknownError';
  // Node reports a refused connection to a name with several addresses as an AggregateError with an empty message.
  const text = e.message || e.errors?.map((x) => x.message).join(', ') || String(error);
  return new LiveReadError(`cannot read the network from ${where}: ${operation} failed with ${code}: ${text}`, code, where);
}
