/**
 * The NAT advisor: from what the app's tasks must reach, where they run and how much AZ
 * independence matters, the cheapest way out that still works, with its monthly cost, the
 * alternatives' costs, and a reason for every choice that names the answer behind it. Pure.
 */
import { NAT_TOPOLOGY_WORDS, type EgressOption } from './nat-modes.js';
import { HOURS_PER_MONTH, PRICE_SOURCE, pricesFor, type RegionPrices } from './prices.js';

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
}

/** One line of a cost estimate. */
export interface CostLine {
  item: string;
  quantity: number;
  unit: string;
  unitUsd: number;
  usd: number;
}

/** One option, what it costs a month, and whether it can meet the needs. */
export interface OptionCost {
  option: EgressOption;
  title: string;
  /** false when it cannot meet a need, or the answers rule it out. */
  eligible: boolean;
  /** Why it is not eligible, or what it costs besides money. */
  note?: string;
  monthlyUsd: number;
  lines: CostLine[];
  interfaces: InterfaceService[];
  s3Gateway: boolean;
}

/** How one need is met by the recommendation. */
export interface NeedRoute {
  need: OutboundNeed;
  way: 'inside the VPC' | 'S3 gateway endpoint' | 'interface endpoints' | 'NAT Gateway' | 'public IP';
  detail: string;
}

/** The advisor's answer. */
export interface Advice {
  recommended: EgressOption;
  /** Each reason starts with the answer that caused it, e.g. `--needs external-api: …`. */
  reasons: string[];
  routes: NeedRoute[];
  /** Every option, cheapest eligible first. */
  options: OptionCost[];
  /** The cheapest other eligible option. */
  runnerUp?: EgressOption;
  /** Where the tutorial's table differs from the facts, for the needs given. */
  tutorialDifferences: string[];
  prices: { region: string; fallback: boolean; source: string; date: string; currency: string; unverified: string[] };
  monthlyUsd: number;
}

const TITLES: Record<EgressOption, string> = {
  none: 'no way out (VPC-internal only)',
  endpoints: 'VPC endpoints',
  'public-subnets': 'tasks in public subnets with public IPs',
  single: NAT_TOPOLOGY_WORDS.single,
  'per-az': NAT_TOPOLOGY_WORDS['per-az'],
};

/** Simpler first, when two options cost the same. */
const SIMPLICITY: EgressOption[] = ['none', 'endpoints', 'single', 'per-az', 'public-subnets'];

const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (n: number) => `$${n.toFixed(2)}`;

