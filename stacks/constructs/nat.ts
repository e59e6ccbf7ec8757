import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import type { NatPlan } from '../../src/core/nat-plan.js';
import { ADDRESSES as A, type NetworkNames } from '../../src/core/names.js';
import { azLetter } from '../../src/core/regions.js';
import { named, tagsFor } from './tags.js';

export interface NatProps {
  plan: NatPlan;
  /** Public subnet of each AZ, keyed by AZ name (a subnet of the stack, or an existing one's id). */
  publicSubnets: Map<string, { id: string }>;
  /** Private route table of each AZ, keyed by AZ name; AZs may share one (an existing VPC's). */
  privateRouteTables: Map<string, { id: string }>;
  /** The stack's internet gateway, which the NAT Gateways wait for; absent when it exists already. */
  internetGateway?: ITerraformDependable;
  names: NetworkNames;
  tags: Record<string, string>;
}

/**
 * The tutorial's nat.tf: for each AZ that hosts a NAT Gateway, an Elastic IP and the gateway in
 * that AZ's public subnet (after the IGW exists); for each private route table, a default route
 * to its NAT Gateway (one per table, when AZs share a table). With no NAT, nothing at all.
 */
export class Nat extends Construct {
  readonly eips: Eip[] = [];
  readonly gateways: NatGateway[] = [];

  constructor(scope: Construct, id: string, props: NatProps) {
    super(scope, id);
    const { names, tags, plan } = props;
    const byAz = new Map<string, NatGateway>();
    for (const az of plan.natAzs) {
      const l = azLetter(az);
      const subnet = props.publicSubnets.get(az);
      if (!subnet) throw new Error(`no public subnet in ${az} for its NAT Gateway`);
      const eip = named(new Eip(this, `eip-${l}`, { domain: 'vpc', tags: tagsFor(tags, names.natEip(az)) }), A.natEip(az));
      const gateway = named(
        new NatGateway(this, `nat-${l}`, { allocationId: eip.id, subnetId: subnet.id, tags: tagsFor(tags, names.nat(az)), ...(props.internetGateway ? { dependsOn: [props.internetGateway] } : {}) }),
        A.nat(az),
      );
      this.eips.push(eip);
      this.gateways.push(gateway);
      byAz.set(az, gateway);
    }
    const routed = new Set<string>();
    for (const [az, natAz] of Object.entries(plan.routes)) {
      const table = props.privateRouteTables.get(az);
      const gateway = byAz.get(natAz);
      if (!table || !gateway) throw new Error(`no route table in ${az} or NAT Gateway in ${natAz}`);
      if (routed.has(table.id)) continue; // a table shared by several AZs holds one default route
      routed.add(table.id);
      named(new Route(this, `private-nat-${azLetter(az)}`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: gateway.id }), A.privateNatRoute(az));
    }
  }
}
