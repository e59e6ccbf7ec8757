/**
 * What to do about an AWS error, by its code: one table for the preflight (src/preflight/checks.ts,
 * when STS refuses the credentials or a quota is full) and for the next steps after terraform
 * failed (src/app/next-steps.ts, which finds the codes in terraform's text). Pure.
 */
import { shellQuote } from './shell.js';

/** The kind of failure, for front-ends that group or colour advice. */
export type AdviceKind = 'quota' | 'credentials' | 'permissions' | 'endpoint' | 'throttling' | 'aws' | 'dependency' | 'orphan' | 'lock';

/** What the caller knows beyond the error text. */
export interface AdviceContext {
  /** The AWS profile the credentials come from (AWS_PROFILE), for the login command. */
  profile?: string;
  /** The workdir, for the `force-unlock` command. */
  workdir?: string;
  /** The network's region and emulator endpoint, for the AWS CLI commands (--region, --endpoint-url). */
  region?: string;
  endpoint?: string;
}

/** Where an AWS CLI command must go: the network's region (a placeholder when unknown) and its emulator. */
const awsWhere = (ctx: AdviceContext) => ` --region ${ctx.region ? shellQuote(ctx.region) : '<region>'}${ctx.endpoint ? ` --endpoint-url ${shellQuote(ctx.endpoint)}` : ''}`;

/** The common ending: state is kept, the same command continues. */
export const CONTINUE = 'then run the same command again: the state is kept and it continues where it stopped';

/** A quota, what it is called in Service Quotas, and the ways to room when it is used up. */
export interface Quota {
  name: string;
  /** Service Quotas code. */
  quotaCode: string;
  service: 'ec2' | 'vpc';
  /** The default value and its scope, e.g. 5 and `per region`. */
  byDefault: { value: number; scope: string };
  /** What frees room, besides raising the quota. */
  free: string;
  /** A net-wizard option that needs fewer of them, when there is one. */
  fewer?: string;
}

/** The quotas the network's resources count against, by the EC2 error code AWS answers with when one is used up. */
export const QUOTA_ADVICE = {
  AddressLimitExceeded: {
    name: 'EC2-VPC Elastic IPs',
    quotaCode: 'L-0263D0A3',
    service: 'ec2',
    byDefault: { value: 5, scope: 'per region' },
    free: 'release Elastic IPs nothing uses (aws ec2 describe-addresses: those without an AssociationId)',
    fewer: 'use fewer NAT Gateways (--nat single, or --nat none with VPC endpoints)',
  },
  NatGatewayLimitExceeded: {
    name: 'NAT gateways per Availability Zone',
    quotaCode: 'L-FE5A380F',
    service: 'vpc',
    byDefault: { value: 5, scope: 'per AZ' },
    free: 'delete NAT Gateways nothing routes to in that AZ (pending and deleting ones count too)',
    fewer: 'use fewer NAT Gateways (--nat single, or --nat none with VPC endpoints)',
  },
  VpcLimitExceeded: {
    name: 'VPCs per Region',
    quotaCode: 'L-F678F1CE',
    service: 'vpc',
    byDefault: { value: 5, scope: 'per region' },
    free: 'delete a VPC nothing uses',
  },
  InternetGatewayLimitExceeded: {
    name: 'Internet gateways per Region',
    quotaCode: 'L-A4707A72',
    service: 'vpc',
    byDefault: { value: 5, scope: 'per region' },
    free: 'delete an internet gateway that is attached to no VPC',
  },
  SubnetLimitExceeded: { name: 'Subnets per VPC', quotaCode: 'L-407747CB', service: 'vpc', byDefault: { value: 200, scope: 'per VPC' }, free: 'delete subnets nothing uses', fewer: 'use fewer AZs (--azs)' },
  RouteTableLimitExceeded: { name: 'Route tables per VPC', quotaCode: 'L-589F43AA', service: 'vpc', byDefault: { value: 200, scope: 'per VPC' }, free: 'delete route tables nothing is associated with' },
  RouteLimitExceeded: { name: 'Routes per route table', quotaCode: 'L-93826ACB', service: 'vpc', byDefault: { value: 50, scope: 'per route table' }, free: 'remove routes nothing needs from that table' },
  SecurityGroupLimitExceeded: {
    name: 'VPC security groups per Region',
    quotaCode: 'L-E79EC296',
    service: 'vpc',
    byDefault: { value: 2500, scope: 'per region' },
    free: 'delete security groups nothing uses',
  },
  RulesPerSecurityGroupLimitExceeded: {
    name: 'Inbound or outbound rules per security group',
    quotaCode: 'L-0EA8095F',
    service: 'vpc',
    byDefault: { value: 60, scope: 'each way per group' },
    free: 'remove rules added by hand to the security group',
  },
  NetworkAclLimitExceeded: { name: 'Network ACLs per VPC', quotaCode: 'L-B4A6D682', service: 'vpc', byDefault: { value: 200, scope: 'per VPC' }, free: 'delete network ACLs nothing is associated with' },
  NetworkAclEntryLimitExceeded: {
    name: 'Rules per network ACL',
    quotaCode: 'L-2AEEBF1A',
    service: 'vpc',
    byDefault: { value: 20, scope: 'each way per ACL' },
    free: 'remove entries added by hand to the ACL',
    fewer: 'use --nacl default',
  },
  VpcEndpointLimitExceeded: {
    name: 'Interface VPC endpoints per VPC (gateway endpoints: L-1B52E74A, 20 per region)',
    quotaCode: 'L-29B6F2EB',
    service: 'vpc',
    byDefault: { value: 50, scope: 'per VPC' },
    free: 'delete VPC endpoints nothing uses',
    fewer: 'use a NAT Gateway instead of interface endpoints (--nat single)',
  },
} satisfies Record<string, Quota>;

