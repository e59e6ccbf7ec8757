/**
 * The one schema for every answer net-wizard takes, whichever front-end asks for it (options,
 * an answers file, the wizard): each answer's option, help text, default and validation are
 * written here once. Pure: no I/O.
 */
import { carveSubnets, cidrOverlaps, parseCidr, PRIVATE_RANGES, VPC_PREFIX_MAX, VPC_PREFIX_MIN, cidrContains, type CarvedSubnet } from './cidr.js';
import { parseEndpoint } from './endpoint.js';
import { UsageError, type InputProblem } from './errors.js';
import { checkNames } from './names.js';
import { isProduction, NEEDS, OUTBOUND_NEEDS, PRIORITIES, TASK_SUBNETS, type OutboundNeed, type Priority, type TasksSubnet } from './nat-advisor.js';
import { NAT_MODES, natModeLabel, type NatMode } from './nat-modes.js';
import { planNat } from './nat-plan.js';
import { formatNatReport } from './nat-report.js';
import { DEFAULT_REGION, defaultAzs, knownRegions, REGION_AZ_LETTERS, regionAzs } from './regions.js';


export const NACL_MODES = ['default', 'custom'] as const;
/** `default`: the VPC's default NACL (allows everything); `custom`: the tutorial's two NACLs, associated. */
export type NaclMode = (typeof NACL_MODES)[number];

export { OUTBOUND_NEEDS, type OutboundNeed } from './nat-advisor.js';

/** Every resolved answer: what the stack is built from. */
export interface NetworkConfig {
  /** Project name: lowercase letters, digits, hyphens. */
  project: string;
  /** Environment slug: dev, stg, prod, … */
  env: string;
  /** AWS region. @default ap-northeast-1 */
  region: string;
  /** Full AZ names, in the order given. @default the region's first two */
  azs: string[];
  /** @default 10.0.0.0/16; with vpcId, the VPC's own (primary) CIDR */
  vpcCidr: string;
  /** An existing VPC to attach to: its gateway, subnets and route tables stay the user's. */
  vpcId?: string;
  /** With vpcId: the existing public subnets to use, one per AZ. @default found by their route tables */
  publicSubnets?: string[];
  /** With vpcId: the existing private subnets to use, one per AZ. @default found by their route tables */
  privateSubnets?: string[];
  /** With vpcId: take over the VPC's default security group and empty it. @default false (left alone) */
  lockDefaultSg?: boolean;
  /** Container port behind the ALB. @default 3000 */
  appPort: number;
  /** Database port. @default 5432 */
  dbPort: number;
  /** @default auto */
  nat: NatMode;
  /** @default [] (none) */
  needs: OutboundNeed[];
  /** Where the ECS tasks run. @default private */
  tasksSubnet: TasksSubnet;
  /** What the NAT advice puts first. @default availability for prod, else cost */
  priority: Priority;
  /** GB a month through the way out, for the cost estimate. @default 20 */
  trafficGb: number;
  /** Tasks running at once, for the cost of public IPs. @default 2 */
  tasks: number;
  /** The app's container image in MB, for what a crash-looping task costs through a NAT. @default 500 */
  imageMb: number;
  /** @default default */
  nacl: NaclMode;
  /** URL of a local AWS emulator; every AWS call goes there with dummy credentials. */
  endpoint?: string;
  /** S3 bucket that keeps the state (team state, S3 native locking); absent: the state stays in the workdir. */
  stateBucket?: string;
  /** Object key of the state in the bucket. @default net-wizard/<project>-<env>/terraform.tfstate (with a bucket only) */
  stateKey?: string;
  /** Region of the state bucket. @default the region (with a bucket only) */
  stateRegion?: string;
  /** The Terraform project and its state. @default .net-wizard/<project>-<env> */
  workdir: string;
}

/** Raw answers as they come from options (strings) or an answers file (JSON values). */
export type Answers = { [K in keyof NetworkConfig]?: unknown };

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** One question: its option, what it asks, its help, its default and its validation. */
export interface Question<K extends keyof NetworkConfig = keyof NetworkConfig> {
  key: K;
  /** The command-line option that answers it. */
  flag: string;
  /** The question as the wizard asks it. */
  title: string;
  /** Plain-words help: what it is, why it matters. */
  help: string;
  /** A good value, shown in errors. */
  example: string;
  /** Its line in --help: the option's argument, what it is in a few words, and its default in words. */
  usage: { arg: string; summary: string; default?: string };
  /** Fixed choices, when there are. */
  choices?: readonly string[];
  /** How a front-end asks it: free text, one of a list, or several of a list. @default text */
  kind?: 'text' | 'select' | 'multi';
  /** The choices a front-end offers, from the answers before it (e.g. the region's AZs). */
  options?(resolved: Partial<NetworkConfig>): Choice[];
  /** Whether the interactive front-ends ask it; otherwise it comes from options only. @default true */
  asked?: boolean;
  /** Not asked, given the answers before it (the AZs and the CIDR of an existing VPC are its own). */
  skip?(resolved: Partial<NetworkConfig>): boolean;
  /** An option without a value (`--lock-default-sg`): true when given. @default false */
  switch?: boolean;
  /** How an answer left empty reads on screen (`a new VPC`). @default none */
  unanswered?: string;
  /** Whether it may stay unanswered when it has no default (e.g. no emulator, no state bucket). @default false */
  optional?: boolean;
  /** The default, computed from the answers resolved before it. */
  defaultValue?(resolved: Partial<NetworkConfig>): NetworkConfig[K] | undefined;
  /** Parse and validate a raw answer, knowing the answers resolved before it. */
  parse(raw: unknown, resolved: Partial<NetworkConfig>): Parsed<NetworkConfig[K]>;
  /**
   * What the answer will make, shown with the question (the subnets carved, the NAT advice), from
   * the answers before it and, where a front-end knows it, what is typed so far.
   */
  preview?(resolved: Partial<NetworkConfig>, typed?: string): Preview | undefined;
  /** Choices AWS can confirm for this account (the AZs available to it), for front-ends that may ask AWS. */
  lookup?: ChoicesLookup;
}

