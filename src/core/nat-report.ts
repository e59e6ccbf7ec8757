/** The NAT advice as text: recommendation, reasons, how each need is met, the cost table. */
import type { AdviceAnswers } from './config.js';
import type { NatPlan } from './nat-plan.js';

const usd = (n: number) => `$${n.toFixed(2)}`;

/** Lines of the nat-check report (also the wizard's summary in plain mode). */
export function formatNatReport(answers: AdviceAnswers, plan: NatPlan): string[] {
  const { advice } = plan;
  const chosen = advice.options.find((o) => o.option === plan.egress)!;
  const out: string[] = [];
  const fallback = advice.prices.fallback ? ` — no prices known for ${answers.region}, showing ${advice.prices.region}'s` : '';
  out.push(`NAT advice for ${answers.region}, ${answers.azs.length} AZs, ${answers.trafficGb} GB/month, tasks in ${answers.tasksSubnet} subnets, ${answers.priority} first`);
  out.push('');
  out.push(`${plan.egress === advice.recommended ? 'Recommended' : 'Chosen'}: ${chosen.title} — ${usd(plan.monthlyCostUsd)}/month`);
  for (const reason of plan.reasons) out.push(`  - ${reason}`);
  for (const warning of plan.warnings) out.push(`  ! ${warning}`);
  if (plan.endpoints.s3Gateway || plan.endpoints.interfaces.length > 0) {
    out.push(`  VPC endpoints: ${[...(plan.endpoints.s3Gateway ? ['s3 (gateway, free)'] : []), ...plan.endpoints.interfaces].join(', ')}`);
  }
  if (advice.routes.length > 0 && plan.egress === advice.recommended) {
    out.push('');
    out.push('How each need is met:');
    const width = Math.max(...advice.routes.map((r) => r.need.length));
    for (const r of advice.routes) out.push(`  ${r.need.padEnd(width)}  ${r.way}: ${r.detail}`);
  }
  out.push('');
  out.push(`Monthly cost of each way out (${advice.prices.currency}, list prices of ${advice.prices.date}, ${advice.prices.region}${fallback}):`);
  const titleWidth = Math.max(...advice.options.map((o) => o.title.length));
  for (const o of advice.options) {
    const mark = o.option === plan.egress ? '→' : o.eligible ? ' ' : '✗';
    const note = o.option === advice.recommended && o.option !== plan.egress ? 'advised' : o.note ?? '';
    out.push(`  ${mark} ${o.title.padEnd(titleWidth)}  ${usd(o.monthlyUsd).padStart(9)}  ${note}`.trimEnd());
  }
  if (advice.runnerUp && plan.egress === advice.recommended) {
    const runner = advice.options.find((o) => o.option === advice.runnerUp)!;
    out.push(`  ${chosen.title} ${usd(chosen.monthlyUsd)}/month vs ${runner.title} ${usd(runner.monthlyUsd)}/month`);
  }
  out.push('  Estimates: hours at 730 a month, data as given with --traffic-gb; internet data transfer out is the same for every option and left out.');
  if (advice.prices.unverified.length > 0) out.push(`  Not checked against AWS's price list: ${advice.prices.unverified.join(', ')}.`);
  if (advice.tutorialDifferences.length > 0) {
    out.push('');
    out.push("Where the tutorial's table differs from the facts:");
    for (const d of advice.tutorialDifferences) out.push(`  - ${d}`);
  }
  return out;
}
