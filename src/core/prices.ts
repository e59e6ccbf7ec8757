/**
 * The prices the cost model uses: one place, with their source and date. List prices, USD,
 * before tax and free tiers; they change, so every figure net-wizard shows carries this date and
 * region and is an estimate, never a promise.
 *
 * A figure net-wizard could not find for a region is left out (undefined), never borrowed from
 * another region: the advice then names it as unknown instead of showing a total as if known.
 * `--live-prices` asks the AWS Price List API for the region's figures (src/aws/pricing.ts).
 */

/** The unit prices the cost model uses, by name. */
export const PRICE_FIGURES = ['natHour', 'natGb', 'ipv4Hour', 'endpointHour', 'endpointGb', 'crossAzGb', 'gp3GbMonth'] as const;
/** One unit price of a region. */
export type PriceFigure = (typeof PRICE_FIGURES)[number];

/** Each figure in words, for the output ("NAT Gateway per hour is unknown in me-central-1"). */
export const FIGURE_WORDS: Readonly<Record<PriceFigure | `instance:${string}`, string>> = {
  natHour: 'NAT Gateway per hour',
  natGb: 'NAT Gateway per GB processed',
  ipv4Hour: 'public IPv4 address per hour',
  endpointHour: 'interface endpoint per AZ-hour',
  endpointGb: 'interface endpoint per GB processed',
  crossAzGb: 'data between AZs per GB',
  gp3GbMonth: 'EBS gp3 per GB-month',
};

/** The NAT instance types priced (arm64, burstable): the fck-nat pattern's usual sizes. */
export const NAT_INSTANCE_TYPES = ['t4g.nano', 't4g.micro', 't4g.small'] as const;
export type NatInstanceType = (typeof NAT_INSTANCE_TYPES)[number];

/** The root volume a NAT instance is priced with: Amazon Linux 2023's 8 GB, gp3. */
export const NAT_INSTANCE_ROOT_GB = 8;

/** The NAT instance type priced when none is asked for. */
export const DEFAULT_NAT_INSTANCE_TYPE: NatInstanceType = 't4g.nano';

/**
 * What limits a NAT instance: the network bandwidth it keeps up without burst credits, and the
 * burst ceiling (Amazon EC2 instance types, general purpose, network specifications: baseline
 * 0.032 / 0.064 / 0.128 Gbps, "up to 5 Gigabit").
 */
export const NAT_INSTANCE_SPECS: Readonly<Record<NatInstanceType, { baselineGbps: number; burstGbps: number; memoryGib: number }>> = {
  't4g.nano': { baselineGbps: 0.032, burstGbps: 5, memoryGib: 0.5 },
  't4g.micro': { baselineGbps: 0.064, burstGbps: 5, memoryGib: 1 },
  't4g.small': { baselineGbps: 0.128, burstGbps: 5, memoryGib: 2 },
};

/** Unit prices of one region; a figure absent is unknown for that region. */
export interface RegionPrices {
  /** NAT Gateway, per gateway-hour. */
  natHour?: number;
  /** NAT Gateway, per GB processed. */
  natGb?: number;
  /** Public IPv4 address (each NAT EIP, each task public IP), per hour. */
  ipv4Hour?: number;
  /** Interface VPC endpoint, per endpoint per AZ per hour. */
  endpointHour?: number;
  /** Interface VPC endpoint, per GB processed, first tier (ENDPOINT_GB_TIERS gives the others). */
  endpointGb?: number;
  /** Data between AZs in the same region, per GB, each direction. */
  crossAzGb?: number;
  /** EBS gp3 storage per GB-month (a NAT instance's root volume). */
  gp3GbMonth?: number;
  /** NAT instance types, on-demand Linux, per hour. */
  instanceHour?: Partial<Record<NatInstanceType, number>>;
  /** Where this region's figures come from. */
  source: string;
  /** Figures read from a source that is not AWS's price list itself (a blog, a bill, a tool's table), or recalled from AWS's pricing page without a copy at hand. */
  unverified?: (PriceFigure | `instance:${NatInstanceType}`)[];
  /** Figures derived by a rule rather than read for this region, and how. */
  derived?: { figure: PriceFigure | `instance:${NatInstanceType}`; how: string }[];
}

/** Where the prices come from, and when. */
export const PRICE_SOURCE = {
  source: 'AWS public price lists (Amazon VPC pricing: NAT Gateway, PrivateLink, public IPv4; EC2 on-demand and data transfer), per region as noted in src/core/prices.ts',
  date: '2025-11',
  currency: 'USD',
} as const;