/** Lines shown with a question; `strong` lines stand out, the others are quiet. */
export interface Preview {
  lines: { text: string; strong?: boolean }[];
  /** Set apart from the question by a blank line. @default false */
  apart?: boolean;
}

/** The lookups a front-end may be able to run: the AZs available to the account, the VPCs of a region. */
export type LookupKind = 'available-azs' | 'vpcs';

/** How a question's choices are narrowed by asking AWS, and what the user is told meanwhile. */
export interface ChoicesLookup {
  kind: LookupKind;
  /** What to ask about, from the answers before (the region); undefined: nothing to ask. */
  scope(resolved: Partial<NetworkConfig>): string | undefined;
  /** While AWS is asked. */
  asking(scope: string): string;
  /** The question's choices with what AWS answered (confirmed ones, or more), or undefined when too few are left to use them. */
  narrow(choices: Choice[], found: Choice[]): Choice[] | undefined;
  /** Only worth asking with AWS's answer: a front-end that cannot ask AWS leaves the question out (its default stands). */
  required?: boolean;
  /** Under the question when AWS answered. */
  confirmed: string;
  /** Under the question when it did not. */
  failed: string;
}

/** The vpcId choice that builds a new VPC. */
export const NEW_VPC = 'new';

/** One choice of a select or multi-select question. */
export interface Choice {
  value: string;
  label: string;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

function text(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number') return String(raw);
  return undefined;
}

function list(raw: unknown): string[] | undefined {
  if (Array.isArray(raw)) return raw.every((x) => typeof x === 'string') ? raw.map((x: string) => x.trim()).filter(Boolean) : undefined;
  const t = text(raw);
  return t === undefined ? undefined : t.split(',').map((x) => x.trim()).filter(Boolean);
}

function slug(raw: unknown, what: string, max: number): Parsed<string> {
  const t = text(raw);
  if (t === undefined || t === '') return bad(`${what} is empty`);
  if (t.length > max) return bad(`"${t}" is ${t.length} characters long; at most ${max}`);
  if (!/^[a-z0-9-]+$/.test(t)) return bad(`"${t}" may hold only lowercase letters, digits and hyphens`);
  if (!/^[a-z]/.test(t)) return bad(`"${t}" must start with a letter`);
  if (t.endsWith('-') || t.includes('--')) return bad(`"${t}" may not end with a hyphen or hold two in a row`);
  return ok(t);
}

function port(raw: unknown): Parsed<number> {
  const t = text(raw);
  if (t === undefined || !/^\d+$/.test(t)) return bad(`"${String(raw)}" is not a port number`);
  const n = Number(t);
  if (n < 1 || n > 65535) return bad(`${n} is outside 1-65535`);
  return ok(n);
}

function choice<T extends string>(raw: unknown, choices: readonly T[]): Parsed<T> {
  const t = text(raw);
  return t !== undefined && (choices as readonly string[]).includes(t) ? ok(t as T) : bad(`"${String(raw)}" is not one of ${choices.join(', ')}`);
}

/** An AWS id of one kind: `vpc-`, `subnet-` and 8 or 17 hexadecimal digits. */
function awsId(raw: unknown, prefix: string, example: string): Parsed<string> {
  const t = text(raw);
  if (t && new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(t)) return ok(t);
  return bad(`"${String(raw ?? '')}" is not a ${prefix} id (${prefix}- and 8 or 17 hexadecimal digits, e.g. ${example})`);
}

/** A list of subnet ids, each once. */
function subnetIds(raw: unknown): Parsed<string[]> {
  const items = list(raw);
  if (!items || items.length === 0) return bad('no subnet id given');
  const out: string[] = [];
  for (const item of items) {
    const parsed = awsId(item, 'subnet', 'subnet-0a1b2c3d4e5f60718');
    if (!parsed.ok) return parsed;
    if (out.includes(parsed.value)) return bad(`"${item}" is given twice`);
    out.push(parsed.value);
  }
  return ok(out);
}

function regionName(raw: unknown): Parsed<string> {
  const t = text(raw);
  if (t && REGION_AZ_LETTERS[t]) return ok(t);
  return bad(`"${String(raw)}" is not an AWS region net-wizard knows (known: ${knownRegions().join(', ')})`);
}

/** S3's naming rules for general purpose buckets. */
function bucketName(raw: unknown): Parsed<string> {
  const t = text(raw);
  if (t === undefined || t === '') return bad('the bucket name is empty');
  if (t.length < 3 || t.length > 63) return bad(`"${t}" is ${t.length} characters long; an S3 bucket name has 3 to 63`);
  if (!/^[a-z0-9.-]+$/.test(t)) return bad(`"${t}" may hold only lowercase letters, digits, dots and hyphens (S3 bucket naming rules)`);
  if (!/^[a-z0-9]/.test(t) || !/[a-z0-9]$/.test(t)) return bad(`"${t}" must begin and end with a letter or digit`);
  if (t.includes('..')) return bad(`"${t}" may not hold two dots in a row`);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(t)) return bad(`"${t}" looks like an IP address, which S3 does not allow as a bucket name`);
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => t.startsWith(p));
  if (prefix) return bad(`"${t}" starts with "${prefix}", which S3 reserves`);
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((x) => t.endsWith(x));
  if (suffix) return bad(`"${t}" ends with "${suffix}", which S3 reserves`);
  return ok(t);
}

