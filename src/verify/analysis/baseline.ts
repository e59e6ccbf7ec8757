/**
 * Baseline checks in the style of checkov and trivy, over the same network model as the flows:
 * the controls network-facts.md (section 2) lists as firing on the tutorial's setup. Each check's
 * id is `baseline.<checkov id>` (trivy's `baseline.AVD-AWS-0102` where checkov has none); its
 * title names the CIS / Security Hub and trivy equivalents. Pure.
 *
 * Convention, the same for every check:
 * - `pass`: the control holds; the detail says what was seen.
 * - `fail`: a finding to fix in what is generated; the detail names each resource or rule.
 * - `skip`: ONLY an accepted exception: the control does not hold, on purpose. The detail starts
 *   with `accepted: ` and gives the reason for each finding (e.g. an ALB open on 80 is the point).
 *   An exception is accepted only for a reason that holds in this configuration (e.g. "no security
 *   group admits tcp 3389 from the internet"), never because a feature is missing.
 * A check with both failing and accepted findings fails; its detail lists both.
 */
import type { NetworkConfig } from '../../core/config.js';
import { isProduction, NEEDS } from '../../core/nat-advisor.js';
import { roleOf, type Nacl, type NaclRule, type NetworkModel, type Role } from '../../network/model.js';
import { ALL_ADDRESSES, cidrRange, EPHEMERAL, internetAddresses, overlaps, prefixLength, within, type Interval } from '../../network/ranges.js';
import type { Check } from '../../core/checks.js';
import { evaluateNacl, naclRuleText, trafficText } from './rules.js';

/** One finding: the resource, what is wrong, and the reason when it is an accepted exception. */
interface Finding {
  resource: string;
  problem: string;
  accepted?: string;
}

function check(id: string, title: string, findings: Finding[], passDetail: string): Check {
  const failed = findings.filter((f) => !f.accepted);
  const accepted = findings.filter((f) => f.accepted);
  const say = (f: Finding) => (f.problem.startsWith(`${f.resource} `) ? f.problem : `${f.resource}: ${f.problem}`);
  const acceptedText = accepted.map((f) => `${say(f)}, because ${f.accepted}`).join('; ');
  const resources = [...new Set([...failed, ...accepted].map((f) => f.resource))];
  const base = { id: `baseline.${id}`, title, resources };
  if (failed.length > 0) {
    return { ...base, status: 'fail', detail: failed.map(say).join('; ') + (accepted.length > 0 ? `; accepted: ${acceptedText}` : '') };
  }
  if (accepted.length > 0) return { ...base, status: 'skip', detail: `accepted: ${acceptedText}` };
  return { ...base, status: 'pass', detail: passDetail };
}

/**
 * The VPC's default NACL as AWS makes it: implicit in a configuration, or read live with only its
 * allow-all entries (the tutorial's --nacl default relies on it; security groups do the filtering).
 */
function asAwsMadeIt(nacl: Nacl): boolean {
  if (nacl.implicit) return true;
  return nacl.isDefault && nacl.rules.every((r) => (r.allow && r.protocol === 'all' && (r.cidr === '0.0.0.0/0' || r.cidr === '::/0')) || (!r.allow && r.ruleNo >= 32767));
}

/** NACLs that matter: every declared one, and the VPC's default when a subnet uses it. */
function naclsToCheck(model: NetworkModel): Nacl[] {
  const used = new Set([...model.subnets.values()].map((s) => s.nacl));
  return [...model.nacls.values()].filter((n) => !asAwsMadeIt(n) || used.has(n.id));
}

/** Whether any security group admits tcp `port` from some internet address. */
function sgOpenToInternet(model: NetworkModel, port: number): boolean {
  const internet = internetAddresses(model.vpc.cidrs);
  return [...model.securityGroups.values()].some((sg) =>
    sg.rules.some(
      (r) =>
        r.direction === 'ingress' &&
        (r.protocol === 'all' || r.protocol === 6) &&
        r.ports[0] <= port &&
        port <= r.ports[1] &&
        r.cidrs.some((c) => internet.some((i) => overlaps(i, cidrRange(c)!))),
    ),
  );
}

const isReturnRule = (rule: NaclRule) => rule.protocol === 6 && rule.ports[0] >= EPHEMERAL[0] && rule.ports[1] === EPHEMERAL[1];

