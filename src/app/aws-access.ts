/** Whether AWS can be reached at all from here, and if not, what the user should do. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * undefined when an emulator endpoint is set or credentials are likely configured (environment,
 * profile, shared files, container or web-identity credentials); otherwise the next steps.
 * It does not call AWS: whether the credentials work is checked before the plan.
 */
export function missingAwsAccess(endpoint: string | undefined, env: NodeJS.ProcessEnv): string[] | undefined {
  if (endpoint) return undefined;
  const home = env.HOME ?? homedir();
  const configured =
    !!env.AWS_ACCESS_KEY_ID ||
    !!env.AWS_PROFILE ||
    !!env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    !!env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    !!env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    existsSync(env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')) ||
    existsSync(env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'));
  if (configured) return undefined;
  return [
    'No AWS credentials were found (AWS_ACCESS_KEY_ID, AWS_PROFILE, ~/.aws/credentials), so nothing was planned or applied.',
    'With an AWS account: run `aws configure` (or `aws sso login --profile <name>` and set AWS_PROFILE), then run net-wizard again.',
    "Without one, try it on a local emulator: `npx net-wizard --demo` starts moto here and stops it at the end (to get moto: pip install 'moto[server]'); or run moto or LocalStack yourself and pass `--endpoint http://127.0.0.1:<port>`.",
  ];
}
