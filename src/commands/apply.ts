/**
 * apply: synth, init, plan, confirm (on a terminal, or --yes), apply, read the outputs, verify.
 * Its --json document is the engine's ApplyOutcome as it is (the contract's keys). Exit 3 when a
 * verification check fails.
 */
import type { ApplyOutcome } from '../app/engine.js';
import { EXIT } from '../app/failure.js';
import type { NetworkConfig } from '../core/config.js';
import { formatOutputs } from '../ui/plain-reporter.js';
import type { CommandModule } from './command.js';
import { checklists, configFrom, confirmBeforeChanging, document, failedChecks, verdict, planRun } from './shared.js';

export const apply: CommandModule<NetworkConfig, ApplyOutcome> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir'], answers: 'all' },
  validate: (run) => confirmBeforeChanging(run, 'apply'),
  ask: (run) => configFrom(run.inv),
  async execute(config, run) {
    const nat = planRun(config, run.engine);
    const engine = await import('../app/engine.js');
    return engine.apply(config, nat, run.engine);
  },
  render(result, _config, json) {
    if (json) return document(result);
    if (result.cancelled) return 'Cancelled: nothing was changed.\n';
    const staticChecks = result.verification.filter((c) => c.id.startsWith('flow.'));
    const liveChecks = result.verification.filter((c) => !c.id.startsWith('flow.'));
    return `${[
      `Apply complete: ${result.applied.add} added, ${result.applied.change} changed, ${result.applied.destroy} destroyed.`,
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
