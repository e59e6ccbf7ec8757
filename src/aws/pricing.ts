/**
 * --live-prices: ask the AWS Price List API (GetProducts, served from us-east-1) for the figures
 * the cost model uses in a region. Only the calls live here; reading their answers is
 * src/core/price-list.ts. The SDK is imported on first use.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parsePriceList, usageTypesOf, type LiveFigures } from '../core/price-list.js';
import { NAT_INSTANCE_TYPES, PRICE_FIGURES } from '../core/prices.js';
import { awsClientConfig, sendOptions } from './client.js';

/** Whether the environment holds AWS credentials the SDK's default chain would find (keys, a profile, SSO or web identity, a container role, the shared files). */
export function credentialsPresent(env: NodeJS.ProcessEnv): boolean {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const home = env.HOME ?? homedir();
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')];
  return files.some((f) => existsSync(f));
}

/** The Price List API's figures for a region: one GetProducts call per figure's usage type (and instance type), all pages. */
export async function fetchLivePrices(
  region: string,
  { env = process.env, signal, endpoint }: { env?: NodeJS.ProcessEnv; signal?: AbortSignal; /** A Price List API stand-in (dummy credentials), as --endpoint is for the other services. */ endpoint?: string } = {},
): Promise<LiveFigures> {
  const { PricingClient, GetProductsCommand } = await import('./sdk/pricing.js');
  // The Price List API answers in us-east-1 (and a few other regions) for every region's prices.
  const client = new PricingClient(awsClientConfig({ region: 'us-east-1', env, signal, endpoint, timeouts: { connection: 5_000, request: 20_000 } }));
  const queries: { service: string; usageType: string }[] = [];
  for (const figure of PRICE_FIGURES) {
    // NAT Gateway, data transfer and EBS are EC2's; endpoints and public IPv4 are VPC's.
    const service = figure === 'natHour' || figure === 'natGb' || figure === 'crossAzGb' || figure === 'gp3GbMonth' ? 'AmazonEC2' : 'AmazonVPC';
    for (const usageType of usageTypesOf(region, figure)) queries.push({ service, usageType });
  }
  for (const type of NAT_INSTANCE_TYPES) for (const usageType of usageTypesOf(region, `instance:${type}`)) queries.push({ service: 'AmazonEC2', usageType });
  const priceList: string[] = [];
  try {
    for (const q of queries) {
      let token: string | undefined;
      do {
        const out = await client.send(
          new GetProductsCommand({
            ServiceCode: q.service,
            Filters: [{ Type: 'TERM_MATCH', Field: 'usagetype', Value: q.usageType }],
            FormatVersion: 'aws_v1',
            MaxResults: 100,
            NextToken: token,
          }),
          sendOptions({ signal }),
        );
        priceList.push(...(out.PriceList ?? []).map(String));
        token = out.NextToken;
      } while (token);
    }
  } finally {
    client.destroy();
  }
  return parsePriceList(region, priceList);
}