/** What a string in the generated configuration may not hold, and what terraform would make of it. */
const TEMPLATE_SYNTAX: Record<string, string> = { '"': 'the end of the string', '\\': 'an escape', '${': 'the start of a reference', '%{': 'the start of a template directive' };

/** Terraform's S3 backend rules for a state key, and the lock object beside it. */
function stateKey(raw: unknown): Parsed<string> {
  const t = text(raw);
  if (t === undefined || t === '') return bad('the state key is empty');
  if (t.startsWith('/') || t.endsWith('/')) return bad(`"${t}" may not start or end with "/"`);
  if (t.includes('//')) return bad(`"${t}" may not hold "//"`);
  if (/[\u0000-\u001f\u007f]/.test(t)) return bad(`${JSON.stringify(t)} holds a control character`);
  // Legal in S3, but in the generated configuration (cdk.tf.json, the files of hcl/) they would end the
  // string or start a template: "${x}" is read as a reference, not as the key's text.
  const template = Object.entries(TEMPLATE_SYNTAX).find(([s]) => t.includes(s));
  if (template) return bad(`${JSON.stringify(t)} holds '${template[0]}', which the generated Terraform configuration would read as ${template[1]}; use letters, digits and / . _ - (e.g. net-wizard/my-app-dev/terraform.tfstate)`);
  if (t.endsWith('.tflock')) return bad(`"${t}" ends with ".tflock", the suffix of the lock objects`);
  if (t.startsWith('env:/')) return bad(`"${t}" starts with "env:/", where terraform keeps the states of workspaces`);
  // S3 keys have at most 1024 bytes, and the lock adds ".tflock".
  const bytes = new TextEncoder().encode(t).length;
  if (bytes > 1017) return bad(`"${t.slice(0, 40)}…" is ${bytes} bytes long; at most 1017 (S3 keys have 1024, and the lock adds ".tflock")`);
  return ok(t);
}

const CHOICE_LABELS: Record<string, string> = {
  private: 'private: no public address; out through NAT or VPC endpoints (recommended)',
  public: 'public: a public IP per task, no NAT; only the security group protects it',
  cost: 'cost first: the cheapest setup that works',
  availability: 'availability first: an AZ outage must not cut the others off',
  default: "default: the VPC's default NACL (security groups do the filtering)",
  custom: "custom: the tutorial's public and private NACLs, associated",
};

/** An answer as text, as the options take it (lists comma-separated). */
export function showAnswer(value: unknown): string {
  return Array.isArray(value) ? (value.length === 0 ? 'none' : value.join(',')) : String(value);
}

