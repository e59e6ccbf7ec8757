/**
 * What the user does next after terraform or AWS failed: read from the error text (the AWS error
 * code terraform's provider quotes, `api error AddressLimitExceeded: …`, or the network failure
 * Go reports, `dial tcp …: connect: connection refused`), and answered with the fix and how to
 * continue. Pure: text in, advice out; it never hides or rewrites the error itself.
 */
import { shellQuote } from '../core/shell.js';

/** The kind of failure, for front-ends that group or colour advice. */
export type NextStepKind = 'quota' | 'credentials' | 'permissions' | 'endpoint' | 'throttling' | 'aws' | 'dependency' | 'orphan' | 'lock';

/** One piece of advice. */
export interface NextStep {
  /** The AWS error code or the condition found in the text, e.g. `AddressLimitExceeded`, `connection refused`. */
  code: string;
  kind: NextStepKind;
  /** What to do, ending with how to continue. */
  text: string;
}

/** What the caller knows beyond the error text. */
export interface NextStepContext {
  /** The AWS profile the credentials come from (AWS_PROFILE), for the login command. */
  profile?: string;
  /** The workdir, for the `force-unlock` command. */
  workdir?: string;
  /** The network's region and emulator endpoint, for the AWS CLI commands (--region, --endpoint-url). */
  region?: string;
  endpoint?: string;
}

/** Where an AWS CLI command must go: the network's region (a placeholder when unknown) and its emulator. */
const awsWhere = (ctx: NextStepContext) => ` --region ${ctx.region ? shellQuote(ctx.region) : '<region>'}${ctx.endpoint ? ` --endpoint-url ${shellQuote(ctx.endpoint)}` : ''}`;

/** The common ending: state is kept, the same command continues. */
export const CONTINUE = 'then run the same command again: the state is kept and it continues where it stopped';

interface Quota {
  name: string;
  /** Service Quotas code. */
  quotaCode: string;
  service: 'ec2' | 'vpc';
  /** The default value and its scope, e.g. `5 per region`. */
  byDefault: string;
  /** What frees room, besides raising the quota. */
  free: string;
  /** A net-wizard option that needs fewer of them, when there is one. */
  fewer?: string;
}

/** EC2 error codes of the quotas the network's resources count against. */
export const QUOTA_ERRORS: Record<string, Quota> = {
  AddressLimitExceeded: {
    name: 'EC2-VPC Elastic IPs',
    quotaCode: 'L-0263D0A3',
    service: 'ec2',
    byDefault: '5 per region',
    free: 'release Elastic IPs nothing uses (aws ec2 describe-addresses: those without an AssociationId)',
    fewer: 'use fewer NAT Gateways (--nat single, or --nat none with VPC endpoints)',
  },
  NatGatewayLimitExceeded: {
    name: 'NAT gateways per Availability Zone',
    quotaCode: 'L-FE5A380F',
    service: 'vpc',
    byDefault: '5 per AZ',
    free: 'delete NAT Gateways nothing routes to in that AZ (pending and deleting ones count too)',
    fewer: 'use fewer NAT Gateways (--nat single, or --nat none with VPC endpoints)',
  },
  VpcLimitExceeded: {
    name: 'VPCs per Region',
    quotaCode: 'L-F678F1CE',
    service: 'vpc',
    byDefault: '5 per region',
    free: 'delete a VPC nothing uses',
  },
  InternetGatewayLimitExceeded: {
    name: 'Internet gateways per Region',
    quotaCode: 'L-A4707A72',
    service: 'vpc',
    byDefault: '5 per region',
    free: 'delete an internet gateway that is attached to no VPC',
  },
  SubnetLimitExceeded: { name: 'Subnets per VPC', quotaCode: 'L-407747CB', service: 'vpc', byDefault: '200 per VPC', free: 'delete subnets nothing uses', fewer: 'use fewer AZs (--azs)' },
  RouteTableLimitExceeded: { name: 'Route tables per VPC', quotaCode: 'L-589F43AA', service: 'vpc', byDefault: '200 per VPC', free: 'delete route tables nothing is associated with' },
  RouteLimitExceeded: { name: 'Routes per route table', quotaCode: 'L-93826ACB', service: 'vpc', byDefault: '50 per route table', free: 'remove routes nothing needs from that table' },
  SecurityGroupLimitExceeded: {
    name: 'VPC security groups per Region',
    quotaCode: 'L-E79EC296',
    service: 'vpc',
    byDefault: '2500 per region',
    free: 'delete security groups nothing uses',
  },
  RulesPerSecurityGroupLimitExceeded: {
    name: 'Inbound or outbound rules per security group',
    quotaCode: 'L-0EA8095F',
    service: 'vpc',
    byDefault: '60 each way per group',
    free: 'remove rules added by hand to the security group',
  },
  NetworkAclLimitExceeded: { name: 'Network ACLs per VPC', quotaCode: 'L-B4A6D682', service: 'vpc', byDefault: '200 per VPC', free: 'delete network ACLs nothing is associated with' },
  NetworkAclEntryLimitExceeded: {
    name: 'Rules per network ACL',
    quotaCode: 'L-2AEEBF1A',
    service: 'vpc',
    byDefault: '20 each way per ACL',
    free: 'remove entries added by hand to the ACL',
    fewer: 'use --nacl default',
  },
  VpcEndpointLimitExceeded: {
    name: 'Interface VPC endpoints per VPC (gateway endpoints: L-1B52E74A, 20 per region)',
    quotaCode: 'L-29B6F2EB',
    service: 'vpc',
    byDefault: '50 per VPC',
    free: 'delete VPC endpoints nothing uses',
    fewer: 'use a NAT Gateway instead of interface endpoints (--nat single)',
  },
};

