/**
 * Reading the AWS Price List API's GetProducts answers: PriceList is an array of JSON strings,
 * each a product with product.attributes and terms.OnDemand.<offer>.priceDimensions.<rate>.
 * pricePerUnit.USD (the shape AWS documents for GetProducts and the bulk price list files).
 */
import { describe, expect, it } from 'vitest';
import { parsePriceList, priceDifferences, usageTypesOf, withLivePrices } from '../../src/core/price-list.js';
import { adviseNat } from '../../src/core/nat-advisor.js';
import { pricesFor } from '../../src/core/prices.js';

/** One GetProducts PriceList entry, as AWS sends it: a JSON string. */
function entry(usagetype: string, usd: string, more: { attributes?: Record<string, string>; productFamily?: string; unit?: string; tiers?: [string, string, string][] } = {}): string {
  const dimensions = Object.fromEntries(
    (more.tiers ?? [['0', 'Inf', usd]]).map(([begin, end, price], i) => [
      `SKU0000000.JRTCKXETXF.6YS6EN2CT${i}`,
      { unit: more.unit ?? 'Hrs', endRange: end, description: `$${price} per ${more.unit ?? 'Hrs'}`, appliesTo: [], rateCode: `SKU0000000.JRTCKXETXF.6YS6EN2CT${i}`, beginRange: begin, pricePerUnit: { USD: price } },
    ]),
  );
  return JSON.stringify({
    product: { productFamily: more.productFamily ?? 'NAT Gateway', attributes: { usagetype, locationType: 'AWS Region', servicecode: 'AmazonEC2', ...more.attributes }, sku: 'SKU0000000' },
    serviceCode: 'AmazonEC2',
    terms: { OnDemand: { 'SKU0000000.JRTCKXETXF': { priceDimensions: dimensions, sku: 'SKU0000000', effectiveDate: '2025-10-01T00:00:00Z', offerTermCode: 'JRTCKXETXF', termAttributes: {} } } },
    version: '20251001000000',
    publicationDate: '2025-10-01T00:00:00Z',
  });
}

