import { Construct } from 'constructs';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { azLetter } from '../../src/core/regions.js';
import { ADDRESSES as A, type NetworkNames } from '../../src/core/names.js';
import { named, tagsFor } from './tags.js';

export interface FoundationProps {
  vpcCidr: string;
  /** One entry per AZ, in order. */
  subnets: { az: string; publicCidr: string; privateCidr: string }[];
  names: NetworkNames;
  tags: Record<string, string>;
}

/**
 * Part 1 of the tutorial: the VPC (DNS support and hostnames on), its internet gateway, a public
 * and a private subnet per AZ, one public route table to the IGW and one private route table per
 * AZ. Also locks down the VPC's default security group (no rules: Security Hub EC2.2), so that nothing
 * attached to it by accident can talk.
 */
export class Foundation extends Construct {
  readonly vpc: Vpc;
  readonly internetGateway: InternetGateway;
  readonly publicSubnets: Subnet[] = [];
  readonly privateSubnets: Subnet[] = [];
  readonly publicRouteTable: RouteTable;
  /** Keyed by AZ name. */
  readonly privateRouteTables = new Map<string, RouteTable>();

  constructor(scope: Construct, id: string, props: FoundationProps) {
    super(scope, id);
    const { names, tags } = props;
    this.vpc = named(
      new Vpc(this, 'vpc', { cidrBlock: props.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tagsFor(tags, names.vpc) }),
      A.vpc,
    );
    this.internetGateway = named(new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: tagsFor(tags, names.igw) }), A.igw);
    named(new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id, ingress: [], egress: [], tags: tagsFor(tags, names.defaultSg) }), A.defaultSg);

    this.publicRouteTable = named(new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: tagsFor(tags, names.publicRouteTable) }), A.publicRouteTable);
    named(
      new Route(this, 'public-internet', { routeTableId: this.publicRouteTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: this.internetGateway.id }),
      A.publicInternetRoute,
    );

    for (const s of props.subnets) {
      const l = azLetter(s.az);
      const pub = named(
        new Subnet(this, `public-${l}`, { vpcId: this.vpc.id, cidrBlock: s.publicCidr, availabilityZone: s.az, mapPublicIpOnLaunch: false, tags: tagsFor(tags, names.publicSubnet(s.az)) }),
        A.subnet('public', s.az),
      );
      const priv = named(
        new Subnet(this, `private-${l}`, { vpcId: this.vpc.id, cidrBlock: s.privateCidr, availabilityZone: s.az, mapPublicIpOnLaunch: false, tags: tagsFor(tags, names.privateSubnet(s.az)) }),
        A.subnet('private', s.az),
      );
      this.publicSubnets.push(pub);
      this.privateSubnets.push(priv);
      named(new RouteTableAssociation(this, `public-rta-${l}`, { subnetId: pub.id, routeTableId: this.publicRouteTable.id }), A.routeTableAssociation('public', s.az));
      const rt = named(new RouteTable(this, `private-rt-${l}`, { vpcId: this.vpc.id, tags: tagsFor(tags, names.privateRouteTable(s.az)) }), A.privateRouteTable(s.az));
      named(new RouteTableAssociation(this, `private-rta-${l}`, { subnetId: priv.id, routeTableId: rt.id }), A.routeTableAssociation('private', s.az));
      this.privateRouteTables.set(s.az, rt);
    }
  }
}