function quotaStep(code: string, q: Quota): NextStep {
  const increase = `request an increase in Service Quotas (aws service-quotas request-service-quota-increase --service-code ${q.service} --quota-code ${q.quotaCode} --desired-value <n>)`;
  const ways = [q.free, increase, ...(q.fewer ? [q.fewer] : [])];
  return {
    code,
    kind: 'quota',
    text: `the quota "${q.name}" (${q.quotaCode}, default ${q.byDefault}) is used up: ${ways.slice(0, -1).join(', or ')}, or ${ways.at(-1)}; ${CONTINUE}.`,
  };
}

const login = (ctx: NextStepContext) => (ctx.profile ? `aws sso login --profile ${ctx.profile}` : 'aws sso login --profile <name>');
const whoAmI = (ctx: NextStepContext) => `aws sts get-caller-identity${ctx.profile ? ` --profile ${ctx.profile}` : ''}`;

interface Rule {
  kind: NextStepKind;
  /** AWS error codes, matched as whole words. */
  codes?: string[];
  /** Or a pattern of the text; its first group, when there is one, is the condition named. */
  pattern?: RegExp;
  /** The name of a pattern's condition. */
  condition?: string;
  advise(ctx: NextStepContext, text: string, code: string): string;
}

const RULES: Rule[] = [
  {
    kind: 'credentials',
    codes: ['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired'],
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
    advise: (ctx) =>
      `AWS refused the credentials: check which ones are used (${whoAmI(ctx)}), then log in again (${login(ctx)}) or fix AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_PROFILE; ${CONTINUE}.`,
  },
  {
    kind: 'credentials',
    codes: ['RequestExpired'],
    advise: () => `AWS says the request was signed too long ago: check the machine's clock (it must be within 5 minutes of the real time; timedatectl), or refresh the credentials; ${CONTINUE}.`,
  },
  {
    kind: 'credentials',
    pattern: /(No valid credential sources found|NoCredentialProviders|failed to retrieve credentials)/i,
    condition: 'no credentials',
    advise: (ctx) => `no usable AWS credentials were found: log in (${login(ctx)}, then set AWS_PROFILE) or run aws configure; to try without an account, use --endpoint with a local emulator; ${CONTINUE}.`,
  },
  {
    kind: 'permissions',
    codes: ['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'UnauthorizedAccess', 'AuthorizationError'],
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
    advise: (_ctx, text) => `nothing answers at ${where(text)}: if it is a local emulator (--endpoint), start it again or fix the URL; otherwise check the network, VPN or HTTPS proxy; ${CONTINUE}.`,
  },
  {
    kind: 'endpoint',
    pattern: /(no such host|ENOTFOUND|EAI_AGAIN)/,
    condition: 'host not found',
    advise: (_ctx, text) => `the host name of ${where(text)} does not resolve: check the network and DNS (or the --endpoint URL); ${CONTINUE}.`,
  },
  {
    kind: 'endpoint',
    pattern: /(i\/o timeout|context deadline exceeded|Client\.Timeout exceeded|TLS handshake timeout|ETIMEDOUT|TimeoutError)/,
    condition: 'timeout',
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

function wordAt(text: string, word: string): number {
  const m = new RegExp(`(?<![A-Za-z0-9.])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`).exec(text);
  return m ? m.index : -1;
}

/**
 * The next steps for an error text, in the order their causes appear in it, one per cause.
 * Empty when nothing in the text is recognized (then terraform's own text must speak for itself).
 */
export function nextSteps(errorText: string, context: NextStepContext = {}): NextStep[] {
  const found: { at: number; step: NextStep }[] = [];
  for (const [code, quota] of Object.entries(QUOTA_ERRORS)) {
    const at = wordAt(errorText, code);
    if (at >= 0) found.push({ at, step: quotaStep(code, quota) });
  }
  // Any other quota AWS names, e.g. a new one: the generic way out.
  const known = new Set(Object.keys(QUOTA_ERRORS));
  for (const m of errorText.matchAll(/(?<![A-Za-z0-9])([A-Z][A-Za-z]*LimitExceeded)(?![A-Za-z0-9])/g)) {
    const code = m[1]!;
    if (known.has(code) || code === 'RequestLimitExceeded' || found.some((f) => f.step.code === code)) continue;
    found.push({
      at: m.index,
      step: { code, kind: 'quota', text: `an AWS quota is used up: find it in Service Quotas (the console lists each quota with its code) and request an increase, or remove what uses it; ${CONTINUE}.` },
    });
  }
  for (const rule of RULES) {
    let at = -1;
    let code = '';
    for (const c of rule.codes ?? []) {
      const i = wordAt(errorText, c);
      if (i >= 0 && (at < 0 || i < at)) [at, code] = [i, c];
    }
    if (rule.pattern) {
      const m = rule.pattern.exec(errorText);
      if (m && (at < 0 || m.index < at)) [at, code] = [m.index, rule.condition ?? m[1] ?? m[0]];
    }
    if (at >= 0) found.push({ at, step: { code, kind: rule.kind, text: rule.advise(context, errorText, code) } });
  }
  // One piece of advice per kind of credentials / endpoint failure is enough: the first one found.
  const sorted = found.sort((a, b) => a.at - b.at).map((f) => f.step);
  const seenKinds = new Set<NextStepKind>();
  return sorted.filter((s) => {
    if (s.kind !== 'credentials' && s.kind !== 'endpoint') return true;
    if (seenKinds.has(s.kind)) return false;
    seenKinds.add(s.kind);
    return true;
  });
}

/** `Next step (AddressLimitExceeded): …` lines; empty when there are none. */
export function formatNextSteps(steps: NextStep[]): string {
  return steps.map((s) => `Next step (${s.code}): ${s.text}\n`).join('');
}
