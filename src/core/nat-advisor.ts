/**
 * The NAT advisor: from what the app's tasks must reach, where they run and how much AZ
 * independence matters, the cheapest way out that still works, with its monthly cost, the
 * alternatives' costs, and a reason for every choice that names the answer behind it. Pure.
 */
import { NAT_INSTANCE, NAT_TOPOLOGY_WORDS, natInstanceBuildable, type EgressOption } from './nat-modes.js';
import {
  DEFAULT_NAT_INSTANCE_TYPE,
  endpointDataUsd,
  figureWords,
  HOURS_PER_MONTH,
  NAT_INSTANCE_ROOT_GB,
  NAT_INSTANCE_SPECS,
  PRICE_SOURCE,
  pricesFor,
  type NatInstanceType,
  type PriceFigure,
  type RegionPrices,
} from './prices.js';

export const OUTBOUND_NEEDS = ['ecr-pull', 'external-api', 'dns', 'logs', 'package-download', 'vpc-internal', 'ssm', 'secrets', 's3'] as const;
/** Traffic the app's tasks need, one per row of the tutorial's table (and the ones it leaves out). */
export type OutboundNeed = (typeof OUTBOUND_NEEDS)[number];

export const TASK_SUBNETS = ['private', 'public'] as const;
/** Where the ECS tasks run. */
export type TasksSubnet = (typeof TASK_SUBNETS)[number];

export const PRIORITIES = ['cost', 'availability'] as const;
/** cost: the cheapest that works; availability: an AZ outage must not cut the other AZs off. */
export type Priority = (typeof PRIORITIES)[number];

/** Whether an environment name means production, where AZ independence outweighs cost. */
export function isProduction(env: string): boolean {
  return /^(prod|production|prd)$/.test(env);
}

/** Interface endpoint services (com.amazonaws.<region>.<service>). */
export type InterfaceService = 'ecr.api' | 'ecr.dkr' | 'logs' | 'ssm' | 'ssmmessages' | 'secretsmanager';

/** What one need requires, from the facts (not the tutorial's table where the two differ). */
export interface NeedFacts {
  /** Plain words for reasons and help. */
  words: string;
  /** One-line help for the question: what it is, an example, why it matters. */
  help: string;
  /** No way out at all is needed. */
  internal?: boolean;
  /** Only the internet will do (NAT or a public IP). */
  internetOnly?: boolean;
  /** Interface endpoints that serve it without NAT. */
  interfaces?: InterfaceService[];
  /** Needs the S3 gateway endpoint (free) when served by endpoints. */
  s3Gateway?: boolean;
  /** Where the tutorial's table says otherwise, what it says and what is true. */
  tutorialDiffers?: string;
}