/** The questions, in the order they are asked and resolved (later defaults depend on earlier answers). */
export const QUESTIONS: readonly Question[] = [
  {
    key: 'project',
    flag: '--project',
    title: 'Project name',
    help: 'Names every resource (<project>-<env>-vpc, -alb-sg, …). Lowercase letters, digits and hyphens, up to 32 characters.',
    example: 'my-app',
    usage: { arg: '<name>', summary: "project name: lowercase letters, digits, hyphens" },
    parse: (raw) => slug(raw, 'the project name', 32),
  } satisfies Question<'project'>,
  {
    key: 'env',
    flag: '--env',
    title: 'Environment',
    help: 'Which copy of the network this is: dev, stg, prod or another short slug. "prod" changes the NAT advice towards surviving an AZ outage.',
    example: 'dev',
    usage: { arg: '<name>', summary: "environment: dev, stg, prod, or another short slug", default: "dev" },
    defaultValue: () => 'dev',
    parse: (raw) => slug(raw, 'the environment', 16),
  } satisfies Question<'env'>,
  {
    key: 'region',
    flag: '--region',
    title: 'AWS region',
    help: 'Where the network is built. Prices and available AZs depend on it.',
    example: DEFAULT_REGION,
    usage: { arg: '<region>', summary: "AWS region", default: "ap-northeast-1" },
    kind: 'select',
    options: () => knownRegions().map((r) => ({ value: r, label: r })),
    defaultValue: () => DEFAULT_REGION,
    parse: (raw) => regionName(raw),
  } satisfies Question<'region'>,
  {
    key: 'vpcId',
    flag: '--vpc-id',
    title: 'A new VPC, or one that exists?',
    help: "Attach to a VPC that exists (part 1 of the tutorial, made by you or your own Terraform): its internet gateway, subnets and route tables stay yours, referenced by id and never changed; net-wizard makes only the security groups, NAT, endpoints and NACLs in it. Its subnets are found by their route tables (public: 0.0.0.0/0 to an internet gateway). Leave empty for a new VPC.",
    example: 'vpc-0a1b2c3d4e5f60718',
    usage: { arg: '<id>', summary: "attach to this existing VPC: its gateway, subnets and route tables stay the user's; only the security layer, NAT, endpoints and NACLs are made", default: 'a new VPC' },
    kind: 'select',
    optional: true,
    unanswered: 'a new VPC',
    options: () => [{ value: NEW_VPC, label: 'a new VPC, built by net-wizard' }],
    lookup: {
      kind: 'vpcs',
      scope: (r) => r.region,
      asking: (region) => `Asking AWS for the VPCs of ${region}…`,
      narrow: (choices, found) => [...choices, ...found],
      required: true,
      confirmed: "(an existing VPC keeps its gateway, subnets and route tables; net-wizard adds the security groups, NAT, endpoints and NACLs)",
      failed: '(AWS did not list the VPCs of this region: a new one is built)',
    },
    parse: (raw) => (raw === NEW_VPC || raw === '' ? ok(undefined) : awsId(raw, 'vpc', 'vpc-0a1b2c3d4e5f60718')),
  } satisfies Question<'vpcId'>,
  {
    key: 'publicSubnets',
    flag: '--public-subnets',
    title: 'Public subnets of the existing VPC',
    help: 'With --vpc-id: the public subnets to use, one per AZ, comma-separated, when an AZ has several. Each must route 0.0.0.0/0 to an internet gateway.',
    example: 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788',
    usage: { arg: '<ids>', summary: 'with --vpc-id: the existing public subnets to use, one per AZ', default: 'found by their route tables' },
    asked: false,
    optional: true,
    parse: (raw) => subnetIds(raw),
  } satisfies Question<'publicSubnets'>,
  {
    key: 'privateSubnets',
    flag: '--private-subnets',
    title: 'Private subnets of the existing VPC',
    help: 'With --vpc-id: the private subnets to use, one per AZ, comma-separated, when an AZ has several. Their route tables get the NAT route.',
    example: 'subnet-0a1b2c3d4e5f60718,subnet-0f1e2d3c4b5a69788',
    usage: { arg: '<ids>', summary: 'with --vpc-id: the existing private subnets to use, one per AZ', default: 'found by their route tables' },
    asked: false,
    optional: true,
    parse: (raw) => subnetIds(raw),
  } satisfies Question<'privateSubnets'>,
  {
    key: 'lockDefaultSg',
    flag: '--lock-default-sg',
    title: "Lock the existing VPC's default security group",
    help: "With --vpc-id: take over the VPC's default security group and remove its rules (Security Hub EC2.2), as net-wizard does in a VPC of its own. Refused while any network interface still uses it. Without it the group is left alone (other workloads may use it) and the baseline reports it.",
    example: '--lock-default-sg',
    usage: { arg: '', summary: "with --vpc-id: take over the VPC's default security group and empty it (refused while anything uses it)", default: 'left alone' },
    asked: false,
    optional: true,
    switch: true,
    parse: (raw) => (raw === true || raw === 'true' ? ok(true) : raw === false || raw === 'false' ? ok(false) : bad(`${JSON.stringify(raw)} is neither true nor false`)),
  } satisfies Question<'lockDefaultSg'>,
  {
    key: 'azs',
    flag: '--azs',
    title: 'Availability zones',
    help: 'One public and one private subnet go in each. An ALB and an RDS subnet group need at least two. Give letters (a,c) or full names.',
    example: 'a,c',
    usage: { arg: '<list>', summary: "AZ names or their letters, comma-separated: a,c", default: "two of the region" },
    kind: 'multi',
    skip: (r) => r.vpcId !== undefined,
    options: (r) => regionAzs(r.region ?? DEFAULT_REGION).map((az) => ({ value: az, label: az })),
    lookup: {
      kind: 'available-azs',
      scope: (r) => r.region,
      asking: (region) => `Asking AWS which AZs of ${region} are available…`,
      // Fewer than two confirmed would leave no valid answer: the region's usual ones are offered then.
      narrow: (choices, found) => {
        const available = choices.filter((c) => found.some((f) => f.value === c.value));
        return available.length >= 2 ? available : undefined;
      },
      confirmed: '(the AZs AWS says are available to this account)',
      failed: "(AWS did not say which AZs are available; these are the region's usual ones)",
    },
    defaultValue: (r) => (r.region ? defaultAzs(r.region) : undefined),
    parse: (raw, r) => {
      const items = list(raw);
      if (!items || items.length === 0) return bad('no AZ given');
      const region = r.region ?? DEFAULT_REGION;
      const valid = regionAzs(region);
      const azs: string[] = [];
      for (const item of items) {
        const az = /^[a-z]$/.test(item) ? `${region}${item}` : item;
        if (!valid.includes(az)) return bad(`"${item}" is not an AZ of ${region} (its AZs: ${valid.join(', ')})`);
        if (azs.includes(az)) return bad(`"${az}" is given twice`);
        azs.push(az);
      }
      if (azs.length < 2) return bad(`one AZ is not enough: an ALB and an RDS subnet group need subnets in at least two`);
      return ok(azs);
    },
  } satisfies Question<'azs'>,
  {
    key: 'vpcCidr',
    flag: '--vpc-cidr',
    title: 'VPC CIDR',
    help: 'The private address range of the network, /16 to /28. Subnets are carved from it: public subnets in the lower half, private in the upper half.',
    example: '10.0.0.0/16',
    usage: { arg: '<cidr>', summary: "VPC CIDR; subnets are carved from it", default: "10.0.0.0/16" },
    skip: (r) => r.vpcId !== undefined,
    defaultValue: () => '10.0.0.0/16',
    preview: (r, typed) => {
      const cidr = typed || String(question('vpcCidr').defaultValue?.(r) ?? '');
      try {
        const layout = subnetLayout({ vpcCidr: cidr, azs: r.azs ?? [] });
        return { lines: [{ text: `Subnets carved from ${cidr}:` }, ...layout.map((s) => ({ text: `  ${s.tier.padEnd(8)} ${s.az.padEnd(16)} ${s.cidr}` }))] };
      } catch {
        return undefined; // not a CIDR (yet): its parse says why on submit
      }
    },
    parse: (raw) => {
      const t = text(raw) ?? '';
      const parsed = parseCidr(t);
      if (!parsed.ok) return bad(`"${t}" ${parsed.problem}`);
      const { prefix } = parsed.cidr;
      if (prefix < VPC_PREFIX_MIN || prefix > VPC_PREFIX_MAX) return bad(`/${prefix} is outside the /${VPC_PREFIX_MIN} to /${VPC_PREFIX_MAX} AWS allows for a VPC`);
      if (!PRIVATE_RANGES.some((r) => cidrContains(r.cidr, parsed.cidr))) {
        const overlapping = PRIVATE_RANGES.find((r) => cidrOverlaps(r.cidr, parsed.cidr));
        return bad(overlapping ? `"${t}" straddles the edge of the private range ${overlapping.text}` : `"${t}" is not a private range (use 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)`);
      }
      return ok(t);
    },
  } satisfies Question<'vpcCidr'>,
  {
    key: 'appPort',
    flag: '--app-port',
    title: 'Container port',
    help: 'The port your app listens on inside the container; the ALB forwards to it. Only the ALB may reach it.',
    example: '3000',
    usage: { arg: '<n>', summary: "container port behind the ALB", default: "3000" },
    defaultValue: () => 3000,
    parse: (raw) => port(raw),
  } satisfies Question<'appPort'>,
  {
    key: 'dbPort',
    flag: '--db-port',
    title: 'Database port',
    help: 'The port of the RDS database (PostgreSQL 5432, MySQL 3306). Only the app tasks may reach it.',
    example: '5432',
    usage: { arg: '<n>', summary: "database port", default: "5432, PostgreSQL" },
    defaultValue: () => 5432,
    parse: (raw) => port(raw),
  } satisfies Question<'dbPort'>,
  {
    key: 'needs',
    flag: '--needs',
    title: 'What must your tasks reach outside the VPC?',
    help: `Decides whether you need a NAT Gateway (the most expensive line of a small network). Comma-separated, or none: ${OUTBOUND_NEEDS.map((n) => `${n} (${NEEDS[n].words})`).join('; ')}.`,
    example: 'ecr-pull,logs',
    usage: { arg: '<list>', summary: "outbound needs, comma-separated, for the NAT decision: ecr-pull, external-api, logs, package-download, ssm, dns, vpc-internal, secrets, s3 ('none' for none)", default: "none" },
    choices: OUTBOUND_NEEDS,
    kind: 'multi',
    options: () => OUTBOUND_NEEDS.map((n) => ({ value: n, label: `${n}: ${NEEDS[n].words}` })),
    defaultValue: () => [],
    parse: (raw) => {
      if (Array.isArray(raw) && raw.length === 0) return ok([]); // nothing ticked: none
      const items = list(raw);
      if (!items || items.length === 0) return bad('is empty; say "none" when the tasks need nothing outside the VPC');
      if (items.includes('none')) return items.length === 1 ? ok([]) : bad('"none" cannot be combined with other needs');
      const needs: OutboundNeed[] = [];
      for (const item of items) {
        if (!(OUTBOUND_NEEDS as readonly string[]).includes(item)) return bad(`"${item}" is not one of ${OUTBOUND_NEEDS.join(', ')}, none`);
        if (!needs.includes(item as OutboundNeed)) needs.push(item as OutboundNeed);
      }
      return ok(needs);
    },
  } satisfies Question<'needs'>,
  {
    key: 'tasksSubnet',
    flag: '--tasks-subnet',
    title: 'Where do the app tasks run?',
    help: 'private (recommended): tasks have no public address and reach out through NAT or VPC endpoints. public: each task gets a public IP and reaches the internet directly, with no NAT, but only its security group protects it.',
    example: 'private',
    usage: { arg: '<where>', summary: "private | public: where the app tasks run", default: "private" },
    choices: TASK_SUBNETS,
    kind: 'select',
    options: () => TASK_SUBNETS.map((value) => ({ value, label: CHOICE_LABELS[value] ?? value })),
    defaultValue: () => 'private',
    parse: (raw) => choice(raw, TASK_SUBNETS),
  } satisfies Question<'tasksSubnet'>,
  {
    key: 'priority',
    flag: '--priority',
    title: 'Cost first, or survive an AZ outage?',
    help: 'cost: the cheapest setup that works (one NAT Gateway may serve every AZ). availability: an outage of one AZ must not cut the others off (one NAT per AZ). Default: availability for prod, cost otherwise.',
    example: 'cost',
    usage: { arg: '<what>', summary: "cost | availability (survive an AZ outage)", default: "availability for prod, cost otherwise" },
    choices: PRIORITIES,
    kind: 'select',
    options: () => PRIORITIES.map((value) => ({ value, label: CHOICE_LABELS[value] ?? value })),
    defaultValue: (r) => (r.env && isProduction(r.env) ? 'availability' : 'cost'),
    parse: (raw) => choice(raw, PRIORITIES),
  } satisfies Question<'priority'>,
  {
    key: 'trafficGb',
    flag: '--traffic-gb',
    title: 'Outbound traffic, GB a month',
    help: 'How much goes out through NAT or endpoints (image pulls, logs, API calls). NAT charges per GB processed, so this can change the cheapest answer. A guess is fine.',
    example: '20',
    usage: { arg: '<n>', summary: "GB a month through NAT or endpoints, for the cost estimate", default: "20" },
    defaultValue: () => 20,
    parse: (raw) => {
      const t = text(raw);
      if (t === undefined || !/^\d+(\.\d+)?$/.test(t)) return bad(`"${String(raw)}" is not a number of GB`);
      const n = Number(t);
      return n > 1_000_000 ? bad(`${n} GB a month is beyond what this estimate is for`) : ok(n);
    },
  } satisfies Question<'trafficGb'>,
  {
    key: 'tasks',
    flag: '--tasks',
    title: 'Tasks running at once',
    help: 'How many app tasks run at the same time. In public subnets each one pays for a public IPv4 address.',
    example: '2',
    usage: { arg: '<n>', summary: "tasks running at once, for the cost of public IPs", default: "2" },
    defaultValue: () => 2,
    parse: (raw) => {
      const t = text(raw);
      if (t === undefined || !/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 1000) return bad(`"${String(raw)}" is not a whole number from 1 to 1000`);
      return ok(Number(t));
    },
  } satisfies Question<'tasks'>,
  {
    key: 'imageMb',
    flag: '--image-mb',
    title: 'Container image size (MB)',
    help: 'The size of the app\'s container image. With ecr-pull through a NAT, the advice says what a task that fails and re-pulls its image every minute costs in a day.',
    example: '500',
    usage: { arg: '<n>', summary: 'container image size in MB, for the cost of a crash-looping task through a NAT', default: '500' },
    asked: false,
    defaultValue: () => 500,
    parse: (raw) => {
      const t = text(raw);
      if (t === undefined || !/^\d+(\.\d+)?$/.test(t) || Number(t) <= 0) return bad(`"${String(raw)}" is not a size in MB (a number above 0, e.g. 500)`);
      const n = Number(t);
      return n > 100_000 ? bad(`${n} MB is beyond what this estimate is for`) : ok(n);
    },
  } satisfies Question<'imageMb'>,
  {
    key: 'nat',
    flag: '--nat',
    title: 'NAT Gateways',
    help: 'auto takes the advice computed from the answers above; none, single (one for the VPC, cheaper) or per-az (one per AZ, survives an AZ outage) overrides it.',
    example: 'auto',
    usage: { arg: '<mode>', summary: NAT_MODES.join(' | '), default: "auto: decided from --needs" },
    choices: NAT_MODES,
    kind: 'select',
    options: () => NAT_MODES.map((value) => ({ value, label: natModeLabel(value) })),
    preview: (r) => {
      const answers = { ...(r as NetworkConfig), nat: 'auto' as const };
      return { apart: true, lines: formatNatReport(answers, planNat(answers)).map((text) => ({ text, strong: text.startsWith('Recommended') })) };
    },
    defaultValue: () => 'auto',
    parse: (raw) => choice(raw, NAT_MODES),
  } satisfies Question<'nat'>,
  {
    key: 'nacl',
    flag: '--nacl',
    title: 'Network ACLs',
    help: "default keeps the VPC's default NACL (allows all; security groups do the filtering). custom associates the tutorial's public and private NACLs with the subnets.",
    example: 'default',
    usage: { arg: '<mode>', summary: "default | custom", default: "default" },
    choices: NACL_MODES,
    kind: 'select',
    options: () => NACL_MODES.map((value) => ({ value, label: CHOICE_LABELS[value] ?? value })),
    defaultValue: () => 'default',
    parse: (raw) => choice(raw, NACL_MODES),
  } satisfies Question<'nacl'>,
  {
    key: 'endpoint',
    flag: '--endpoint',
    title: 'Local AWS emulator',
    help: 'Send every AWS call to a local emulator (moto, LocalStack) at this URL, with dummy credentials. Leave empty for real AWS.',
    example: 'http://127.0.0.1:5000',
    usage: { arg: '<url>', summary: "send every AWS call (terraform and verification) to a local AWS emulator (LocalStack, moto) at this URL, with dummy credentials" },
    asked: false,
    optional: true,
    parse: (raw) => {
      const parsed = parseEndpoint(text(raw) ?? '');
      return parsed.ok ? ok(parsed.origin) : bad(parsed.message);
    },
  } satisfies Question<'endpoint'>,
  {
    key: 'stateBucket',
    flag: '--state-bucket',
    title: 'State bucket (team state)',
    help:
      'An S3 bucket that keeps the Terraform state, so that several people and CI share one network: S3 native locking (use_lockfile), no DynamoDB table, encrypted at rest. The bucket must exist (turn on its versioning: old states can then be recovered). Leave empty to keep the state in the workdir.',
    example: 'my-company-terraform-state',
    usage: { arg: '<name>', summary: "keep the state in this S3 bucket instead of the workdir, so that a team and CI share it: encrypted, S3 native locking (use_lockfile, no DynamoDB); the bucket must exist; needs terraform 1.10 or newer", default: "the state stays in the workdir" },
    asked: false,
    optional: true,
    parse: (raw) => bucketName(raw),
  } satisfies Question<'stateBucket'>,
  {
    key: 'stateKey',
    flag: '--state-key',
    title: 'State key',
    help: 'Where the state is kept in the state bucket; each network (project and environment) needs a key of its own. The lock is the object <key>.tflock beside it.',
    example: 'net-wizard/my-app-dev/terraform.tfstate',
    usage: { arg: '<key>', summary: "the state's key in the bucket", default: "net-wizard/<project>-<env>/terraform.tfstate" },
    asked: false,
    optional: true,
    defaultValue: (r) => (r.stateBucket && r.project && r.env ? `net-wizard/${r.project}-${r.env}/terraform.tfstate` : undefined),
    parse: (raw) => stateKey(raw),
  } satisfies Question<'stateKey'>,
  {
    key: 'stateRegion',
    flag: '--state-region',
    title: 'State bucket region',
    help: "The region of the state bucket; it may differ from the network's region.",
    example: DEFAULT_REGION,
    usage: { arg: '<r>', summary: "the bucket's region", default: "--region" },
    asked: false,
    optional: true,
    defaultValue: (r) => (r.stateBucket ? r.region : undefined),
    parse: (raw) => regionName(raw),
  } satisfies Question<'stateRegion'>,
  {
    key: 'workdir',
    flag: '--workdir',
    title: 'Working directory',
    help: 'Where the Terraform project and its state are kept. Keep it: it is how net-wizard changes or destroys the network later.',
    example: '.net-wizard/my-app-dev',
    usage: { arg: '<dir>', summary: "the Terraform project and its state", default: ".net-wizard/<project>-<env>" },
    asked: false,
    defaultValue: (r) => (r.project && r.env ? `.net-wizard/${r.project}-${r.env}` : undefined),
    parse: (raw) => {
      const t = text(raw);
      return t ? ok(t) : bad('is empty');
    },
  } satisfies Question<'workdir'>,
] as Question[];

