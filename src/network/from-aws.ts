/**
 * The AWS reader of the network model: one VPC as the EC2 Describe* calls report it (their
 * records, as the AWS SDK for JavaScript v3 returns them), with AWS ids as ids and the `Name` tag
 * beside them. The roles sit where the names net-wizard gives say (`<prefix>-alb-sg`,
 * `<prefix>-public-subnet-a`), when those names are given. Deleted and deleting NAT Gateways and
 * endpoints are history, not state: left out. Pure: the SDK calls are `verify/live/read.ts`'s;
 * only the SDK's types are imported here.
 */
import type {
  Address,
  FlowLog,
  InternetGateway as SdkInternetGateway,
  IpPermission,
  NetworkInterface as SdkNetworkInterface,
  NatGateway as SdkNatGateway,
  NetworkAcl as SdkNetworkAcl,
  RouteTable as SdkRouteTable,
  SecurityGroup as SdkSecurityGroup,
  Subnet as SdkSubnet,
  Tag,
  Vpc as SdkVpc,
  VpcEndpoint as SdkVpcEndpoint,
} from '@aws-sdk/client-ec2';
import { taggedForNetwork, type NetworkNames } from '../core/names.js';
import {
  parseProtocol,
  type ElasticIp,
  type Nacl,
  type NaclRule,
  type NatGateway,
  type NetworkModel,
  type Protocol,
  type Role,
  type Route,
  type RouteTable,
  type SecurityGroup,
  type SgRule,
  type Subnet,
  type Tier,
  type VpcEndpoint,
} from './model.js';
import { ALL_PORTS, cidrRange, type Interval } from './ranges.js';

/** What the Describe* calls returned for one VPC. */
export interface AwsSnapshot {
  vpc: SdkVpc;
  /** DescribeVpcAttribute enableDnsSupport / enableDnsHostnames. */
  dnsSupport?: boolean;
  dnsHostnames?: boolean;
  subnets: SdkSubnet[];
  securityGroups: SdkSecurityGroup[];
  natGateways: SdkNatGateway[];
  /** The Elastic IPs of the NAT Gateways. */
  addresses: Address[];
  routeTables: SdkRouteTable[];
  networkAcls: SdkNetworkAcl[];
  endpoints: SdkVpcEndpoint[];
  /** The internet gateways attached to the VPC; absent when not read (routes to an igw- id then stand for one). */
  internetGateways?: SdkInternetGateway[];
  /** The network interfaces in the VPC; absent when not read. */
  networkInterfaces?: SdkNetworkInterface[];
  /** The flow logs of the VPC; absent when not read. */
  flowLogs?: FlowLog[];
}

/** States of a NAT Gateway or an endpoint that is gone or going. */
export const GONE = new Set(['deleted', 'deleting']);

export const nameOf = (tags: Tag[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;
const named = (tags: Tag[] | undefined): { name?: string } => {
  const name = nameOf(tags);
  return name === undefined ? {} : { name };
};
export const ids = (values: (string | undefined)[] | undefined) => (values ?? []).filter((v): v is string => !!v);

/** A protocol as AWS writes it (`-1`, `6`, `tcp`, `icmpv6`). */
const protocolOf = (value: string | undefined): Protocol | undefined => parseProtocol(String(value ?? '-1').toLowerCase() === 'icmpv6' ? '58' : (value ?? '-1'));

/** Ports as AWS writes them: none means every port of the protocol (or every ICMP type). */
function ports(protocol: Protocol, from: number | undefined, to: number | undefined): Interval {
  if (protocol === 'all' || from === undefined) return ALL_PORTS;
  return [from, to ?? from];
}
const written = (from: number | undefined, to: number | undefined) => ({ ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });

/** One permission as one rule per peer (each peer has its own description): IPv4, IPv6, prefix lists, groups. */
function sgRules(group: string, direction: 'ingress' | 'egress', permissions: IpPermission[] | undefined, notes: string[]): SgRule[] {
  return (permissions ?? []).flatMap((p) => {
    const protocol = protocolOf(p.IpProtocol);
    if (protocol === undefined) {
      notes.push(`${group}: protocol ${String(p.IpProtocol)} is not known`);
      return [];
    }
    const base = { direction, protocol, ports: ports(protocol, p.FromPort, p.ToPort), written: written(p.FromPort, p.ToPort), declaredBy: group };
    const none: Pick<SgRule, 'cidrs' | 'ipv6Cidrs' | 'prefixLists' | 'groups'> = { cidrs: [], ipv6Cidrs: [], prefixLists: [], groups: [] };
    const rule = (peer: Partial<typeof none>, description: string | undefined): SgRule => ({ ...base, ...none, ...peer, ...(description?.trim() ? { description } : {}) });
    return [
      ...(p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [rule({ cidrs: [r.CidrIp] }, r.Description)] : [])),
      ...(p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [rule({ ipv6Cidrs: [r.CidrIpv6] }, r.Description)] : [])),
      ...(p.PrefixListIds ?? []).flatMap((r) => (r.PrefixListId ? [rule({ prefixLists: [r.PrefixListId] }, r.Description)] : [])),
      ...(p.UserIdGroupPairs ?? []).flatMap((r) => (r.GroupId ? [rule({ groups: [r.GroupId] }, r.Description)] : [])),
    ];
  });
}