/** Hours in the month the cost model bills (AWS uses 730). */
export const HOURS_PER_MONTH = 730;

/**
 * Interface endpoint data processing tiers, on the total processed by all interface endpoints of
 * a region in a month (AWS PrivateLink pricing: first 1 PB $0.01, next 4 PB $0.006, over 5 PB
 * $0.004, as a multiple of the first tier). --traffic-gb stops at 1,000,000 GB, inside the first.
 */
export const ENDPOINT_GB_TIERS: readonly { upToGb: number; ofFirstTier: number }[] = [
  { upToGb: 1024 ** 2, ofFirstTier: 1 },
  { upToGb: 5 * 1024 ** 2, ofFirstTier: 0.6 },
  { upToGb: Infinity, ofFirstTier: 0.4 },
];

/** The cost of `gb` through interface endpoints in a month, tier by tier. */
export function endpointDataUsd(gb: number, firstTierUsd: number): number {
  let left = gb;
  let from = 0;
  let usd = 0;
  for (const tier of ENDPOINT_GB_TIERS) {
    const inTier = Math.max(0, Math.min(left, tier.upToGb - from));
    usd += inTier * firstTierUsd * tier.ofFirstTier;
    left -= inTier;
    from = tier.upToGb;
    if (left <= 0) break;
  }
  return usd;
}

// Public IPv4: AWS charges $0.005 per address-hour for every public IPv4 address since
// 2024-02-01, in every commercial region (AWS News Blog, "New – AWS Public IPv4 Address Charge",
// 2023-07-28; Amazon VPC pricing, "Public IPv4 address" tab).
const IPV4 = 0.005;
// AWS NAT Gateway's per-GB processing price equals its per-hour price in every region whose two
// figures net-wizard has read (us-east-1, us-east-2, eu-west-1, ap-northeast-1, ap-southeast-1).
const NAT_GB_IS_NAT_HOUR = 'the per-GB price equals the per-hour price in every region where both are listed';
// Data between AZs: $0.01/GB in each direction (EC2 on-demand pricing, "Data transfer within
// the same AWS Region"), the figure for every region net-wizard has read it for.
const CROSS_AZ = 0.01;
const CROSS_AZ_RULE = 'AWS lists $0.01/GB in each direction between AZs for the regions read; not read for this one';
const FIRST_TIER = 0.01;
const T4G_US = { 't4g.nano': 0.0042, 't4g.micro': 0.0084, 't4g.small': 0.0168 };

/** A region none of whose NAT, endpoint or instance figures net-wizard could find. */
function unknownRegion(name: string): RegionPrices {
  return {
    ipv4Hour: IPV4,
    source: `${name}: only the public IPv4 charge (the same in every region) is known; NAT Gateway, interface endpoint, cross-AZ and instance prices were not found offline — use --live-prices`,
  };
}

