/** nat-check: the NAT-necessity questionnaire alone: recommendation and monthly cost; touches neither AWS nor terraform. */
import { EXIT } from '../app/failure.js';
import { ADVICE_KEYS, resolveAdviceAnswers, type AdviceAnswers } from '../core/config.js';
import { planNat, type NatPlan } from '../core/nat-plan.js';
import { formatNatReport } from '../core/nat-report.js';
import type { CommandModule } from './command.js';
import { answersFrom, document } from './shared.js';


export const natCheck: CommandModule<AdviceAnswers, NatPlan> = {
  uses: { flags: ['config', 'json'], answers: ADVICE_KEYS },
  async ask(run) {
    const { answers, origin } = await answersFrom(run.inv);
    return resolveAdviceAnswers(answers, origin);
  },
  execute: async (advised) => planNat(advised),
  render(plan, advised, json) {
    if (!json) return `${formatNatReport(advised, plan).join('\n')}\n`;
    const { advice, ...nat } = plan;
    return document({ answers: advised, recommended: advice.recommended, nat, options: advice.options, routes: advice.routes, tutorialDifferences: advice.tutorialDifferences, prices: advice.prices });
  },
  exitCode: () => EXIT.ok,
};