/** The facts per need (network-facts.md, section 2). */
export const NEEDS: Readonly<Record<OutboundNeed, NeedFacts>> = {
  'ecr-pull': {
    words: 'pulling container images from ECR',
    help: 'Fargate pulls your image from ECR at every task start. Without a way out, tasks in private subnets fail with CannotPullContainerError.',
    interfaces: ['ecr.api', 'ecr.dkr'],
    s3Gateway: true,
    tutorialDiffers: 'the tutorial says image pulls from private subnets need NAT; the ECR interface endpoints (ecr.api, ecr.dkr) and the free S3 gateway endpoint (image layers) serve them without NAT',
  },
  'external-api': {
    words: 'calling external APIs',
    help: 'Payments, auth, e-mail or any API on the internet. Only the internet will do: a NAT Gateway, or tasks with public IPs.',
    internetOnly: true,
  },
  dns: {
    words: 'resolving DNS names',
    help: 'Looking up host names. The Amazon resolver inside the VPC answers from private subnets; no NAT is needed for DNS itself.',
    internal: true,
    tutorialDiffers: 'the tutorial lists DNS resolution as needing NAT; the Amazon-provided resolver (VPC base + 2) answers from private subnets, and only the connection to the external host afterwards needs a way out',
  },
  logs: {
    words: 'shipping logs to CloudWatch Logs',
    help: 'The awslogs driver sends container output to CloudWatch Logs. Served by the logs interface endpoint or NAT.',
    interfaces: ['logs'],
    tutorialDiffers: 'the tutorial says log shipping needs NAT; the CloudWatch Logs interface endpoint serves it without NAT',
  },
  'package-download': {
    words: 'downloading packages at run time',
    help: 'npm, pip or apt downloads while the task runs (not at image build). Only the internet will do.',
    internetOnly: true,
  },
  'vpc-internal': {
    words: 'talking to RDS, ElastiCache or an internal ALB',
    help: 'Traffic that stays inside the VPC never needs NAT.',
    internal: true,
  },
  ssm: {
    words: 'SSM Session Manager / ECS Exec (e.g. port forwarding to the database)',
    help: 'Opening a shell or a port-forward into a task. The agent in the task connects out to the ssmmessages endpoint over HTTPS.',
    interfaces: ['ssmmessages'],
    tutorialDiffers: 'the tutorial counts SSM port forwarding as inbound and needing no NAT; the agent connects out to ssmmessages over HTTPS, so it needs NAT or the ssmmessages interface endpoint',
  },
  secrets: {
    words: 'reading secrets from Secrets Manager or Parameter Store',
    help: 'Task definitions that inject secrets read Secrets Manager (secretsmanager) or Parameter Store (ssm) at start-up.',
    interfaces: ['secretsmanager', 'ssm'],
  },
  s3: {
    words: 'reading and writing S3 buckets',
    help: 'Uploads, static files, exports. The S3 gateway endpoint serves it and is free.',
    s3Gateway: true,
  },
};

/** Everything the advisor decides from. */
export interface AdvisorAnswers {
  needs: OutboundNeed[];
  tasksSubnet: TasksSubnet;
  priority: Priority;
  /** GB a month that go through the way out. */
  trafficGb: number;
  /** Tasks running at once (each needs a public IP in public subnets). */
  tasks: number;
  region: string;
  azCount: number;
  /** A production environment: the NAT instance is never advised there. @default false */
  production?: boolean;
  /** The NAT instance type priced. @default t4g.nano */
  natInstanceType?: NatInstanceType;
}

/** One line of a cost estimate; `unitUsd` and `usd` are null where the region's figure is unknown. */
export interface CostLine {
  item: string;
  quantity: number;
  unit: string;
  unitUsd: number | null;
  usd: number | null;
  /** The figure that is unknown in this region, in words. */
  unknown?: string;
}

/** One option, what it costs a month, and whether it can meet the needs. */
export interface OptionCost {
  option: EgressOption;
  title: string;
  /** false when it cannot meet a need, or the answers rule it out. */
  eligible: boolean;
  /** Why it is not eligible, or what it costs besides money. */
  note?: string;
  /** The sum of the lines whose price is known: the whole monthly cost only when `missing` is empty. */
  monthlyUsd: number;
  /** The figures unknown in this region that the cost needs, in words; empty when the cost is known. */
  missing: string[];
  /** The cost at no traffic, and what each GB a month adds (null when a figure is missing): for the break-even. */
  fixedUsd: number | null;
  usdPerGb: number | null;
  lines: CostLine[];
  interfaces: InterfaceService[];
  s3Gateway: boolean;
}

/** How one need is met by the recommendation. */
export interface NeedRoute {
  need: OutboundNeed;
  way: 'inside the VPC' | 'S3 gateway endpoint' | 'interface endpoints' | 'NAT Gateway' | 'NAT instance' | 'public IP';
  detail: string;
}

/** The monthly volume at which `option` (the runner-up) becomes cheaper than the recommended way. */
export interface BreakEven {
  option: EgressOption;
  gbPerMonth: number;
  /** Cheaper above that volume (it charges less per GB) or below it. */
  when: 'above' | 'below';
}

/** The prices an advice used: where from, when, and which figures were unknown, derived or not checked. */
export interface AdvicePrices {
  region: string;
  source: string;
  date: string;
  currency: string;
  /** true where a figure was derived by a rule rather than read for this region (`derived` says which). */
  estimated: boolean;
  derived: { figure: string; how: string }[];
  /** Figures not read from AWS's price list itself. */
  unverified: string[];
  /** Figures unknown in this region, in words: the costs that need them are not totalled. */
  missing: string[];
}

