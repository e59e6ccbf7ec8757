/**
 * apply: synth, init, plan, confirm (on a terminal, or --yes), apply, read the outputs, verify.
 * Its --json document is the engine's ApplyOutcome as it is (the contract's keys). Exit 3 when a
 * verification check fails.
 */
import type { ApplyOutcome } from '../app/engine.js';
import { EXIT } from '../app/failure.js';
import { formatOutputs } from '../ui/plain-reporter.js';
import type { CommandModule } from './command.js';
import type { BuildInput } from './shared.js';
import { checklists, buildInputFrom, confirmBeforeChanging, document, failedChecks, verdict, planFor } from './shared.js';

export const apply: CommandModule<BuildInput, ApplyOutcome> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir'], answers: 'all' },
  validate: (run) => confirmBeforeChanging(run, 'apply'),
  ask: (run) => buildInputFrom(run.inv),
  async execute(input, run) {
    const { config, nat, attachment } = await planFor(input, run.engine);
    const engine = await import('../app/engine.js');
    return engine.apply(config, nat, run.engine, attachment ? { attachment } : {});
  },
  render(result, _config, json) {
    if (json) return document(result);
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
