import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
import type { InterfaceService } from '../../src/core/nat-advisor.js';
import { ADDRESSES as A, splitAddress, type NetworkNames } from '../../src/core/names.js';
import { named, tagsFor } from './tags.js';

export interface EndpointsProps {
  vpcId: string;
  region: string;
  /** The S3 gateway endpoint (free), on the private route tables. */
  s3Gateway: boolean;
  interfaces: InterfaceService[];
  privateRouteTableIds: string[];
  privateSubnetIds: string[];
  /** The app tasks' security group: the only source allowed to the interface endpoints. */
  ecsSecurityGroupId: string;
  names: NetworkNames;
  tags: Record<string, string>;
}

/**
 * VPC endpoints that let private subnets reach AWS services without NAT: the S3 gateway endpoint
 * on the private route tables, and interface endpoints in the private subnets with private DNS
 * (so the usual service names resolve to them), behind a security group that admits HTTPS from
 * the app tasks only.
 */
export class Endpoints extends Construct {
  readonly endpoints = new Map<string, VpcEndpoint>();
  readonly securityGroup?: SecurityGroup;

  constructor(scope: Construct, id: string, props: EndpointsProps) {
    super(scope, id);
    const { names, tags } = props;
    if (props.s3Gateway) {
      this.endpoints.set(
        's3',
        named(
          new VpcEndpoint(this, 's3', {
            vpcId: props.vpcId,
            serviceName: `com.amazonaws.${props.region}.s3`,
            vpcEndpointType: 'Gateway',
            routeTableIds: props.privateRouteTableIds,
            tags: tagsFor(tags, names.endpoint('s3')),
          }),
          A.endpoint('s3'),
        ),
      );
    }
    if (props.interfaces.length === 0) return;
    this.securityGroup = named(
      new SecurityGroup(this, 'sg', {
        name: names.endpointsSg,
        description: 'Security group for VPC interface endpoints',
        vpcId: props.vpcId,
        ingress: [{ description: 'HTTPS from ECS', fromPort: 443, toPort: 443, protocol: 'tcp', securityGroups: [props.ecsSecurityGroupId] }],
        // Endpoint network interfaces only answer; they never open connections.
        egress: [],
        tags: tagsFor(tags, names.endpointsSg),
      }),
      A.securityGroup('endpoints'),
    );
    for (const service of props.interfaces) {
      const address = A.endpoint(service);
      this.endpoints.set(
        service,
        named(
          // The construct id is the address's name too (the metadata path in cdk.tf.json).
          new VpcEndpoint(this, splitAddress(address).name, {
            vpcId: props.vpcId,
            serviceName: `com.amazonaws.${props.region}.${service}`,
            vpcEndpointType: 'Interface',
            subnetIds: props.privateSubnetIds,
            securityGroupIds: [this.securityGroup.id],
            privateDnsEnabled: true,
            tags: tagsFor(tags, names.endpoint(service)),
          }),
          address,
        ),
      );
    }
  }
}