/** The advisor's answer. */
export interface Advice {
  recommended: EgressOption;
  /** Each reason starts with the answer that caused it, e.g. `--needs external-api: …`. */
  reasons: string[];
  routes: NeedRoute[];
  /** Every option, cheapest eligible with a known cost first. */
  options: OptionCost[];
  /** The cheapest other eligible option. */
  runnerUp?: EgressOption;
  /** Where the runner-up becomes cheaper; absent when the two never cross (or a cost is unknown). */
  breakEven?: BreakEven;
  /** Where the tutorial's table differs from the facts, for the needs given. */
  tutorialDifferences: string[];
  prices: AdvicePrices;
  /** The recommendation's monthly cost (the known part when `costKnown` is false). */
  monthlyUsd: number;
  /** Whether every figure of the recommendation's cost is known in this region. */
  costKnown: boolean;
}

const instanceTitle = (type: NatInstanceType) => `one NAT instance (${type}) for the VPC`;

const TITLES: Record<Exclude<EgressOption, typeof NAT_INSTANCE>, string> = {
  none: 'no way out (VPC-internal only)',
  endpoints: 'VPC endpoints',
  'public-subnets': 'tasks in public subnets with public IPs',
  single: NAT_TOPOLOGY_WORDS.single,
  'per-az': NAT_TOPOLOGY_WORDS['per-az'],
};

/** Simpler first, when two options cost the same. */
const SIMPLICITY: EgressOption[] = ['none', 'endpoints', 'single', 'per-az', NAT_INSTANCE, 'public-subnets'];

const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (n: number) => `$${n.toFixed(2)}`;

/** A cost line; `figure` names the price, so that an unknown one is named rather than counted as 0. */
function line(item: string, quantity: number, unit: string, unitUsd: number | undefined, figure: PriceFigure | `instance:${string}` | undefined, usd?: number): CostLine {
  if (unitUsd === undefined) return { item, quantity, unit, unitUsd: null, usd: null, unknown: figureWords(figure!) };
  return { item, quantity, unit, unitUsd, usd: round2(usd ?? quantity * unitUsd) };
}

function endpointWords(facts: NeedFacts): string {
  const interfaces = facts.interfaces ?? [];
  const parts: string[] = [];
  if (interfaces.length > 0) parts.push(`the ${interfaces.join(' and ')} interface endpoint${interfaces.length > 1 ? 's' : ''}`);
  if (facts.s3Gateway) parts.push('the S3 gateway endpoint (free)');
  return parts.join(' and ');
}

/** The interface endpoints and S3 gateway endpoint that serve the AWS-service needs. */
export function endpointsFor(needs: readonly OutboundNeed[]): { interfaces: InterfaceService[]; s3Gateway: boolean } {
  const interfaces = [...new Set(needs.flatMap((n) => NEEDS[n].interfaces ?? []))];
  return { interfaces, s3Gateway: needs.some((n) => NEEDS[n].s3Gateway) };
}

/** A linear cost: what it costs at no traffic, and per GB a month; null parts are unknown. */
interface Linear {
  fixed: (number | undefined)[];
  perGb: (number | undefined)[];
}

const sumOrNull = (xs: (number | undefined)[]) => (xs.some((x) => x === undefined) ? null : Math.round(xs.reduce<number>((a, x) => a + x!, 0) * 1e6) / 1e6);

/** The limits of a NAT instance, in words: what a user gives up for its price. */
export function natInstanceLimits(type: NatInstanceType): string {
  const spec = NAT_INSTANCE_SPECS[type];
  return `${spec.baselineGbps * 1000} Mbit/s baseline bandwidth (bursts up to ${spec.burstGbps} Gbit/s on credits), in one AZ, no automatic failover (minutes of outage while it is replaced), patching is yours`;
}

