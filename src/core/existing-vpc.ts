/**
 * An existing VPC that net-wizard attaches to (`--vpc-id`): part 1 of the tutorial made by someone
 * else. Its VPC, internet gateway, subnets and route tables stay theirs: the stack refers to them
 * by id and makes only part 2 in them. What the attach step found is kept in the workdir's record
 * (`existing`), so that synth, verify and destroy later use the same subnets. Types, reading of
 * the record's copy, and small lookups; no I/O.
 */
import type { Tier } from './cidr.js';

/** A subnet of the existing VPC, classed by its route table. */
export interface ExistingSubnet {
  id: string;
  name?: string;
  az: string;
  cidr: string;
  /** public: its route table sends 0.0.0.0/0 to an internet gateway; private: otherwise. */
  class: Tier;
  /** Its route table: an explicit association, or the VPC's main table. */
  routeTable: string;
  /** The route that decided its class, in words. */
  why: string;
}

/** The subnets one AZ of the app uses. */
export interface ExistingZone {
  az: string;
  public: string;
  private: string;
}

/** A resource of part 2 that exists under the name net-wizard gives it, made by someone else: adopted with an import block. */
export interface Adoption {
  /** The stack's terraform address it goes to. */
  address: string;
  /** The id terraform imports it by (for a route: `<route table>_<destination>`). */
  id: string;
  /** What it is, in words: `security group shop-dev-alb-sg (sg-…)`. */
  what: string;
  /** Its AWS id, for `terraform state list -id` in the Terraform that manages it now. */
  awsId: string;
  /** A security group's description, kept as it is (changing it would replace the group). */
  description?: string;
}

/** What the attach step found and chose. */
export interface ExistingVpc {
  id: string;
  name?: string;
  /** The primary CIDR block: the one the rules for "the VPC" use. */
  cidr: string;
  /** The internet gateway attached to it, when there is one. */
  internetGateway?: string;
  /** The VPC's default security group and default NACL. */
  defaultSecurityGroup: string;
  defaultNacl: string;
  /** The VPC's main route table (every subnet without a table of its own uses it). */
  mainRouteTable?: string;
  /** Every subnet of the VPC, classed: the review shows them all. */
  subnets: ExistingSubnet[];
  /** The subnets the app uses, one AZ each, in AZ order. */
  zones: ExistingZone[];
  /** Part 2 resources that exist under net-wizard's names, adopted (import blocks) rather than made again. */
  adopted?: Adoption[];
}

/** The subnet of a zone, by tier. */
export function zoneSubnet(existing: ExistingVpc, az: string, tier: Tier): ExistingSubnet {
  const zone = existing.zones.find((z) => z.az === az);
  const subnet = zone && existing.subnets.find((s) => s.id === zone[tier]);
  if (!subnet) throw new Error(`the existing VPC ${existing.id} has no ${tier} subnet chosen in ${az}`);
  return subnet;
}

/** The private route tables the app's private subnets use, each once, with the AZs that use it (in AZ order). */
export function privateRouteTables(existing: ExistingVpc): { id: string; azs: string[] }[] {
  const tables: { id: string; azs: string[] }[] = [];
  for (const zone of existing.zones) {
    const id = zoneSubnet(existing, zone.az, 'private').routeTable;
    const table = tables.find((t) => t.id === id);
    if (table) table.azs.push(zone.az);
    else tables.push({ id, azs: [zone.az] });
  }
  return tables;
}

