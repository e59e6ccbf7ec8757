/**
 * An existing VPC as a workdir's record keeps it (`existing`: what the attach found), made into a
 * network model that the workdir's Terraform JSON is read onto, so that `diagram --workdir` draws
 * an attached network without reading AWS: its subnets with their names, AZs, CIDRs and route
 * tables, the internet gateway, and each public subnet's 0.0.0.0/0 to it (what made the subnet
 * public). What the record does not keep (the VPC's own NACL rules and security groups) is AWS's
 * default. Pure.
 */
import type { ExistingVpc } from '../../core/existing-vpc.js';
import type { NetworkModel, Route, RouteTable, Subnet } from '../model.js';
import { ALL_PORTS, cidrRange } from '../ranges.js';

/** The model of a recorded existing VPC. */
export function recordedVpcModel(existing: ExistingVpc): NetworkModel {
  const range = (cidr: string) => cidrRange(cidr) ?? ([0, 0] as const);
  const local: Route = { destination: existing.cidr, range: range(existing.cidr), targetKind: 'local', target: 'local', declaredBy: existing.id };
  const routeTables = new Map<string, RouteTable>();
  const tableOf = (id: string) => {
    if (!routeTables.has(id)) routeTables.set(id, { id, routes: [local], subnets: [], ...(id === existing.mainRouteTable ? { main: true } : {}) });
    return routeTables.get(id)!;
  };
  if (existing.mainRouteTable) tableOf(existing.mainRouteTable);
  const chosen = new Map(existing.zones.flatMap((z) => [[z.public, 'public' as const], [z.private, 'private' as const]]));
  const subnets = new Map<string, Subnet>();
  for (const s of existing.subnets) {
    const table = tableOf(s.routeTable);
    if (s.routeTable !== existing.mainRouteTable) table.subnets.push(s.id);
    if (s.class === 'public' && existing.internetGateway && !table.routes.some((r) => r.destination === '0.0.0.0/0')) {
      table.routes.push({ destination: '0.0.0.0/0', range: range('0.0.0.0/0'), targetKind: 'igw', target: existing.internetGateway, declaredBy: s.routeTable });
    }
    const tier = chosen.get(s.id);
    subnets.set(s.id, { id: s.id, ...(s.name ? { name: s.name } : {}), cidr: s.cidr, range: range(s.cidr), az: s.az, ...(tier ? { tier } : {}), routeTable: s.routeTable, nacl: existing.defaultNacl });
  }
  const allowAll = (egress: boolean) => ({ ruleNo: 100, egress, protocol: 'all' as const, allow: true, cidr: '0.0.0.0/0', range: range('0.0.0.0/0'), ports: ALL_PORTS, written: {}, declaredBy: existing.defaultNacl });
  return {
    vpc: { id: existing.id, ...(existing.name ? { name: existing.name } : {}), cidrs: [existing.cidr], dnsSupport: true, dnsHostnames: true },
    subnets,
    routeTables,
    nacls: new Map([[existing.defaultNacl, { id: existing.defaultNacl, isDefault: true, rules: [allowAll(false), allowAll(true)], subnets: [...subnets.keys()] }]]),
    securityGroups: new Map([[existing.defaultSecurityGroup, { id: existing.defaultSecurityGroup, isDefault: true, rules: [] }]]),
    defaultSecurityGroup: existing.defaultSecurityGroup,
    natGateways: new Map(),
    elasticIps: new Map(),
    internetGateways: new Map(existing.internetGateway ? [[existing.internetGateway, { id: existing.internetGateway, attached: true }]] : []),
    endpoints: [],
    roles: {},
    flowLogs: [],
    interfaces: [],
    notes: [],
  };
}
