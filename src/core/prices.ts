/**
 * The prices the cost model uses: one place, with their source and date. List prices, USD,
 * before tax and free tiers; they change, so every figure net-wizard shows carries this date and
 * region and is an estimate, never a promise.
 */

/** Unit prices of one region. */
export interface RegionPrices {
  /** NAT Gateway, per gateway-hour. */
  natHour: number;
  /** NAT Gateway, per GB processed. */
  natGb: number;
  /** Public IPv4 address (each NAT EIP, each task public IP), per hour. */
  ipv4Hour: number;
  /** Interface VPC endpoint, per endpoint per AZ per hour. */
  endpointHour: number;
  /** Interface VPC endpoint, per GB processed (first PB tier). */
  endpointGb: number;
  /** Data between AZs in the same region, per GB, each direction. */
  crossAzGb: number;
  /** Which of these figures were not checked against AWS's price list. */
  unverified?: (keyof Omit<RegionPrices, 'unverified'>)[];
}

/** Where the prices come from, and when. */
export const PRICE_SOURCE = {
  source: 'AWS public price lists (Amazon VPC pricing: NAT Gateway, PrivateLink, public IPv4; EC2 data transfer)',
  date: '2025-11',
  currency: 'USD',
} as const;

/** Hours in the month the cost model bills (AWS uses 730). */
export const HOURS_PER_MONTH = 730;

/** Regions with known prices. */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': { natHour: 0.045, natGb: 0.045, ipv4Hour: 0.005, endpointHour: 0.01, endpointGb: 0.01, crossAzGb: 0.01 },
  'ap-northeast-1': { natHour: 0.062, natGb: 0.062, ipv4Hour: 0.005, endpointHour: 0.014, endpointGb: 0.01, crossAzGb: 0.01, unverified: ['endpointHour'] },
};

/** The region whose prices stand in for a region without known prices. */
export const FALLBACK_PRICE_REGION = 'us-east-1';

/** The prices for a region; `fallback` says when another region's stand in (shown to the user, never silent). */
export function pricesFor(region: string): { region: string; prices: RegionPrices; fallback: boolean } {
  const known = REGION_PRICES[region];
  if (known) return { region, prices: known, fallback: false };
  return { region: FALLBACK_PRICE_REGION, prices: REGION_PRICES[FALLBACK_PRICE_REGION]!, fallback: true };
}
