/** The NAT advice as text: recommendation, reasons, how each need is met, the cost table, the break-even and the crash-loop cost. */
import type { AdviceAnswers } from './config.js';
import { breakEvenWords, costWords, crashLoopWords } from './nat-advisor.js';
import type { NatPlan } from './nat-plan.js';

const usd = (n: number) => `$${n.toFixed(2)}`;

/** An option's cost in the table: its total, or `unknown` when a figure is missing in the region. */
const cell = (o: { monthlyUsd: number; missing: string[] }) => (o.missing.length === 0 ? usd(o.monthlyUsd) : 'unknown');

/** The break-even line the review and the reports show under the cost line, or undefined when the two ways never cross. */
export function breakEvenLine(plan: Pick<NatPlan, 'advice' | 'egress'>): string | undefined {
  if (plan.egress !== plan.advice.recommended) return undefined;
  return breakEvenWords(plan.advice);
}

/** Lines of the nat-check report (also the wizard's summary in plain mode). */
export function formatNatReport(answers: AdviceAnswers, plan: NatPlan): string[] {
  const { advice } = plan;
  const chosen = advice.options.find((o) => o.option === plan.egress)!;
  const out: string[] = [];
  out.push(`NAT advice for ${answers.region}, ${answers.azs.length} AZs, ${answers.trafficGb} GB/month, tasks in ${answers.tasksSubnet} subnets, ${answers.priority} first`);
  out.push('');
  out.push(`${plan.egress === advice.recommended ? 'Recommended' : 'Chosen'}: ${chosen.title} — ${costWords(chosen, answers.region)}`);
  const breakEven = breakEvenLine(plan);
  if (breakEven) out.push(`  ${breakEven}`);
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
  if (plan.crashLoop) {
    out.push('');
    out.push('A crash-looping task:');
    for (const l of crashLoopWords(plan.crashLoop, answers.region)) out.push(`  ${l}`);
  }
  out.push('');
  out.push(`Monthly cost of each way out (${advice.prices.currency}, list prices of ${advice.prices.date}, ${advice.prices.region}):`);
  const titleWidth = Math.max(...advice.options.map((o) => o.title.length));
  for (const o of advice.options) {
    const mark = o.option === plan.egress ? '→' : o.eligible ? ' ' : '✗';
    const note = o.option === advice.recommended && o.option !== plan.egress ? 'advised' : o.note ?? '';
    out.push(`  ${mark} ${o.title.padEnd(titleWidth)}  ${cell(o).padStart(9)}  ${note}`.trimEnd());
  }
  const runner = advice.options.find((o) => o.option === advice.runnerUp);
  if (runner && plan.egress === advice.recommended && chosen.missing.length === 0 && runner.missing.length === 0) {
    out.push(`  ${chosen.title} ${cell(chosen)}/month vs ${runner.title} ${cell(runner)}/month`);
  }
  out.push('  Estimates: hours at 730 a month, data as given with --traffic-gb; internet data transfer out is the same for every option and left out.');
  if (advice.prices.missing.length > 0) out.push(`  Unknown in ${advice.prices.region}: ${advice.prices.missing.join(', ')} — costs that need them are not totalled (--live-prices asks AWS).`);
  for (const d of advice.prices.derived) out.push(`  Derived: ${d.figure} — ${d.how}.`);
  if (advice.prices.unverified.length > 0) out.push(`  Not checked against AWS's price list: ${advice.prices.unverified.join(', ')}.`);
  out.push(`  Prices of ${advice.prices.region}: ${advice.prices.source}.`);
  if (advice.tutorialDifferences.length > 0) {
    out.push('');
    out.push("Where the tutorial's table differs from the facts:");
    for (const d of advice.tutorialDifferences) out.push(`  - ${d}`);
  }
  return out;
}

/** What --live-prices found, for the report: how many figures, and each that differs from the table. */
export function livePriceLines(live: { date: string; found: number; differences: { figure: string; usageType: string; table: number | null; live: number }[] }): string[] {
  const out = ['', `Live prices (AWS Price List API, read ${live.date}): ${live.found} figure${live.found === 1 ? '' : 's'} found.`];
  if (live.found === 0) out.push('  The price list had none of them for this region: the table stands.');
  else if (live.differences.length === 0) out.push("  None differs from net-wizard's table.");
  else for (const d of live.differences) out.push(`  ${d.figure} (${d.usageType}): ${d.table === null ? 'not in the table' : `table $${d.table}`}, now $${d.live}`);
  return out;
}
