/** The AWS SDK's Price List client as net-wizard calls it (see ec2.ts). Import lazily. */
export { PricingClient, GetProductsCommand } from '@aws-sdk/client-pricing';
