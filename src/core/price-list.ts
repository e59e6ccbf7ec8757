/**
 * The AWS Price List API's answers, read: GetProducts returns `PriceList`, an array of JSON
 * strings, each one product with `product.attributes` (usagetype, regionCode, instanceType, …)
 * and `terms.OnDemand.<offer>.priceDimensions.<rate>.pricePerUnit.USD` (the AWS bulk price list
 * files have the same product and terms shapes). This module finds the figures the cost model
 * uses in them and says where they differ from the table. Pure: the call itself is src/aws/pricing.ts.
 */
import { figureOf, figureWords, NAT_INSTANCE_TYPES, PRICE_FIGURES, USAGE_TYPE_PREFIX, type NatInstanceType, type PriceFigure, type RegionPrices } from './prices.js';

/** One product of a price list, as much of it as is read here. */
interface PriceListProduct {
  product?: { productFamily?: string; attributes?: Record<string, string | undefined> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; beginRange?: string; pricePerUnit?: { USD?: string } }> }> };
}

/** A figure, by the name the table gives it. */
export type FigureName = PriceFigure | `instance:${NatInstanceType}`;

/** The figures found in a price list for a region, and the products it could not read. */
export interface LiveFigures {
  region: string;
  figures: Partial<Record<FigureName, number>>;
  /** The usage type each figure came from (`APN1-NatGateway-Hours`), for the output. */
  usageTypes: Partial<Record<FigureName, string>>;
  /** Entries that were not JSON or had no on-demand USD price. */
  unreadable: number;
}

/** The usage types (after the region's prefix) of each figure the cost model uses. */
const USAGE: Readonly<Record<PriceFigure, string>> = {
  natHour: 'NatGateway-Hours',
  natGb: 'NatGateway-Bytes',
  ipv4Hour: 'PublicIPv4:InUseAddress',
  endpointHour: 'VpcEndpoint-Hours',
  endpointGb: 'VpcEndpoint-Bytes',
  crossAzGb: 'DataTransfer-Regional-Bytes',
  gp3GbMonth: 'EBS:VolumeUsage.gp3',
};

/** The usage type a figure has in a region: `APN1-NatGateway-Hours`; us-east-1 writes some without a prefix. */
export function usageTypesOf(region: string, figure: FigureName): string[] {
  const prefix = USAGE_TYPE_PREFIX[region];
  if (prefix === undefined) return [];
  const suffix = figure.startsWith('instance:') ? `BoxUsage:${figure.slice('instance:'.length)}` : USAGE[figure as PriceFigure];
  return prefix === '' ? [suffix, `USE1-${suffix}`] : [`${prefix}-${suffix}`];
}

/** The on-demand USD price of a product: the first tier's (beginRange 0) when it has several. */
function onDemandUsd(p: PriceListProduct): number | undefined {
  const dimensions = Object.values(p.terms?.OnDemand ?? {}).flatMap((offer) => Object.values(offer.priceDimensions ?? {}));
  const first = dimensions.find((d) => d.beginRange === undefined || d.beginRange === '0') ?? dimensions[0];
  const usd = first?.pricePerUnit?.USD;
  if (usd === undefined || !/^\d+(\.\d+)?$/.test(usd)) return undefined;
  return Number(usd);
}

/** Whether an EC2 instance product is the plain on-demand Linux one (not Windows, dedicated, reserved capacity or with SQL). */
function plainLinux(attributes: Record<string, string | undefined>): boolean {
  const is = (key: string, value: string) => attributes[key] === undefined || attributes[key] === value;
  return is('operatingSystem', 'Linux') && is('tenancy', 'Shared') && is('preInstalledSw', 'NA') && is('capacitystatus', 'Used') && is('licenseModel', 'No License required');
}

/** Read the figures of `region` out of GetProducts' PriceList entries (from any of its calls). */
export function parsePriceList(region: string, priceList: readonly (string | object)[]): LiveFigures {
  const byUsage = new Map<string, FigureName>();
  const names: FigureName[] = [...PRICE_FIGURES, ...NAT_INSTANCE_TYPES.map((t) => `instance:${t}` as const)];
  for (const name of names) for (const usage of usageTypesOf(region, name)) byUsage.set(usage, name);
  const out: LiveFigures = { region, figures: {}, usageTypes: {}, unreadable: 0 };
  for (const entry of priceList) {
    let p: PriceListProduct;
    try {
      p = (typeof entry === 'string' ? JSON.parse(entry) : entry) as PriceListProduct;
    } catch {
      out.unreadable += 1;
      continue;
    }
    const attributes = p.product?.attributes ?? {};
    const usage = attributes.usagetype;
    const name = usage === undefined ? undefined : byUsage.get(usage);
    if (name === undefined) continue;
    if (attributes.regionCode !== undefined && attributes.regionCode !== region) continue;
    if (name.startsWith('instance:') && !plainLinux(attributes)) continue;
    const usd = onDemandUsd(p);
    if (usd === undefined) {
      out.unreadable += 1;
      continue;
    }
    if (out.figures[name] === undefined) {
      out.figures[name] = usd;
      out.usageTypes[name] = usage;
    }
  }
  return out;
}

/** One figure where the price list and the table disagree (or the table had none). */
export interface PriceDifference {
  figure: string;
  usageType: string;
  table: number | null;
  live: number;
}

/** The figures that differ between the live price list and the table (beyond rounding). */
export function priceDifferences(live: LiveFigures, table: RegionPrices): PriceDifference[] {
  return (Object.keys(live.figures) as FigureName[]).flatMap((name) => {
    const now = live.figures[name]!;
    const known = figureOf(table, name);
    if (known !== undefined && Math.abs(known - now) < 1e-9) return [];
    return [{ figure: figureWords(name), usageType: live.usageTypes[name]!, table: known ?? null, live: now }];
  });
}

/** The region's prices with the live figures over the table's; what the price list left out stays as the table has it. */
export function withLivePrices(table: RegionPrices, live: LiveFigures, date: string): RegionPrices {
  const f = live.figures;
  const found = Object.keys(f) as FigureName[];
  const instanceHour = { ...table.instanceHour };
  for (const t of NAT_INSTANCE_TYPES) if (f[`instance:${t}`] !== undefined) instanceHour[t] = f[`instance:${t}`]!;
  const plain = Object.fromEntries(PRICE_FIGURES.flatMap((k) => (f[k] === undefined ? [] : [[k, f[k]]])));
  return {
    ...table,
    ...plain,
    instanceHour,
    source: `AWS Price List API (GetProducts), read ${date}, for ${found.length} figure${found.length === 1 ? '' : 's'}${found.length < PRICE_FIGURES.length + NAT_INSTANCE_TYPES.length ? `; the others: ${table.source}` : ''}`,
    // What the price list gave is checked now; the rest keeps its marks.
    unverified: (table.unverified ?? []).filter((u) => !found.includes(u as FigureName)),
    derived: (table.derived ?? []).filter((d) => !found.includes(d.figure as FigureName)),
  };
}
