import { describe, expect, it } from 'vitest';
import { network, type Resources, type Rule } from '../../fixtures/verify/tutorial-network.js';
import { resolveConfig, type Answers } from '../../../src/core/config.js';
import { planNat } from '../../../src/core/nat-plan.js';
import type { TerraformJson } from '../../../src/synth/synth.js';
import { readTerraformNetwork } from '../../../src/network/from-terraform.js';
import { analyzeFlows as analyzeModel, flowChecks as modelChecks, flowSentence, type FlowContext, type FlowResult } from '../../../src/verify/analysis/flows.js';

// The flows of a hand-written Terraform JSON document, through the Terraform reader.
const analyzeFlows = (json: TerraformJson, c: FlowContext) => analyzeModel(readTerraformNetwork(json), c);
const flowChecks = (json: TerraformJson, c: FlowContext) => modelChecks(readTerraformNetwork(json), c);


/** What the user asked for: the fixture is the tutorial with custom NACLs and one NAT Gateway. */
function context(answers: Answers = {}) {
  const config = resolveConfig({ project: 'shop', nacl: 'custom', nat: 'single', ...answers });
  return { config, nat: planNat(config) };
}

function flows(json: TerraformJson, answers?: Answers): Map<string, FlowResult> {
  return new Map(analyzeFlows(json, context(answers)).map((f) => [f.id.replace(/^flow\./, ''), f]));
}

const publicIngress = (r: Resources) => r.aws_network_acl!.public!.ingress as Rule[];
const withoutNat = (r: Resources) => {
  delete r.aws_route;
  delete r.aws_nat_gateway;
  delete r.aws_eip;
};
const withoutNacls = (r: Resources) => {
  delete r.aws_network_acl;
  delete r.aws_network_acl_rule;
  delete r.aws_network_acl_association;
};
const withLogsEndpoint = (endpoint: Rule, sgSource = 'ecs') => (r: Resources) => {
  r.aws_security_group!.endpoints = {
    description: 'Security group for VPC interface endpoints',
    vpc_id: '${aws_vpc.main.id}',
    ingress: [{ description: 'HTTPS from ECS', protocol: 'tcp', from_port: 443, to_port: 443, security_groups: [`\${aws_security_group.${sgSource}.id}`] }],
  };
  r.aws_vpc_endpoint = {
    logs: {
      vpc_id: '${aws_vpc.main.id}',
      service_name: 'com.amazonaws.ap-northeast-1.logs',
      vpc_endpoint_type: 'Interface',
      subnet_ids: ['${aws_subnet.private_a.id}', '${aws_subnet.private_c.id}'],
      security_group_ids: ['${aws_security_group.endpoints.id}'],
      private_dns_enabled: true,
      ...endpoint,
    },
  };
};

interface Case {
  name: string;
  patch?: (r: Resources) => void;
  answers?: Answers;
  /** flow id (without `flow.`) → actual, and a piece of what decided it. */
  expect: Record<string, [FlowResult['actual'], string?]>;
}