/** NACL entries that let tcp `port` in from 0.0.0.0/0 (Security Hub EC2.21 covers 22 and 3389; checkov has one rule per port). */
function naclOpenOn(model: NetworkModel, port: number): Finding[] {
  const sgClosed = !sgOpenToInternet(model, port);
  return naclsToCheck(model).flatMap((nacl) =>
    evaluateNacl(nacl, false, 6, [ALL_ADDRESSES], [port, port])
      .allowedBy.filter((r) => prefixLength(r.cidr) === 0)
      .map((rule): Finding => {
        const problem = `${naclRuleText(nacl, rule)}, which lets tcp ${port} in from anywhere`;
        const accepted =
          sgClosed && isReturnRule(rule)
            ? `it admits return traffic on the ephemeral ports 1024-65535 (NACLs are stateless) and no security group admits tcp ${port} from the internet`
            : sgClosed && asAwsMadeIt(nacl)
              ? `subnets use the VPC's default NACL (allow all) and security groups do the filtering: none admits tcp ${port} from the internet`
              : undefined;
        return { resource: nacl.id, problem, accepted };
      }),
  );
}

/** The tutorial's all-egress rules, kept as it writes them, and why each is acceptable. */
const TUTORIAL_EGRESS: Partial<Record<Role, string>> = {
  alb: "the tutorial's rule: the ALB must reach its targets on whatever port they listen on, and answers the internet through this rule's state",
  ecs: "the tutorial's rule: the tasks reach RDS, the VPC endpoints or the NAT Gateway, whichever the NAT advice built",
  rds: "the tutorial's rule: RDS opens no connections of its own, so it grants nothing; replies are stateful",
};

function allowAllNacl(model: NetworkModel): Finding[] {
  return naclsToCheck(model).flatMap((nacl): Finding[] => {
    if (asAwsMadeIt(nacl)) {
      return [{ resource: nacl.id, problem: 'allows all traffic in and out', accepted: "subnets use the VPC's default NACL (--nacl default): security groups do the filtering" }];
    }
    return nacl.rules
      .filter((r): r is NaclRule & { range: Interval } => r.allow && r.protocol === 'all' && r.range !== undefined)
      .map((rule) => {
        const internal = model.vpc.cidrs.some((c) => within(rule.range, cidrRange(c)!));
        return {
          resource: nacl.id,
          problem: naclRuleText(nacl, rule),
          accepted: internal
            ? 'the traffic stays inside the VPC, where security groups filter it (stateless copies of every SG rule would break with each change)'
            : rule.egress
              ? 'outbound: a stateless NACL cannot tell replies from new connections, so outbound filtering is left to the security groups'
              : undefined,
        };
      });
  });
}

function sgOpenOn(model: NetworkModel, port: number, accept: (sg: string) => string | undefined): Finding[] {
  return [...model.securityGroups.values()].flatMap((sg) =>
    sg.rules
      .filter((r) => r.direction === 'ingress' && (r.protocol === 'all' || r.protocol === 6) && r.ports[0] <= port && port <= r.ports[1] && r.cidrs.some((c) => prefixLength(c) === 0))
      .map((r) => ({ resource: r.declaredBy, problem: `${sg.id} ingress allows ${trafficText(r.protocol, [r.ports])} from 0.0.0.0/0`, accepted: accept(sg.id) })),
  );
}

/** The finding of an existing VPC's default security group that was left alone, with the ways to empty it. */
function leftAloneDefaultSg(id: string, rules: number, region: string | undefined): string {
  const r = region ? ` --region ${region}` : '';
  const empty = (direction: 'ingress' | 'egress', field: string) =>
    `aws ec2 revoke-security-group-${direction} --group-id ${id}${r} --ip-permissions "$(aws ec2 describe-security-groups --group-ids ${id}${r} --query 'SecurityGroups[0].${field}' --output json)"`;
  return `the existing VPC's default security group is left alone and has ${rules} rule(s). Once nothing uses it, run again with --lock-default-sg, or empty it yourself: ${empty('ingress', 'IpPermissions')}; ${empty('egress', 'IpPermissionsEgress')}`;
}