/** The public route tables the app's public subnets use, each once, with their subnets. */
export function publicRouteTables(existing: ExistingVpc): { id: string; subnets: string[] }[] {
  const tables: { id: string; subnets: string[] }[] = [];
  for (const zone of existing.zones) {
    const subnet = zoneSubnet(existing, zone.az, 'public');
    const table = tables.find((t) => t.id === subnet.routeTable);
    if (table) table.subnets.push(subnet.id);
    else tables.push({ id: subnet.routeTable, subnets: [subnet.id] });
  }
  return tables;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Read the record's copy of an existing VPC: the message of the first field that is wrong, or the
 * value. The record is the only memory of which subnets a network uses, so nothing is guessed.
 */
export function parseExistingVpc(data: unknown): { ok: true; value: ExistingVpc } | { ok: false; field: string; message: string } {
  const bad = (field: string, message: string) => ({ ok: false as const, field, message });
  if (!isObject(data)) return bad('existing', 'is not an object');
  for (const key of ['id', 'cidr', 'defaultSecurityGroup', 'defaultNacl'] as const) if (!isString(data[key])) return bad(`existing.${key}`, 'is missing or empty');
  if (!/^vpc-[0-9a-f]+$/.test(String(data.id))) return bad('existing.id', `is ${JSON.stringify(data.id)}, not a VPC id (vpc-…)`);
  if (!Array.isArray(data.subnets)) return bad('existing.subnets', 'is not a list');
  for (const [i, s] of data.subnets.entries()) {
    if (!isObject(s)) return bad(`existing.subnets[${i}]`, 'is not an object');
    for (const key of ['id', 'az', 'cidr', 'routeTable', 'why'] as const) if (!isString(s[key])) return bad(`existing.subnets[${i}].${key}`, 'is missing or empty');
    if (s.class !== 'public' && s.class !== 'private') return bad(`existing.subnets[${i}].class`, `is ${JSON.stringify(s.class)}, not public or private`);
  }
  if (!Array.isArray(data.zones) || data.zones.length === 0) return bad('existing.zones', 'is not a list of AZs');
  const known = new Set((data.subnets as { id: string }[]).map((s) => s.id));
  for (const [i, z] of data.zones.entries()) {
    if (!isObject(z) || !isString(z.az)) return bad(`existing.zones[${i}]`, 'has no AZ');
    for (const tier of ['public', 'private'] as const) {
      if (!isString(z[tier]) || !known.has(z[tier])) return bad(`existing.zones[${i}].${tier}`, `is ${JSON.stringify(z[tier])}, not one of existing.subnets`);
    }
  }
  if (data.adopted !== undefined) {
    if (!Array.isArray(data.adopted)) return bad('existing.adopted', 'is not a list');
    for (const [i, a] of data.adopted.entries()) {
      if (!isObject(a)) return bad(`existing.adopted[${i}]`, 'is not an object');
      for (const key of ['address', 'id', 'what', 'awsId'] as const) if (!isString(a[key])) return bad(`existing.adopted[${i}].${key}`, 'is missing or empty');
    }
  }
  return { ok: true, value: data as unknown as ExistingVpc };
}

/** The attach in words, for the review and the progress: the VPC, each subnet with its class and why, which ones the app uses, and what stays whose. */
export function describeAttachment(existing: ExistingVpc, options: { lockDefaultSg?: boolean } = {}): string[] {
  const used = new Set(existing.zones.flatMap((z) => [z.public, z.private]));
  const vpc = `${existing.id}${existing.name ? ` (${existing.name})` : ''}`;
  const idWidth = Math.max(...existing.subnets.map((s) => s.id.length), 8);
  const nameWidth = Math.max(...existing.subnets.map((s) => (s.name ?? '').length), 1);
  return [
    `Attaching to ${vpc}, ${existing.cidr}, internet gateway ${existing.internetGateway ?? 'none'}. Its subnets:`,
    ...existing.subnets.map(
      (s) =>
        `  ${used.has(s.id) ? '●' : '○'} ${s.class.padEnd(7)} ${s.id.padEnd(idWidth)} ${(s.name ?? '').padEnd(nameWidth)} ${s.cidr.padEnd(18)} ${s.az}: ${s.why}`,
    ),
    `  (● used by the app, one public and one private per AZ; ○ left alone)`,
    "The VPC, its internet gateway, subnets and route tables stay yours: net-wizard makes only the security groups, NAT, endpoints and NACLs in them, and destroy removes only those.",
    options.lockDefaultSg
      ? `The VPC's default security group ${existing.defaultSecurityGroup} is taken over and emptied (--lock-default-sg).`
      : `The VPC's default security group ${existing.defaultSecurityGroup} is left alone (other workloads may use it); --lock-default-sg takes it over and empties it.`,
  ];
}

/**
 * The adoptions in words, and what the user must do in the Terraform that made them: forget them
 * there (terraform state rm, found by id), or two tools will fight over them.
 */
export function describeAdoptions(adopted: readonly Adoption[]): string[] {
  if (adopted.length === 0) return [];
  return [
    `Adopted, not made again: ${adopted.length} resource${adopted.length === 1 ? '' : 's'} already ${adopted.length === 1 ? 'has' : 'have'} the names net-wizard gives; the plan imports ${adopted.length === 1 ? 'it' : 'them'} (terraform import blocks), then ${adopted.length === 1 ? 'its' : 'their'} rules and tags converge to what was asked:`,
    ...adopted.map((a) => `  ← ${a.what} → ${a.address}`),
    'If your own Terraform manages them, remove them from its state before you apply here (without destroying them), or the two will undo each other\'s changes. In the folder of that Terraform:',
    ...adopted.map((a) => `  terraform state rm "$(terraform state list -id=${a.awsId})"`),
  ];
}
