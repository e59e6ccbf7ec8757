/**
 * Reads one VPC as AWS holds it, through the AWS SDK for JavaScript v3 (EC2 Describe* calls
 * filtered to the VPC), into the normalized LiveNetwork. Same region, credentials and emulator
 * endpoint as terraform. The SDK is imported on first use so that the CLI starts light.
 */
import type { EC2ClientConfig, IpPermission, Tag } from '@aws-sdk/client-ec2';
import { AWS_TIMEOUTS, awsClientConfig, sendOptions, type AwsTarget } from '../../aws/client.js';
import { naclEntry, sgRule, type LiveNetwork, type SgRule } from './model.js';
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
const GONE = new Set(['deleted', 'deleting']);

const nameOf = (tags: Tag[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;
const ids = (values: (string | undefined)[] | undefined) => (values ?? []).filter((v): v is string => !!v);

function rules(permissions: IpPermission[] | undefined): SgRule[] {
  return (permissions ?? []).flatMap((p) =>
    ids([
      ...(p.IpRanges ?? []).map((r) => r.CidrIp),
      ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
      ...(p.PrefixListIds ?? []).map((r) => r.PrefixListId),
      ...(p.UserIdGroupPairs ?? []).map((r) => r.GroupId),
    ]).map((peer) => sgRule(p.IpProtocol, p.FromPort, p.ToPort, peer)),
  );
}

/** Read the VPC and what is in it; a VPC that does not exist gives a LiveNetwork without `vpc`. Throws LiveReadError. */
export async function readLive(target: LiveTarget): Promise<LiveNetwork> {
  const ec2 = await import('@aws-sdk/client-ec2');
  const client = new ec2.EC2Client(clientConfig(target));
  const { call, all } = reader(target);
  const byVpc = [{ Name: 'vpc-id', Values: [target.vpcId] }];
  const pager = { client };
  const options = sendOptions(target);

  try {
    const [vpc] = await all('DescribeVpcs', ec2.paginateDescribeVpcs(pager, { Filters: byVpc }, options), (p) => p.Vpcs);
    if (!vpc) return EMPTY;
    const attribute = (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') =>
      call('DescribeVpcAttribute', () => client.send(new ec2.DescribeVpcAttributeCommand({ VpcId: target.vpcId, Attribute }), options));
    const [support, hostnames, subnets, groups, nats, tables, acls, endpoints] = await Promise.all([
      attribute('enableDnsSupport'),
      attribute('enableDnsHostnames'),
      all('DescribeSubnets', ec2.paginateDescribeSubnets(pager, { Filters: byVpc }, options), (p) => p.Subnets),
      all('DescribeSecurityGroups', ec2.paginateDescribeSecurityGroups(pager, { Filters: byVpc }, options), (p) => p.SecurityGroups),
      all('DescribeNatGateways', ec2.paginateDescribeNatGateways(pager, { Filter: byVpc }, options), (p) => p.NatGateways),
      all('DescribeRouteTables', ec2.paginateDescribeRouteTables(pager, { Filters: byVpc }, options), (p) => p.RouteTables),
      all('DescribeNetworkAcls', ec2.paginateDescribeNetworkAcls(pager, { Filters: byVpc }, options), (p) => p.NetworkAcls),
      all('DescribeVpcEndpoints', ec2.paginateDescribeVpcEndpoints(pager, { Filters: byVpc }, options), (p) => p.VpcEndpoints),
    ]);
    // AWS keeps listing deleted NAT Gateways (moto forever, AWS for about an hour): they are history, not state.
    const liveNats = nats.filter((n) => !GONE.has(String(n.State)));
    const allocationIds = ids(liveNats.flatMap((n) => (n.NatGatewayAddresses ?? []).map((a) => a.AllocationId)));
    const addresses = allocationIds.length
      ? ((await call('DescribeAddresses', () => client.send(new ec2.DescribeAddressesCommand({ Filters: [{ Name: 'allocation-id', Values: allocationIds }] }), options))).Addresses ?? [])
      : [];

    return {
      vpc: {
        id: target.vpcId,
        cidr: vpc.CidrBlock ?? '',
        state: vpc.State,
        dnsSupport: support.EnableDnsSupport?.Value ?? false,
        dnsHostnames: hostnames.EnableDnsHostnames?.Value ?? false,
        name: nameOf(vpc.Tags),
      },
      subnets: subnets.map((s) => ({ id: s.SubnetId ?? '', az: s.AvailabilityZone ?? '', cidr: s.CidrBlock ?? '', name: nameOf(s.Tags) })),
      securityGroups: groups.map((g) => ({
        id: g.GroupId ?? '',
        name: nameOf(g.Tags) ?? g.GroupName ?? '',
        isDefault: g.GroupName === 'default',
        ingress: rules(g.IpPermissions),
        egress: rules(g.IpPermissionsEgress),
      })),
      natGateways: liveNats.map((n) => ({
        id: n.NatGatewayId ?? '',
        state: String(n.State ?? 'unknown'),
        subnetId: n.SubnetId,
        allocationIds: ids((n.NatGatewayAddresses ?? []).map((a) => a.AllocationId)),
        name: nameOf(n.Tags),
      })),
      addresses: addresses.map((a) => ({ allocationId: a.AllocationId ?? '', publicIp: a.PublicIp, name: nameOf(a.Tags) })),
      routeTables: tables.map((t) => ({
        id: t.RouteTableId ?? '',
        name: nameOf(t.Tags),
        main: (t.Associations ?? []).some((a) => a.Main),
        subnetIds: ids((t.Associations ?? []).map((a) => a.SubnetId)),
        routes: (t.Routes ?? []).map((r) => ({
          destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '',
          target:
            r.NatGatewayId ?? r.GatewayId ?? r.TransitGatewayId ?? r.VpcPeeringConnectionId ?? r.NetworkInterfaceId ?? r.InstanceId ??
            r.EgressOnlyInternetGatewayId ?? r.LocalGatewayId ?? r.CarrierGatewayId ?? r.CoreNetworkArn ?? 'unknown target',
          state: r.State,
        })),
      })),
      networkAcls: acls.map((a) => ({
        id: a.NetworkAclId ?? '',
        name: nameOf(a.Tags),
        isDefault: a.IsDefault === true,
        subnetIds: ids((a.Associations ?? []).map((x) => x.SubnetId)),
        entries: (a.Entries ?? []).map((e) =>
          naclEntry(e.RuleNumber ?? 0, e.Egress === true, String(e.RuleAction ?? ''), e.Protocol, e.PortRange?.From, e.PortRange?.To, e.CidrBlock ?? e.Ipv6CidrBlock ?? ''),
        ),
      })),
      endpoints: endpoints
        .filter((v) => !GONE.has(String(v.State).toLowerCase()))
        .map((v) => ({
          id: v.VpcEndpointId ?? '',
          name: nameOf(v.Tags),
          serviceName: v.ServiceName ?? '',
          type: String(v.VpcEndpointType ?? ''),
          state: v.State,
          subnetIds: ids(v.SubnetIds),
          routeTableIds: ids(v.RouteTableIds),
          securityGroupIds: ids((v.Groups ?? []).map((g) => g.GroupId)),
          privateDns: v.PrivateDnsEnabled,
        })),
    };
  } finally {
    client.destroy();
  }
}

/**
 * The VPCs, NAT Gateways and Elastic IPs of the region tagged Project=<project>,
 * Environment=<env> and ManagedBy=net-wizard, wherever they are (a lost VPC is outside the VPC
 * read above). The tags are compared here rather than sent as filters: emulators do not all
 * honour tag filters.
 */
export async function readTagged(target: AwsTarget, tags: { project: string; env: string }): Promise<TaggedResource[]> {
  const ec2 = await import('@aws-sdk/client-ec2');
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
