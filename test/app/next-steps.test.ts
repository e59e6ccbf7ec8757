import { describe, expect, it } from 'vitest';
import { CONTINUE, formatNextSteps, nextSteps, QUOTA_ERRORS, type NextStepKind } from '../../src/app/next-steps.js';

// Error texts as TerraformError carries them (terraform 1.11, AWS provider 5.100), some captured
// from the fault e2e tests, some as AWS words them.
const EIP =
  'aws_eip.nat_c: creating EC2 EIP: operation error EC2: AllocateAddress, https response error StatusCode: 400, RequestID: 7908a8b9-5f9e-4dfe-9d09-29c67636ebcc, api error AddressLimitExceeded: The maximum number of addresses has been reached.';
const NAT =
  'aws_nat_gateway.main_c: creating EC2 NAT Gateway: operation error EC2: CreateNatGateway, https response error StatusCode: 400, RequestID: 8493ba10-133d-4a7b-a831-559c8da22fd7, api error NatGatewayLimitExceeded: The maximum number of NAT gateways has been reached.';
const ACCOUNT_EXPIRED = `provider["registry.terraform.io/hashicorp/aws"]: Retrieving AWS account details: AWS account ID not previously found and failed retrieving via all available methods.

See https://www.terraform.io/docs/providers/aws/index.html#skip_requesting_account_id for workaround and implications.
Errors: 3 errors occurred:
	* retrieving account information via iam:GetUser: operation error IAM: GetUser, https response error StatusCode: 400, RequestID: 890d7648, api error ExpiredToken: The security token included in the request is expired
	* retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 400, RequestID: ab37773b, api error ExpiredToken: The security token included in the request is expired
	* retrieving account information via iam:ListRoles: operation error IAM: ListRoles, https response error StatusCode: 400, RequestID: f46c83a4, api error ExpiredToken: The security token included in the request is expired`;
const REFUSED =
  'aws_nat_gateway.main_a: creating EC2 NAT Gateway: operation error EC2: CreateNatGateway, exceeded maximum number of attempts, 9, https response error StatusCode: 0, RequestID: , request send failed, Post "http://127.0.0.1:37039/": dial tcp 127.0.0.1:37039: connect: connection refused';
const apiError = (address: string, op: string, code: string, message = 'x') =>
  `${address}: operation error EC2: ${op}, https response error StatusCode: 400, RequestID: 1, api error ${code}: ${message}`;

