import type { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { NetworkConfig } from '../src/core/config.js';
import { subnetLayout } from '../src/core/config.js';
import type { NatPlan } from '../src/core/nat-plan.js';
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

    const layout = subnetLayout(config);
    const subnets = config.azs.map((az) => ({
      az,
      publicCidr: layout.find((s) => s.az === az && s.tier === 'public')!.cidr,
      privateCidr: layout.find((s) => s.az === az && s.tier === 'private')!.cidr,
    }));
    const foundation = new Foundation(this, 'foundation', { vpcCidr: config.vpcCidr, subnets, names, tags });
    const publicSubnets = new Map(config.azs.map((az, i) => [az, foundation.publicSubnets[i]!]));
    const privateSubnets = new Map(config.azs.map((az, i) => [az, foundation.privateSubnets[i]!]));

    const sgs = new SecurityGroups(this, 'security-groups', { vpcId: foundation.vpc.id, appPort: config.appPort, dbPort: config.dbPort, names, tags });
    const natGateways = new Nat(this, 'nat', {
      plan: nat,
      publicSubnets,
      privateRouteTables: foundation.privateRouteTables,
      internetGateway: foundation.internetGateway,
      names,
      tags,
    });
    const endpoints = new Endpoints(this, 'endpoints', {
      vpcId: foundation.vpc.id,
      region: config.region,
      s3Gateway: nat.endpoints.s3Gateway,
      interfaces: nat.endpoints.interfaces,
      privateRouteTableIds: [...foundation.privateRouteTables.values()].map((t) => t.id),
      privateSubnetIds: foundation.privateSubnets.map((s) => s.id),
      ecsSecurityGroupId: sgs.ecs.id,
      names,
      tags,
    });
    if (config.nacl === 'custom') {
      new Nacls(this, 'nacls', { vpcId: foundation.vpc.id, vpcCidr: config.vpcCidr, publicSubnets, privateSubnets, names, tags });
    }

    const output = (id: string, value: unknown, description: string) => new TerraformOutput(this, id, { value, description });
    output('vpc_id', foundation.vpc.id, 'ID of the VPC');
    output('vpc_cidr', foundation.vpc.cidrBlock, 'CIDR block of the VPC');
    output('public_subnet_ids', foundation.publicSubnets.map((s) => s.id), 'IDs of the public subnets, in AZ order');
    output('private_subnet_ids', foundation.privateSubnets.map((s) => s.id), 'IDs of the private subnets, in AZ order');
    output('private_route_table_ids', [...foundation.privateRouteTables.values()].map((t) => t.id), 'IDs of the private route tables, in AZ order');
    output('security_group_alb_id', sgs.alb.id, 'ID of the ALB security group');
    output('security_group_ecs_id', sgs.ecs.id, 'ID of the ECS security group');
    output('security_group_rds_id', sgs.rds.id, 'ID of the RDS security group');
    output('nat_gateway_ids', natGateways.gateways.map((g) => g.id), 'IDs of the NAT Gateways');
    output('nat_gateway_public_ips', natGateways.eips.map((e) => e.publicIp), 'Elastic IP addresses of the NAT Gateways');
    output('vpc_endpoint_ids', Object.fromEntries([...endpoints.endpoints].map(([service, e]) => [service, e.id])), 'IDs of the VPC endpoints, by service');
  }
}