/** Find a question by its config key. */
export function question<K extends keyof NetworkConfig>(key: K): Question<K> {
  return QUESTIONS.find((q) => q.key === key) as unknown as Question<K>;
}

/** How to name an answer in an error: its option by default, or e.g. `net-wizard.json: vpcCidr`. */
export type Origin = Partial<Record<keyof NetworkConfig, string>>;

/**
 * Resolve raw answers into a validated configuration: defaults filled in, each answer checked,
 * then the checks across answers (subnet carving, composed AWS names).
 * Throws a UsageError listing every problem, each naming its option and a good value.
 */
export function resolveConfig(answers: Answers, origin: Origin = {}): NetworkConfig {
  const { resolved, problems } = resolveQuestions(QUESTIONS, answers, origin);
  problems.push(...conflicts(answers, origin));
  if (problems.length === 0) problems.push(...crossChecks(resolved as NetworkConfig, origin));
  if (problems.length > 0) throw new UsageError(problems);
  return resolved as NetworkConfig;
}

/** The answers the NAT advice depends on (nat-check needs no project or network). */
export const ADVICE_KEYS = ['env', 'region', 'azs', 'needs', 'tasksSubnet', 'priority', 'trafficGb', 'tasks', 'imageMb', 'nat'] as const;
export type AdviceAnswers = Pick<NetworkConfig, (typeof ADVICE_KEYS)[number]>;

