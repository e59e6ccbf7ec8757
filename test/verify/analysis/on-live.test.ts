import { describe, expect, it } from 'vitest';
import { networkNames } from '../../../src/core/names.js';
import { readAwsNetwork } from '../../../src/network/from-aws.js';
import { readTerraformNetwork } from '../../../src/network/from-terraform.js';
import { baselineChecks } from '../../../src/verify/analysis/baseline.js';
import { flowChecks } from '../../../src/verify/analysis/flows.js';
import { sgRule, type LiveNetwork } from '../../../src/verify/live/checklist.js';
import type { Check } from '../../../src/core/checks.js';
import { live, snapshot, type Asked } from '../live/fixtures.js';
import { planned, synthesized } from '../../helpers/stack.js';

// The flow analysis and the baseline read only the network model: fed the AWS reader's model of
// a live VPC (SDK records), they decide as they do on the Terraform reader's model of the stack
// that made it.
const names = networkNames('shop', 'dev');
const answersOf = (a: Asked) => ({ region: 'ap-northeast-1', azs: 'a,c', nat: a.nat, nacl: a.nacl ?? 'default' });
const context = (a: Asked) => planned(answersOf(a));
const liveModel = (a: Asked, change?: (l: LiveNetwork) => void) => {
  const l = live(a);
  change?.(l);
  return readAwsNetwork(snapshot(l), { names });
};
const statuses = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));
const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id)!;

describe.each([
  { nat: 'per-az', nacl: 'custom' },
  { nat: 'single' },
  { nat: 'none' },
] as Asked[])('the flows on a live VPC (--nat $nat --nacl $nacl)', (asked) => {
  it('decide every flow as on the synthesized stack of the same answers', async () => {
    const ctx = context(asked);
    const { json } = await synthesized(answersOf(asked));
    const fromAws = flowChecks(liveModel(asked), ctx);
    expect(fromAws.filter((c) => c.status === 'fail')).toEqual([]);
    expect(statuses(fromAws)).toEqual(statuses(flowChecks(readTerraformNetwork(json), ctx)));
  });
});

describe('the flows on a live VPC name AWS ids', () => {
  it('RDS no longer admitting the tasks: ecs → rds fails at sg-rds', () => {
    const asked: Asked = { nat: 'single' };
    const model = liveModel(asked, (l) => (l.securityGroups.find((g) => g.id === 'sg-rds')!.ingress = []));
    expect(byId(flowChecks(model, context(asked)), 'flow.ecs-rds-5432')).toMatchObject({
      status: 'fail',
      title: 'ECS tasks → RDS tcp 5432 blocked, but the app needs it',
      detail: 'sg-rds has no ingress from sg-ecs on tcp 5432',
    });
  });

  it('internet → ALB goes through the live route to igw-1 and the ALB group', () => {
    const check = byId(flowChecks(liveModel({ nat: 'single' }), context({ nat: 'single' })), 'flow.internet-alb-443');
    expect(check.status).toBe('pass');
    expect(check.detail).toContain('sg-alb ingress allows tcp 443 from 0.0.0.0/0');
  });
});

describe('the baseline on a live VPC', () => {
  const asked: Asked = { nat: 'single' };
  it("places the roles by their Name tags: the tutorial's egress and the ALB's port 80 are accepted", () => {
    const checks = baselineChecks(liveModel(asked), context(asked));
    expect(statuses(checks)).toMatchObject({ 'baseline.CKV2_AWS_12': 'pass', 'baseline.CKV_AWS_382': 'skip', 'baseline.CKV_AWS_260': 'skip', 'baseline.CKV_AWS_24': 'pass' });
    expect(byId(checks, 'baseline.CKV_AWS_260').detail).toBe(
      'accepted: sg-alb ingress allows tcp 80 from 0.0.0.0/0, because an internet-facing ALB takes HTTP on 80 from anyone (and redirects it to HTTPS): that is its job',
    );
  });

  it('a rule added by hand (ssh from anywhere on RDS) fails, naming the group', () => {
    const model = liveModel(asked, (l) => l.securityGroups.find((g) => g.id === 'sg-rds')!.ingress.push(sgRule('tcp', 22, 22, '0.0.0.0/0')));
    expect(byId(baselineChecks(model, context(asked)), 'baseline.CKV_AWS_24')).toMatchObject({ status: 'fail', detail: 'sg-rds ingress allows tcp 22 from 0.0.0.0/0' });
  });
});
