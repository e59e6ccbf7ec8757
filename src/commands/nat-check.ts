/** nat-check: the NAT-necessity questionnaire alone: recommendation and monthly cost; touches neither terraform nor AWS (but the Price List API with --live-prices). */
import { EXIT } from '../app/failure.js';
import { ADVICE_KEYS, resolveAdviceAnswers, type AdviceAnswers } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { planNat, type NatPlan } from '../core/nat-plan.js';
import { formatNatReport, livePriceLines } from '../core/nat-report.js';
import { priceDifferences, withLivePrices, type PriceDifference } from '../core/price-list.js';
import { pricesFor, PRICE_SOURCE, type RegionPrices } from '../core/prices.js';
import { Ended, type CommandModule, type CommandRun } from './command.js';
import { answersFrom, document } from './shared.js';

/** The region's prices as the AWS Price List API gives them, and where they differ from the table. */
export interface LivePrices {
  prices: RegionPrices;
  /** The day they were read (YYYY-MM-DD). */
  date: string;
  /** How many figures the price list gave. */
  found: number;
  differences: PriceDifference[];
}

/**
 * With --live-prices: the region's prices from the AWS Price List API (exit 2 before anything
 * runs when there are no AWS credentials to ask with); without it, undefined (the table stands).
 */
export async function livePricesFor(run: CommandRun, region: string, endpoint?: string): Promise<LivePrices | Ended | undefined> {
  if (!run.inv.flags.livePrices) return undefined;
  if (endpoint) {
    throw new UsageError([{ option: '--live-prices', message: `asks AWS's own Price List API; an emulator (--endpoint ${endpoint}) has no prices. Leave out one of the two` }]);
  }
  const { credentialsPresent, fetchLivePrices } = await import('../aws/pricing.js');
  if (!credentialsPresent(run.engine.env)) {
    throw new UsageError([
      {
        option: '--live-prices',
        message: `asks the AWS Price List API, which needs AWS credentials (any identity allowed pricing:GetProducts); none found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws). Set them, or leave out --live-prices to use net-wizard's table of ${PRICE_SOURCE.date}`,
      },
    ]);
  }
  let live;
  try {
    live = await fetchLivePrices(region, { env: run.engine.env, signal: run.engine.signal });
  } catch (error) {
    if (run.engine.signal?.aborted) throw error;
    // Asked for explicitly, so not replaced by the table in silence: exit 1, before anything was run.
    const message = error instanceof Error ? error.message : String(error);
    run.stderr(`net-wizard: could not ask the AWS Price List API (${message}); nothing was run or written. Run again once AWS answers, or leave out --live-prices to use net-wizard's table of ${PRICE_SOURCE.date}.\n`);
    return new Ended(EXIT.failure);
  }
  const table = pricesFor(region);
  const date = new Date().toISOString().slice(0, 10);
  return { prices: withLivePrices(table, live, date), date, found: Object.keys(live.figures).length, differences: priceDifferences(live, table) };
}

/** The prices of a --json document: the advice's, and with --live-prices what differed from the table. */
export function pricesDocument(plan: NatPlan, live: LivePrices | undefined) {
  return { ...plan.advice.prices, ...(live ? { live: { date: live.date, found: live.found, differences: live.differences } } : {}) };
}

type NatCheckInput = { answers: AdviceAnswers; live?: LivePrices };

export const natCheck: CommandModule<NatCheckInput, NatPlan> = {
  uses: { flags: ['config', 'json', 'live-prices'], answers: ADVICE_KEYS },
  async ask(run) {
    const { answers, origin } = await answersFrom(run.inv);
    const advised = resolveAdviceAnswers(answers, origin);
    const live = await livePricesFor(run, advised.region);
    if (live instanceof Ended) return live;
    return { answers: advised, ...(live ? { live } : {}) };
  },
  execute: async ({ answers, live }) => planNat(answers, live ? { prices: live.prices } : {}),
  render(plan, { answers, live }, json) {
    if (!json) return `${[...formatNatReport(answers, plan), ...(live ? livePriceLines(live) : [])].join('\n')}\n`;
    const { advice, ...nat } = plan;
    return document({
      answers,
      recommended: advice.recommended,
      nat,
      options: advice.options,
      routes: advice.routes,
      tutorialDifferences: advice.tutorialDifferences,
      prices: pricesDocument(plan, live),
      advice: { recommended: advice.recommended, ...(advice.runnerUp ? { runnerUp: advice.runnerUp } : {}), ...(advice.breakEven ? { breakEven: advice.breakEven } : {}), costKnown: advice.costKnown },
    });
  },
  exitCode: () => EXIT.ok,
};
