/**
 * The AWS names net-wizard gives things (the tutorial's `${project}-${env}-…`), and the checks
 * AWS applies to them, run after the names are composed so that a bad combination is refused
 * before anything is written.
 */
import { azLetter } from './regions.js';
import type { Tier } from './cidr.js';
import type { InputProblem } from './errors.js';

/** Every name of one network. */
export interface NetworkNames {
  prefix: string;
  vpc: string;
  igw: string;
  publicRouteTable: string;
  albSg: string;
  ecsSg: string;
  rdsSg: string;
  defaultSg: string;
  endpointsSg: string;
  publicNacl: string;
  privateNacl: string;
  publicSubnet(az: string): string;
  privateSubnet(az: string): string;
  privateRouteTable(az: string): string;
  natEip(az: string): string;
  nat(az: string): string;
  /** A VPC endpoint, by service: s3, ecr.api → `<prefix>-ecr-api-endpoint`. */
  endpoint(service: string): string;
}

/** Compose the names of a network from the project and environment. */
export function networkNames(project: string, env: string): NetworkNames {
  const prefix = `${project}-${env}`;
  return {
    prefix,
    vpc: `${prefix}-vpc`,
    igw: `${prefix}-igw`,
    publicRouteTable: `${prefix}-public-rt`,
    albSg: `${prefix}-alb-sg`,
    ecsSg: `${prefix}-ecs-sg`,
    rdsSg: `${prefix}-rds-sg`,
    defaultSg: `${prefix}-default-sg`,
    endpointsSg: `${prefix}-endpoints-sg`,
    publicNacl: `${prefix}-public-nacl`,
    privateNacl: `${prefix}-private-nacl`,
    publicSubnet: (az) => `${prefix}-public-subnet-${azLetter(az)}`,
    privateSubnet: (az) => `${prefix}-private-subnet-${azLetter(az)}`,
    privateRouteTable: (az) => `${prefix}-private-rt-${azLetter(az)}`,
    natEip: (az) => `${prefix}-nat-eip-${azLetter(az)}`,
    nat: (az) => `${prefix}-nat-${azLetter(az)}`,
    endpoint: (service) => `${prefix}-${service.replace(/\./g, '-')}-endpoint`,
  };
}

/** The roles of the tutorial's network that have their own security group. */
export type SgRole = 'alb' | 'ecs' | 'rds' | 'endpoints';

/** The terraform resource types of what the stack makes, as the state and the AWS reads name them. */
export const RESOURCE_TYPES = {
  vpc: 'aws_vpc',
  natGateway: 'aws_nat_gateway',
  eip: 'aws_eip',
} as const;

/**
 * The terraform address of each resource the stack makes (`<type>.<name>`): the stack gives its
 * resources these names (stacks/constructs/tags.ts `named`), and the verifiers that read the
 * synthesized JSON or the state look them up by them.
 */
export const ADDRESSES = {
  vpc: `${RESOURCE_TYPES.vpc}.main`,
  igw: 'aws_internet_gateway.main',
  defaultSg: 'aws_default_security_group.default',
  publicRouteTable: 'aws_route_table.public',
  /** The public route table's default route, to the internet gateway. */
  publicInternetRoute: 'aws_route.public_internet',
  privateRouteTable: (az: string) => `aws_route_table.private_${azLetter(az)}`,
  /** A private route table's default route, to its NAT Gateway. */
  privateNatRoute: (az: string) => `aws_route.private_nat_${azLetter(az)}`,
  subnet: (tier: Tier, az: string) => `aws_subnet.${tier}_${azLetter(az)}`,
  routeTableAssociation: (tier: Tier, az: string) => `aws_route_table_association.${tier}_${azLetter(az)}`,
  securityGroup: (role: SgRole) => `aws_security_group.${role}`,
  nat: (az: string) => `${RESOURCE_TYPES.natGateway}.main_${azLetter(az)}`,
  natEip: (az: string) => `${RESOURCE_TYPES.eip}.nat_${azLetter(az)}`,
  nacl: (tier: Tier) => `aws_network_acl.${tier}`,
  naclAssociation: (tier: Tier, az: string) => `aws_network_acl_association.${tier}_${azLetter(az)}`,
  /** A VPC endpoint, by service: s3, ecr.api → `aws_vpc_endpoint.ecr_api`. */
  endpoint: (service: string) => `aws_vpc_endpoint.${service.replace(/\./g, '_')}`,
} as const;

