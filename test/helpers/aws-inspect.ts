import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { pythonCommand } from './moto.js';

const SCRIPT = fileURLToPath(new URL('./aws-inspect.py', import.meta.url));

export type Tags = Record<string, string>;

export interface InspectTarget {
  endpoint: string;
  region: string;
  project: string;
  env: string;
}

export interface SgRule {
  protocol: string;
  fromPort: number | null;
  toPort: number | null;
  cidr: string | null;
  ipv6Cidr: string | null;
  groupId: string | null;
  prefixListId: string | null;
  description: string | null;
}

/** What aws-inspect.py reports about one project/environment (see that script for the fields). */
export interface Snapshot {
  vpcs: { id: string; cidr: string; state: string | null; enableDnsSupport: boolean; enableDnsHostnames: boolean; tags: Tags }[];
  subnets: { id: string; vpcId: string; cidr: string; az: string; mapPublicIpOnLaunch: boolean | null; tags: Tags }[];
  internetGateways: { id: string; attachments: { vpcId: string; state: string | null }[]; tags: Tags }[];
  routeTables: {
    id: string;
    vpcId: string;
    main: boolean;
    routes: {
      destination: string | null;
      gatewayId: string | null;
      natGatewayId: string | null;
      target: string | null;
      state: string | null;
      origin: string | null;
    }[];
    associations: { id: string | null; subnetId: string | null; gatewayId: string | null; main: boolean }[];
    tags: Tags;
  }[];
  securityGroups: {
    id: string;
    name: string;
    description: string | null;
    vpcId: string | null;
    isDefault: boolean;
    ingress: SgRule[];
    egress: SgRule[];
    tags: Tags;
  }[];
  /** Deleted ones stay listed by moto: check `state`. */
  natGateways: {
    id: string;
    state: string;
    subnetId: string | null;
    vpcId: string | null;
    connectivityType: string | null;
    allocationIds: string[];
    publicIps: string[];
    tags: Tags;
  }[];
  elasticIps: {
    allocationId: string | null;
    publicIp: string | null;
    domain: string | null;
    associationId: string | null;
    networkInterfaceId: string | null;
    tags: Tags;
  }[];
  networkAcls: {
    id: string;
    vpcId: string;
    isDefault: boolean;
    entries: {
      ruleNumber: number;
      egress: boolean;
      protocol: string;
      action: string;
      cidr: string | null;
      ipv6Cidr: string | null;
      fromPort: number | null;
      toPort: number | null;
    }[];
    associations: { id: string | null; subnetId: string | null }[];
    tags: Tags;
  }[];
  vpcEndpoints: {
    id: string;
    vpcId: string | null;
    serviceName: string | null;
    type: string | null;
    state: string | null;
    subnetIds: string[];
    routeTableIds: string[];
    securityGroupIds: string[];
    privateDnsEnabled: boolean | null;
    tags: Tags;
  }[];
  /** Subnets, route tables, SGs and NACLs inside the project's VPCs that lack its tags (VPC defaults excluded). */
  untaggedInVpcs: { kind: string; id: string }[];
}

export interface TaggedResource {
  kind: string;
  id: string;
  state: string | null;
  tags: Tags;
}

async function run<T>(command: string, t: { endpoint: string; region: string; project: string; env?: string }): Promise<T> {
  const args = [SCRIPT, command, '--endpoint', t.endpoint, '--region', t.region, '--project', t.project];
  if (t.env !== undefined) args.push('--env', t.env);
  const r = await execa(pythonCommand(), args, {
    reject: false,
    timeout: 120_000,
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: t.region },
  });
  if (r.exitCode !== 0) {
    throw new Error(`aws-inspect ${command} failed (exit ${r.exitCode ?? r.signal}):\n${r.stderr}`);
  }
  return JSON.parse(r.stdout) as T;
}

/** Snapshot of the network resources tagged Project/Environment in the emulator, read with boto3. */
export function inspectNetwork(target: InspectTarget): Promise<Snapshot> {
  return run<Snapshot>('network', target);
}

/** Everything that still exists tagged Project=<project> (and Environment=<env> when given). */
export function taggedResources(target: Omit<InspectTarget, 'env'> & { env?: string }): Promise<TaggedResource[]> {
  return run<TaggedResource[]>('tagged', target);
}
