import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';

/** The AWS services the stack, its state backend and verification call. */
export const EMULATED_SERVICES = ['ec2', 'sts', 'iam', 's3'] as const;

/** Dummy credentials for a local emulator; never used against AWS. */
export const EMULATOR_CREDENTIALS = { accessKey: 'test', secretKey: 'test' } as const;

export interface ProviderProps {
  region: string;
  /** A local AWS emulator (moto, LocalStack) that receives every call. */
  endpoint?: string;
  /** The account the workdir is bound to: terraform itself then refuses credentials of another. */
  accountId?: string;
}

/**
 * The AWS provider. With an emulator endpoint every service the stack uses is pointed at it with
 * dummy credentials; the account-id request is NOT skipped (skipping it makes referenced SG ids
 * differ and every later plan show a change).
 */
export function awsProvider(scope: Construct, props: ProviderProps): AwsProvider {
  const allowed = props.accountId ? { allowedAccountIds: [props.accountId] } : {};
  if (!props.endpoint) return new AwsProvider(scope, 'aws', { region: props.region, ...allowed });
  const endpoint = props.endpoint;
  return new AwsProvider(scope, 'aws', {
    region: props.region,
    ...allowed,
    ...EMULATOR_CREDENTIALS,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: 'true',
    skipRegionValidation: true,
    s3UsePathStyle: true,
    endpoints: [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, endpoint]))],
  });
}
