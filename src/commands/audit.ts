/**
 * audit: read any VPC (--vpc-id) and report its flows and baseline findings; changes nothing and
 * needs only ec2:Describe*. Exit 3 when a flow the app needs is blocked or one that must be
 * blocked is open; the findings do not fail it.
 */
import type { AuditResult } from '../app/audit.js';
import { AUDIT_KEYS, resolveAuditAnswers, type AuditAnswers } from '../core/config.js';
import { formatChecks } from '../ui/plain-reporter.js';
import type { CommandModule } from './command.js';
import { answersFrom, document, failedChecks, verdict } from './shared.js';

export const audit: CommandModule<AuditAnswers, AuditResult> = {
  uses: { flags: ['config', 'json', 'alb-sg', 'ecs-sg', 'rds-sg'], answers: AUDIT_KEYS },
  async ask(run) {
    const { answers, origin } = await answersFrom(run.inv);
    return resolveAuditAnswers(answers, origin);
  },
  async execute(answers, run) {
    const { auditVpc } = await import('../app/audit.js');
    return auditVpc(answers, run.inv.flags.roles, run.engine);
  },
  render(result, _answers, json) {
    if (json) return document(result);
    const { vpc } = result;
    const width = Math.max(...result.subnets.map((s) => s.id.length), 8);
    return `${[
      `VPC ${vpc.id}${vpc.name ? ` (${vpc.name})` : ''}, ${vpc.cidrs.join(', ')}, internet gateway ${vpc.internetGateway ?? 'none'}`,
      'Subnets:',
      ...result.subnets.map((s) => `  ${s.class.padEnd(7)} ${s.id.padEnd(width)} ${s.cidr.padEnd(18)} ${s.az}${s.name ? ` ${s.name}` : ''}: ${s.why}`),
      `Roles: ALB ${result.roles.alb}; ECS tasks ${result.roles.ecs}; RDS ${result.roles.rds}`,
      `Checked as: NAT ${result.assumed.natMode}${result.assumed.natAzs.length ? ` (${result.assumed.natAzs.join(', ')})` : ''}, NACLs ${result.assumed.nacl}`,
      '',
      ...formatChecks('audit', result.verification),
      ...formatChecks('baseline', result.findings),
    ].join('\n')}\n`;
  },
  recommend: (result) => failedChecks(result.verification),
  exitCode: (result) => verdict(result.verification),
};