type SdkRoute = NonNullable<SdkRouteTable['Routes']>[number];

/** A route's target: its id, as the first target field AWS fills, and what kind of target it is. */
function routeTarget(r: SdkRoute): Pick<Route, 'target' | 'targetKind'> {
  const target =
    r.NatGatewayId ?? r.GatewayId ?? r.TransitGatewayId ?? r.VpcPeeringConnectionId ?? r.NetworkInterfaceId ?? r.InstanceId ??
    r.EgressOnlyInternetGatewayId ?? r.LocalGatewayId ?? r.CarrierGatewayId ?? r.CoreNetworkArn ?? 'unknown target';
  const targetKind: Route['targetKind'] =
    target === r.NatGatewayId ? 'nat'
    : target === 'local' ? 'local'
    : target === r.GatewayId && target.startsWith('igw-') ? 'igw'
    : target === r.GatewayId && target.startsWith('vpce-') ? 'endpoint'
    : target === r.NetworkInterfaceId || target === r.InstanceId ? 'eni'
    : 'other';
  return { target, targetKind };
}

/** Read what the Describe* calls returned into the network model; `names` places the roles by their Name tags. */
export function readAwsNetwork(snapshot: AwsSnapshot, hints: { names?: NetworkNames } = {}): NetworkModel {
  const notes: string[] = [];
  const { names } = hints;
  const vpcId = snapshot.vpc.VpcId ?? '';
  const primary = snapshot.vpc.CidrBlock ?? '';
  const secondary = (snapshot.vpc.CidrBlockAssociationSet ?? [])
    .filter((a) => a.CidrBlock && a.CidrBlock !== primary && a.CidrBlockState?.State === 'associated')
    .map((a) => a.CidrBlock!);

  const routeTables = new Map<string, RouteTable>(
    snapshot.routeTables.map((t) => {
      const id = t.RouteTableId ?? '';
      const routes = (t.Routes ?? []).map((r): Route => {
        const range = r.DestinationCidrBlock ? cidrRange(r.DestinationCidrBlock) : undefined;
        return {
          destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '',
          ...(range ? { range } : {}),
          ...routeTarget(r),
          declaredBy: id,
          ...(r.State ? { state: r.State } : {}),
        };
      });
      const main = (t.Associations ?? []).some((a) => a.Main);
      return [id, { id, ...named(t.Tags), ...(main ? { main } : {}), subnets: ids((t.Associations ?? []).map((a) => a.SubnetId)), routes }];
    }),
  );
  const mainTable = [...routeTables.values()].find((t) => t.main)?.id ?? `${vpcId} main route table`;

  const nacls = new Map<string, Nacl>(
    snapshot.networkAcls.map((a) => {
      const id = a.NetworkAclId ?? '';
      const rules = (a.Entries ?? []).flatMap((e): NaclRule[] => {
        const protocol = protocolOf(e.Protocol);
        if (protocol === undefined) {
          notes.push(`${id}: protocol ${String(e.Protocol)} is not known`);
          return [];
        }
        const range = e.CidrBlock ? cidrRange(e.CidrBlock) : undefined;
        return [
          {
            ruleNo: e.RuleNumber ?? 0,
            egress: e.Egress === true,
            protocol,
            allow: String(e.RuleAction ?? '').toLowerCase() === 'allow',
            cidr: e.CidrBlock ?? e.Ipv6CidrBlock ?? '',
            ...(range ? { range } : {}),
            ports: ports(protocol, e.PortRange?.From, e.PortRange?.To),
            written: written(e.PortRange?.From, e.PortRange?.To),
            declaredBy: id,
          },
        ];
      });
      return [id, { id, ...named(a.Tags), isDefault: a.IsDefault === true, subnets: ids((a.Associations ?? []).map((x) => x.SubnetId)), rules }];
    }),
  );
  const defaultNacl = [...nacls.values()].find((n) => n.isDefault)?.id ?? `${vpcId} default NACL`;

  const tierOf = (name: string | undefined, az: string | undefined): Tier | undefined =>
    names && name && az ? (name === names.publicSubnet(az) ? 'public' : name === names.privateSubnet(az) ? 'private' : undefined) : undefined;
  const subnets = new Map<string, Subnet>();
  for (const s of snapshot.subnets) {
    const id = s.SubnetId ?? '';
    const range = s.CidrBlock ? cidrRange(s.CidrBlock) : undefined;
    if (!range) {
      notes.push(`${id}: ${JSON.stringify(s.CidrBlock ?? null)} is not an IPv4 CIDR`);
      continue;
    }
    const name = nameOf(s.Tags);
    const tier = tierOf(name, s.AvailabilityZone);
    subnets.set(id, {
      id,
      ...named(s.Tags),
      cidr: s.CidrBlock!,
      range,
      ...(s.AvailabilityZone ? { az: s.AvailabilityZone } : {}),
      ...(tier ? { tier } : {}),
      routeTable: [...routeTables.values()].find((t) => t.subnets.includes(id))?.id ?? mainTable,
      nacl: [...nacls.values()].find((n) => n.subnets.includes(id))?.id ?? defaultNacl,
    });
  }

  const securityGroups = new Map<string, SecurityGroup>(
    snapshot.securityGroups.map((g) => {
      const id = g.GroupId ?? '';
      const rules = [...sgRules(id, 'ingress', g.IpPermissions, notes), ...sgRules(id, 'egress', g.IpPermissionsEgress, notes)];
      // The name is the Name tag, else the group name.
      const group: SecurityGroup = {
        id,
        name: nameOf(g.Tags) ?? g.GroupName ?? '',
        ...(g.GroupName ? { groupName: g.GroupName } : {}),
        isDefault: g.GroupName === 'default',
        rules,
        ...(g.Description ? { description: g.Description } : {}),
      };
      return [id, group];
    }),
  );
  const defaultSecurityGroup = [...securityGroups.values()].find((g) => g.isDefault)?.id ?? `${vpcId} default security group`;
  const roleNames: Record<Role, string | undefined> = { alb: names?.albSg, ecs: names?.ecsSg, rds: names?.rdsSg, endpoints: names?.endpointsSg };
  const roles: NetworkModel['roles'] = {};
  for (const role of Object.keys(roleNames) as Role[]) {
    const group = roleNames[role] && [...securityGroups.values()].find((g) => !g.isDefault && g.name === roleNames[role]);
    if (group) roles[role] = group.id;
  }

  const natGateways = new Map<string, NatGateway>(
    snapshot.natGateways
      .filter((n) => !GONE.has(String(n.State)))
      .map((n) => {
        const id = n.NatGatewayId ?? '';
        const nat: NatGateway = {
          id,
          ...named(n.Tags),
          state: String(n.State ?? 'unknown'),
          ...(n.SubnetId ? { subnet: n.SubnetId } : {}),
          allocations: ids((n.NatGatewayAddresses ?? []).map((a) => a.AllocationId)),
          public: n.ConnectivityType !== 'private',
        };
        return [id, nat];
      }),
  );
  const natInterfaces = new Set(ids(snapshot.natGateways.flatMap((n) => (n.NatGatewayAddresses ?? []).map((a) => a.NetworkInterfaceId))));
  const elasticIps = new Map<string, ElasticIp>(
    snapshot.addresses.map((a) => [a.AllocationId ?? '', { id: a.AllocationId ?? '', ...(a.PublicIp ? { publicIp: a.PublicIp } : {}), ...named(a.Tags) }]),
  );
  const endpoints = snapshot.endpoints
    .filter((v) => !GONE.has(String(v.State).toLowerCase()))
    .map(
      (v): VpcEndpoint => ({
        id: v.VpcEndpointId ?? '',
        ...named(v.Tags),
        service: (v.ServiceName ?? '').replace(/^com\.amazonaws\.[^.]+\./, ''),
        serviceName: v.ServiceName ?? '',
        type: String(v.VpcEndpointType ?? ''),
        ...(v.State ? { state: v.State } : {}),
        subnets: ids(v.SubnetIds),
        routeTables: ids(v.RouteTableIds),
        securityGroups: ids((v.Groups ?? []).map((g) => g.GroupId)),
        ...(v.PrivateDnsEnabled === undefined ? {} : { privateDns: v.PrivateDnsEnabled }),
      }),
    );

  return {
    vpc: {
      id: vpcId,
      ...named(snapshot.vpc.Tags),
      cidrs: [primary, ...secondary],
      ...(snapshot.vpc.State ? { state: snapshot.vpc.State } : {}),
      dnsSupport: snapshot.dnsSupport ?? false,
      dnsHostnames: snapshot.dnsHostnames ?? false,
    },
    subnets,
    routeTables,
    nacls,
    securityGroups,
    defaultSecurityGroup,
    natGateways,
    elasticIps,
    // When they were not read, routes to an igw- id are taken as going to an attached internet gateway.
    internetGateways: new Map(
      (snapshot.internetGateways ?? []).map((g) => {
        const id = g.InternetGatewayId ?? '';
        const attached = (g.Attachments ?? []).some((a) => a.VpcId === vpcId && ['available', 'attached'].includes(String(a.State)));
        return [id, { id, ...named(g.Tags), attached }];
      }),
    ),
    endpoints,
    roles,
    flowLogs: ids((snapshot.flowLogs ?? []).filter((f) => f.ResourceId === vpcId).map((f) => f.FlowLogId)),
    // A NAT Gateway's own interface (AWS gives it no security group; moto keeps it after the gateway is deleted) carries no role.
    interfaces: (snapshot.networkInterfaces ?? []).filter((i) => !natInterfaces.has(i.NetworkInterfaceId ?? '') && String(i.InterfaceType) !== 'nat_gateway').map((i) => ({
      id: i.NetworkInterfaceId ?? '',
      ...(i.SubnetId ? { subnet: i.SubnetId } : {}),
      groups: ids((i.Groups ?? []).map((g) => g.GroupId)),
      ...(i.Description ? { description: i.Description } : {}),
    })),
    notes,
  };
}

