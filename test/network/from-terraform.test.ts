import { describe, expect, it } from 'vitest';
import { readTerraformNetwork, refAddress } from '../../src/network/from-terraform.js';
import { network, type Resources } from '../fixtures/verify/tutorial-network.js';

// The Terraform reader on its own; the flows over what it reads are tested in test/verify/analysis.
const read = (patch?: (r: Resources) => void) => readTerraformNetwork(network(patch));

describe('readTerraformNetwork', () => {
  it('names everything by its terraform address, with the Name tag beside it when literal', () => {
    const m = read();
    expect(m.vpc.id).toBe('aws_vpc.main');
    expect([...m.subnets.keys()].every((id) => id.startsWith('aws_subnet.'))).toBe(true);
  });

  it("places the subnets' tiers by their addresses and the roles on the stack's security groups", () => {
    const m = read();
    expect([...m.subnets.values()].map((s) => [s.id, s.tier])).toEqual(
      expect.arrayContaining([
        ['aws_subnet.public_a', 'public'],
        ['aws_subnet.private_a', 'private'],
      ]),
    );
    expect(m.roles).toEqual({ alb: 'aws_security_group.alb', ecs: 'aws_security_group.ecs', rds: 'aws_security_group.rds', endpoints: 'aws_security_group.endpoints' });
  });

  it('types route targets; one named by a field of its own keeps the field for the messages', () => {
    const m = read((r) => {
      r.aws_route = {
        ...r.aws_route,
        to_eni: { route_table_id: '${aws_route_table.public.id}', destination_cidr_block: '10.9.0.0/16', network_interface_id: 'eni-1' },
        to_vpce: { route_table_id: '${aws_route_table.public.id}', destination_cidr_block: '10.8.0.0/16', vpc_endpoint_id: 'vpce-1' },
        to_pcx: { route_table_id: '${aws_route_table.public.id}', destination_cidr_block: '10.7.0.0/16', vpc_peering_connection_id: 'pcx-1' },
      };
    });
    const routes = m.routeTables.get('aws_route_table.public')!.routes.map((r) => [r.destination, r.targetKind, r.target, r.targetField]);
    expect(routes).toEqual(
      expect.arrayContaining([
        ['0.0.0.0/0', 'igw', 'aws_internet_gateway.main', undefined],
        ['10.9.0.0/16', 'eni', 'eni-1', 'network_interface_id'],
        ['10.8.0.0/16', 'endpoint', 'vpce-1', 'vpc_endpoint_id'],
        ['10.7.0.0/16', 'other', 'pcx-1', 'vpc_peering_connection_id'],
      ]),
    );
  });

  it('without aws_default_* resources, the main table, default NACL and default SG are implicit, as AWS makes them', () => {
    const m = read((r) => {
      delete r.aws_default_security_group;
      delete r.aws_default_network_acl;
    });
    expect(m.defaultSecurityGroup).toBe('aws_vpc.main default security group');
    expect(m.securityGroups.get(m.defaultSecurityGroup)).toMatchObject({ isDefault: true, implicit: true });
    expect(m.nacls.get('aws_vpc.main default NACL')).toMatchObject({ isDefault: true, implicit: true });
    expect([...m.routeTables.values()].filter((t) => t.main).length).toBe(1);
  });

  it('a reference is the address it points at; a literal stays itself', () => {
    expect(refAddress('${aws_subnet.public_a.id}')).toBe('aws_subnet.public_a');
    expect(refAddress('subnet-123')).toBe('subnet-123');
    expect(refAddress('')).toBeUndefined();
  });
});
