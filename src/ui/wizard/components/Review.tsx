import { Box, Text, useInput } from 'ink';
import type { NetworkConfig } from '../../../core/config.js';
import type { NatPlan } from '../../../core/nat-plan.js';
import type { PlannedChange } from '../../../terraform/runner.js';
import type { ChangeSummary } from '../../../core/terraform-events.js';
import type { Check } from '../../../core/checks.js';
import { ACTION_SIGNS } from '../../../core/wording.js';
import { describeAdoptions, describeAttachment, type ExistingVpc } from '../../../core/existing-vpc.js';
import { CheckSummary } from './CheckSummary.js';
import { Diagram } from './Diagram.js';
import type { DiagramLayout } from '../../../network/diagram/index.js';
import { costWords } from '../../../core/nat-advisor.js';
import { breakEvenLine } from '../../../core/nat-report.js';

export interface ReviewProps {
  config: NetworkConfig;
  /** The existing VPC attached to (--vpc-id): each subnet, its class and why; what is adopted. */
  existing?: ExistingVpc;
  nat: NatPlan;
  /** Resource counts by terraform type, from the synthesized project. */
  resources: Record<string, number>;
  /** The static verification: which flows the network lets through and which it blocks. */
  checks: Check[];
  /** The network laid out for its picture. */
  diagram?: DiagramLayout;
  /** The security baseline's findings and accepted exceptions. */
  findings?: Check[];
  /** Every check line, not only what failed. */
  verbose?: boolean;
  /** The key that shows every line (the App handles it), for the hint. */
  toggleKey?: string;
  /** Terraform's plan; absent when it could not run (no AWS). */
  plan?: { summary: ChangeSummary; changes: PlannedChange[] };
  /** Asked only when there is a plan to apply. */
  onAnswer?(yes: boolean): void;
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/** What will be built, what it costs, which traffic it lets through, and terraform's plan; then confirm. */
export function Review({ config, existing, nat, resources, checks, diagram, findings = [], verbose = false, toggleKey, plan, onAnswer }: ReviewProps) {
  useInput((typed, key) => {
    // A letter and the Enter after it in one read (`y\r`, a script, a fast typist) answer as the letter.
    const input = typed.length > 1 && !key.ctrl ? typed.replace(/[\r\n]+$/, '') : typed;
    if (!onAnswer) return;
    if (input === 'y' || input === 'Y') onAnswer(true);
    else if (input === 'n' || input === 'N' || key.escape) onAnswer(false);
  });
  const chosen = nat.advice.options.find((o) => o.option === nat.egress);
  const breakEven = breakEvenLine(nat);
  const destroyed = plan?.changes.filter((c) => c.action === 'delete' || c.action === 'replace') ?? [];
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>Review: {config.project}-{config.env} in {config.region} ({config.azs.join(', ')})</Text>
      {existing && (
        <Box flexDirection="column">
          {[...describeAttachment(existing, { lockDefaultSg: config.lockDefaultSg === true }), ...describeAdoptions(existing.adopted ?? [])].map((line, i) => (
            <Text key={i} dimColor={line.startsWith('  ')}>
              {line}
            </Text>
          ))}
        </Box>
      )}
      <Text>
        Resources: {Object.entries(resources).map(([type, n]) => `${n} ${type.replace(/^aws_/, '')}`).join(', ')}
      </Text>
      {diagram && (
        <Box marginTop={1} marginBottom={1}>
          <Diagram layout={diagram} />
        </Box>
      )}
      <Text>
        Monthly cost of the way out: <Text color="cyan">{chosen ? costWords(chosen, nat.advice.prices.region) : `${usd(nat.monthlyCostUsd)}/month`}</Text>{' '}
        <Text dimColor>
          ({chosen?.title}; list prices {nat.advice.prices.date}, {nat.advice.prices.region})
        </Text>
      </Text>
      {breakEven && <Text dimColor>  {breakEven}</Text>}
      {nat.warnings.map((w) => (
        <Text key={w} color="yellow">
          ! {w}
        </Text>
      ))}
      {checks.length + findings.length > 0 && (
        <Box marginTop={1}>
          <CheckSummary checks={[...checks, ...findings]} verbose={verbose} {...(toggleKey ? { toggleKey } : {})} />
        </Box>
      )}
      <Box flexDirection="column" marginTop={1}>
        {plan ? (
          <Text>
            Plan: {plan.summary.import ? <Text color="cyan">←{plan.summary.import} imported </Text> : null}<Text color="green">+{plan.summary.add}</Text> <Text color="yellow">~{plan.summary.change}</Text>{' '}
            <Text color={plan.summary.destroy > 0 ? 'red' : undefined}>-{plan.summary.destroy}</Text>
          </Text>
        ) : (
          <Text dimColor>Plan: not run (see below)</Text>
        )}
        {destroyed.map((c) => (
          <Text key={c.address} color="red">
            {ACTION_SIGNS[c.action]} {c.address}
          </Text>
        ))}
      </Box>
      {onAnswer && (
        <Text>
          <Text color="cyan" bold>
            ?{' '}
          </Text>
          <Text bold>Apply these changes?</Text> <Text dimColor>(y/n)</Text>
        </Text>
      )}
    </Box>
  );
}