/**
 * The table, by region. Each entry says where its figures come from. "AWS pricing page as of
 * 2025-11" marks figures recalled from Amazon VPC / EC2 pricing pages without a copy in the
 * sources available offline: they are listed as unverified, and --live-prices checks them.
 */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = withCrossAz({
  // NAT: $0.045/h and $0.045/GB (AWS Pricing API capture, SKU M2YSHUBETB3JX4M4, effective
  // 2025-10-01; fck-nat README). PrivateLink: $0.01 per endpoint-AZ-hour, $0.01/GB first PB
  // (aws.amazon.com/privatelink/pricing). Cross-AZ $0.01/GB each way. t4g.nano $0.0042,
  // t4g.micro $0.0084, t4g.small $0.0168 (fck-nat README; EC2 on-demand pricing).
  // gp3 $0.08/GB-month (a cost tool's us-east-1 EBS table; fck-nat: "gp3: $0.64" a month for its 8 GB).
  'us-east-1': { natHour: 0.045, natGb: 0.045, ipv4Hour: IPV4, endpointHour: 0.01, endpointGb: FIRST_TIER, crossAzGb: CROSS_AZ, gp3GbMonth: 0.08, instanceHour: T4G_US, source: 'AWS Price List API capture 2025-10 (NAT), aws.amazon.com/privatelink/pricing, EC2 on-demand and EBS pricing' },
  // NAT: $0.045/h and /GB "in us-east-1 (N. Virginia) and us-east-2 (Ohio)" (rajesh.medampudi.com,
  // "AWS NAT Gateway Pricing: The Hidden Tax"; cloudburn.io NAT Gateway pricing guide, Ohio example).
  'us-east-2': {
    natHour: 0.045, natGb: 0.045, ipv4Hour: IPV4, endpointHour: 0.01, endpointGb: FIRST_TIER, gp3GbMonth: 0.08, instanceHour: T4G_US,
    source: 'NAT: rajesh.medampudi.com and cloudburn.io (2026); endpoint, t4g and gp3: AWS pricing page as of 2025-11',
    unverified: ['gp3GbMonth', 'endpointHour', 'endpointGb', 'instance:t4g.nano', 'instance:t4g.micro', 'instance:t4g.small'],
  },
  // NAT hourly $0.045 (a FinOps tool's us-west-2 table); t4g $0.0042/$0.0084/$0.0168 ("us-west-2
  // on-demand list prices, Linux" in a cost tool's table).
  'us-west-2': {
    natHour: 0.045, natGb: 0.045, ipv4Hour: IPV4, endpointHour: 0.01, endpointGb: FIRST_TIER, crossAzGb: CROSS_AZ, gp3GbMonth: 0.08, instanceHour: T4G_US,
    source: 'NAT hourly and t4g: cost tools\' us-west-2 tables; endpoint and gp3: AWS pricing page as of 2025-11',
    unverified: ['gp3GbMonth', 'natHour', 'endpointHour', 'endpointGb', 'instance:t4g.nano', 'instance:t4g.micro', 'instance:t4g.small'],
    derived: [{ figure: 'natGb', how: NAT_GB_IS_NAT_HOUR }, { figure: 'crossAzGb', how: CROSS_AZ_RULE }],
  },
  'us-west-1': {
    natHour: 0.048, natGb: 0.048, ipv4Hour: IPV4, endpointHour: 0.011, endpointGb: FIRST_TIER,
    source: 'NAT and endpoint: AWS pricing page as of 2025-11',
    unverified: ['natHour', 'natGb', 'endpointHour', 'endpointGb'],
  },
  // "Canada (Central) ~$0.05 ~$0.05" (cloudpipelines.pages.dev, AWS NAT Gateway pricing 2026).
  'ca-central-1': {
    natHour: 0.05, natGb: 0.05, ipv4Hour: IPV4, endpointHour: 0.011, endpointGb: FIRST_TIER,
    source: 'NAT: cloudpipelines.pages.dev (2026); endpoint: AWS pricing page as of 2025-11',
    unverified: ['natHour', 'natGb', 'endpointHour', 'endpointGb'],
  },
  // NAT: EU-NatGateway-Hours $0.048/Hrs, EU-NatGateway-Bytes $0.048/GB, copied verbatim from the
  // AWS bulk price list pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/20260925174521/
  // eu-west-1/index.json (publication 2026-09-25). Endpoint $0.011: a billing export's
  // EU-VpcEndpoint-Hours/EU-NatGateway-Hours ratio (0.01012/0.04416) × $0.048 = $0.011.
  'eu-west-1': {
    natHour: 0.048, natGb: 0.048, ipv4Hour: IPV4, endpointHour: 0.011, endpointGb: FIRST_TIER, crossAzGb: CROSS_AZ,
    gp3GbMonth: 0.088, instanceHour: { 't4g.nano': 0.0046, 't4g.micro': 0.0092, 't4g.small': 0.0184 },
    source: 'NAT: AWS bulk price list AmazonEC2 eu-west-1, publication 2026-09-25; endpoint, t4g and gp3: AWS pricing page as of 2025-11',
    unverified: ['gp3GbMonth', 'endpointHour', 'endpointGb', 'instance:t4g.nano', 'instance:t4g.micro', 'instance:t4g.small'],
    derived: [{ figure: 'crossAzGb', how: CROSS_AZ_RULE }],
  },
  'eu-west-2': {
    natHour: 0.05, natGb: 0.05, ipv4Hour: IPV4, endpointHour: 0.011, endpointGb: FIRST_TIER,
    source: 'NAT and endpoint: AWS pricing page as of 2025-11 (within the "Europe ~$0.048–$0.052" of cloudpipelines.pages.dev)',
    unverified: ['natHour', 'natGb', 'endpointHour', 'endpointGb'],
  },
  'eu-west-3': { natHour: 0.05, natGb: 0.05, ipv4Hour: IPV4, source: 'NAT: AWS pricing page as of 2025-11', unverified: ['natHour', 'natGb'] },
  'eu-central-1': {
    natHour: 0.052, natGb: 0.052, ipv4Hour: IPV4, endpointHour: 0.012, endpointGb: FIRST_TIER,
    gp3GbMonth: 0.0952, instanceHour: { 't4g.nano': 0.0048, 't4g.micro': 0.0096, 't4g.small': 0.0192 },
    source: 'NAT, endpoint, t4g and gp3: AWS pricing page as of 2025-11 (NAT within the "Europe ~$0.048–$0.052" of cloudpipelines.pages.dev)',
    unverified: ['gp3GbMonth', 'natHour', 'natGb', 'endpointHour', 'endpointGb', 'instance:t4g.nano', 'instance:t4g.micro', 'instance:t4g.small'],
  },
  'eu-north-1': { natHour: 0.046, natGb: 0.046, ipv4Hour: IPV4, source: 'NAT: AWS pricing page as of 2025-11', unverified: ['natHour', 'natGb'] },
  // NAT $0.062/h and /GB (APN1-NatGateway-Hours, APN1-NatGateway-Bytes), endpoint $0.014 per
  // hour (APN1-VpcEndpoint-Hours), $0.01/GB first PB, public IPv4 $0.005
  // (APN1-PublicIPv4:InUseAddress): a cost estimate that read the AWS Price List API on 2026-09-25.
  'ap-northeast-1': {
    natHour: 0.062, natGb: 0.062, ipv4Hour: IPV4, endpointHour: 0.014, endpointGb: FIRST_TIER, crossAzGb: CROSS_AZ,
    gp3GbMonth: 0.096, instanceHour: { 't4g.nano': 0.0054, 't4g.micro': 0.0108, 't4g.small': 0.0216 },
    source: 'NAT, endpoint, IPv4: AWS Price List API usage types APN1-* as read 2026-09-25; t4g and gp3: AWS pricing page as of 2025-11',
    unverified: ['gp3GbMonth', 'instance:t4g.nano', 'instance:t4g.micro', 'instance:t4g.small'],
    derived: [{ figure: 'crossAzGb', how: CROSS_AZ_RULE }],
  },
  'ap-northeast-2': { natHour: 0.059, natGb: 0.059, ipv4Hour: IPV4, source: 'NAT: AWS pricing page as of 2025-11', unverified: ['natHour', 'natGb'] },
  'ap-northeast-3': { natHour: 0.062, natGb: 0.062, ipv4Hour: IPV4, source: 'NAT: AWS pricing page as of 2025-11', unverified: ['natHour', 'natGb'] },
  // NAT "ap-southeast-1 (Singapore) is $0.059/hr and $0.059/GB" (basavytix.com, AWS NAT Gateway pricing).
  'ap-southeast-1': {
    natHour: 0.059, natGb: 0.059, ipv4Hour: IPV4, endpointHour: 0.013, endpointGb: FIRST_TIER, crossAzGb: CROSS_AZ,
    gp3GbMonth: 0.096, instanceHour: { 't4g.nano': 0.0053, 't4g.micro': 0.0106, 't4g.small': 0.0212 },
    source: 'NAT: basavytix.com (2026); endpoint, t4g and gp3: AWS pricing page as of 2025-11',
    unverified: ['gp3GbMonth', 'natHour', 'natGb', 'endpointHour', 'endpointGb', 'instance:t4g.nano', 'instance:t4g.micro', 'instance:t4g.small'],
    derived: [{ figure: 'crossAzGb', how: CROSS_AZ_RULE }],
  },
  'ap-southeast-2': {
    natHour: 0.059, natGb: 0.059, ipv4Hour: IPV4, endpointHour: 0.013, endpointGb: FIRST_TIER,
    source: 'NAT and endpoint: AWS pricing page as of 2025-11',
    unverified: ['natHour', 'natGb', 'endpointHour', 'endpointGb'],
  },
  // NAT hourly $0.056 (a FinOps tool's region table); t4g $0.0045/$0.009/$0.018 (a cost tool's
  // "hourly on-demand Linux instance prices" for ap-south-1).
  'ap-south-1': {
    natHour: 0.056, natGb: 0.056, ipv4Hour: IPV4, gp3GbMonth: 0.0912, instanceHour: { 't4g.nano': 0.0045, 't4g.micro': 0.009, 't4g.small': 0.018 },
    source: "NAT hourly, t4g and gp3: cost tools' ap-south-1 tables",
    unverified: ['gp3GbMonth', 'natHour', 'instance:t4g.nano', 'instance:t4g.micro', 'instance:t4g.small'],
    derived: [{ figure: 'natGb', how: NAT_GB_IS_NAT_HOUR }],
  },
  'ap-east-1': { natHour: 0.065, natGb: 0.065, ipv4Hour: IPV4, source: 'NAT: AWS pricing page as of 2025-11', unverified: ['natHour', 'natGb'] },
  // NAT hourly $0.093 (a FinOps tool's region table).
  'sa-east-1': {
    natHour: 0.093, natGb: 0.093, ipv4Hour: IPV4,
    source: "NAT hourly: a cost tool's region table",
    unverified: ['natHour'],
    derived: [{ figure: 'natGb', how: NAT_GB_IS_NAT_HOUR }],
  },
  'ca-west-1': unknownRegion('ca-west-1'),
  'mx-central-1': unknownRegion('mx-central-1'),
  'eu-central-2': unknownRegion('eu-central-2'),
  'eu-south-1': unknownRegion('eu-south-1'),
  'eu-south-2': unknownRegion('eu-south-2'),
  'ap-southeast-3': unknownRegion('ap-southeast-3'),
  'ap-southeast-4': unknownRegion('ap-southeast-4'),
  'ap-southeast-5': unknownRegion('ap-southeast-5'),
  'ap-southeast-7': unknownRegion('ap-southeast-7'),
  'ap-south-2': unknownRegion('ap-south-2'),
  'ap-east-2': unknownRegion('ap-east-2'),
  'me-south-1': unknownRegion('me-south-1'),
  'me-central-1': unknownRegion('me-central-1'),
  'il-central-1': unknownRegion('il-central-1'),
  'af-south-1': unknownRegion('af-south-1'),
});

