/**
 * What to do next after a network is built: only what would change something. A cheaper way
 * out that still meets every need (`--nat single` saves $X a month), NAT switched on when a need
 * is left unmet, and how to remove it all; never what is already so (no "switch NAT off" for a
 * network without NAT). Each offer is the apply line of this very network with the one option
 * that changes, so it can be pasted as it is. Pure: the answers, the NAT plan, the checks.
 */
import type { Check } from './checks.js';
import { QUESTIONS, type NetworkConfig } from './config.js';
import { isProduction, NEEDS } from './nat-advisor.js';
import type { EgressOption } from './nat-modes.js';
import type { NatPlan } from './nat-plan.js';
import { shellQuote } from './shell.js';

const usd = (n: number) => `$${n.toFixed(2)}`;

/** An answer as its option writes it: lists comma-separated; undefined when it is not written. */
function written(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false || value === '') return undefined;
  if (Array.isArray(value)) return value.length ? value.join(',') : 'none';
  return String(value);
}

/**
 * The command line that makes this network (`npx net-wizard apply --project shop …`): every
 * answer that differs from its default, with `changes` applied. The AZs are written as their
 * letters when they are the region's (a,c), as the contract allows.
 */
export function commandLine(verb: string, config: NetworkConfig, changes: Partial<NetworkConfig> = {}): string {
  const answers = { ...config, ...changes } as NetworkConfig;
  const words = ['npx', 'net-wizard', verb];
  for (const q of QUESTIONS) {
    const value = answers[q.key];
    const text = written(value);
    if (text === undefined) continue;
    const byDefault = written(q.defaultValue?.(answers));
    // The project is always written: it names the network.
    if (text === byDefault && q.key !== 'project' && !(q.key in changes)) continue;
    if (q.switch) words.push(q.flag);
    else words.push(q.flag, shellQuote(q.key === 'azs' && Array.isArray(value) && value.every((az) => String(az).startsWith(answers.region)) ? value.map((az) => String(az).slice(answers.region.length)).join(',') : text));
  }
  return words.join(' ');
}

/** The option that chooses a way out. */
function natChange(option: EgressOption): Partial<NetworkConfig> | undefined {
  if (option === 'single' || option === 'per-az') return { nat: option };
  if (option === 'none' || option === 'endpoints') return { nat: 'none' };
  if (option === 'public-subnets') return { tasksSubnet: 'public', nat: 'none' };
  return undefined;
}

const TRADE_OFFS: Partial<Record<EgressOption, string>> = {
  single: 'one NAT Gateway for every AZ: if its AZ fails, the other AZs lose their way out too',
  endpoints: 'VPC endpoints carry every need you gave; nothing reaches the internet',
  none: 'nothing you gave needs a way out',
  'public-subnets': 'each task gets a public IP and only its security group protects it',
};

export interface FollowUpContext {
  /** The workdir, as the user named it. */
  workdir: string;
  /** The static and live checks of the network. */
  checks?: Check[];
}

/** The lines the end screen and the command line show after a network is built. */
export function followUps(config: NetworkConfig, nat: NatPlan, context: FollowUpContext): string[] {
  const lines: string[] = [];
  const current = nat.advice.options.find((o) => o.option === nat.egress);
  const cost = current?.monthlyUsd ?? nat.monthlyCostUsd;
  // A saving is only said where both costs are known in the region.
  const known = (o: { missing?: readonly string[] } | undefined) => !!o && (o.missing ?? []).length === 0;
  // A need left unmet (--nat none where only the internet will do): NAT on is what changes it.
  const unmet = config.needs.filter((n) => NEEDS[n].internetOnly);
  const blocked = (context.checks ?? []).some((c) => c.status === 'fail' && c.id.startsWith('flow.need-'));
  if (nat.mode === 'none' && config.tasksSubnet === 'private' && (nat.warnings.length > 0 || blocked) && unmet.length > 0) {
    const single = nat.advice.options.find((o) => o.option === 'single');
    lines.push(
      `${unmet.map((n) => NEEDS[n].words).join(', ')} cannot work without a way to the internet: ${commandLine('apply', config, { nat: 'single' })} adds one NAT Gateway${single && known(single) ? ` (${usd(single.monthlyUsd)} a month)` : ` (its price in ${config.region} is not known to net-wizard)`}.`,
    );
  } else {
    // The cheapest way out that still meets every need, when it is cheaper by a dollar or more.
    const cheaper = nat.advice.options
      .filter((o) => known(current) && known(o) && o.eligible && o.option !== nat.egress && cost - o.monthlyUsd >= 1)
      .filter((o) => !(o.option === 'single' && nat.mode === 'per-az' && isProduction(config.env)))
      .filter((o) => o.option !== 'public-subnets' || config.tasksSubnet === 'public')
      .sort((a, b) => a.monthlyUsd - b.monthlyUsd)[0];
    const change = cheaper && natChange(cheaper.option);
    if (cheaper && change) {
      lines.push(`Save ${usd(cost - cheaper.monthlyUsd)} a month (${TRADE_OFFS[cheaper.option] ?? cheaper.title}): ${commandLine('apply', config, change)}`);
    }
  }
  lines.push(`Remove it all: npx net-wizard destroy --workdir ${shellQuote(context.workdir)}`);
  return lines;
}