/**
 * The VPC as someone else made it: the snapshot without what this network (its project and
 * environment, tagged ManagedBy=net-wizard) made in it on an earlier attach: its security groups,
 * NAT Gateways and their Elastic IPs, NACLs (their subnets fall back to the default NACL),
 * endpoints, and the routes to its NAT Gateways and endpoints. What is left is what the attach must fit into.
 */
export function withoutNetwork(snapshot: AwsSnapshot, network: { project: string; env: string }): AwsSnapshot {
  const ours = (tags: Tag[] | undefined) => taggedForNetwork(tags, network);
  const nats = new Set(ids(snapshot.natGateways.filter((n) => ours(n.Tags)).map((n) => n.NatGatewayId)));
  const ourAcls = new Set(ids(snapshot.networkAcls.filter((a) => ours(a.Tags)).map((a) => a.NetworkAclId)));
  const endpoints = new Set(ids(snapshot.endpoints.filter((v) => ours(v.Tags)).map((v) => v.VpcEndpointId)));
  const released = snapshot.networkAcls.filter((a) => ourAcls.has(a.NetworkAclId ?? '')).flatMap((a) => ids((a.Associations ?? []).map((x) => x.SubnetId)));
  return {
    ...snapshot,
    securityGroups: snapshot.securityGroups.filter((g) => !ours(g.Tags)),
    natGateways: snapshot.natGateways.filter((n) => !nats.has(n.NatGatewayId ?? '')),
    addresses: snapshot.addresses.filter((a) => !ours(a.Tags)),
    endpoints: snapshot.endpoints.filter((v) => !endpoints.has(v.VpcEndpointId ?? '')),
    routeTables: snapshot.routeTables.map((t) => ({
      ...t,
      Routes: (t.Routes ?? []).filter((r) => !(r.NatGatewayId && nats.has(r.NatGatewayId)) && !(r.GatewayId && endpoints.has(r.GatewayId))),
    })),
    networkAcls: snapshot.networkAcls
      .filter((a) => !ourAcls.has(a.NetworkAclId ?? ''))
      .map((a) => (a.IsDefault ? { ...a, Associations: [...(a.Associations ?? []), ...released.map((SubnetId) => ({ SubnetId, NetworkAclId: a.NetworkAclId }))] } : a)),
  };
}
