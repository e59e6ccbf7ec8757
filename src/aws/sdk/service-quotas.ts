/** The AWS SDK's Service Quotas client as net-wizard calls it (see ec2.ts): the preflight's quotas. Import lazily. */
export { ServiceQuotasClient, GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
