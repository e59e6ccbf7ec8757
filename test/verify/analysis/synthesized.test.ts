import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../src/core/config.js';
import { synthesized } from '../../helpers/stack.js';
import { readTerraformNetwork } from '../../../src/network/from-terraform.js';
import { analyzeFlows, flowChecks } from '../../../src/verify/analysis/flows.js';

// The static verifier on what net-wizard really generates: the same analysis as on the
// hand-written fixtures, fed the synthesized cdk.tf.json.
async function synth(answers: Answers) {
  const { config, nat, json } = await synthesized(answers);
  return { model: readTerraformNetwork(json), context: { config, nat } };
}

// The public NACL's ephemeral rule (1024-65535 from anywhere, there for return traffic) also
// admits what private hosts send through the NAT to ports 1024-65535, e.g. 5432: the tutorial's
// NACLs do not keep private egress to 80/443. Nobody asked for either, so it is reported (skip),
// not failed.
const TUTORIAL_NACL_LOOPHOLE = 'flow.private-internet-5432';

const combos = (['none', 'single', 'per-az'] as const).flatMap((nat) => (['default', 'custom'] as const).map((nacl) => ({ nat, nacl, azs: nat === 'single' ? 'a,c,d' : 'a,c' })));

describe.each(combos)('--nat $nat --nacl $nacl --azs $azs', ({ nat, nacl, azs }) => {
  const built = synth({ nat, nacl, azs });

  it('does what was asked; what the answers leave open is reported, not failed', async () => {
    const { model, context } = await built;
    const checks = flowChecks(model, context);
    const failed = checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id), failed.map((c) => c.detail).join('\n')).toEqual([]);
    const reported = checks.filter((c) => c.status === 'skip').map((c) => c.id);
    expect(reported).toEqual(nacl === 'custom' && nat !== 'none' ? ['flow.private-internet-80', 'flow.private-internet-22', TUTORIAL_NACL_LOOPHOLE] : []);
  });
});

describe("the tutorial's own NACLs with one NAT Gateway per AZ", () => {
  const built = synth({ nacl: 'custom', nat: 'per-az' });

  it('lets private hosts reach the internet through the NAT of their AZ on 80 and 443, not on 22', async () => {
    const { model, context } = await built;
    const flows = new Map(analyzeFlows(model, context).map((f) => [f.id, f]));
    expect(flows.get('flow.private-internet-80')).toMatchObject({ actual: 'allowed', decidedBy: expect.stringContaining('aws_route_table.private_a routes 0.0.0.0/0 to aws_nat_gateway.main_a (aws_route.private_nat_a)') });
    expect(flows.get('flow.private-internet-443')?.actual).toBe('allowed');
    expect(flows.get('flow.private-internet-22')).toMatchObject({
      actual: 'blocked',
      decidedBy:
        'aws_network_acl.public ingress: NACL implicit deny (*) of tcp 22 from aws_subnet.private_a (10.0.128.0/20); aws_network_acl.public ingress: NACL implicit deny (*) of tcp 22 from aws_subnet.private_c (10.0.144.0/20)',
    });
  });

  it('reports that 5432 gets out all the same, through the public NACL rule 120', async () => {
    const { model, context } = await built;
    const check = flowChecks(model, context).find((c) => c.id === TUTORIAL_NACL_LOOPHOLE)!;
    expect(check.status).toBe('skip');
    expect(check.title).toBe('private subnets → internet tcp 5432 open (not asked either way)');
    expect(check.detail).toMatch(/aws_network_acl\.public ingress rule 120 allows tcp 1024-65535 from 0\.0\.0\.0\/0/);
  });

  it('lets the ALB health checks reach the tasks and come back through the public NACL', async () => {
    const { model, context } = await built;
    const flow = analyzeFlows(model, context).find((f) => f.id === 'flow.alb-ecs-3000')!;
    expect(flow.actual).toBe('allowed');
    expect(flow.path).toContain('ok: return: aws_network_acl.public ingress rule 120 allows tcp 1024-65535 from 0.0.0.0/0');
    expect(flow.path).toContain('ok: aws_network_acl.private ingress rule 100 allows all traffic from 10.0.0.0/16');
  });

  it('keeps the internet out of the tasks and the database: their subnets route to a NAT, not an internet gateway', async () => {
    const { model, context } = await built;
    for (const id of ['flow.internet-ecs-3000', 'flow.internet-rds-5432']) {
      const flow = analyzeFlows(model, context).find((f) => f.id === id)!;
      expect(flow.actual).toBe('blocked');
      expect(flow.decidedBy).toContain('aws_route_table.private_a routes 0.0.0.0/0 to aws_nat_gateway.main_a (aws_route.private_nat_a), not to an internet gateway');
    }
  });
});

describe('needs and the way out', () => {
  const cases = [
    {
      answers: { needs: 'ecr-pull,logs', priority: 'availability' },
      failed: [],
      decided: {
        'flow.need-ecr-pull': 'aws_security_group.endpoints ingress allows tcp 443 from aws_security_group.ecs ("HTTPS from ECS")',
        'flow.need-logs': 'aws_security_group.endpoints ingress allows tcp 443 from aws_security_group.ecs ("HTTPS from ECS")',
        'flow.ecs-endpoint-ecr-dkr': 'aws_security_group.endpoints ingress allows tcp 443 from aws_security_group.ecs ("HTTPS from ECS")',
        'flow.ecs-endpoint-s3': 'aws_route_table.private_a routes the s3 prefix list to aws_vpc_endpoint.s3',
        'flow.private-internet-443': 'aws_route_table.private_a has no route to 0.0.0.0/0; aws_route_table.private_c has no route to 0.0.0.0/0',
      },
    },
    { answers: { needs: 'ecr-pull,logs,ssm,secrets', nacl: 'custom', nat: 'none' }, failed: [], decided: {} },
    { answers: { needs: 'external-api,s3', nat: 'single' }, failed: [], decided: { 'flow.need-s3': 'aws_route_table.private_a routes the s3 prefix list to aws_vpc_endpoint.s3' } },
    {
      answers: { needs: 'external-api', tasksSubnet: 'public', nacl: 'custom' },
      failed: [],
      decided: {
        'flow.need-external-api': 'aws_route_table.public routes 0.0.0.0/0 to aws_internet_gateway.main (aws_route.public_internet)',
        'flow.internet-ecs-3000': 'aws_security_group.ecs has no ingress from the internet on tcp 3000',
      },
    },
    // --nat none overrides the advice: the need is declared, and the analysis shows it unmet.
    { answers: { needs: 'external-api,dns', nat: 'none' }, failed: ['flow.need-external-api'], decided: { 'flow.need-external-api': 'aws_route_table.private_a has no route to 0.0.0.0/0' } },
  ];

  it.each(cases)('--needs $answers.needs ($answers)', async ({ answers, failed, decided }) => {
    const { model, context } = await synth(answers);
    const checks = flowChecks(model, context);
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(failed);
    const flows = new Map(analyzeFlows(model, context).map((f) => [f.id, f.decidedBy]));
    for (const [id, text] of Object.entries(decided)) expect(flows.get(id), id).toContain(text);
    for (const need of context.config.needs) expect(flows.has(`flow.need-${need}`)).toBe(true);
  });
});