const CASES: Case[] = [
  {
    name: "the tutorial's NACLs",
    expect: {
      'internet-alb-80': ['allowed', 'aws_security_group.alb ingress allows tcp 80 from 0.0.0.0/0'],
      'internet-alb-443': ['allowed', 'aws_security_group.alb ingress allows tcp 443 from 0.0.0.0/0'],
      'alb-ecs-3000': ['allowed', 'aws_security_group_rule.ecs_app ingress allows tcp 3000 from aws_security_group.alb'],
      'alb-ecs-80': ['allowed', 'aws_security_group_rule.ecs_http'],
      'ecs-rds-5432': ['allowed', 'aws_vpc_security_group_ingress_rule.rds_postgres ingress allows tcp 5432 from aws_security_group.ecs'],
      'internet-ecs-3000': ['blocked', 'aws_route_table.private_a routes 0.0.0.0/0 to aws_nat_gateway.main (aws_route.private_a_nat), not to an internet gateway'],
      'internet-rds-5432': ['blocked', 'the internet cannot open connections to aws_subnet.private_c'],
      'private-internet-80': ['allowed', 'to aws_nat_gateway.main'],
      'private-internet-443': ['allowed', 'aws_route_table.private_a routes 0.0.0.0/0 to aws_nat_gateway.main'],
      // The public NACL admits what private hosts send through the NAT only on 80, 443 and 1024-65535.
      'private-internet-22': ['blocked', 'aws_network_acl.public ingress: NACL implicit deny (*) of tcp 22 from aws_subnet.private_a (10.0.128.0/20)'],
      // 5432 lies inside 1024-65535: rule 120, there for return traffic, lets it through to the NAT.
      'private-internet-5432': ['allowed', 'aws_network_acl.public ingress rule 120 allows tcp 1024-65535 from 0.0.0.0/0'],
    },
  },
  {
    name: 'a private NACL that admits the ephemeral ports only from the VPC (breaks NAT return traffic)',
    patch: (r) => {
      r.aws_network_acl_rule!.private_in_ephemeral!.cidr_block = '10.0.0.0/16';
    },
    expect: {
      'private-internet-443': ['blocked', 'return: aws_network_acl.private ingress: NACL implicit deny (*) of tcp 1024-65535 from the internet'],
      'alb-ecs-3000': ['allowed'],
      'ecs-rds-5432': ['allowed'],
    },
  },
  {
    name: 'a public NACL without its 443 rule',
    patch: (r) => {
      r.aws_network_acl!.public!.ingress = publicIngress(r).filter((e) => e.rule_no !== 110);
    },
    expect: {
      'internet-alb-443': ['blocked', 'aws_network_acl.public ingress: NACL implicit deny (*) of tcp 443 from the internet'],
      'internet-alb-80': ['allowed'],
      // Through the NAT the packet enters the public subnet with its real destination port.
      'private-internet-443': ['blocked', 'aws_network_acl.public ingress: NACL implicit deny (*) of tcp 443 from aws_subnet.private_a'],
    },
  },
  {
    name: 'a deny with a lower number shadows the allow',
    patch: (r) => {
      publicIngress(r).push({ rule_no: 90, protocol: 'tcp', action: 'deny', cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443 });
    },
    expect: {
      'internet-alb-443': ['blocked', 'aws_network_acl.public ingress rule 90 denies tcp 443 from 0.0.0.0/0'],
      'internet-alb-80': ['allowed'],
    },
  },
  {
    name: 'a deny with a higher number comes too late',
    patch: (r) => {
      publicIngress(r).push({ rule_no: 200, protocol: 'tcp', action: 'deny', cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443 });
    },
    expect: { 'internet-alb-443': ['allowed'] },
  },
  {
    name: 'a deny for one internet range leaves the rest of the internet',
    patch: (r) => {
      publicIngress(r).push({ rule_no: 90, protocol: 'tcp', action: 'deny', cidr_block: '198.51.100.0/24', from_port: 443, to_port: 443 });
    },
    expect: { 'internet-alb-443': ['partial', 'aws_network_acl.public ingress rule 90 denies tcp 443 from 198.51.100.0/24'] },
  },
  {
    name: 'a return rule narrower than the ephemeral ports the NAT Gateway uses',
    patch: (r) => {
      r.aws_network_acl_rule!.private_in_ephemeral!.from_port = 32768;
    },
    expect: { 'private-internet-443': ['partial', 'NACL implicit deny (*) of tcp 1024-32767 from the internet'] },
  },
  {
    name: 'an ECS security group without the app port from the ALB',
    patch: (r) => {
      delete r.aws_security_group_rule!.ecs_app;
    },
    expect: {
      'alb-ecs-3000': ['blocked', 'aws_security_group.ecs has no ingress from aws_security_group.alb on tcp 3000'],
      'alb-ecs-80': ['allowed'],
    },
  },
  {
    name: 'an RDS security group that admits the ALB instead of ECS',
    patch: (r) => {
      r.aws_vpc_security_group_ingress_rule!.rds_postgres!.referenced_security_group_id = '${aws_security_group.alb.id}';
    },
    expect: { 'ecs-rds-5432': ['blocked', 'aws_security_group.rds has no ingress from aws_security_group.ecs on tcp 5432'] },
  },
  {
    name: 'an ALB that admits HTTPS from one range only',
    patch: (r) => {
      ((r.aws_security_group!.alb!.ingress as Rule[])[1]!).cidr_blocks = ['203.0.113.0/24'];
    },
    expect: { 'internet-alb-443': ['partial', 'only part of the internet'] },
  },
  {
    name: 'no NAT Gateway',
    patch: withoutNat,
    answers: { nat: 'none' },
    expect: {
      'private-internet-443': ['blocked', 'aws_route_table.private_a has no route to 0.0.0.0/0'],
      'internet-ecs-3000': ['blocked', 'aws_route_table.private_a has no route to 0.0.0.0/0: the internet cannot open connections to aws_subnet.private_a'],
    },
  },
  {
    name: 'one private route table without its NAT route',
    patch: (r) => {
      delete r.aws_route!.private_c_nat;
    },
    expect: { 'private-internet-443': ['partial', 'aws_subnet.private_c: aws_route_table.private_c has no route to 0.0.0.0/0'] },
  },
  {
    name: 'a NAT Gateway in a subnet without a route to the internet gateway',
    patch: (r) => {
      r.aws_nat_gateway!.main!.subnet_id = '${aws_subnet.private_c.id}';
    },
    expect: { 'private-internet-443': ['blocked', 'not to an internet gateway: aws_nat_gateway.main cannot reach the internet'] },
  },
  {
    name: "the VPC's default NACL (allow all)",
    patch: withoutNacls,
    answers: { nacl: 'default' },
    expect: { 'private-internet-22': ['allowed'], 'private-internet-5432': ['allowed'], 'internet-alb-443': ['allowed'] },
  },
  {
    name: 'an aws_default_network_acl without rules (terraform removes the default ones)',
    patch: (r) => {
      withoutNacls(r);
      r.aws_default_network_acl = { default: { default_network_acl_id: '${aws_vpc.main.default_network_acl_id}' } };
    },
    answers: { nacl: 'default' },
    expect: { 'internet-alb-443': ['blocked', 'aws_default_network_acl.default ingress: NACL implicit deny (*) of tcp 443 from the internet'] },
  },
  {
    name: 'tasks in public subnets, their security group open to the world on the app port',
    patch: (r) => {
      r.aws_security_group_rule!.ecs_world = { type: 'ingress', security_group_id: '${aws_security_group.ecs.id}', protocol: 'tcp', from_port: 3000, to_port: 3000, cidr_blocks: ['0.0.0.0/0'] };
    },
    answers: { tasksSubnet: 'public' },
    expect: { 'internet-ecs-3000': ['allowed', 'aws_security_group_rule.ecs_world ingress allows tcp 3000 from 0.0.0.0/0'] },
  },
  {
    name: 'tasks in public subnets behind their security group',
    answers: { tasksSubnet: 'public' },
    expect: {
      'internet-ecs-3000': ['blocked', 'aws_security_group.ecs has no ingress from the internet on tcp 3000'],
      'alb-ecs-3000': ['allowed'],
      'ecs-rds-5432': ['allowed'],
    },
  },
  {
    name: 'a logs interface endpoint that admits ECS',
    patch: withLogsEndpoint({}),
    answers: { needs: 'logs' },
    expect: {
      'ecs-endpoint-logs': ['allowed', 'aws_security_group.endpoints ingress allows tcp 443 from aws_security_group.ecs'],
      'need-logs': ['allowed', 'aws_security_group.endpoints ingress allows tcp 443 from aws_security_group.ecs'],
    },
  },
  {
    name: 'a logs interface endpoint that admits the wrong security group (private DNS sends logs to it, not to the NAT)',
    patch: withLogsEndpoint({}, 'alb'),
    answers: { needs: 'logs' },
    expect: {
      'ecs-endpoint-logs': ['blocked', 'aws_security_group.endpoints has no ingress from aws_security_group.ecs on tcp 443'],
      'need-logs': ['blocked', 'aws_security_group.endpoints has no ingress from aws_security_group.ecs on tcp 443'],
    },
  },
  {
    name: 'a logs interface endpoint with private DNS off (logs go through the NAT)',
    patch: withLogsEndpoint({ private_dns_enabled: false }, 'alb'),
    answers: { needs: 'logs' },
    expect: { 'need-logs': ['allowed', 'to aws_nat_gateway.main'] },
  },
  {
    name: 'an S3 gateway endpoint on one private route table only, without NAT',
    patch: (r) => {
      withoutNat(r);
      r.aws_vpc_endpoint = {
        s3: { vpc_id: '${aws_vpc.main.id}', service_name: 'com.amazonaws.ap-northeast-1.s3', vpc_endpoint_type: 'Gateway', route_table_ids: ['${aws_route_table.private_a.id}'] },
      };
    },
    answers: { nat: 'none', needs: 's3' },
    expect: {
      'need-s3': ['partial', 's3: aws_subnet.private_c: aws_route_table.private_c has no route to 0.0.0.0/0'],
      'ecs-endpoint-s3': ['partial', 'aws_vpc_endpoint.s3 is not on aws_route_table.private_c'],
    },
  },
  {
    name: 'external APIs without a way out',
    patch: withoutNat,
    answers: { nat: 'none', needs: 'external-api,dns' },
    expect: {
      'need-external-api': ['blocked', 'aws_route_table.private_a has no route to 0.0.0.0/0'],
      'need-dns': ['allowed', 'the Amazon resolver (VPC base + 2) answers'],
    },
  },
];

