/** verify: verify live AWS state against what the workdir says was applied. Exit 3 when a check fails. */
import type { WorkdirRecord } from '../core/workdir-record.js';
import { formatChecks } from '../ui/plain-reporter.js';
import type { Check } from '../core/checks.js';
import type { CommandModule } from './command.js';
import { document, failedChecks, verdict, workdirFrom, type RecordedInput } from './shared.js';

export const verify: CommandModule<RecordedInput, { record: WorkdirRecord; verification: Check[] }> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir'], answers: 'recorded' },
  ask: (run) => workdirFrom(run.inv),
  async execute({ workdir, given }, run) {
    const engine = await import('../app/engine.js');
    return engine.verify(workdir, run.engine, given);
  },
  render: (result, { workdir }, json) => (json ? document({ workdir, verification: result.verification }) : `${formatChecks('live', result.verification).join('\n')}\n`),
  recommend: (result) => failedChecks(result.verification),
  exitCode: (result) => verdict(result.verification),
};