/** The monthly cost of each option for these answers (exported for the cost table). */
export function costOptions(a: AdvisorAnswers, p: RegionPrices, { offerInstance = natInstanceBuildable() }: { offerInstance?: boolean } = {}): OptionCost[] {
  const internetOnly = a.needs.filter((n) => NEEDS[n].internetOnly);
  const outbound = a.needs.filter((n) => !NEEDS[n].internal);
  const { interfaces, s3Gateway } = endpointsFor(a.needs);
  const gb = a.trafficGb;
  const type = a.natInstanceType ?? DEFAULT_NAT_INSTANCE_TYPE;
  // With one NAT (gateway or instance), traffic from the other AZs crosses AZs, billed in each direction.
  const crossAzShare = a.azCount > 1 ? (a.azCount - 1) / a.azCount : 0;
  const crossAzGb = p.crossAzGb === undefined ? undefined : p.crossAzGb * 2;
  const crossAz = (): { lines: CostLine[]; linear: Linear } =>
    crossAzShare === 0 ? { lines: [], linear: { fixed: [], perGb: [] } } : { lines: [line('cross-AZ data to the NAT', round2(gb * crossAzShare), 'GB', crossAzGb, 'crossAzGb')], linear: { fixed: [], perGb: [crossAzGb === undefined ? undefined : crossAzGb * crossAzShare] } };
  const natCost = (count: number): { lines: CostLine[]; linear: Linear } => {
    const hours = count * HOURS_PER_MONTH;
    const lines = [
      line('NAT Gateway hours', hours, 'gateway-hour', p.natHour, 'natHour'),
      line('NAT Elastic IP (public IPv4) hours', hours, 'address-hour', p.ipv4Hour, 'ipv4Hour'),
      line('NAT data processed', gb, 'GB', p.natGb, 'natGb'),
    ];
    const linear: Linear = { fixed: [p.natHour === undefined ? undefined : hours * p.natHour, p.ipv4Hour === undefined ? undefined : hours * p.ipv4Hour], perGb: [p.natGb] };
    if (count === 1) {
      const x = crossAz();
      lines.push(...x.lines);
      linear.perGb.push(...x.linear.perGb);
    }
    return { lines, linear };
  };
  const instanceCost = (): { lines: CostLine[]; linear: Linear } => {
    const hourly = p.instanceHour?.[type];
    const x = crossAz();
    return {
      lines: [
        line(`NAT instance hours (${type}, on-demand)`, HOURS_PER_MONTH, 'instance-hour', hourly, `instance:${type}`),
        line('NAT instance Elastic IP (public IPv4) hours', HOURS_PER_MONTH, 'address-hour', p.ipv4Hour, 'ipv4Hour'),
        line(`NAT instance root volume (${NAT_INSTANCE_ROOT_GB} GB gp3)`, NAT_INSTANCE_ROOT_GB, 'GB-month', p.gp3GbMonth, 'gp3GbMonth'),
        // No per-GB processing charge: the instance forwards what it gets.
        ...x.lines,
      ],
      linear: {
        fixed: [
          hourly === undefined ? undefined : HOURS_PER_MONTH * hourly,
          p.ipv4Hour === undefined ? undefined : HOURS_PER_MONTH * p.ipv4Hour,
          p.gp3GbMonth === undefined ? undefined : NAT_INSTANCE_ROOT_GB * p.gp3GbMonth,
        ],
        perGb: x.linear.perGb,
      },
    };
  };
  const endpointHours = interfaces.length * a.azCount * HOURS_PER_MONTH;
  const endpointCost = (): { lines: CostLine[]; linear: Linear } => ({
    lines: [
      line(`interface endpoint hours (${interfaces.length} × ${a.azCount} AZ)`, endpointHours, 'endpoint-AZ-hour', interfaces.length === 0 ? 0 : p.endpointHour, 'endpointHour'),
      ...(interfaces.length > 0 ? [line('interface endpoint data processed', gb, 'GB', p.endpointGb, 'endpointGb', p.endpointGb === undefined ? undefined : endpointDataUsd(gb, p.endpointGb))] : []),
      ...(s3Gateway ? [line('S3 gateway endpoint', 1, 'endpoint', 0, undefined)] : []),
    ],
    linear: interfaces.length === 0 ? { fixed: [], perGb: [] } : { fixed: [p.endpointHour === undefined ? undefined : endpointHours * p.endpointHour], perGb: [p.endpointGb] },
  });
  const natNote = outbound.length === 0 ? 'nothing needs a way out' : undefined;
  const instanceEligible = offerInstance && a.tasksSubnet === 'private' && outbound.length > 0 && a.priority === 'cost' && !a.production;
  const instanceNote = [
    natInstanceLimits(type),
    ...(!offerInstance ? ['priced only: net-wizard does not build a NAT instance yet'] : []),
    ...(a.priority === 'availability' ? ['--priority availability rules it out'] : []),
    ...(a.production ? ['not advised for production'] : []),
  ].join('; ');
  type Draft = Omit<OptionCost, 'monthlyUsd' | 'title' | 'missing' | 'fixedUsd' | 'usdPerGb' | 'lines'> & { title?: string; cost: { lines: CostLine[]; linear: Linear } };
  const none = { lines: [], linear: { fixed: [], perGb: [] } };
  const options: Draft[] = [
    {
      option: 'none',
      eligible: outbound.length === 0,
      note: outbound.length === 0 ? undefined : `cannot reach: ${outbound.map((n) => NEEDS[n].words).join(', ')}`,
      cost: none,
      interfaces: [],
      s3Gateway: false,
    },
    {
      option: 'endpoints',
      eligible: internetOnly.length === 0 && outbound.length > 0,
      note:
        internetOnly.length > 0
          ? `endpoints reach AWS services only, not: ${internetOnly.map((n) => NEEDS[n].words).join(', ')}`
          : outbound.length === 0
            ? 'nothing to reach'
            : undefined,
      cost: endpointCost(),
      interfaces,
      s3Gateway,
    },
    {
      option: 'public-subnets',
      eligible: a.tasksSubnet === 'public' && outbound.length > 0,
      note:
        a.tasksSubnet === 'public'
          ? 'every task has a public address: only its security group stands between it and the internet (Security Hub ECS.2 flags it)'
          : 'needs the tasks in public subnets (--tasks-subnet public); every task then has a public address',
      cost: {
        lines: [line('task public IPv4 hours', a.tasks * HOURS_PER_MONTH, 'address-hour', p.ipv4Hour, 'ipv4Hour')],
        linear: { fixed: [p.ipv4Hour === undefined ? undefined : a.tasks * HOURS_PER_MONTH * p.ipv4Hour], perGb: [] },
      },
      interfaces: [],
      s3Gateway: false,
    },
    {
      option: 'single',
      eligible: a.tasksSubnet === 'private' && outbound.length > 0 && a.priority === 'cost',
      note:
        natNote ??
        (a.priority === 'availability'
          ? 'loses AZ independence: an outage of its AZ cuts every AZ off (--priority availability rules it out)'
          : 'loses AZ independence: an outage of its AZ cuts every AZ off'),
      cost: natCost(1),
      interfaces: [],
      // The S3 gateway endpoint is free and keeps image layers and S3 traffic off the NAT's per-GB charge.
      s3Gateway,
    },
    {
      option: 'per-az',
      eligible: a.tasksSubnet === 'private' && outbound.length > 0,
      note: natNote ?? (a.tasksSubnet === 'public' ? 'the tasks in public subnets do not use it' : undefined),
      cost: natCost(a.azCount),
      interfaces: [],
      s3Gateway,
    },
    {
      option: NAT_INSTANCE,
      title: instanceTitle(type),
      eligible: instanceEligible,
      note: natNote ?? instanceNote,
      cost: instanceCost(),
      interfaces: [],
      s3Gateway,
    },
  ];
  const priced: OptionCost[] = options.map(({ cost, title, ...o }) => {
    const missing = [...new Set(cost.lines.flatMap((l) => (l.unknown ? [l.unknown] : [])))];
    return {
      ...o,
      title: title ?? TITLES[o.option as keyof typeof TITLES],
      monthlyUsd: round2(cost.lines.reduce((sum, l) => sum + (l.usd ?? 0), 0)),
      missing,
      fixedUsd: sumOrNull(cost.linear.fixed),
      usdPerGb: sumOrNull(cost.linear.perGb),
      lines: cost.lines,
    };
  });
  return priced.sort(
    (x, y) =>
      Number(y.eligible) - Number(x.eligible) ||
      Number(x.missing.length > 0) - Number(y.missing.length > 0) ||
      x.monthlyUsd - y.monthlyUsd ||
      SIMPLICITY.indexOf(x.option) - SIMPLICITY.indexOf(y.option),
  );
}

