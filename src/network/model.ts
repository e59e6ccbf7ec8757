/**
 * One model of a VPC as Reachability Analyzer sees it, whatever produced it: the VPC and its
 * CIDRs, subnets with their AZ, route table and NACL (explicit, or the VPC's main table and
 * default NACL), routes with typed targets, NACL entries, security groups and their rules (CIDRs,
 * prefix lists, SG references), gateways, endpoints, and where the roles of the tutorial's
 * network sit (ALB, ECS tasks, RDS, endpoints).
 *
 * Two readers fill it: `from-terraform.ts` from the synthesized Terraform JSON (terraform
 * addresses as ids) and `from-aws.ts` from what the AWS SDK describes (AWS ids as ids, the `Name`
 * tag beside them). The flow analysis and the baseline checks read only this model, so they never
 * know which reader produced it. Types only, and a few pure helpers on them.
 */
import type { Tier } from '../core/cidr.js';
import type { SgRole } from '../core/names.js';
import type { Interval } from './ranges.js';

/** A protocol number (6 tcp, 17 udp, 1 icmp) or every protocol. */
export type Protocol = number | 'all';

/**
 * Every resource of the model has an `id`: what names it in its source (a terraform address such
 * as `aws_subnet.private_a`, or an AWS id such as `subnet-0abc`), and what references between
 * resources use. `name`: its `Name` tag, when the source gives one.
 */
interface Named {
  id: string;
  name?: string;
}

export interface Vpc extends Named {
  /** The primary CIDR first, then secondary ones. */
  cidrs: string[];
  dnsSupport: boolean;
  dnsHostnames: boolean;
  /** `available`, `pending` (live reader only). */
  state?: string;
}

export type { Tier };

export interface Subnet extends Named {
  cidr: string;
  range: Interval;
  az?: string;
  tier?: Tier;
  /** Its route table: an explicit association, or the VPC's main table. */
  routeTable: string;
  /** Its NACL: an association, or the VPC's default NACL. */
  nacl: string;
}

/** Where a route sends its traffic. */
export type RouteTargetKind = 'local' | 'igw' | 'nat' | 'eni' | 'endpoint' | 'other';

export interface Route {
  destination: string;
  /** The destination's addresses; undefined for a destination that is not an IPv4 CIDR (prefix list, IPv6). */
  range?: Interval;
  targetKind: RouteTargetKind;
  /** The target's id (`aws_nat_gateway.main_a`, `nat-0abc`, `local`), or `no target`. */
  target: string;
  /** The source's word for the kind of target, when the id alone does not say (`network_interface_id`). */
  targetField?: string;
  /** The resource that declares it. */
  declaredBy: string;
  /** `active` or `blackhole` (live reader only). */
  state?: string;
}

export interface RouteTable extends Named {
  routes: Route[];
  /** The VPC's main route table: every subnet without an explicit association uses it. */
  main?: boolean;
  /** The subnets explicitly associated with it. */
  subnets: string[];
}

export interface NaclRule {
  ruleNo: number;
  egress: boolean;
  protocol: Protocol;
  allow: boolean;
  cidr: string;
  /** The CIDR's addresses; undefined for an IPv6 entry, which the analysis does not follow. */
  range?: Interval;
  ports: Interval;
  /** The ports (or ICMP type and code) as the source wrote them; absent where it wrote none. */
  written: { from?: number; to?: number };
  declaredBy: string;
}

export interface Nacl extends Named {
  rules: NaclRule[];
  /** The VPC's default NACL (implicit, or aws_default_network_acl). */
  isDefault: boolean;
  /** Not declared in the configuration: AWS's own default, with its rules. */
  implicit?: boolean;
  /** The subnets associated with it. */
  subnets: string[];
}

export interface SgRule {
  direction: 'ingress' | 'egress';
  protocol: Protocol;
  ports: Interval;
  /** The ports (or ICMP type and code) as the source wrote them; absent where it wrote none. */
  written: { from?: number; to?: number };
  cidrs: string[];
  /** IPv6 CIDRs, which the analysis does not follow. */
  ipv6Cidrs: string[];
  /** Referenced security groups, by id (self included). */
  groups: string[];
  /** Referenced prefix lists: the id of the resource that owns them (`aws_vpc_endpoint.s3`) or a `pl-` id. */
  prefixLists: string[];
  description?: string;
  declaredBy: string;
}

export interface SecurityGroup extends Named {
  /** Its group name (`name` of aws_security_group, GroupName in AWS), unique in the VPC; `name` is the Name tag when there is one. */
  groupName?: string;
  description?: string;
  rules: SgRule[];
  isDefault: boolean;
  /** Not declared in the configuration: AWS's own default, with its rules. */
  implicit?: boolean;
}

export interface NatGateway extends Named {
  subnet?: string;
  /** The Elastic IP allocations it uses. */
  allocations: string[];
  /** false for a private NAT gateway (connectivity type private): no way to the internet. */
  public: boolean;
  /** `available`, `pending`, `failed` (live reader only). */
  state?: string;
}

export interface ElasticIp extends Named {
  publicIp?: string;
}

export interface InternetGateway extends Named {
  attached: boolean;
}

export interface VpcEndpoint extends Named {
  /** The service after `com.amazonaws.<region>.`: `s3`, `ecr.api`. */
  service: string;
  /** The whole service name: `com.amazonaws.ap-northeast-1.s3`. */
  serviceName: string;
  /** `Gateway`, `Interface`. */
  type: string;
  routeTables: string[];
  subnets: string[];
  securityGroups: string[];
  /** Undefined when the source does not say. */
  privateDns?: boolean;
  /** `available`, `pendingAcceptance` (live reader only). */
  state?: string;
}

/** A network interface (an ENI): what carries a security group into a subnet. */
export interface NetworkInterface extends Named {
  subnet?: string;
  /** Its security groups, by id. */
  groups: string[];
  /** AWS's description (`ELB app/…`, `RDSNetworkInterface`), which says what it belongs to. */
  description?: string;
}

/** The roles of the tutorial's network, each behind its own security group. */
export type Role = SgRole;

/** The network model of one VPC. */
export interface NetworkModel {
  vpc: Vpc;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  nacls: Map<string, Nacl>;
  securityGroups: Map<string, SecurityGroup>;
  /** The id of the VPC's default security group (implicit or aws_default_security_group). */
  defaultSecurityGroup: string;
  natGateways: Map<string, NatGateway>;
  elasticIps: Map<string, ElasticIp>;
  internetGateways: Map<string, InternetGateway>;
  endpoints: VpcEndpoint[];
  /** The security group each role's network interfaces carry, by id (the role's group may be missing from securityGroups). */
  roles: Partial<Record<Role, string>>;
  /** Flow logs on the VPC. */
  flowLogs: string[];
  /** The network interfaces in the VPC (live reader only: a configuration declares none). */
  interfaces: NetworkInterface[];
  /** Values the reader could not read (not literal, malformed): the rules they belong to are left out. */
  notes: string[];
}

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };

/** A protocol as terraform or AWS writes it (`-1`, `all`, `tcp`, `6`); undefined when unknown. */
export function parseProtocol(value: unknown): Protocol | undefined {
  const text = String(value).toLowerCase();
  if (text === '-1' || text === 'all') return 'all';
  if (text in PROTOCOLS) return PROTOCOLS[text];
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The role a security group plays, if any. */
export function roleOf(model: Pick<NetworkModel, 'roles'>, securityGroup: string): Role | undefined {
  return (Object.keys(model.roles) as Role[]).find((role) => model.roles[role] === securityGroup);
}
