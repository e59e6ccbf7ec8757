/** outputs: print the terraform outputs of the workdir. */
import { EXIT } from '../app/failure.js';
import type { WorkdirRecord } from '../core/workdir-record.js';
import { formatOutputs } from '../ui/plain-reporter.js';
import type { CommandModule } from './command.js';
import { document, workdirFrom, type RecordedInput } from './shared.js';

export const outputs: CommandModule<RecordedInput, { record: WorkdirRecord; outputs: Record<string, unknown> }> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir'], answers: 'recorded' },
  ask: (run) => workdirFrom(run.inv),
  async execute({ workdir, given }, run) {
    const engine = await import('../app/engine.js');
    return engine.outputs(workdir, run.engine, given);
  },
  render: (result, { workdir }, json) => (json ? document({ workdir, outputs: result.outputs }) : `${formatOutputs(result.outputs).join('\n')}\n`),
  exitCode: () => EXIT.ok,
};
