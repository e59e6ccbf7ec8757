import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { NetworkConfig } from '../../src/core/config.js';
import { LOCAL_STATE_FILE } from '../../src/core/workdir-record.js';
import { EMULATOR_CREDENTIALS } from './provider.js';

/** The state file of the local backend, relative to the workdir so that the workdir can be moved. */
export const STATE_FILE = LOCAL_STATE_FILE;

/**
 * Where the state is kept. Without a state bucket: the workdir (local backend). With one: S3,
 * encrypted, with S3 native locking (the lock is the object `<key>.tflock`; no DynamoDB table).
 * With an emulator endpoint the backend talks to it alone, path-style, with the same dummy
 * credentials as the provider, so that real credentials never travel to it and a terraform
 * command typed by hand in the workdir (force-unlock) reaches the same place.
 */
export function stateBackend(stack: TerraformStack, config: Pick<NetworkConfig, 'stateBucket' | 'stateKey' | 'stateRegion' | 'region' | 'endpoint'>): void {
  if (!config.stateBucket) {
    new LocalBackend(stack, { path: STATE_FILE });
    return;
  }
  const endpoint = config.endpoint;
  new S3Backend(stack, {
    bucket: config.stateBucket,
    key: config.stateKey ?? 'terraform.tfstate',
    region: config.stateRegion ?? config.region,
    encrypt: true,
    ...(endpoint && {
      ...EMULATOR_CREDENTIALS,
      endpoints: { s3: endpoint, sts: endpoint, iam: endpoint },
      usePathStyle: true,
      skipCredentialsValidation: true,
      skipRegionValidation: true,
      skipMetadataApiCheck: true,
    }),
  });
  // S3 native locking (terraform 1.10+); cdktf 0.21 has no property for it.
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
