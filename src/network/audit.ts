/**
 * Any VPC made ready for the flow analysis (`net-wizard audit`): each subnet classed by its route
 * table (as the attach does), the roles of the tutorial's network found by their security groups
 * (given by id, or by the tutorial's names), and placed where their network interfaces are, else
 * where the tutorial puts them (the ALB in the public subnets, the tasks and the database in the
 * private ones). What the VPC implies about the answers (a NAT Gateway paid for, custom NACLs)
 * comes with it. Pure.
 */
import type { InputProblem } from '../core/errors.js';
import type { ExistingSubnet } from '../core/existing-vpc.js';
import type { SgRole } from '../core/names.js';
import { classedSubnets } from './attach.js';
import type { NetworkModel, Role } from './model.js';

/** The roles' security groups given with --alb-sg, --ecs-sg, --rds-sg. */
export type GivenRoles = Partial<Record<Exclude<SgRole, 'endpoints'>, string>>;

/** The tutorial's group name of each role, as a suffix: `<anything>-alb-sg`. */
const SUFFIX: Record<Exclude<SgRole, 'endpoints'>, string> = { alb: '-alb-sg', ecs: '-ecs-sg', rds: '-rds-sg' };
const OPTION: Record<Exclude<SgRole, 'endpoints'>, string> = { alb: '--alb-sg', ecs: '--ecs-sg', rds: '--rds-sg' };

/** A VPC ready for the analysis. */
export interface AuditedVpc {
  model: NetworkModel;
  subnets: ExistingSubnet[];
  /** How each role's group was found (`given`, `by its name shop-dev-alb-sg`), or that it was not. */
  roles: Record<Exclude<SgRole, 'endpoints'>, string>;
  /** Where each role's network interfaces put it, when they do. */
  placedBy: Partial<Record<Role, string[]>>;
  /** What the VPC says about the answers the analysis takes. */
  implied: { natMode: 'none' | 'single' | 'per-az'; natAzs: string[]; nacl: 'default' | 'custom'; s3Gateway: boolean; interfaces: string[] };
}

/**
 * Prepare a VPC's model for the flow analysis. Problems (exit 2): a role's group given that is
 * not in the VPC, or several groups with a role's name and none given.
 */
export function auditModel(model: NetworkModel, given: GivenRoles): { ok: true; audited: AuditedVpc } | { ok: false; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const groups = [...model.securityGroups.values()].filter((g) => !g.isDefault);
  const roles: Partial<Record<Role, string>> = {};
  const how = {} as AuditedVpc['roles'];
  for (const role of ['alb', 'ecs', 'rds'] as const) {
    const id = given[role];
    if (id) {
      if (!model.securityGroups.has(id)) problems.push({ option: OPTION[role], message: `${id} is not a security group of ${model.vpc.id} (its groups: ${groups.map((g) => `${g.id} ${g.groupName ?? g.name ?? ''}`.trim()).join(', ') || 'none'})` });
      else {
        roles[role] = id;
        how[role] = `${id}, given with ${OPTION[role]}`;
      }
      continue;
    }
    const named = groups.filter((g) => (g.groupName ?? g.name ?? '').endsWith(SUFFIX[role]) || (g.name ?? '').endsWith(SUFFIX[role]));
    const unique = [...new Map(named.map((g) => [g.id, g])).values()];
    if (unique.length === 1) {
      roles[role] = unique[0]!.id;
      how[role] = `${unique[0]!.id}, by its name ${unique[0]!.groupName ?? unique[0]!.name}`;
    } else if (unique.length > 1) {
      problems.push({ option: OPTION[role], message: `${unique.length} security groups of ${model.vpc.id} have the name of the ${role.toUpperCase()} group (*${SUFFIX[role]}): ${unique.map((g) => `${g.id} (${g.groupName ?? g.name})`).join(', ')}; say which with ${OPTION[role]} ${unique[0]!.id}` });
    } else {
      how[role] = `not found: no group named *${SUFFIX[role]}; give it with ${OPTION[role]}`;
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const subnets = classedSubnets(model);
  const tiers = new Map(subnets.map((s) => [s.id, s.class]));
  const placed: NetworkModel = {
    ...model,
    roles,
    subnets: new Map([...model.subnets].map(([id, s]) => [id, { ...s, ...(tiers.has(id) ? { tier: tiers.get(id)! } : {}) }])),
  };
  // Where the interfaces of a role's group sit, when there are any.
  const placedBy: AuditedVpc['placedBy'] = {};
  for (const [role, sg] of Object.entries(roles) as [Role, string][]) {
    const where = [...new Set(model.interfaces.filter((i) => i.groups.includes(sg) && i.subnet).map((i) => i.subnet!))];
    if (where.length > 0) placedBy[role] = where;
  }

  const privateTables = new Set(subnets.filter((s) => s.class === 'private').map((s) => s.routeTable));
  const natAzs = [
    ...new Set(
      [...model.routeTables.values()]
        .filter((t) => privateTables.has(t.id))
        .flatMap((t) => t.routes.filter((r) => r.destination === '0.0.0.0/0' && r.targetKind === 'nat').map((r) => r.target))
        .map((nat) => model.subnets.get(model.natGateways.get(nat)?.subnet ?? '')?.az)
        .filter((az): az is string => az !== undefined),
    ),
  ].sort();
  const appSubnets = subnets.map((s) => model.subnets.get(s.id)!);
  const customNacl = appSubnets.some((s) => !model.nacls.get(s.nacl)?.isDefault);
  return {
    ok: true,
    audited: {
      model: placed,
      subnets,
      roles: how,
      placedBy,
      implied: {
        natMode: natAzs.length === 0 ? 'none' : natAzs.length === 1 ? 'single' : 'per-az',
        natAzs,
        nacl: customNacl ? 'custom' : 'default',
        s3Gateway: model.endpoints.some((e) => e.service === 's3' && e.type.toLowerCase() === 'gateway'),
        interfaces: model.endpoints.filter((e) => e.type.toLowerCase() === 'interface').map((e) => e.service),
      },
    },
  };
}