describe.each(CASES)('$name', ({ patch, answers, expect: expected }) => {
  const result = flows(network(patch), answers);
  it.each(Object.entries(expected))('flow.%s', (id, [actual, decidedBy]) => {
    const flow = result.get(id);
    expect(flow, `no flow ${id}`).toBeDefined();
    expect(flow!.actual, flow!.decidedBy).toBe(actual);
    if (decidedBy) expect(flow!.decidedBy).toContain(decidedBy);
  });
});

describe('flow details', () => {
  it('checks the ALB health check both ways: to the tasks, and back through the public NACL on the ephemeral ports', () => {
    const flow = flows(network()).get('alb-ecs-3000')!;
    expect(flow.path).toEqual([
      'ok: aws_security_group.alb egress allows all traffic to 0.0.0.0/0 ("All traffic")',
      'ok: aws_route_table.public routes 10.0.0.0/16 locally',
      'ok: aws_network_acl.public egress rule 100 allows all traffic to 0.0.0.0/0',
      'ok: aws_network_acl.private ingress rule 100 (aws_network_acl_rule.private_in_vpc) allows all traffic from 10.0.0.0/16',
      'ok: aws_security_group_rule.ecs_app ingress allows tcp 3000 from aws_security_group.alb ("App port from ALB")',
      'ok: return: aws_route_table.private_a routes 10.0.0.0/16 locally',
      'ok: return: aws_network_acl.private egress rule 100 (aws_network_acl_rule.private_out) allows all traffic to 0.0.0.0/0',
      'ok: return: aws_network_acl.public ingress rule 120 allows tcp 1024-65535 from 0.0.0.0/0',
    ]);
  });

  it('follows a packet through the NAT Gateway: private NACL out, public NACL in and out, back with the internet host as source', () => {
    const flow = flows(network()).get('private-internet-443')!;
    expect(flow.path).toEqual([
      'ok: aws_route_table.private_a routes 0.0.0.0/0 to aws_nat_gateway.main (aws_route.private_a_nat)',
      'ok: aws_nat_gateway.main in aws_subnet.public_a translates to aws_eip.nat',
      'ok: aws_network_acl.private egress rule 100 (aws_network_acl_rule.private_out) allows all traffic to 0.0.0.0/0',
      'ok: aws_network_acl.public ingress rule 110 allows tcp 443 from 0.0.0.0/0',
      'ok: aws_route_table.public routes 0.0.0.0/0 to aws_internet_gateway.main',
      'ok: aws_network_acl.public egress rule 100 allows all traffic to 0.0.0.0/0',
      'ok: return: aws_network_acl.public ingress rule 120 allows tcp 1024-65535 from 0.0.0.0/0',
      'ok: return: aws_network_acl.public egress rule 100 allows all traffic to 0.0.0.0/0',
      'ok: return: aws_network_acl.private ingress rule 110 (aws_network_acl_rule.private_in_ephemeral) allows tcp 1024-65535 from 0.0.0.0/0',
    ]);
  });

  it('names every filter that lets through a flow nobody asked for', () => {
    const flow = flows(network()).get('private-internet-5432')!;
    expect(flow).toMatchObject({ expected: 'either', actual: 'allowed' });
    expect(flow.decidedBy).toMatch(/; let through by .*aws_network_acl\.public ingress rule 120 allows tcp 1024-65535 from 0\.0\.0\.0\/0/);
  });
});