function line(item: string, quantity: number, unit: string, unitUsd: number): CostLine {
  return { item, quantity, unit, unitUsd, usd: round2(quantity * unitUsd) };
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

/** The monthly cost of each option for these answers (exported for the cost table). */
export function costOptions(a: AdvisorAnswers, p: RegionPrices): OptionCost[] {
  const internetOnly = a.needs.filter((n) => NEEDS[n].internetOnly);
  const outbound = a.needs.filter((n) => !NEEDS[n].internal);
  const { interfaces, s3Gateway } = endpointsFor(a.needs);
  const gb = a.trafficGb;
  const natCost = (count: number): CostLine[] => {
    const lines = [
      line('NAT Gateway hours', count * HOURS_PER_MONTH, 'gateway-hour', p.natHour),
      line('NAT Elastic IP (public IPv4) hours', count * HOURS_PER_MONTH, 'address-hour', p.ipv4Hour),
      line('NAT data processed', gb, 'GB', p.natGb),
    ];
    // With one NAT, traffic from the other AZs crosses AZs, billed in each direction.
    if (count === 1 && a.azCount > 1) lines.push(line('cross-AZ data to the NAT', round2((gb * (a.azCount - 1)) / a.azCount), 'GB', p.crossAzGb * 2));
    return lines;
  };
  const natOptions = (count: number): Pick<OptionCost, 'lines' | 'interfaces' | 's3Gateway'> => ({
    lines: natCost(count),
    interfaces: [],
    // The S3 gateway endpoint is free and keeps image layers and S3 traffic off the NAT's per-GB charge.
    s3Gateway,
  });
  const options: Omit<OptionCost, 'monthlyUsd' | 'title'>[] = [
    {
      option: 'none',
      eligible: outbound.length === 0,
      note: outbound.length === 0 ? undefined : `cannot reach: ${outbound.map((n) => NEEDS[n].words).join(', ')}`,
      lines: [],
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
      lines: [
        line(`interface endpoint hours (${interfaces.length} × ${a.azCount} AZ)`, interfaces.length * a.azCount * HOURS_PER_MONTH, 'endpoint-AZ-hour', p.endpointHour),
        ...(interfaces.length > 0 ? [line('interface endpoint data processed', gb, 'GB', p.endpointGb)] : []),
        ...(s3Gateway ? [line('S3 gateway endpoint', 1, 'endpoint', 0)] : []),
      ],
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
      lines: [line('task public IPv4 hours', a.tasks * HOURS_PER_MONTH, 'address-hour', p.ipv4Hour)],
      interfaces: [],
      s3Gateway: false,
    },
    {
      option: 'single',
      eligible: a.tasksSubnet === 'private' && outbound.length > 0 && a.priority === 'cost',
      note:
        outbound.length === 0
          ? 'nothing needs a way out'
          : a.priority === 'availability'
            ? 'loses AZ independence: an outage of its AZ cuts every AZ off (--priority availability rules it out)'
            : 'loses AZ independence: an outage of its AZ cuts every AZ off',
      ...natOptions(1),
    },
    {
      option: 'per-az',
      eligible: a.tasksSubnet === 'private' && outbound.length > 0,
      note: outbound.length === 0 ? 'nothing needs a way out' : a.tasksSubnet === 'public' ? 'the tasks in public subnets do not use it' : undefined,
      ...natOptions(a.azCount),
    },
  ];
  const priced = options.map((o) => ({ ...o, title: TITLES[o.option], monthlyUsd: round2(o.lines.reduce((sum, l) => sum + l.usd, 0)) }));
  return priced.sort(
    (x, y) => Number(y.eligible) - Number(x.eligible) || x.monthlyUsd - y.monthlyUsd || SIMPLICITY.indexOf(x.option) - SIMPLICITY.indexOf(y.option),
  );
}

/** Decide the cheapest way out that meets every need, with reasons, routes and the alternatives' costs. */
export function adviseNat(a: AdvisorAnswers): Advice {
  const { prices, region, fallback } = pricesFor(a.region);
  const options = costOptions(a, prices);
  const best = options.find((o) => o.eligible) ?? options.find((o) => o.option === 'per-az')!;
  const recommended = best.option;
  const runnerUp = options.find((o) => o.eligible && o.option !== recommended)?.option;
  const reasons: string[] = [];
  const routes: NeedRoute[] = [];
  const internetWay = recommended === 'public-subnets' ? 'public IP' : 'NAT Gateway';

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
      routes.push({ need, way: internetWay, detail: recommended === 'public-subnets' ? "each task's public IP, through the internet gateway" : 'through the NAT Gateway in a public subnet' });
      const through = internetWay === 'NAT Gateway' ? 'the NAT Gateway' : 'the public IPs';
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
    reasons.push('--priority cost: one NAT Gateway for the whole VPC is the cheapest NAT; it loses AZ independence and adds cross-AZ data charges');
  } else if (recommended === 'per-az') {
    reasons.push(
      a.priority === 'availability'
        ? '--priority availability: one NAT Gateway per AZ, so that an AZ outage does not cut the others off'
        : 'one NAT Gateway per AZ is the cheapest that meets every need',
    );
  } else if (recommended === 'endpoints') {
    reasons.push(`--needs ${a.needs.join(',')}: every need is an AWS service, so VPC endpoints can serve them all without NAT`);
  }
  if ((recommended === 'single' || recommended === 'per-az') && best.s3Gateway) {
    reasons.push('the S3 gateway endpoint is added: it is free, and keeps image layers and S3 traffic off the NAT per-GB charge');
  }
  const alternative = options.find((o) => o.option === runnerUp);
  if (alternative && recommended !== 'none') {
    reasons.push(`--traffic-gb ${a.trafficGb}: at this volume ${best.title} comes to ${money(best.monthlyUsd)}/month, against ${money(alternative.monthlyUsd)}/month for ${alternative.title}`);
  }
  if (fallback) reasons.push(`--region ${a.region}: no prices known for this region; the costs are ${region}'s`);

  return {
    recommended,
    reasons,
    routes,
    options,
    runnerUp,
    tutorialDifferences: a.needs.flatMap((n) => (NEEDS[n].tutorialDiffers ? [NEEDS[n].tutorialDiffers!] : [])),
    prices: { region, fallback, ...PRICE_SOURCE, unverified: prices.unverified ?? [] },
    monthlyUsd: best.monthlyUsd,
  };
}
