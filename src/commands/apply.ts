/**
 * apply: synth, init, plan, confirm (on a terminal, or --yes), apply, read the outputs, verify.
 * Its --json document is the engine's ApplyOutcome as it is (the contract's keys). Exit 3 when a
 * verification check fails.
 */
import type { ApplyOutcome } from '../app/engine.js';
import { EXIT } from '../app/failure.js';
import { formatOutputs } from '../ui/plain-reporter.js';
import { planNat } from '../core/nat-plan.js';
import { livePriceLines } from '../core/nat-report.js';
import { Ended, type CommandModule } from './command.js';
import { livePricesFor, pricesDocument, type LivePrices } from './nat-check.js';
import type { BuildInput } from './shared.js';
import { checklists, buildInputFrom, confirmBeforeChanging, document, failedChecks, verdict, planFor } from './shared.js';

type ApplyInput = BuildInput & { live?: LivePrices };

export const apply: CommandModule<ApplyInput, ApplyOutcome> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir', 'live-prices'], answers: 'all' },
  validate: (run) => confirmBeforeChanging(run, 'apply'),
  async ask(run) {
    const input = await buildInputFrom(run.inv);
    // Before anything is synthesized: without credentials to ask with, exit 2 with nothing written.
    const live = await livePricesFor(run, input.config.region, input.config.endpoint);
    if (live instanceof Ended) return live;
    return { ...input, ...(live ? { live } : {}) };
  },
  async execute(input, run) {
    const planned = await planFor(input, run.engine);
    const { config, attachment } = planned;
    // The NAT decided again on the live prices (the same answers, the region's prices of today).
    const nat = input.live ? planNat(config, { prices: input.live.prices }) : planned.nat;
    if (input.live) run.engine.emit({ type: 'notice', level: 'info', text: livePriceLines(input.live).slice(1).join('\n'), at: Date.now() });
    const engine = await import('../app/engine.js');
    return engine.apply(config, nat, run.engine, attachment ? { attachment } : {});
  },
  render(result, input, json) {
    // The contract's key order: config, nat, prices, then the rest.
    if (json) {
      const { config, nat, ...rest } = result;
      return document({ config, nat, prices: pricesDocument(nat, input.live), ...rest });
    }
    if (result.cancelled) return 'Cancelled: nothing was changed.\n';
    const staticChecks = result.verification.filter((c) => c.id.startsWith('flow.'));
    const liveChecks = result.verification.filter((c) => !c.id.startsWith('flow.'));
    return `${[
      `Apply complete: ${result.applied.import ? `${result.applied.import} imported, ` : ''}${result.applied.add} added, ${result.applied.change} changed, ${result.applied.destroy} destroyed.`,
      '',
      'Outputs:',
      ...formatOutputs(result.outputs).map((l) => `  ${l}`),
      '',
      ...checklists(staticChecks, liveChecks, result.findings),
    ].join('\n')}\n`;
  },
  recommend: (result) => (result.cancelled ? '' : failedChecks(result.verification)),
  exitCode: (result) => (result.cancelled ? EXIT.ok : verdict(result.verification)),
};
