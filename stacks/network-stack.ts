import type { Construct } from 'constructs';
import { TerraformOutput, TerraformResource, TerraformStack } from 'cdktf';
import type { NetworkConfig } from '../src/core/config.js';
import { subnetLayout } from '../src/core/config.js';
import type { NatPlan } from '../src/core/nat-plan.js';
import { zoneSubnet, type Adoption, type ExistingVpc } from '../src/core/existing-vpc.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { ADDRESSES as A } from '../src/core/names.js';
import { named, tagsFor } from './constructs/tags.js';
import { commonTags, networkNames } from '../src/core/names.js';
import { atLeast, AWS_PROVIDER_CONSTRAINT, MIN_VERSION, MIN_VERSION_S3_LOCKFILE } from '../src/core/versions.js';
import { Endpoints } from './constructs/endpoints.js';
import { Foundation } from './constructs/foundation.js';
import { Nacls } from './constructs/nacls.js';
import { Nat } from './constructs/nat.js';
import { stateBackend } from './constructs/backend.js';
import { awsProvider } from './constructs/provider.js';
import { SecurityGroups } from './constructs/security-groups.js';

export { STATE_FILE } from './constructs/backend.js';

export interface NetworkStackProps {
  config: NetworkConfig;
  nat: NatPlan;
  /** The AWS account the workdir is bound to (allowed_account_ids); absent before it is known. */
  accountId?: string;
  /** The existing VPC to attach to (config.vpcId): part 1 is referenced by id, never made or changed. */
  existing?: ExistingVpc;
}

/** Part 1 as the rest of the stack uses it: made by the stack, or an existing VPC's, by id. */
interface PartOne {
  vpcId: string;
  /** The VPC's CIDR as written in rules (a literal), and as the output reads it. */
  vpcCidr: string;
  vpcCidrOutput: string;
  publicSubnets: Map<string, { id: string }>;
  privateSubnets: Map<string, { id: string }>;
  privateRouteTables: Map<string, { id: string }>;
  internetGateway?: Foundation['internetGateway'];
}

/**
 * The whole network of the tutorial as one stack: foundation, security groups, NAT (as decided),
 * custom NACLs when asked for, and the outputs of the command-line contract.
 */