/**
 * The monthly volume at which `other` becomes cheaper than `chosen`, or undefined when the two
 * never cross at a positive volume (or a cost is unknown). Both costs are linear in the traffic:
 * fixed + perGb × GB (the interface endpoints' cheaper tiers start beyond 1 PB, past --traffic-gb's range).
 */
export function breakEvenOf(chosen: OptionCost, other: OptionCost): BreakEven | undefined {
  if (chosen.fixedUsd === null || chosen.usdPerGb === null || other.fixedUsd === null || other.usdPerGb === null) return undefined;
  const slope = chosen.usdPerGb - other.usdPerGb;
  if (Math.abs(slope) < 1e-12) return undefined;
  const gb = (other.fixedUsd - chosen.fixedUsd) / slope;
  if (!(gb > 0) || !Number.isFinite(gb)) return undefined;
  return { option: other.option, gbPerMonth: Math.round(gb), when: slope > 0 ? 'above' : 'below' };
}

/** The monthly saving of `cheaper` against `dearer` (USD, ≥ 0), or null when either cost is not wholly known. For next steps and the wizard's screens. */
export function monthlySaving(cheaper: OptionCost, dearer: OptionCost): number | null {
  if (cheaper.missing.length > 0 || dearer.missing.length > 0) return null;
  return round2(Math.max(0, dearer.monthlyUsd - cheaper.monthlyUsd));
}