const login = (ctx: AdviceContext) => (ctx.profile ? `aws sso login --profile ${ctx.profile}` : 'aws sso login --profile <name>');
const whoAmI = (ctx: AdviceContext) => `aws sts get-caller-identity${ctx.profile ? ` --profile ${ctx.profile}` : ''}`;

/** Advice for some AWS error codes (or a condition found in the text), and how to continue. */
export interface AdviceRow {
  kind: AdviceKind;
  /** AWS error codes, matched as whole words. */
  codes?: string[];
  /** Or a pattern of the text; its first group, when there is one, is the condition named. */
  pattern?: RegExp;
  /** The name of a pattern's condition. */
  condition?: string;
  /** After terraform or AWS failed: the fix, ending with how to continue. */
  advise(ctx: AdviceContext, text: string, code: string): string;
  /**
   * Before anything runs, when STS GetCallerIdentity fails with one of these codes (or, for the
   * network conditions, the Node error code): the fix; `{profile}` is ` --profile <name>` or nothing.
   */
  preflight?: Record<string, string>;
}

/** The advice, in the order it is looked for. */
export const AWS_ADVICE: readonly AdviceRow[] = [
  {
    kind: 'credentials',
    codes: ['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired'],
    preflight: { ExpiredToken: 'the session has expired: log in again (aws sso login{profile}, or refresh the temporary keys) and run the same command', ExpiredTokenException: 'the session has expired: log in again (aws sso login{profile}, or refresh the temporary keys) and run the same command' },
    advise: (ctx) => `the credentials' session has expired: log in again (${login(ctx)}) or get fresh temporary keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); ${CONTINUE}.`,
  },
  {
    kind: 'credentials',
    pattern: /(refresh cached SSO token failed|SSO session (?:has )?expired|token has expired and refresh failed|InvalidGrantException)/i,
    condition: 'SSO session expired',
    advise: (ctx) => `the SSO session has expired: log in again (${login(ctx)}); ${CONTINUE}.`,
  },
  {
    kind: 'credentials',
    codes: ['AuthFailure', 'InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'IncompleteSignature'],
    preflight: {
      InvalidClientTokenId: 'AWS does not know this access key: check AWS_ACCESS_KEY_ID / the profile{profile}, or create new keys',
      SignatureDoesNotMatch: 'the secret key does not match the access key: check AWS_SECRET_ACCESS_KEY / the profile{profile}',
      AuthFailure: 'AWS refused the credentials: check the keys or log in again{profile}',
    },
    advise: (ctx) =>
      `AWS refused the credentials: check which ones are used (${whoAmI(ctx)}), then log in again (${login(ctx)}) or fix AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_PROFILE; ${CONTINUE}.`,
  },
  {
    kind: 'credentials',
    codes: ['RequestExpired'],
    preflight: { RequestExpired: "the request's time stamp is off: check the machine's clock, then run again" },
    advise: () => `AWS says the request was signed too long ago: check the machine's clock (it must be within 5 minutes of the real time; timedatectl), or refresh the credentials; ${CONTINUE}.`,
  },
  {
    kind: 'credentials',
    pattern: /(No valid credential sources found|NoCredentialProviders|failed to retrieve credentials)/i,
    condition: 'no credentials',
    preflight: {
      CredentialsProviderError: 'no credentials were found: run aws configure, or aws sso login --profile <name> and set AWS_PROFILE; or try a local emulator with --endpoint',
    },
    advise: (ctx) => `no usable AWS credentials were found: log in (${login(ctx)}, then set AWS_PROFILE) or run aws configure; to try without an account, use --endpoint with a local emulator; ${CONTINUE}.`,
  },
  {
    kind: 'permissions',
    codes: ['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'UnauthorizedAccess', 'AuthorizationError'],
    preflight: { AccessDenied: 'the credentials may not call STS GetCallerIdentity: use a principal that can (every principal can, unless an SCP forbids it)' },
    advise: (_ctx, text) => {
      const action = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(text)?.[1];
      const encoded = /Encoded authorization failure message/i.test(text);
      return (
        `the credentials work but may not ${action ? `call ${action}` : 'do this'}: ask for ${action ?? 'the permission'} to be granted (an identity policy, a permissions boundary or an SCP denies it)` +
        `${encoded ? '; aws sts decode-authorization-message --encoded-message <the message> shows which statement denied it' : ''}; ${CONTINUE}.`
      );
    },
  },
  {
    kind: 'permissions',
    codes: ['OptInRequired'],
    advise: () => `the account is not enabled for this service or region: turn the region on (AWS console, Account, AWS Regions) or choose another --region; ${CONTINUE}.`,
  },
  {
    kind: 'throttling',
    codes: ['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown'],
    advise: () => `AWS throttled the calls even after the provider's retries (something else in the account is calling the API hard): wait a minute; ${CONTINUE}.`,
  },
  {
    kind: 'aws',
    codes: ['InsufficientFreeAddressesInSubnet'],
    advise: () => `a subnet has no free IP address left for the NAT Gateway or endpoint: free addresses in it (network interfaces nothing uses), or use a larger --vpc-cidr; ${CONTINUE}.`,
  },
  {
    kind: 'orphan',
    codes: ['Resource.AlreadyAssociated'],
    advise: (ctx, text) => {
      const m = /^\s*(aws_nat_gateway\.[a-z0-9_]+): .*Resource ([0-9a-f.:]+) is already associated/m.exec(text);
      const address = m?.[1] ?? 'aws_nat_gateway.<name>';
      const ip = m?.[2] ?? '<public IP>';
      return (
        `a NAT Gateway made by an earlier run whose answer was lost (the endpoint went away after AWS acted) holds the Elastic IP ${ip} but is not in the state: ` +
        `find it (aws ec2 describe-nat-gateways --filter Name=state,Values=pending,available${awsWhere(ctx)}: the one with ${ip}), then adopt it with ` +
        `terraform${ctx.workdir ? ` ${shellQuote(`-chdir=${ctx.workdir}`)}` : ''} import ${address} <nat-id>${ctx.workdir ? '' : ' in the workdir'}, or delete it (aws ec2 delete-nat-gateway --nat-gateway-id <nat-id>${awsWhere(ctx)}, and wait until it is deleted); ${CONTINUE}.`
      );
    },
  },
  {
    kind: 'dependency',
    codes: ['DependencyViolation'],
    advise: () =>
      `something outside this network still uses the resource (a network interface, an instance, a load balancer, an endpoint): remove it or move it elsewhere (aws ec2 describe-network-interfaces --filters Name=vpc-id,Values=<vpc>); ${CONTINUE}.`,
  },
  {
    kind: 'aws',
    codes: ['InternalError', 'InternalFailure', 'ServiceUnavailable', 'Unavailable'],
    advise: () => `AWS had a passing failure of its own: wait a minute; ${CONTINUE}.`,
  },
  {
    kind: 'lock',
    pattern: /(Error acquiring the state lock)/,
    condition: 'state lock held',
    advise: (ctx, text) => {
      const id = /^\s*ID:\s+(\S+)/m.exec(text)?.[1];
      const who = /^\s*Who:\s+(\S+)/m.exec(text)?.[1];
      const unlock = `terraform${ctx.workdir ? ` ${shellQuote(`-chdir=${ctx.workdir}`)}` : ''} force-unlock ${id ?? '<lock ID>'}`;
      return (
        `another run holds the state lock${who ? ` (${who})` : ''}: wait for it to finish, then run the same command again. ` +
        `Only if that run is gone for good (killed, its machine lost), release the lock with ${unlock}${ctx.workdir ? '' : ' in the workdir'}; net-wizard never unlocks by itself.`
      );
    },
  },
  {
    kind: 'endpoint',
    pattern: /(connection refused|ECONNREFUSED)/,
    condition: 'connection refused',
    preflight: { ECONNREFUSED: 'nothing answers there: start the emulator, or check --endpoint' },
    advise: (_ctx, text) => `nothing answers at ${where(text)}: if it is a local emulator (--endpoint), start it again or fix the URL; otherwise check the network, VPN or HTTPS proxy; ${CONTINUE}.`,
  },
  {
    kind: 'endpoint',
    pattern: /(no such host|ENOTFOUND|EAI_AGAIN)/,
    condition: 'host not found',
    preflight: { ENOTFOUND: 'the host name does not resolve: check the network, or --endpoint' },
    advise: (_ctx, text) => `the host name of ${where(text)} does not resolve: check the network and DNS (or the --endpoint URL); ${CONTINUE}.`,
  },
  {
    kind: 'endpoint',
    pattern: /(i\/o timeout|context deadline exceeded|Client\.Timeout exceeded|TLS handshake timeout|ETIMEDOUT|TimeoutError)/,
    condition: 'timeout',
    preflight: { TimeoutError: 'AWS did not answer in time: check the network (a proxy or VPN?), or --endpoint, and run again' },
    advise: (_ctx, text) => `${where(text)} did not answer in time: check the network, VPN or HTTPS proxy (or that the emulator behind --endpoint is running); ${CONTINUE}.`,
  },
  {
    kind: 'endpoint',
    pattern: /(connection reset by peer|ECONNRESET|socket hang up|: EOF\b)/,
    condition: 'connection dropped',
    advise: (_ctx, text) => `the connection to ${where(text)} was dropped mid-call: check the network, VPN or HTTPS proxy (or that the emulator behind --endpoint is still running); ${CONTINUE}.`,
  },
];

/** The endpoint a Go HTTP error names (`Post "https://ec2.ap-northeast-1.amazonaws.com/": …`), as its origin. */
function where(text: string): string {
  const url = /\b(?:Post|Get|Put|Delete|Head|Patch) "([^"]+)"/.exec(text)?.[1];
  if (url) {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  }
  return /\bdial tcp (\S+?):? /.exec(text)?.[1] ?? 'the AWS endpoint';
}

/** The preflight's fix for an STS GetCallerIdentity failure with this code, when the table has one (`{profile}` still in it). */
export function preflightFix(code: string): string | undefined {
  return PREFLIGHT_FIXES.get(code);
}

const PREFLIGHT_FIXES = new Map(AWS_ADVICE.flatMap((row) => Object.entries(row.preflight ?? {})));
