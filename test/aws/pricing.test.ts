/**
 * The --live-prices edge against a local stand-in of the Price List API (the awsJson1_1
 * protocol GetProducts speaks: POST, X-Amz-Target AWSPriceListService.GetProducts), answering
 * with PriceList entries shaped as AWS documents them: which calls it makes, that it follows
 * NextToken, and the figures it brings back.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsPresent, fetchLivePrices } from '../../src/aws/pricing.js';

const product = (usagetype: string, usd: string, attributes: Record<string, string> = {}) =>
  JSON.stringify({
    product: { productFamily: 'NAT Gateway', attributes: { usagetype, regionCode: 'ap-northeast-1', ...attributes }, sku: 'ABC' },
    terms: { OnDemand: { 'ABC.JRTCKXETXF': { priceDimensions: { 'ABC.JRTCKXETXF.6YS6EN2CT7': { unit: 'Hrs', beginRange: '0', endRange: 'Inf', pricePerUnit: { USD: usd } } } } } },
  });

const ANSWERS: Record<string, string[][]> = {
  // Two pages: the edge must follow NextToken.
  'APN1-NatGateway-Hours': [[product('APN1-NatGateway-Hours', '0.0650000000', { operation: 'NatGateway' })], []],
  'APN1-NatGateway-Bytes': [[product('APN1-NatGateway-Bytes', '0.0620000000')]],
  'APN1-VpcEndpoint-Hours': [[product('APN1-VpcEndpoint-Hours', '0.0140000000')]],
  'APN1-BoxUsage:t4g.nano': [[product('APN1-BoxUsage:t4g.nano', '0.0054000000', { operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', licenseModel: 'No License required' })]],
};

let server: Server;
let url = '';
const calls: { target: string; service: string; usagetype: string; token?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const input = JSON.parse(body) as { ServiceCode: string; Filters: { Field: string; Value: string }[]; NextToken?: string };
      const usagetype = input.Filters.find((f) => f.Field === 'usagetype')!.Value;
      calls.push({ target: String(req.headers['x-amz-target']), service: input.ServiceCode, usagetype, token: input.NextToken });
      const pages = ANSWERS[usagetype] ?? [[]];
      const page = input.NextToken ? Number(input.NextToken) : 0;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ FormatVersion: 'aws_v1', PriceList: pages[page], ...(page + 1 < pages.length ? { NextToken: String(page + 1) } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  url = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fetchLivePrices', () => {
  it("asks GetProducts for each figure's usage type, of EC2 or VPC, follows the pages and reads the figures", async () => {
    const live = await fetchLivePrices('ap-northeast-1', { endpoint: url, env: {} });
    expect(live.figures).toEqual({ natHour: 0.065, natGb: 0.062, endpointHour: 0.014, 'instance:t4g.nano': 0.0054 });
    expect(calls.every((c) => c.target === 'AWSPriceListService.GetProducts')).toBe(true);
    expect(calls.filter((c) => c.usagetype === 'APN1-NatGateway-Hours').map((c) => [c.service, c.token])).toEqual([
      ['AmazonEC2', undefined],
      ['AmazonEC2', '1'],
    ]);
    expect(calls.find((c) => c.usagetype === 'APN1-VpcEndpoint-Hours')!.service).toBe('AmazonVPC');
    expect(calls.find((c) => c.usagetype === 'APN1-PublicIPv4:InUseAddress')!.service).toBe('AmazonVPC');
    expect(calls.find((c) => c.usagetype === 'APN1-DataTransfer-Regional-Bytes')!.service).toBe('AmazonEC2');
    expect(calls.map((c) => c.usagetype)).toEqual(expect.arrayContaining(['APN1-BoxUsage:t4g.micro', 'APN1-BoxUsage:t4g.small']));
  });
});

describe('credentialsPresent', () => {
  it('finds keys, a profile or the shared files, and nothing in an empty home', async () => {
    const home = await mkdtemp(join(tmpdir(), 'nw-home-'));
    expect(credentialsPresent({ HOME: home })).toBe(false);
    expect(credentialsPresent({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' })).toBe(true);
    expect(credentialsPresent({ HOME: home, AWS_PROFILE: 'dev' })).toBe(true);
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), '[default]\nregion = ap-northeast-1\n');
    expect(credentialsPresent({ HOME: home })).toBe(true);
  });
});