/** Where the NAT Gateway's price is known but the cross-AZ one was not read, the usual $0.01 stands in, marked as derived. */
function withCrossAz(table: Record<string, RegionPrices>): Record<string, RegionPrices> {
  return Object.fromEntries(
    Object.entries(table).map(([region, p]) =>
      p.natHour === undefined || p.crossAzGb !== undefined ? [region, p] : [region, { ...p, crossAzGb: CROSS_AZ, derived: [...(p.derived ?? []), { figure: 'crossAzGb' as const, how: CROSS_AZ_RULE }] }],
    ),
  );
}

/** The prices of a region: its own figures only; a region not in the table has none but the public IPv4 charge. */
export function pricesFor(region: string): RegionPrices {
  return REGION_PRICES[region] ?? unknownRegion(region);
}

/** A figure of a region, by name (an instance type as `instance:t4g.nano`). */
export function figureOf(p: RegionPrices, figure: PriceFigure | `instance:${string}`): number | undefined {
  if (figure.startsWith('instance:')) return p.instanceHour?.[figure.slice('instance:'.length) as NatInstanceType];
  return p[figure as PriceFigure];
}

/** A figure in words: `NAT Gateway per hour`, `t4g.nano per hour`. */
export function figureWords(figure: PriceFigure | `instance:${string}`): string {
  return figure.startsWith('instance:') ? `${figure.slice('instance:'.length)} instance per hour` : FIGURE_WORDS[figure as PriceFigure];
}