describe('flowChecks', () => {
  it('passes a flow that does what was asked and fails one that does not, saying expected vs found and why', () => {
    const checks = new Map(flowChecks(network((r) => delete r.aws_security_group_rule!.ecs_app), context()).map((c) => [c.id, c]));
    expect(checks.get('flow.internet-alb-443')).toMatchObject({ status: 'pass', title: 'internet → ALB tcp 443 open, as asked' });
    expect(checks.get('flow.alb-ecs-3000')).toEqual({
      id: 'flow.alb-ecs-3000',
      title: 'ALB → ECS tasks tcp 3000 blocked, but the app needs it',
      status: 'fail',
      detail: 'aws_security_group.ecs has no ingress from aws_security_group.alb on tcp 3000',
      flow: { from: 'alb', to: 'ecs', protocol: 'tcp', port: 3000, verdict: 'blocked', wanted: 'open' },
    });
  });

  it("gives every flow its record in the contract's words: ends, protocol, port, verdict and what was wanted", () => {
    const checks = flowChecks(network(), context({ needs: 'ecr-pull,dns' }));
    const records = Object.fromEntries(checks.filter((c) => c.flow).map((c) => [c.id, c.flow]));
    expect(records['flow.internet-rds-5432']).toEqual({ from: 'internet', to: 'rds', protocol: 'tcp', port: 5432, verdict: 'blocked', wanted: 'blocked' });
    expect(records['flow.private-internet-443']).toEqual({ from: 'private-subnets', to: 'internet', protocol: 'tcp', port: 443, verdict: 'open', wanted: 'open' });
    expect(records['flow.need-dns']).toEqual({ from: 'ecs', to: 'endpoint:dns', protocol: 'udp', port: 53, verdict: 'open', wanted: 'open' });
    expect(records['flow.need-ecr-pull']?.to).toBe('endpoint:ecr.api,ecr.dkr,s3');
    // Not asked either way: wanted is null.
    expect(Object.values(records).filter((r) => r!.wanted === null).every((r) => r!.from === 'private-subnets')).toBe(true);
    expect(checks.filter((c) => c.id.startsWith('flow.') && c.id !== 'flow.unreadable').every((c) => c.flow)).toBe(true);
  });

  it('expects private subnets to be cut off without NAT, and passes when they are', () => {
    const checks = flowChecks(network(withoutNat), context({ nat: 'none' }));
    expect(checks.find((c) => c.id === 'flow.private-internet-443')).toMatchObject({
      status: 'pass',
      title: 'private subnets → internet tcp 443 blocked, as it must be',
      detail: expect.stringMatching(/^aws_route_table.private_a has no route/),
    });
  });

  it('fails flow.unreadable when a value is not a literal (the answers may then be wrong)', () => {
    const checks = flowChecks(
      network((r) => {
        r.aws_route!.private_a_nat!.destination_cidr_block = '${var.cidr}';
      }),
      context(),
    );
    expect(checks.find((c) => c.id === 'flow.unreadable')).toMatchObject({ status: 'fail', detail: expect.stringContaining('aws_route.private_a_nat: "${var.cidr}" is not a literal IPv4 CIDR') });
  });
});