/** Resolve only the answers the NAT advice depends on; throws a UsageError like resolveConfig. */
export function resolveAdviceAnswers(answers: Answers, origin: Origin = {}): AdviceAnswers {
  const keys: readonly string[] = ADVICE_KEYS;
  const { resolved, problems } = resolveQuestions(QUESTIONS.filter((q) => keys.includes(q.key)), answers, origin);
  if (problems.length > 0) throw new UsageError(problems);
  return resolved as AdviceAnswers;
}

/** The answers `audit` takes: which VPC, where, the ports and needs its flows are checked for, and the names its roles go by. */
export const AUDIT_KEYS = ['project', 'env', 'region', 'vpcId', 'appPort', 'dbPort', 'needs', 'endpoint'] as const;
export type AuditAnswers = Pick<NetworkConfig, 'env' | 'region' | 'appPort' | 'dbPort' | 'needs'> & { vpcId: string; project?: string; endpoint?: string };

/** Resolve the answers of `audit`: --vpc-id required, the project optional (the roles are then found by the names' endings); throws a UsageError. */
export function resolveAuditAnswers(answers: Answers, origin: Origin = {}): AuditAnswers {
  const keys: readonly string[] = AUDIT_KEYS;
  const { resolved, problems } = walkQuestions(QUESTIONS.filter((q) => keys.includes(q.key)), answers, origin, { require: true });
  // The project only names things: audit runs without one. Required without a default in the walk, it is dropped here.
  const kept = problems.filter((p) => p.option !== (origin.project ?? question('project').flag) || answers.project !== undefined);
  if (resolved.vpcId === undefined && !kept.some((p) => p.option === (origin.vpcId ?? '--vpc-id'))) {
    kept.push({ option: origin.vpcId ?? '--vpc-id', message: 'audit reads one VPC: say which (aws ec2 describe-vpcs lists the region\'s VPCs)', example: question('vpcId').example });
  }
  if (kept.length > 0) throw new UsageError(kept);
  return resolved as AuditAnswers;
}

