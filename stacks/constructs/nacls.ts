import { Construct } from 'constructs';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl/index.js';
import { NetworkAclAssociation } from '@cdktf/provider-aws/lib/network-acl-association/index.js';
import { ADDRESSES as A, type NetworkNames } from '../../src/core/names.js';
import { azLetter } from '../../src/core/regions.js';
import { named, tagsFor } from './tags.js';

export interface NaclsProps {
  vpcId: string;
  vpcCidr: string;
  /** Subnets keyed by AZ name (the stack's, or an existing VPC's by id). */
  publicSubnets: Map<string, { id: string }>;
  privateSubnets: Map<string, { id: string }>;
  names: NetworkNames;
  tags: Record<string, string>;
}

const ALLOW_ALL_OUT = { ruleNo: 100, protocol: '-1', action: 'allow', cidrBlock: '0.0.0.0/0', fromPort: 0, toPort: 0 };

/**
 * The tutorial's nacl.tf, with its associations switched on. Public: in 80, 443 and the
 * ephemeral ports 1024-65535 (return traffic) from anywhere, out everything. Private: in
 * everything from the VPC and the ephemeral ports from anywhere (NAT return traffic keeps the
 * internet host as its source), out everything.
 */
export class Nacls extends Construct {
  readonly publicAcl: NetworkAcl;
  readonly privateAcl: NetworkAcl;

  constructor(scope: Construct, id: string, props: NaclsProps) {
    super(scope, id);
    const { names, tags } = props;
    this.publicAcl = named(
      new NetworkAcl(this, 'public', {
        vpcId: props.vpcId,
        ingress: [
          { ruleNo: 100, protocol: 'tcp', action: 'allow', cidrBlock: '0.0.0.0/0', fromPort: 80, toPort: 80 },
          { ruleNo: 110, protocol: 'tcp', action: 'allow', cidrBlock: '0.0.0.0/0', fromPort: 443, toPort: 443 },
          { ruleNo: 120, protocol: 'tcp', action: 'allow', cidrBlock: '0.0.0.0/0', fromPort: 1024, toPort: 65535 },
        ],
        egress: [ALLOW_ALL_OUT],
        tags: tagsFor(tags, names.publicNacl),
      }),
      A.nacl('public'),
    );
    this.privateAcl = named(
      new NetworkAcl(this, 'private', {
        vpcId: props.vpcId,
        ingress: [
          { ruleNo: 100, protocol: '-1', action: 'allow', cidrBlock: props.vpcCidr, fromPort: 0, toPort: 0 },
          { ruleNo: 110, protocol: 'tcp', action: 'allow', cidrBlock: '0.0.0.0/0', fromPort: 1024, toPort: 65535 },
        ],
        egress: [ALLOW_ALL_OUT],
        tags: tagsFor(tags, names.privateNacl),
      }),
      A.nacl('private'),
    );
    for (const [az, subnet] of props.publicSubnets) {
      named(new NetworkAclAssociation(this, `public-${azLetter(az)}`, { networkAclId: this.publicAcl.id, subnetId: subnet.id }), A.naclAssociation('public', az));
    }
    for (const [az, subnet] of props.privateSubnets) {
      named(new NetworkAclAssociation(this, `private-${azLetter(az)}`, { networkAclId: this.privateAcl.id, subnetId: subnet.id }), A.naclAssociation('private', az));
    }
  }
}