describe('flowSentence: every flow line says what happens and what was wanted', () => {
  const flow = { source: 'private subnets', destination: 'internet', protocol: 'tcp' as const, port: 443 };
  it.each([
    [{ source: 'internet', destination: 'RDS', port: 5432, expected: 'blocked', actual: 'blocked' }, 'internet → RDS tcp 5432 blocked, as it must be'],
    [{ source: 'internet', destination: 'RDS', port: 5432, expected: 'blocked', actual: 'allowed' }, 'internet → RDS tcp 5432 open, but it must be blocked'],
    [{ source: 'internet', destination: 'RDS', port: 5432, expected: 'blocked', actual: 'partial' }, 'internet → RDS tcp 5432 partly open, but it must be blocked'],
    [{ expected: 'allowed', actual: 'allowed', because: 'the NAT Gateway is there for it' }, 'private subnets → internet tcp 443 open, as asked'],
    [{ expected: 'allowed', actual: 'blocked', because: 'the NAT Gateway is there for it' }, 'private subnets → internet tcp 443 blocked, but the NAT Gateway is there for it'],
    [{ expected: 'allowed', actual: 'partial', because: 'the NAT Gateways are there for it' }, 'private subnets → internet tcp 443 only partly open, but the NAT Gateways are there for it'],
    [{ port: 5432, expected: 'either', actual: 'allowed' }, 'private subnets → internet tcp 5432 open (not asked either way)'],
    [{ port: 22, expected: 'either', actual: 'blocked' }, 'private subnets → internet tcp 22 blocked (not asked either way)'],
    [{ source: 'ECS tasks', destination: 'ECR', expected: 'allowed', actual: 'allowed', because: '--needs ecr-pull asks for it', askedBy: '--needs ecr-pull asks' }, 'ECS tasks → ECR tcp 443 open, as --needs ecr-pull asks'],
    [{ source: 'ECS tasks', destination: 'ECR', expected: 'allowed', actual: 'blocked', because: '--needs ecr-pull asks for it', askedBy: '--needs ecr-pull asks' }, 'ECS tasks → ECR tcp 443 blocked, but --needs ecr-pull asks for it'],
    [{ source: 'ALB', destination: 'ECS tasks', port: 3000, expected: 'allowed', actual: 'blocked' }, 'ALB → ECS tasks tcp 3000 blocked, but the app needs it'],
  ] as const)('%o', (given, sentence) => {
    expect(flowSentence({ ...flow, ...given } as Parameters<typeof flowSentence>[0])).toBe(sentence);
  });

  it('on the generated network, every flow title names its verdict and what was wanted', () => {
    for (const c of flowChecks(network(), context({ needs: 'ecr-pull,logs', nat: 'single' })).filter((c) => c.flow)) {
      expect(c.title, c.id).toMatch(/ (tcp|udp) \d+ (open|blocked|partly open|only partly open)(, as asked|, as it must be|, as --needs [a-z-]+ asks|, but .+| \(not asked either way\))$/);
    }
  });
});
