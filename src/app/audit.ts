/**
 * `net-wizard audit`: any VPC, read-only through the SDK (ec2:Describe* only; no terraform, no
 * STS), into the network model; its subnets classed, the tutorial's roles found and placed, then
 * the same flow analysis and baseline as a generated network gets. Changes nothing.
 */
import { resolveConfig, type AuditAnswers, type NetworkConfig } from '../core/config.js';
import type { Check } from '../core/checks.js';
import { UsageError } from '../core/errors.js';
import type { ExistingSubnet } from '../core/existing-vpc.js';
import { planNat, type NatPlan } from '../core/nat-plan.js';
import { auditModel, type AuditedVpc, type GivenRoles } from '../network/audit.js';
import { readAwsNetwork } from '../network/from-aws.js';
import { baselineChecks } from '../verify/analysis/baseline.js';
import { flowChecks } from '../verify/analysis/flows.js';
import { readVpc } from './attach.js';
import { step, type StepContext } from './step.js';

/** What an audit found: the VPC, its subnets classed, the roles, the flows and the findings. */
export interface AuditResult {
  vpc: { id: string; name?: string; cidrs: string[]; internetGateway?: string };
  subnets: ExistingSubnet[];
  roles: AuditedVpc['roles'];
  /** What the VPC implied about the answers the flows are checked against. */
  assumed: AuditedVpc['implied'];
  verification: Check[];
  findings: Check[];
}

/** What the audit needs of the run. */
export interface AuditContext extends StepContext {
  env: NodeJS.ProcessEnv;
}

/** Audit one VPC. Throws a UsageError (a VPC or group not found; roles ambiguous) or a LiveReadError. */
export async function auditVpc(answers: AuditAnswers, roles: GivenRoles, ctx: AuditContext): Promise<AuditResult> {
  return step(
    ctx,
    'audit',
    async () => {
      const snapshot = await readVpc({ vpcId: answers.vpcId, region: answers.region, ...(answers.endpoint ? { endpoint: answers.endpoint } : {}) }, '--vpc-id', ctx);
      const audited = auditModel(readAwsNetwork(snapshot), roles);
      if (!audited.ok) throw new UsageError(audited.problems);
      const { model, subnets, implied } = audited.audited;
      const config = flowConfig(answers, implied);
      const nat = { ...planNat(config), mode: implied.natMode, natAzs: implied.natAzs, endpoints: { s3Gateway: implied.s3Gateway, interfaces: implied.interfaces as NatPlan['endpoints']['interfaces'] } };
      const igw = [...model.internetGateways.values()].find((g) => g.attached)?.id;
      return {
        vpc: { id: model.vpc.id, ...(model.vpc.name ? { name: model.vpc.name } : {}), cidrs: model.vpc.cidrs, ...(igw ? { internetGateway: igw } : {}) },
        subnets,
        roles: audited.audited.roles,
        assumed: implied,
        verification: flowChecks(model, { config, nat }),
        findings: baselineChecks(model, { config }),
      };
    },
    (r) => `${r.subnets.length} subnets, ${r.verification.filter((c) => c.status === 'fail').length} flows not as they must be`,
  );
}

/** The answers the flows are checked against: the given ones, and what the VPC implies (its NAT, its NACLs). */
function flowConfig(answers: AuditAnswers, implied: AuditedVpc['implied']): NetworkConfig {
  return resolveConfig({
    project: answers.project ?? 'audit',
    env: answers.env,
    region: answers.region,
    vpcId: answers.vpcId,
    appPort: answers.appPort,
    dbPort: answers.dbPort,
    needs: answers.needs,
    nat: implied.natMode,
    nacl: implied.nacl,
    ...(answers.endpoint ? { endpoint: answers.endpoint } : {}),
  });
}