/** The two parts of a terraform address: `aws_subnet.public_a` → type `aws_subnet`, name `public_a`. */
export function splitAddress(address: string): { type: string; name: string } {
  const dot = address.indexOf('.');
  return { type: address.slice(0, dot), name: address.slice(dot + 1) };
}

/** The tier of one of the stack's subnets, by its address (the inverse of `ADDRESSES.subnet`). */
export function subnetTier(address: string): Tier | undefined {
  const { name } = splitAddress(address);
  return name.startsWith('public') ? 'public' : name.startsWith('private') ? 'private' : undefined;
}

/** The tags every resource carries besides `Name`. */
export function commonTags(project: string, env: string): Record<string, string> {
  return { Project: project, Environment: env, ManagedBy: 'net-wizard' };
}

/**
 * Whether a resource's tags say it is this network's: all three of the tags every resource of
 * the network carries. Project and Environment alone are not enough: someone else's VPC may be
 * tagged alike, and it must never be called ours, let alone offered for deletion.
 */
export function taggedForNetwork(tags: readonly { Key?: string; Value?: string }[] | undefined, network: { project: string; env: string }): boolean {
  return Object.entries(commonTags(network.project, network.env)).every(([key, value]) => tags?.some((t) => t.Key === key && t.Value === value));
}

/** AWS limits on names and tags (EC2 CreateSecurityGroup, CreateTags). */
export const LIMITS = {
  securityGroupName: 255,
  tagKey: 128,
  tagValue: 256,
} as const;

// EC2-VPC security group names: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*
const SG_NAME_CHARS = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/;

/** Check the composed names against AWS's rules; the problems name `blame` (the option that made them). */
export function checkNames(project: string, env: string, azs: readonly string[], blame = '--project/--env'): InputProblem[] {
  const names = networkNames(project, env);
  const problems: InputProblem[] = [];
  for (const sg of [names.albSg, names.ecsSg, names.rdsSg, names.endpointsSg]) {
    if (sg.toLowerCase().startsWith('sg-')) {
      problems.push({ option: blame, message: `makes the security group name "${sg}", and AWS refuses names that start with "sg-"`, example: 'my-app' });
    } else if (sg.length > LIMITS.securityGroupName) {
      problems.push({ option: blame, message: `makes the security group name "${sg}" ${sg.length} characters long; AWS allows ${LIMITS.securityGroupName}` });
    } else if (!SG_NAME_CHARS.test(sg)) {
      problems.push({ option: blame, message: `makes the security group name "${sg}" with characters AWS does not allow` });
    }
  }
  const tagValues = [
    names.vpc, names.igw, names.publicRouteTable, names.defaultSg, names.endpointsSg, names.publicNacl, names.privateNacl, names.endpoint('secretsmanager'),
    ...azs.flatMap((az) => [names.publicSubnet(az), names.privateSubnet(az), names.privateRouteTable(az), names.natEip(az), names.nat(az)]),
    ...Object.values(commonTags(project, env)),
  ];
  for (const value of tagValues) {
    if (value.length > LIMITS.tagValue) {
      problems.push({ option: blame, message: `makes the tag value "${value.slice(0, 40)}…" ${value.length} characters long; AWS allows ${LIMITS.tagValue}` });
    }
    if (value.toLowerCase().startsWith('aws:')) {
      problems.push({ option: blame, message: `makes the tag value "${value}", and the aws: prefix is reserved by AWS` });
    }
  }
  return dedupe(problems);
}

function dedupe(problems: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}