const linux = { operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', licenseModel: 'No License required' };

describe('usage types per region', () => {
  it.each([
    ['ap-northeast-1', 'natHour', ['APN1-NatGateway-Hours']],
    ['eu-west-1', 'natGb', ['EU-NatGateway-Bytes']],
    ['ap-south-1', 'endpointHour', ['APS3-VpcEndpoint-Hours']],
    ['us-east-1', 'natHour', ['NatGateway-Hours', 'USE1-NatGateway-Hours']],
    ['sa-east-1', 'instance:t4g.nano', ['SAE1-BoxUsage:t4g.nano']],
  ] as const)('%s %s → %j', (region, figure, types) => {
    expect(usageTypesOf(region, figure)).toEqual(types);
  });
});

describe('parsePriceList', () => {
  const tokyo = [
    entry('APN1-NatGateway-Hours', '0.0620000000', { attributes: { regionCode: 'ap-northeast-1', operation: 'NatGateway' } }),
    entry('APN1-NatGateway-Bytes', '0.0620000000', { unit: 'GB', attributes: { regionCode: 'ap-northeast-1', operation: 'NatGateway' } }),
    // The regional NAT Gateway and provisioned bandwidth rows are other products.
    entry('APN1-RegionalNatGateway-Hours', '0.0700000000', { attributes: { regionCode: 'ap-northeast-1' } }),
    entry('APN1-NatGateway-Prvd-Gbps', '1.0000000000', { attributes: { regionCode: 'ap-northeast-1' } }),
    entry('APN1-VpcEndpoint-Hours', '0.0140000000', { productFamily: 'VpcEndpoint', attributes: { regionCode: 'ap-northeast-1' } }),
    entry('APN1-VpcEndpoint-Bytes', '', {
      productFamily: 'VpcEndpoint',
      unit: 'GB',
      attributes: { regionCode: 'ap-northeast-1' },
      tiers: [['5242880', 'Inf', '0.0040000000'], ['0', '1048576', '0.0100000000'], ['1048576', '5242880', '0.0060000000']],
    }),
    entry('APN1-PublicIPv4:InUseAddress', '0.0050000000', { productFamily: 'IP Address', attributes: { regionCode: 'ap-northeast-1' } }),
    entry('APN1-DataTransfer-Regional-Bytes', '0.0100000000', { productFamily: 'Data Transfer', unit: 'GB', attributes: { fromRegionCode: 'ap-northeast-1' } }),
    entry('APN1-BoxUsage:t4g.nano', '0.0054000000', { productFamily: 'Compute Instance', attributes: { regionCode: 'ap-northeast-1', instanceType: 't4g.nano', ...linux } }),
    // The same type with Windows, or dedicated: not the price of a NAT instance.
    entry('APN1-BoxUsage:t4g.nano', '0.0100000000', { productFamily: 'Compute Instance', attributes: { regionCode: 'ap-northeast-1', instanceType: 't4g.nano', ...linux, operatingSystem: 'Windows' } }),
    entry('APN1-BoxUsage:t4g.micro', '0.0108000000', { productFamily: 'Compute Instance', attributes: { regionCode: 'ap-northeast-1', instanceType: 't4g.micro', ...linux, tenancy: 'Dedicated' } }),
    entry('APN1-BoxUsage:t4g.micro', '0.0108000000', { productFamily: 'Compute Instance', attributes: { regionCode: 'ap-northeast-1', instanceType: 't4g.micro', ...linux } }),
  ];

  it('finds every figure of the region and its usage type, the first tier of a tiered price', () => {
    const live = parsePriceList('ap-northeast-1', tokyo);
    expect(live.figures).toEqual({
      natHour: 0.062,
      natGb: 0.062,
      endpointHour: 0.014,
      endpointGb: 0.01,
      ipv4Hour: 0.005,
      crossAzGb: 0.01,
      'instance:t4g.nano': 0.0054,
      'instance:t4g.micro': 0.0108,
    });
    expect(live.usageTypes.natHour).toBe('APN1-NatGateway-Hours');
    expect(live.unreadable).toBe(0);
  });

  it("ignores another region's products and counts what it cannot read", () => {
    const live = parsePriceList('eu-west-1', [...tokyo, entry('EU-NatGateway-Hours', '0.0480000000', { attributes: { regionCode: 'eu-west-1' } }), 'not json', entry('EU-NatGateway-Bytes', 'n/a')]);
    expect(live.figures).toEqual({ natHour: 0.048 });
    expect(live.unreadable).toBe(2);
  });

  it('us-east-1 writes NAT usage types without a prefix', () => {
    expect(parsePriceList('us-east-1', [entry('NatGateway-Hours', '0.0450000000', { attributes: { regionCode: 'us-east-1' } })]).figures).toEqual({ natHour: 0.045 });
  });
});

describe('live prices against the table', () => {
  it('says which figures differ, and which the table did not have', () => {
    const live = parsePriceList('eu-south-2', [
      entry('EUS2-NatGateway-Hours', '0.0500000000', { attributes: { regionCode: 'eu-south-2' } }),
      entry('EUS2-PublicIPv4:InUseAddress', '0.0050000000', { attributes: { regionCode: 'eu-south-2' } }),
    ]);
    expect(priceDifferences(live, pricesFor('eu-south-2'))).toEqual([{ figure: 'NAT Gateway per hour', usageType: 'EUS2-NatGateway-Hours', table: null, live: 0.05 }]);
    const changed = parsePriceList('ap-northeast-1', [entry('APN1-NatGateway-Hours', '0.0650000000', { attributes: { regionCode: 'ap-northeast-1' } })]);
    expect(priceDifferences(changed, pricesFor('ap-northeast-1'))).toEqual([{ figure: 'NAT Gateway per hour', usageType: 'APN1-NatGateway-Hours', table: 0.062, live: 0.065 }]);
  });

  it('the advice then prices with them: a region without a table figure gets a known cost', () => {
    const live = parsePriceList('me-central-1', [
      entry('MEC1-NatGateway-Hours', '0.0600000000', { attributes: { regionCode: 'me-central-1' } }),
      entry('MEC1-NatGateway-Bytes', '0.0600000000', { attributes: { regionCode: 'me-central-1' } }),
      entry('MEC1-DataTransfer-Regional-Bytes', '0.0100000000'),
    ]);
    const prices = withLivePrices(pricesFor('me-central-1'), live, '2026-12-03');
    const advice = adviseNat({ needs: ['external-api'], tasksSubnet: 'private', priority: 'cost', trafficGb: 20, tasks: 2, region: 'me-central-1', azCount: 2 }, { prices });
    expect(advice.costKnown).toBe(true);
    expect(advice.monthlyUsd).toBeCloseTo(730 * 0.06 + 730 * 0.005 + 20 * 0.06 + 10 * 0.02, 2); // 43.80 + 3.65 + 1.20 + 0.20
    expect(advice.prices.source).toMatch(/^AWS Price List API \(GetProducts\), read 2026-12-03, for 3 figures/);
  });
});