/** Run the baseline checks on a network model; `config` decides the accepted exceptions that depend on what was asked. */
export function baselineChecks(model: NetworkModel, context: { config: Pick<NetworkConfig, 'env' | 'needs'> & Partial<Pick<NetworkConfig, 'vpcId' | 'region'>> }): Check[] {
  const { config } = context;
  const vpc = model.vpc.id;
  const defaultSg = model.securityGroups.get(model.defaultSecurityGroup)!;
  const internetNeeds = config.needs.filter((n) => NEEDS[n].internetOnly);

  const declaredSgs = [...model.securityGroups.values()].filter((sg) => !sg.implicit);
  return [
    check(
      'CKV2_AWS_12',
      'the default security group allows no traffic (Security Hub EC2.2, CKV2_AWS_12, AVD-AWS-0173)',
      defaultSg.implicit && config.vpcId
        ? defaultSg.rules.length > 0
          ? [{ resource: defaultSg.id, problem: leftAloneDefaultSg(defaultSg.id, defaultSg.rules.length, config.region) }]
          : []
        : defaultSg.implicit
        ? [{ resource: vpc, problem: "its default security group keeps AWS's rules (all traffic from itself, all out): declare an aws_default_security_group with no rules" }]
        : defaultSg.rules.length > 0
          ? [{ resource: defaultSg.id, problem: `has ${defaultSg.rules.length} rule(s): ${defaultSg.rules.map((r) => r.declaredBy).join(', ')}` }]
          : [],
      `${defaultSg.id} has no rules`,
    ),
    check(
      'CKV2_AWS_11',
      'VPC flow logs are on (Security Hub EC2.6, CKV2_AWS_11, AVD-AWS-0178)',
      model.flowLogs.length > 0
        ? []
        : [
            {
              resource: vpc,
              problem: `has no ${config.vpcId ? 'flow log' : 'aws_flow_log'}: accepted and rejected traffic go unrecorded`,
              accepted: isProduction(config.env)
                ? undefined
                : `--env ${config.env} is not production: flow logs cost per GB ingested and only serve an investigation; production (--env prod) fails this check`,
            },
          ],
      `${vpc} is recorded by ${model.flowLogs.join(', ')}`,
    ),
    check('CKV_AWS_232', 'no NACL admits port 22 from 0.0.0.0/0 (Security Hub EC2.21, CKV_AWS_232, AVD-AWS-0105)', naclOpenOn(model, 22), 'no NACL admits tcp 22 from 0.0.0.0/0'),
    check('CKV_AWS_231', 'no NACL admits port 3389 from 0.0.0.0/0 (Security Hub EC2.21, CKV_AWS_231, AVD-AWS-0105)', naclOpenOn(model, 3389), 'no NACL admits tcp 3389 from 0.0.0.0/0'),
    check(
      'CKV_AWS_382',
      'no security group allows all egress to 0.0.0.0/0 (CKV_AWS_382, AVD-AWS-0104)',
      declaredSgs.flatMap((sg) =>
        sg.rules
          .filter((r) => r.direction === 'egress' && r.protocol === 'all' && r.cidrs.some((c) => prefixLength(c) === 0))
          .map((r) => {
            const role = roleOf(model, sg.id);
            return {
              resource: r.declaredBy,
              problem: `${sg.id} egress allows all traffic to 0.0.0.0/0`,
              accepted:
                role === 'ecs' && internetNeeds.length > 0
                  ? `the tasks call internet hosts not known in advance (--needs ${internetNeeds.join(',')})`
                  : role && TUTORIAL_EGRESS[role],
            };
          }),
      ),
      'every security group egress rule names its protocol or destination',
    ),
    check(
      'CKV_AWS_260',
      'no security group admits port 80 from 0.0.0.0/0 (CKV_AWS_260)',
      sgOpenOn(model, 80, (sg) => (roleOf(model, sg) === 'alb' ? 'an internet-facing ALB takes HTTP on 80 from anyone (and redirects it to HTTPS): that is its job' : undefined)),
      'no security group admits tcp 80 from 0.0.0.0/0',
    ),
    check('CKV_AWS_24', 'no security group admits port 22 from 0.0.0.0/0 (CKV_AWS_24, AVD-AWS-0107)', sgOpenOn(model, 22, () => undefined), 'no security group admits tcp 22 from 0.0.0.0/0'),
    check('CKV_AWS_25', 'no security group admits port 3389 from 0.0.0.0/0 (CKV_AWS_25, AVD-AWS-0107)', sgOpenOn(model, 3389, () => undefined), 'no security group admits tcp 3389 from 0.0.0.0/0'),
    check(
      'CKV_AWS_23',
      'security groups and their rules have descriptions (CKV_AWS_23, AVD-AWS-0099, AVD-AWS-0124)',
      [
        // aws_default_security_group takes no description.
        ...declaredSgs.filter((sg) => !sg.isDefault && !sg.description).map((sg) => ({ resource: sg.id, problem: 'has no description' })),
        ...declaredSgs.flatMap((sg) => sg.rules.filter((r) => !r.description).map((r) => ({ resource: r.declaredBy, problem: `an ${r.direction} rule of ${sg.id} has no description` }))),
      ],
      'every security group and rule has a description',
    ),
    check('AVD-AWS-0102', 'no NACL rule allows all traffic (AVD-AWS-0102)', allowAllNacl(model), 'every NACL rule names its protocol and ports'),
  ];
}