export class NetworkStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id);
    const { config, nat } = props;
    const names = networkNames(config.project, config.env);
    const tags = commonTags(config.project, config.env);

    stateBackend(this, config);
    awsProvider(this, { region: config.region, endpoint: config.endpoint, accountId: props.accountId });
    this.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_CONSTRAINT);
    this.addOverride('terraform.required_version', atLeast((config.stateBucket ? MIN_VERSION_S3_LOCKFILE : MIN_VERSION).terraform));

    const part1 = props.existing ? existingPartOne(this, props.existing, config, names, tags) : newPartOne(this, config, names, tags);
    const { publicSubnets, privateSubnets } = part1;

    const sgs = new SecurityGroups(this, 'security-groups', { vpcId: part1.vpcId, appPort: config.appPort, dbPort: config.dbPort, names, tags });
    const natGateways = new Nat(this, 'nat', {
      plan: nat,
      publicSubnets,
      privateRouteTables: part1.privateRouteTables,
      ...(part1.internetGateway ? { internetGateway: part1.internetGateway } : {}),
      names,
      tags,
    });
    const privateTableIds = [...new Set([...part1.privateRouteTables.values()].map((t) => t.id))];
    const endpoints = new Endpoints(this, 'endpoints', {
      vpcId: part1.vpcId,
      region: config.region,
      s3Gateway: nat.endpoints.s3Gateway,
      interfaces: nat.endpoints.interfaces,
      privateRouteTableIds: privateTableIds,
      privateSubnetIds: [...privateSubnets.values()].map((s) => s.id),
      ecsSecurityGroupId: sgs.ecs.id,
      names,
      tags,
    });
    if (config.nacl === 'custom') {
      new Nacls(this, 'nacls', { vpcId: part1.vpcId, vpcCidr: part1.vpcCidr, publicSubnets, privateSubnets, names, tags });
    }

    if (props.existing?.adopted) this.adopt(props.existing.adopted);

    const output = (id: string, value: unknown, description: string) => new TerraformOutput(this, id, { value, description });
    output('vpc_id', part1.vpcId, 'ID of the VPC');
    output('vpc_cidr', part1.vpcCidrOutput, 'CIDR block of the VPC');
    output('public_subnet_ids', [...publicSubnets.values()].map((s) => s.id), 'IDs of the public subnets, in AZ order');
    output('private_subnet_ids', [...privateSubnets.values()].map((s) => s.id), 'IDs of the private subnets, in AZ order');
    output('private_route_table_ids', privateTableIds, 'IDs of the private route tables, in AZ order');
    output('security_group_alb_id', sgs.alb.id, 'ID of the ALB security group');
    output('security_group_ecs_id', sgs.ecs.id, 'ID of the ECS security group');
    output('security_group_rds_id', sgs.rds.id, 'ID of the RDS security group');
    output('nat_gateway_ids', natGateways.gateways.map((g) => g.id), 'IDs of the NAT Gateways');
    output('nat_gateway_public_ips', natGateways.eips.map((e) => e.publicIp), 'Elastic IP addresses of the NAT Gateways');
    output('vpc_endpoint_ids', Object.fromEntries([...endpoints.endpoints].map(([service, e]) => [service, e.id])), 'IDs of the VPC endpoints, by service');
  }

  /**
   * Import blocks for what exists under the stack's names (adopted): terraform takes them into the
   * state instead of making them again. A security group keeps its description, which AWS cannot
   * change without replacing the group.
   */
  private adopt(adopted: readonly Adoption[]): void {
    const byAddress = new Map<string, TerraformResource>();
    for (const c of this.node.findAll()) {
      if (c instanceof TerraformResource) byAddress.set(`${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
    }
    for (const a of adopted) {
      const resource = byAddress.get(a.address);
      if (!resource) throw new Error(`adopted ${a.what} is for ${a.address}, which the stack does not make`);
      resource.importFrom(a.id);
      if (a.description !== undefined) resource.addOverride('description', a.description);
    }
  }
}

/** Part 1 made by the stack: the tutorial's VPC, gateway, subnets and route tables. */
function newPartOne(stack: TerraformStack, config: NetworkConfig, names: ReturnType<typeof networkNames>, tags: Record<string, string>): PartOne {
  const layout = subnetLayout(config);
  const subnets = config.azs.map((az) => ({
    az,
    publicCidr: layout.find((s) => s.az === az && s.tier === 'public')!.cidr,
    privateCidr: layout.find((s) => s.az === az && s.tier === 'private')!.cidr,
  }));
  const foundation = new Foundation(stack, 'foundation', { vpcCidr: config.vpcCidr, subnets, names, tags });
  return {
    vpcId: foundation.vpc.id,
    vpcCidr: config.vpcCidr,
    vpcCidrOutput: foundation.vpc.cidrBlock,
    publicSubnets: new Map(config.azs.map((az, i) => [az, foundation.publicSubnets[i]!])),
    privateSubnets: new Map(config.azs.map((az, i) => [az, foundation.privateSubnets[i]!])),
    privateRouteTables: foundation.privateRouteTables,
    internetGateway: foundation.internetGateway,
  };
}

/**
 * Part 1 of an existing VPC: its subnets and route tables by id, nothing made. Its default
 * security group is taken over (and emptied) only when asked: other workloads may use it.
 */
function existingPartOne(stack: TerraformStack, existing: ExistingVpc, config: NetworkConfig, names: ReturnType<typeof networkNames>, tags: Record<string, string>): PartOne {
  if (config.lockDefaultSg) {
    named(new DefaultSecurityGroup(stack, 'default-sg', { vpcId: existing.id, ingress: [], egress: [], tags: tagsFor(tags, names.defaultSg) }), A.defaultSg);
  }
  const subnet = (az: string, tier: 'public' | 'private') => zoneSubnet(existing, az, tier);
  return {
    vpcId: existing.id,
    vpcCidr: existing.cidr,
    vpcCidrOutput: existing.cidr,
    publicSubnets: new Map(config.azs.map((az) => [az, { id: subnet(az, 'public').id }])),
    privateSubnets: new Map(config.azs.map((az) => [az, { id: subnet(az, 'private').id }])),
    privateRouteTables: new Map(config.azs.map((az) => [az, { id: subnet(az, 'private').routeTable }])),
  };
}