/** The break-even in words: `VPC endpoints become cheaper above 200 GB a month`. */
export function breakEvenWords(advice: Pick<Advice, 'breakEven' | 'options'>): string | undefined {
  const b = advice.breakEven;
  if (!b) return undefined;
  const title = advice.options.find((o) => o.option === b.option)!.title;
  const plural = /^(VPC endpoints|tasks)/.test(title);
  return `${title.charAt(0).toUpperCase()}${title.slice(1)} become${plural ? '' : 's'} cheaper ${b.when} ${b.gbPerMonth.toLocaleString('en-US')} GB a month`;
}

/** An option's monthly cost in words: `$50.35/month`, or what is unknown and the known part. */
export function costWords(option: Pick<OptionCost, 'monthlyUsd' | 'missing'>, region: string): string {
  if (option.missing.length === 0) return `${money(option.monthlyUsd)}/month`;
  return `unknown in ${region} (no price for ${option.missing.join(', ')}); the known part is ${money(option.monthlyUsd)}/month`;
}

/** Decide the cheapest way out that meets every need, with reasons, routes and the alternatives' costs. */
export function adviseNat(a: AdvisorAnswers, options: { prices?: RegionPrices; offerInstance?: boolean } = {}): Advice {
  const prices = options.prices ?? pricesFor(a.region);
  const costed = costOptions(a, prices, options);
  const best = costed.find((o) => o.eligible) ?? costed.find((o) => o.option === 'per-az')!;
  const recommended = best.option;
  const runnerUp = costed.find((o) => o.eligible && o.option !== recommended)?.option;
  const reasons: string[] = [];
  const routes: NeedRoute[] = [];
  const internetWay = recommended === 'public-subnets' ? 'public IP' : recommended === NAT_INSTANCE ? 'NAT instance' : 'NAT Gateway';

  const needsInternet = a.needs.some((n) => NEEDS[n].internetOnly);
  if (a.needs.length === 0) reasons.push('--needs none: traffic comes in through the ALB and stays inside the VPC (RDS), which needs no way out');
  for (const need of a.needs) {
    const facts = NEEDS[need];
    if (facts.internal) {
      routes.push({ need, way: 'inside the VPC', detail: need === 'dns' ? 'the Amazon-provided resolver answers from private subnets' : 'traffic stays in the VPC' });
      reasons.push(`--needs ${need}: ${facts.words} needs no way out`);
    } else if (recommended === 'endpoints') {
      const ways = endpointWords(facts);
      routes.push({ need, way: facts.interfaces?.length ? 'interface endpoints' : 'S3 gateway endpoint', detail: ways });
      reasons.push(`--needs ${need}: ${facts.words} goes through ${ways}, without NAT`);
    } else {
      routes.push({
        need,
        way: internetWay,
        detail: recommended === 'public-subnets' ? "each task's public IP, through the internet gateway" : `through the ${internetWay} in a public subnet`,
      });
      const through = internetWay === 'public IP' ? 'the public IPs' : `the ${internetWay}`;
      reasons.push(
        facts.internetOnly
          ? `--needs ${need}: ${facts.words} needs the internet, which only a NAT Gateway or a public IP gives`
          : needsInternet
            ? `--needs ${need}: ${facts.words} goes out through ${through} that the other needs require anyway`
            : `--needs ${need}: ${facts.words} goes out through ${through}, cheaper here than its VPC endpoints`,
      );
    }
  }
  if (recommended === 'public-subnets') {
    reasons.push(`--tasks-subnet public: tasks reach the internet through their public IPs and the internet gateway; no NAT Gateway (${best.note})`);
  } else if (recommended === 'single') {
    reasons.push(
      best.missing.length === 0
        ? '--priority cost: one NAT Gateway for the whole VPC is the cheapest NAT; it loses AZ independence and adds cross-AZ data charges'
        : '--priority cost: one NAT Gateway for the whole VPC, the fewest NAT Gateways that serve every AZ; it loses AZ independence and adds cross-AZ data charges',
    );
  } else if (recommended === 'per-az') {
    reasons.push(
      a.priority === 'availability'
        ? '--priority availability: one NAT Gateway per AZ, so that an AZ outage does not cut the others off'
        : 'one NAT Gateway per AZ is the cheapest that meets every need',
    );
  } else if (recommended === NAT_INSTANCE) {
    reasons.push(
      `--priority cost, not production: one NAT instance is the cheapest way out (no per-GB processing charge), for what it gives up: ${natInstanceLimits(a.natInstanceType ?? DEFAULT_NAT_INSTANCE_TYPE)}`,
    );
  } else if (recommended === 'endpoints') {
    reasons.push(`--needs ${a.needs.join(',')}: every need is an AWS service, so VPC endpoints can serve them all without NAT`);
  }
  if ((recommended === 'single' || recommended === 'per-az' || recommended === NAT_INSTANCE) && best.s3Gateway) {
    reasons.push('the S3 gateway endpoint is added: it is free, and keeps image layers and S3 traffic off the NAT per-GB charge');
  }
  const alternative = costed.find((o) => o.option === runnerUp);
  if (alternative && recommended !== 'none') {
    if (best.missing.length === 0 && alternative.missing.length === 0) {
      reasons.push(`--traffic-gb ${a.trafficGb}: at this volume ${best.title} comes to ${money(best.monthlyUsd)}/month, against ${money(alternative.monthlyUsd)}/month for ${alternative.title}`);
    }
  }
  const unknown = costed.filter((o) => o.eligible && o.missing.length > 0);
  if (best.missing.length > 0) {
    reasons.push(`--region ${a.region}: no way out that meets the needs has a known cost here (no price for ${best.missing.join(', ')}); ${best.title} is advised on what it does, not on cost`);
  } else if (unknown.length > 0) {
    reasons.push(`--region ${a.region}: ${unknown.map((o) => `${o.title} (no price for ${o.missing.join(', ')})`).join('; ')} left out of the comparison: its cost is unknown here`);
  }
  const breakEven = alternative && recommended !== 'none' ? breakEvenOf(best, alternative) : undefined;

  const missing = [...new Set(costed.filter((o) => o.eligible).flatMap((o) => o.missing))];
  const derived = (prices.derived ?? []).map((d) => ({ figure: figureWords(d.figure), how: d.how }));
  return {
    recommended,
    reasons,
    routes,
    options: costed,
    runnerUp,
    ...(breakEven ? { breakEven } : {}),
    tutorialDifferences: a.needs.flatMap((n) => (NEEDS[n].tutorialDiffers ? [NEEDS[n].tutorialDiffers!] : [])),
    prices: {
      region: a.region,
      source: prices.source,
      date: PRICE_SOURCE.date,
      currency: PRICE_SOURCE.currency,
      estimated: derived.length > 0,
      derived,
      unverified: (prices.unverified ?? []).map(figureWords),
      missing,
    },
    monthlyUsd: best.monthlyUsd,
    costKnown: best.missing.length === 0,
  };
}