/**
 * Validate the answers that were given, without requiring the rest (the wizard asks those): the
 * given ones parsed, with the defaults of the others used only as context. Throws a UsageError.
 */
export function resolveGiven(answers: Answers, origin: Origin = {}): Partial<NetworkConfig> {
  const { given, problems } = walkQuestions(QUESTIONS, answers, origin, { require: false });
  problems.push(...conflicts(answers, origin));
  if (problems.length > 0) throw new UsageError(problems);
  return given;
}

/**
 * The questions an interactive front-end asks, in order: those it may ask that `preset` (the
 * options and the answers file) does not answer, and that the answers so far (`answered`, the
 * front-end's) do not make moot (an existing VPC's AZs). `lookups`: the lookups it can run; a
 * question that needs one it cannot run is left out.
 */
export function questionsToAsk(preset: Partial<NetworkConfig>, answered: Partial<NetworkConfig> = {}, lookups?: readonly LookupKind[]): Question[] {
  const known = { ...answered, ...preset };
  return QUESTIONS.filter(
    (q) => q.asked !== false && preset[q.key] === undefined && !q.skip?.(answersBefore(known, q)) && !(q.lookup?.required && lookups && !lookups.includes(q.lookup.kind)),
  );
}

/**
 * The answers before `next` in the model's order (all of them without `next`): each known one, the
 * default of each other one. What a front-end gives a question's defaults, choices and preview.
 */