describe('nextSteps', () => {
  const cases: { name: string; text: string; code: string; kind: NextStepKind; says: RegExp[] }[] = [
    { name: 'Elastic IP quota', text: EIP, code: 'AddressLimitExceeded', kind: 'quota', says: [/L-0263D0A3/, /default 5 per region/, /release Elastic IPs/, /Service Quotas/, /--nat single/, /--nat none/] },
    { name: 'NAT Gateway quota', text: NAT, code: 'NatGatewayLimitExceeded', kind: 'quota', says: [/L-FE5A380F/, /default 5 per AZ/, /--service-code vpc/, /--nat single/] },
    { name: 'VPC quota', text: apiError('aws_vpc.main', 'CreateVpc', 'VpcLimitExceeded'), code: 'VpcLimitExceeded', kind: 'quota', says: [/L-F678F1CE/, /delete a VPC/] },
    { name: 'IGW quota', text: apiError('aws_internet_gateway.main', 'CreateInternetGateway', 'InternetGatewayLimitExceeded'), code: 'InternetGatewayLimitExceeded', kind: 'quota', says: [/L-A4707A72/] },
    { name: 'SG rules quota', text: apiError('aws_security_group.alb', 'AuthorizeSecurityGroupIngress', 'RulesPerSecurityGroupLimitExceeded'), code: 'RulesPerSecurityGroupLimitExceeded', kind: 'quota', says: [/L-0EA8095F/, /60/] },
    { name: 'NACL rules quota', text: apiError('aws_network_acl.public', 'CreateNetworkAclEntry', 'NetworkAclEntryLimitExceeded'), code: 'NetworkAclEntryLimitExceeded', kind: 'quota', says: [/L-2AEEBF1A/, /--nacl default/] },
    { name: 'endpoint quota', text: apiError('aws_vpc_endpoint.logs', 'CreateVpcEndpoint', 'VpcEndpointLimitExceeded'), code: 'VpcEndpointLimitExceeded', kind: 'quota', says: [/L-29B6F2EB/, /--nat single/] },
    { name: 'a quota not in the table', text: apiError('aws_x.y', 'CreateX', 'FooBarLimitExceeded'), code: 'FooBarLimitExceeded', kind: 'quota', says: [/Service Quotas/] },
    { name: 'expired token (account lookup)', text: ACCOUNT_EXPIRED, code: 'ExpiredToken', kind: 'credentials', says: [/session has expired/, /aws sso login --profile <name>/, /AWS_SESSION_TOKEN/] },
    { name: 'AuthFailure', text: apiError('aws_vpc.main', 'CreateVpc', 'AuthFailure', 'AWS was not able to validate the provided access credentials'), code: 'AuthFailure', kind: 'credentials', says: [/refused the credentials/, /aws sts get-caller-identity/] },
    { name: 'unknown access key', text: 'api error InvalidClientTokenId: The security token included in the request is invalid.', code: 'InvalidClientTokenId', kind: 'credentials', says: [/refused the credentials/] },
    { name: 'wrong secret', text: 'api error SignatureDoesNotMatch: The request signature we calculated does not match', code: 'SignatureDoesNotMatch', kind: 'credentials', says: [/AWS_SECRET_ACCESS_KEY/] },
    { name: 'clock skew', text: apiError('aws_vpc.main', 'CreateVpc', 'RequestExpired', 'Request has expired.'), code: 'RequestExpired', kind: 'credentials', says: [/clock/] },
    { name: 'no credentials at all', text: 'No valid credential sources found.\n\nPlease see https://registry.terraform.io/providers/hashicorp/aws for more information', code: 'no credentials', kind: 'credentials', says: [/aws configure/, /--endpoint/] },
    { name: 'SSO session over', text: 'failed to refresh cached credentials, refresh cached SSO token failed, unable to refresh SSO token, operation error SSO OIDC: CreateToken, api error InvalidGrantException', code: 'SSO session expired', kind: 'credentials', says: [/aws sso login/] },
    {
      name: 'not allowed',
      text: apiError('aws_eip.nat_a', 'AllocateAddress', 'UnauthorizedOperation', 'You are not authorized to perform this operation. User: arn:aws:iam::1:user/ci is not authorized to perform: ec2:AllocateAddress. Encoded authorization failure message: abc'),
      code: 'UnauthorizedOperation',
      kind: 'permissions',
      says: [/may not call ec2:AllocateAddress/, /decode-authorization-message/],
    },
    { name: 'access denied (IAM/STS)', text: 'api error AccessDenied: User: arn:aws:iam::1:user/x is not authorized to perform: iam:GetUser', code: 'AccessDenied', kind: 'permissions', says: [/iam:GetUser/] },
    { name: 'throttled', text: apiError('aws_route.a', 'CreateRoute', 'RequestLimitExceeded', 'Request limit exceeded.'), code: 'RequestLimitExceeded', kind: 'throttling', says: [/wait a minute/] },
    { name: 'dependency', text: apiError('aws_subnet.public_a', 'DeleteSubnet', 'DependencyViolation'), code: 'DependencyViolation', kind: 'dependency', says: [/outside this network/] },
    { name: 'no free addresses', text: apiError('aws_nat_gateway.main_a', 'CreateNatGateway', 'InsufficientFreeAddressesInSubnet'), code: 'InsufficientFreeAddressesInSubnet', kind: 'aws', says: [/larger --vpc-cidr/] },
    {
      name: 'an orphan NAT from a lost answer',
      text: 'aws_nat_gateway.main_a: creating EC2 NAT Gateway: operation error EC2: CreateNatGateway, https response error StatusCode: 400, RequestID: 8a, api error Resource.AlreadyAssociated: Resource 127.158.223.3 is already associated.',
      code: 'Resource.AlreadyAssociated',
      kind: 'orphan',
      says: [/holds the Elastic IP 127\.158\.223\.3/, /terraform import aws_nat_gateway\.main_a <nat-id> in the workdir/, /delete-nat-gateway/],
    },
    { name: 'endpoint refused', text: REFUSED, code: 'connection refused', kind: 'endpoint', says: [/nothing answers at http:\/\/127\.0\.0\.1:37039/, /start it again/] },
    { name: 'no such host', text: 'request send failed, Post "https://ec2.xx-east-9.amazonaws.com/": dial tcp: lookup ec2.xx-east-9.amazonaws.com on 127.0.0.53:53: no such host', code: 'host not found', kind: 'endpoint', says: [/https:\/\/ec2\.xx-east-9\.amazonaws\.com does not resolve/] },
    { name: 'timeout', text: 'request send failed, Post "https://ec2.ap-northeast-1.amazonaws.com/": dial tcp 52.1.2.3:443: i/o timeout', code: 'timeout', kind: 'endpoint', says: [/did not answer in time/] },
    { name: 'reset', text: 'Post "http://127.0.0.1:5000/": read tcp 127.0.0.1:1->127.0.0.1:5000: read: connection reset by peer', code: 'connection dropped', kind: 'endpoint', says: [/dropped mid-call/] },
  ];
  it.each(cases)('$name → $code', ({ text, code, kind, says }) => {
    const steps = nextSteps(text);
    expect(steps.map((s) => [s.code, s.kind])).toEqual([[code, kind]]);
    for (const pattern of says) expect(steps[0]!.text).toMatch(pattern);
  });

  it.each([
    [{}, ' --region <region>'],
    [{ region: 'us-east-1' }, ' --region us-east-1'],
    [{ region: 'us-east-1', endpoint: 'http://127.0.0.1:5000' }, ' --region us-east-1 --endpoint-url http://127.0.0.1:5000'],
  ])('the AWS CLI commands of an orphan NAT go where the network is: %j', (ctx, where) => {
    const text = nextSteps('aws_nat_gateway.main_a: creating EC2 NAT Gateway: api error Resource.AlreadyAssociated: Resource 1.2.3.4 is already associated.', ctx)[0]!.text;
    expect(text).toContain(`aws ec2 describe-nat-gateways --filter Name=state,Values=pending,available${where}:`);
    expect(text).toContain(`aws ec2 delete-nat-gateway --nat-gateway-id <nat-id>${where},`);
  });

  it('every quota, credentials, permissions and endpoint step says how to continue', () => {
    for (const c of cases) expect(nextSteps(c.text)[0]!.text).toContain(CONTINUE);
  });

  it('names the profile to log in to', () => {
    expect(nextSteps(ACCOUNT_EXPIRED, { profile: 'dev-admin' })[0]!.text).toContain('aws sso login --profile dev-admin');
    expect(nextSteps('api error AuthFailure: x', { profile: 'p' })[0]!.text).toContain('aws sts get-caller-identity --profile p');
  });

  it('every quota in the table has a Service Quotas code', () => {
    for (const [code, q] of Object.entries(QUOTA_ERRORS)) {
      expect(code).toMatch(/LimitExceeded$/);
      expect(q.quotaCode).toMatch(/^L-[0-9A-F]{8}$/);
    }
  });

  it('the state lock: its owner and the force-unlock command, never unlocking by itself', () => {
    const text = `Error: Error acquiring the state lock

Error message: resource temporarily unavailable
Lock Info:
  ID:        2b6a6738-5dd5-d2ee-5b3e-3a7d3d0e4c51
  Path:      terraform.tfstate
  Operation: OperationTypeApply
  Who:       ci@runner-7
  Version:   1.11.4
  Created:   2026-11-28 18:00:00 +0000 UTC`;
    const [step, ...rest] = nextSteps(text, { workdir: '.net-wizard/demo-dev' });
    expect(rest).toEqual([]);
    expect(step).toMatchObject({ code: 'state lock held', kind: 'lock' });
    expect(step!.text).toContain('(ci@runner-7)');
    expect(step!.text).toContain('terraform -chdir=.net-wizard/demo-dev force-unlock 2b6a6738-5dd5-d2ee-5b3e-3a7d3d0e4c51');
    expect(step!.text).toContain('never unlocks by itself');
    expect(nextSteps(text)[0]!.text).toContain('force-unlock 2b6a6738-5dd5-d2ee-5b3e-3a7d3d0e4c51 in the workdir');
  });

  it('several causes: one step each, in the order of the text; one credentials step however many codes', () => {
    const steps = nextSteps(`${NAT}\n\n${EIP}\n\n${REFUSED}\n\n${ACCOUNT_EXPIRED}\napi error AuthFailure: y`);
    expect(steps.map((s) => s.code)).toEqual(['NatGatewayLimitExceeded', 'AddressLimitExceeded', 'connection refused', 'ExpiredToken']);
  });

  it('a code inside another word is not that code', () => {
    expect(nextSteps('api error AccessDeniedException: no').map((s) => s.code)).toEqual(['AccessDeniedException']);
    expect(nextSteps('MyAuthFailureCounter went up')).toEqual([]);
    expect(nextSteps('api error RequestLimitExceeded: slow down').map((s) => s.kind)).toEqual(['throttling']);
  });

  it('nothing recognized: no advice (terraform’s own text speaks)', () => {
    expect(nextSteps('aws_vpc.main: creating EC2 VPC: api error InvalidParameterValue: bad CIDR')).toEqual([]);
    expect(nextSteps('')).toEqual([]);
    expect(formatNextSteps([])).toBe('');
  });

  it('formats one line per step', () => {
    expect(formatNextSteps(nextSteps(EIP))).toMatch(/^Next step \(AddressLimitExceeded\): the quota "EC2-VPC Elastic IPs" \(L-0263D0A3, default 5 per region\) is used up: .*\n$/);
  });
});
