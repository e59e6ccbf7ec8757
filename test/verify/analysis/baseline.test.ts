import { describe, expect, it } from 'vitest';
import { network, type Resources, type Rule } from '../../fixtures/verify/tutorial-network.js';
import type { Answers } from '../../../src/core/config.js';
import { synthesized as synthesize } from '../../helpers/stack.js';
import type { Check } from '../../../src/core/checks.js';
import { readTerraformNetwork } from '../../../src/network/from-terraform.js';
import { baselineChecks } from '../../../src/verify/analysis/baseline.js';


const byId = (checks: Check[]) => new Map(checks.map((c) => [c.id.replace(/^baseline\./, ''), c]));
const dev = { config: { env: 'dev', needs: [] } };
const statuses = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.id.replace(/^baseline\./, ''), c.status]));

async function synthesized(answers: Answers): Promise<Check[]> {
  const { config, json } = await synthesize(answers);
  return baselineChecks(readTerraformNetwork(json), { config });
}

describe('on the generated stacks', () => {
  const COMMON = { CKV2_AWS_12: 'pass', CKV_AWS_260: 'skip', CKV_AWS_24: 'pass', CKV_AWS_25: 'pass', CKV_AWS_23: 'pass', CKV_AWS_382: 'skip', CKV_AWS_231: 'skip' };
  it.each([
    // The default NACL admits 22 from anywhere (accepted: no security group does); the tutorial's NACLs do not.
    { answers: {}, expected: { ...COMMON, CKV_AWS_232: 'skip', CKV2_AWS_11: 'skip', 'AVD-AWS-0102': 'skip' } },
    { answers: { nacl: 'custom', nat: 'per-az' }, expected: { ...COMMON, CKV_AWS_232: 'pass', CKV2_AWS_11: 'skip', 'AVD-AWS-0102': 'skip' } },
    { answers: { env: 'prod' }, expected: { ...COMMON, CKV_AWS_232: 'skip', CKV2_AWS_11: 'fail', 'AVD-AWS-0102': 'skip' } },
  ])('$answers', async ({ answers, expected }) => {
    expect(statuses(await synthesized(answers))).toEqual(expected);
  });

  it('accepts the ALB open on 80, and no other security group', async () => {
    expect(byId(await synthesized({})).get('CKV_AWS_260')!.detail).toBe(
      'accepted: aws_security_group.alb ingress allows tcp 80 from 0.0.0.0/0, because an internet-facing ALB takes HTTP on 80 from anyone (and redirects it to HTTPS): that is its job',
    );
  });

  it("accepts the tutorial NACLs' ephemeral rule that includes 3389: return traffic, and no security group admits 3389", async () => {
    const detail = byId(await synthesized({ nacl: 'custom' })).get('CKV_AWS_231')!.detail;
    expect(detail).toContain('aws_network_acl.public ingress rule 120 allows tcp 1024-65535 from 0.0.0.0/0, which lets tcp 3389 in from anywhere, because it admits return traffic');
    expect(detail).not.toContain('tcp 22');
  });

  it('cites each rule under the id that names it: checkov CKV_AWS_232 is NACL port 22, CKV_AWS_231 port 3389', async () => {
    const checks = byId(await synthesized({ nacl: 'custom' }));
    expect(checks.get('CKV_AWS_232')!.title).toBe('no NACL admits port 22 from 0.0.0.0/0 (Security Hub EC2.21, CKV_AWS_232, AVD-AWS-0105)');
    expect(checks.get('CKV_AWS_231')!.title).toBe('no NACL admits port 3389 from 0.0.0.0/0 (Security Hub EC2.21, CKV_AWS_231, AVD-AWS-0105)');
    expect(checks.get('CKV_AWS_24')!.title).toContain('port 22');
    expect(checks.get('CKV_AWS_25')!.title).toContain('port 3389');
    for (const [id, check] of checks) if (/^CKV/.test(id)) expect(check.title, id).toContain(id);
  });

  it("accepts the tutorial's all-egress rules, each with its own reason", async () => {
    const plain = byId(await synthesized({})).get('CKV_AWS_382')!;
    expect(plain.status).toBe('skip');
    expect(plain.detail).toMatch(/^accepted: aws_security_group\.alb egress allows all traffic to 0\.0\.0\.0\/0, because the tutorial's rule: the ALB must reach its targets/);
    expect(plain.detail).toContain("aws_security_group.rds egress allows all traffic to 0.0.0.0/0, because the tutorial's rule: RDS opens no connections of its own");
    const external = byId(await synthesized({ needs: 'external-api' })).get('CKV_AWS_382')!;
    expect(external.detail).toContain('aws_security_group.ecs egress allows all traffic to 0.0.0.0/0, because the tasks call internet hosts not known in advance (--needs external-api)');
  });

  it('accepts the custom NACLs letting everything out (outbound is the security groups\' job) and all traffic inside the VPC', async () => {
    const check = byId(await synthesized({ nacl: 'custom' })).get('AVD-AWS-0102')!;
    expect(check.status).toBe('skip');
    expect(check.detail).toMatch(/aws_network_acl\.public egress rule 100 allows all traffic to 0\.0\.0\.0\/0, because outbound: a stateless NACL cannot tell replies from new connections/);
    expect(check.detail).toMatch(/aws_network_acl\.private ingress rule 100 allows all traffic from 10\.0\.0\.0\/16, because the traffic stays inside the VPC/);
  });

  it('skips only for accepted exceptions, each with its reason', async () => {
    for (const answers of [{}, { nacl: 'custom' }, { needs: 'external-api', tasksSubnet: 'public' }]) {
      for (const check of await synthesized(answers)) {
        if (check.status === 'skip') expect(check.detail, check.id).toMatch(/^accepted: .+, because .+/);
        if (check.status === 'pass') expect(check.detail, check.id).not.toContain('accepted');
      }
    }
  });
});

describe('on hand-written networks', () => {
  const cases: { name: string; patch: (r: Resources) => void; id: string; status: Check['status']; detail: string }[] = [
    {
      name: 'a NACL rule that opens SSH to the world',
      patch: (r) => (r.aws_network_acl!.public!.ingress as Rule[]).push({ rule_no: 130, protocol: 'tcp', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 }),
      id: 'CKV_AWS_232',
      status: 'fail',
      detail: 'aws_network_acl.public ingress rule 130 allows tcp 22 from 0.0.0.0/0, which lets tcp 22 in from anywhere',
    },
    {
      name: 'deny rules for 3389 ahead of the ephemeral rules',
      patch: (r) => {
        (r.aws_network_acl!.public!.ingress as Rule[]).push({ rule_no: 90, protocol: 'tcp', action: 'deny', cidr_block: '0.0.0.0/0', from_port: 3389, to_port: 3389 });
        r.aws_network_acl_rule!.private_deny_rdp = { network_acl_id: '${aws_network_acl.private.id}', rule_number: 105, egress: false, protocol: 'tcp', rule_action: 'deny', cidr_block: '0.0.0.0/0', from_port: 3389, to_port: 3389 };
      },
      id: 'CKV_AWS_231',
      status: 'pass',
      detail: 'no NACL admits tcp 3389 from 0.0.0.0/0',
    },
    {
      name: 'a security group open on 3389 behind the ephemeral NACL rule (no longer an accepted exception)',
      patch: (r) => ((r.aws_security_group!.alb!.ingress as Rule[]).push({ description: 'RDP', protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_blocks: ['0.0.0.0/0'] })),
      id: 'CKV_AWS_231',
      status: 'fail',
      detail: 'aws_network_acl.public ingress rule 120 allows tcp 1024-65535 from 0.0.0.0/0, which lets tcp 3389 in from anywhere',
    },
    {
      name: 'the same security group rule, for CKV_AWS_25',
      patch: (r) => ((r.aws_security_group!.alb!.ingress as Rule[]).push({ description: 'RDP', protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_blocks: ['0.0.0.0/0'] })),
      id: 'CKV_AWS_25',
      status: 'fail',
      detail: 'aws_security_group.alb ingress allows tcp 3389 from 0.0.0.0/0',
    },
    {
      name: 'no aws_default_security_group',
      patch: (r) => delete r.aws_default_security_group,
      id: 'CKV2_AWS_12',
      status: 'fail',
      detail: "aws_vpc.main: its default security group keeps AWS's rules (all traffic from itself, all out): declare an aws_default_security_group with no rules",
    },
    {
      name: 'a default security group with a rule',
      patch: (r) => {
        r.aws_default_security_group!.default!.ingress = [{ protocol: '-1', from_port: 0, to_port: 0, self: true }];
      },
      id: 'CKV2_AWS_12',
      status: 'fail',
      detail: 'aws_default_security_group.default: has 1 rule(s): aws_default_security_group.default',
    },
    {
      name: 'a flow log on the VPC',
      patch: (r) => {
        r.aws_flow_log = { main: { vpc_id: '${aws_vpc.main.id}', traffic_type: 'ALL', log_destination: 'arn:aws:s3:::logs' } };
      },
      id: 'CKV2_AWS_11',
      status: 'pass',
      detail: 'aws_vpc.main is recorded by aws_flow_log.main',
    },
    {
      name: 'a task security group open on 80 (only the ALB is an accepted exception)',
      patch: (r) => {
        r.aws_security_group_rule!.ecs_world = { type: 'ingress', security_group_id: '${aws_security_group.ecs.id}', description: 'HTTP from anywhere', protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] };
      },
      id: 'CKV_AWS_260',
      status: 'fail',
      detail: 'aws_security_group_rule.ecs_world: aws_security_group.ecs ingress allows tcp 80 from 0.0.0.0/0; accepted: aws_security_group.alb ingress allows tcp 80 from 0.0.0.0/0, because',
    },
    {
      name: 'a security group and a rule without descriptions',
      patch: (r) => {
        delete r.aws_security_group!.rds!.description;
        delete r.aws_security_group_rule!.ecs_out!.description;
      },
      id: 'CKV_AWS_23',
      status: 'fail',
      detail: 'aws_security_group.rds: has no description; aws_security_group_rule.ecs_out: an egress rule of aws_security_group.ecs has no description',
    },
    {
      name: 'a custom NACL that lets all traffic in from the internet',
      patch: (r) => ((r.aws_network_acl!.public!.ingress as Rule[]).push({ rule_no: 90, protocol: '-1', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 })),
      id: 'AVD-AWS-0102',
      status: 'fail',
      detail: 'aws_network_acl.public ingress rule 90 allows all traffic from 0.0.0.0/0; accepted:',
    },
  ];

  it.each(cases)('$name: $id $status', ({ patch, id, status, detail }) => {
    const check = byId(baselineChecks(readTerraformNetwork(network(patch)), dev)).get(id)!;
    expect(check.status, check.detail).toBe(status);
    expect(check.detail).toContain(detail);
  });
});
