/** The AWS SDK's STS client as net-wizard calls it (see ec2.ts): who the credentials are. Import lazily. */
export { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