/** Restarts a minute for a day: what a crash-looping task pulls. */
export const CRASH_LOOP_PULLS_PER_DAY = 24 * 60;

/**
 * What an image pull sends through the NAT when the S3 gateway endpoint carries the layers: the
 * ECR token and the image manifest (a few KB each) and the TLS handshakes. An upper estimate.
 */
export const PULL_API_MB = 0.1;

/** The cost of a task that fails and re-pulls its image once a minute for a day, through a NAT. */
export interface CrashLoopCost {
  imageMb: number;
  pullsPerDay: number;
  /** The image's layers pulled in a day: pulls × image size. */
  imageGbPerDay: number;
  /** Which NAT the pulls go out through. */
  through: 'NAT Gateway' | 'NAT instance';
  /** Whether the S3 gateway endpoint (free) carries the image layers, as net-wizard builds it with ecr-pull. */
  layersViaS3Gateway: boolean;
  /** What goes through the NAT in a day, and what it costs (null where the region's per-GB price is unknown). */
  viaNatGbPerDay: number;
  viaNatUsdPerDay: number | null;
  /** What the layers would cost through the NAT without the S3 gateway endpoint. */
  withoutS3GatewayUsdPerDay: number | null;
}

/** The crash-loop figure for ecr-pull through a NAT; undefined when the way out is no NAT or ecr-pull is not needed. */
export function crashLoopCost(
  a: { needs: readonly OutboundNeed[]; imageMb: number },
  egress: EgressOption,
  s3Gateway: boolean,
  p: RegionPrices,
): CrashLoopCost | undefined {
  if (!a.needs.includes('ecr-pull') || !(egress === 'single' || egress === 'per-az' || egress === NAT_INSTANCE)) return undefined;
  const pulls = CRASH_LOOP_PULLS_PER_DAY;
  const imageGb = (pulls * a.imageMb) / 1000;
  // A NAT instance has no per-GB processing charge.
  const perGb = egress === NAT_INSTANCE ? 0 : p.natGb;
  const viaNatGb = s3Gateway ? (pulls * PULL_API_MB) / 1000 : imageGb;
  const usd = (gbs: number) => (perGb === undefined ? null : round2(gbs * perGb));
  return {
    imageMb: a.imageMb,
    pullsPerDay: pulls,
    imageGbPerDay: round2(imageGb),
    through: egress === NAT_INSTANCE ? 'NAT instance' : 'NAT Gateway',
    layersViaS3Gateway: s3Gateway,
    viaNatGbPerDay: round2(viaNatGb),
    viaNatUsdPerDay: usd(viaNatGb),
    withoutS3GatewayUsdPerDay: usd(imageGb),
  };
}

/** The crash-loop figure in words, for the report. */
export function crashLoopWords(c: CrashLoopCost, region: string): string[] {
  const perDay = (n: number | null) => (n === null ? `unknown in ${region} (no price for NAT Gateway per GB processed)` : `${money(n)} a day`);
  const head = `A task that fails and restarts once a minute pulls its image ${c.pullsPerDay.toLocaleString('en-US')} times a day: ${c.pullsPerDay.toLocaleString('en-US')} × ${c.imageMb} MB = ${c.imageGbPerDay.toLocaleString('en-US')} GB (--image-mb ${c.imageMb}).`;
  if (!c.layersViaS3Gateway) return [head, `Through the ${c.through} that is ${perDay(c.withoutS3GatewayUsdPerDay)}.`];
  return [
    head,
    `ECR keeps the image layers in S3, and the free S3 gateway endpoint net-wizard adds with ecr-pull carries them: only the registry's token and manifest calls (about ${PULL_API_MB * 1000} KB a pull) go through the ${c.through}, ${c.viaNatGbPerDay} GB, ${perDay(c.viaNatUsdPerDay)}.`,
    `Without that endpoint the layers would go through the ${c.through} too: ${perDay(c.withoutS3GatewayUsdPerDay)}.`,
  ];
}