/**
 * The AWS usage-type prefix of each region (`APN1-NatGateway-Hours` in ap-northeast-1; none for
 * NAT in us-east-1), as the price list writes them; the Price List API parser matches on them.
 */
export const USAGE_TYPE_PREFIX: Readonly<Record<string, string>> = {
  'us-east-1': '', 'us-east-2': 'USE2', 'us-west-1': 'USW1', 'us-west-2': 'USW2', 'ca-central-1': 'CAN1', 'ca-west-1': 'CAN2',
  'mx-central-1': 'MXC1', 'sa-east-1': 'SAE1', 'eu-west-1': 'EU', 'eu-west-2': 'EUW2', 'eu-west-3': 'EUW3', 'eu-central-1': 'EUC1',
  'eu-central-2': 'EUC2', 'eu-north-1': 'EUN1', 'eu-south-1': 'EUS1', 'eu-south-2': 'EUS2', 'il-central-1': 'ILC1', 'me-central-1': 'MEC1',
  'me-south-1': 'MES1', 'af-south-1': 'AFS1', 'ap-east-1': 'APE1', 'ap-east-2': 'APE2', 'ap-northeast-1': 'APN1', 'ap-northeast-2': 'APN2',
  'ap-northeast-3': 'APN3', 'ap-south-1': 'APS3', 'ap-south-2': 'APS5', 'ap-southeast-1': 'APS1', 'ap-southeast-2': 'APS2',
  'ap-southeast-3': 'APS4', 'ap-southeast-4': 'APS6', 'ap-southeast-5': 'APS7', 'ap-southeast-7': 'APS9',
};
