/**
 * The stack attached to an existing VPC (--vpc-id): part 1 is referred to by id and never made;
 * part 2 goes into the VPC's own subnets and route tables. Read from the synthesized JSON, and the
 * flow analysis and baseline run on part 1 (the VPC as read) with part 2 (the JSON) added.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/config.js';
import { readTerraformNetwork } from '../../src/network/from-terraform.js';
import { synthesizeStack, type TerraformJson } from '../../src/synth/synth.js';
import { baselineChecks } from '../../src/verify/analysis/baseline.js';
import { flowChecks } from '../../src/verify/analysis/flows.js';
import { attachedPlan, part1 } from '../helpers/existing-vpc.js';
import type { AwsSnapshot } from '../../src/network/from-aws.js';

type Res = Record<string, unknown>;
const of = (json: TerraformJson, type: string) => (json.resource[type] ?? {}) as Record<string, Res>;
const ref = (address: string) => `\${${address}}`;

async function attached(answers: Answers, snapshot?: AwsSnapshot) {
  const plan = attachedPlan(answers, snapshot);
  const { json } = await synthesizeStack(plan.config, plan.nat, { existing: plan.existing });
  return { ...plan, json };
}

describe('the stack on an existing VPC', () => {
  it('makes no part 1: no VPC, gateway, subnet, route table, association or default security group', async () => {
    const { json } = await attached({ nat: 'per-az', nacl: 'custom', needs: 'ecr-pull' });
    for (const type of ['aws_vpc', 'aws_internet_gateway', 'aws_subnet', 'aws_route_table', 'aws_route_table_association', 'aws_default_security_group', 'aws_default_network_acl', 'aws_default_route_table']) {
      expect(Object.keys(of(json, type)), type).toEqual([]);
    }
    expect(Object.keys(json.resource).sort()).toEqual(['aws_eip', 'aws_nat_gateway', 'aws_network_acl', 'aws_network_acl_association', 'aws_route', 'aws_security_group', 'aws_vpc_endpoint']);
  });

  it("puts part 2 in the VPC's own subnets and route tables, by id", async () => {
    const { json } = await attached({ nat: 'per-az', nacl: 'custom', needs: 'ecr-pull' });
    expect(Object.values(of(json, 'aws_security_group')).map((g) => [g.name, g.vpc_id])).toEqual([
      ['shop-dev-alb-sg', 'vpc-0a1b2c3d4e5f60718'],
      ['shop-dev-ecs-sg', 'vpc-0a1b2c3d4e5f60718'],
      ['shop-dev-rds-sg', 'vpc-0a1b2c3d4e5f60718'],
    ]);
    // The gateway exists already: nothing to wait for.
    expect(Object.values(of(json, 'aws_nat_gateway')).map((n) => [n.subnet_id, n.depends_on])).toEqual([
      ['subnet-pa', undefined],
      ['subnet-pc', undefined],
    ]);
    expect(Object.values(of(json, 'aws_route')).map((r) => [r.route_table_id, r.destination_cidr_block, r.nat_gateway_id])).toEqual([
      ['rtb-qa', '0.0.0.0/0', ref('aws_nat_gateway.main_a.id')],
      ['rtb-qc', '0.0.0.0/0', ref('aws_nat_gateway.main_c.id')],
    ]);
    expect(Object.values(of(json, 'aws_network_acl_association')).map((a) => [a.network_acl_id, a.subnet_id]).sort()).toEqual([
      [ref('aws_network_acl.private.id'), 'subnet-qa'],
      [ref('aws_network_acl.private.id'), 'subnet-qc'],
      [ref('aws_network_acl.public.id'), 'subnet-pa'],
      [ref('aws_network_acl.public.id'), 'subnet-pc'],
    ]);
    // "The VPC" in the private NACL is the VPC's own CIDR.
    expect((of(json, 'aws_network_acl').private!.ingress as Res[]).map((e) => e.cidr_block)).toEqual(['10.0.0.0/16', '0.0.0.0/0']);
    expect(of(json, 'aws_vpc_endpoint').s3!.route_table_ids).toEqual(['rtb-qa', 'rtb-qc']);
    expect(json.output.vpc_id!.value).toBe('vpc-0a1b2c3d4e5f60718');
    expect(json.output.vpc_cidr!.value).toBe('10.0.0.0/16');
    expect(json.output.public_subnet_ids!.value).toEqual(['subnet-pa', 'subnet-pc']);
    expect(json.output.private_subnet_ids!.value).toEqual(['subnet-qa', 'subnet-qc']);
    expect(json.output.private_route_table_ids!.value).toEqual(['rtb-qa', 'rtb-qc']);
  });

  it('gives a private route table that several AZs share one default route, and the S3 endpoint once', async () => {
    const shared = part1();
    shared.routeTables.find((t) => t.RouteTableId === 'rtb-qa')!.Associations = [{ SubnetId: 'subnet-qa' }, { SubnetId: 'subnet-qc' }];
    shared.routeTables.find((t) => t.RouteTableId === 'rtb-qc')!.Associations = [];
    const { json } = await attached({ nat: 'single', needs: 'ecr-pull' }, shared);
    expect(Object.values(of(json, 'aws_route')).map((r) => [r.route_table_id, r.nat_gateway_id])).toEqual([['rtb-qa', ref('aws_nat_gateway.main_a.id')]]);
    expect(of(json, 'aws_vpc_endpoint').s3!.route_table_ids).toEqual(['rtb-qa']);
    expect(json.output.private_route_table_ids!.value).toEqual(['rtb-qa']);
  });

  it("takes over the VPC's default security group only with --lock-default-sg", async () => {
    expect(of((await attached({ nat: 'none' })).json, 'aws_default_security_group')).toEqual({});
    const locked = of((await attached({ nat: 'none', lockDefaultSg: true })).json, 'aws_default_security_group');
    expect(Object.values(locked).map((g) => [g.vpc_id, g.ingress, g.egress])).toEqual([['vpc-0a1b2c3d4e5f60718', [], []]]);
  });

  it('passes the flow analysis on part 1 with part 2 added, and reports the default security group left alone with the commands that empty it', async () => {
    const { config, nat, json, base } = await attached({ nat: 'per-az', nacl: 'custom', needs: 'ecr-pull' });
    const model = readTerraformNetwork(json, { base });
    // The NAT route sits in the existing table; the NACLs hold the existing subnets.
    expect(model.routeTables.get('rtb-qa')!.routes.map((r) => [r.destination, r.target])).toEqual([
      ['10.0.0.0/16', 'local'],
      ['0.0.0.0/0', 'aws_nat_gateway.main_a'],
    ]);
    expect(model.nacls.get('aws_network_acl.private')!.subnets.sort()).toEqual(['subnet-qa', 'subnet-qc']);
    expect(model.nacls.get('acl-default')!.subnets).toEqual([]);
    const checks = flowChecks(model, { config, nat });
    expect(checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.detail}`)).toEqual([]);
    expect(checks.map((c) => c.id)).toContain('flow.internet-alb-443');
    const findings = baselineChecks(model, { config });
    const defaultSg = findings.find((f) => f.id.endsWith('CKV2_AWS_12'))!;
    // moto and AWS give a new VPC's default group rules; this one has none, so it passes.
    expect(defaultSg.status).toBe('pass');

    const open = part1();
    open.securityGroups[0]!.IpPermissionsEgress = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
    const withRules = await attached({ nat: 'none' }, open);
    const finding = baselineChecks(readTerraformNetwork(withRules.json, { base: withRules.base }), { config: withRules.config }).find((f) => f.id.endsWith('CKV2_AWS_12'))!;
    expect(finding.status).toBe('fail');
    expect(finding.detail).toContain("sg-default: the existing VPC's default security group is left alone and has 1 rule(s). Once nothing uses it, run again with --lock-default-sg");
    expect(finding.detail).toContain('aws ec2 revoke-security-group-egress --group-id sg-default --region ap-northeast-1');
    expect(finding.resources).toEqual(['sg-default']);
  });

  it("finds the database open when the VPC's own NACL on the private subnets drops the replies", async () => {
    const broken = part1();
    broken.networkAcls[0]!.Entries = [
      { RuleNumber: 100, Egress: false, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 100, Egress: true, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.0.0/16', PortRange: { From: 0, To: 65535 } },
    ];
    const { config, nat, json, base } = await attached({ nat: 'single', needs: 'external-api' }, broken);
    const checks = flowChecks(readTerraformNetwork(json, { base }), { config, nat });
    // The NAT Gateway is there for the tasks' HTTPS, but the VPC's default NACL lets nothing out of the VPC.
    const failed = checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toContain('flow.private-internet-443');
    expect(failed.find((c) => c.id === 'flow.private-internet-443')!.detail).toContain('acl-default');
  });

  it('imports what it adopts (terraform import blocks), keeping a security group its own description', async () => {
    const plan = attachedPlan({ nat: 'single', needs: 'ecr-pull' });
    const existing = {
      ...plan.existing,
      adopted: [
        { address: 'aws_security_group.alb', id: 'sg-alb', awsId: 'sg-alb', what: 'security group shop-dev-alb-sg (sg-alb)', description: 'ALB of the shop' },
        { address: 'aws_route.private_nat_a', id: 'rtb-qa_0.0.0.0/0', awsId: 'r-rtb-qa1080289494', what: 'route' },
      ],
    };
    const { json } = await synthesizeStack(plan.config, plan.nat, { existing });
    expect(json.import).toEqual([
      { id: 'sg-alb', to: 'aws_security_group.alb' },
      { id: 'rtb-qa_0.0.0.0/0', to: 'aws_route.private_nat_a' },
    ]);
    expect(of(json, 'aws_security_group').alb!.description).toBe('ALB of the shop');
    expect(of(json, 'aws_security_group').ecs!.description).toBe('Security group for ECS Fargate');
  });
});