export function answersBefore(known: Partial<NetworkConfig>, next?: Question): Partial<NetworkConfig> {
  const at = next ? QUESTIONS.indexOf(next) : QUESTIONS.length;
  return walkQuestions(QUESTIONS.slice(0, at < 0 ? QUESTIONS.length : at), known, {}, { require: false }).resolved;
}

/** Answers that make sense only with another: the state key and region need a state bucket; the existing subnets, an existing VPC. */
function conflicts(answers: Answers, origin: Origin): InputProblem[] {
  const given = (key: keyof NetworkConfig) => answers[key] !== undefined && answers[key] !== null && answers[key] !== false;
  const problems: InputProblem[] = [];
  if (!given('stateBucket')) {
    problems.push(
      ...(['stateKey', 'stateRegion'] as const).filter(given).map((key) => ({
        option: origin[key] ?? question(key).flag,
        message: `needs a state bucket as well (e.g. --state-bucket ${question('stateBucket').example}, or stateBucket in the answers file); without one the state stays in the workdir and there is no key or region to choose`,
      })),
    );
  }
  if (!given('vpcId')) {
    problems.push(
      ...(['publicSubnets', 'privateSubnets', 'lockDefaultSg'] as const).filter(given).map((key) => ({
        option: origin[key] ?? question(key).flag,
        message: `needs an existing VPC as well (--vpc-id ${question('vpcId').example}); a new VPC gets subnets of its own${key === 'lockDefaultSg' ? ', and its default security group is always locked' : ''}`,
      })),
    );
  }
  return problems;
}

function resolveQuestions(questions: readonly Question[], answers: Answers, origin: Origin): { resolved: Partial<NetworkConfig>; problems: InputProblem[] } {
  return walkQuestions(questions, answers, origin, { require: true });
}

/**
 * The one walk over the questions: each in order, parsed knowing the answers before it, or its
 * default from them. `require`: an answer that is neither given nor defaulted is a problem (except
 * one whose default could not be made because an earlier answer was refused: that one says why).
 */
function walkQuestions(
  questions: readonly Question[],
  answers: Answers,
  origin: Origin,
  { require }: { require: boolean },
): { resolved: Partial<NetworkConfig>; given: Partial<NetworkConfig>; problems: InputProblem[] } {
  const resolved: Record<string, unknown> = {};
  const given: Record<string, unknown> = {};
  const problems: InputProblem[] = [];
  for (const q of questions) {
    const raw = answers[q.key];
    if (raw === undefined || raw === null) {
      const value = q.defaultValue?.(resolved as Partial<NetworkConfig>);
      if (value !== undefined) resolved[q.key] = value;
      else if (require && !q.optional && !(q.defaultValue && problems.length > 0)) {
        problems.push({ option: origin[q.key] ?? q.flag, message: `is required: ${q.help}`, example: q.example });
      }
      continue;
    }
    const parsed = q.parse(raw, resolved as Partial<NetworkConfig>);
    if (parsed.ok) resolved[q.key] = given[q.key] = parsed.value;
    else problems.push({ option: origin[q.key] ?? q.flag, message: parsed.message, example: q.example });
  }
  return { resolved: resolved as Partial<NetworkConfig>, given: given as Partial<NetworkConfig>, problems };
}

function crossChecks(config: NetworkConfig, origin: Origin): InputProblem[] {
  const problems: InputProblem[] = [];
  const parsed = parseCidr(config.vpcCidr);
  if (parsed.ok) {
    const carving = carveSubnets(parsed.cidr, config.azs.length);
    if (!carving.ok) problems.push({ option: origin.vpcCidr ?? '--vpc-cidr', message: carving.problem, example: '10.0.0.0/16' });
  }
  const blame = [origin.project ?? '--project', origin.env ?? '--env'].join('/');
  problems.push(...checkNames(config.project, config.env, config.azs, blame));
  return problems;
}

/** The subnets carved from a valid configuration, with their AZ names. */
export function subnetLayout(config: Pick<NetworkConfig, 'vpcCidr' | 'azs'>): (CarvedSubnet & { az: string })[] {
  const parsed = parseCidr(config.vpcCidr);
  if (!parsed.ok) throw new Error(`invalid VPC CIDR ${config.vpcCidr}: ${parsed.problem}`);
  const carving = carveSubnets(parsed.cidr, config.azs.length);
  if (!carving.ok) throw new Error(carving.problem);
  return carving.subnets.map((s) => ({ ...s, az: config.azs[s.azIndex]! }));
}
