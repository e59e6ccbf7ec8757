/**
 * destroy: destroy what the workdir applied (never what it only referenced), after a y/N on a
 * terminal or --yes; then name what AWS still holds tagged for the network that the state never
 * listed.
 */
import type { destroy as destroyNetwork } from '../app/engine.js';
import { EXIT } from '../app/failure.js';
import type { CommandModule } from './command.js';
import { confirmBeforeChanging, document, workdirFrom, type RecordedInput } from './shared.js';

export const destroy: CommandModule<RecordedInput, Awaited<ReturnType<typeof destroyNetwork>>> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir'], answers: 'recorded' },
  validate: (run) => confirmBeforeChanging(run, 'destroy'),
  ask: (run) => workdirFrom(run.inv),
  async execute({ workdir, given }, run) {
    const engine = await import('../app/engine.js');
    return engine.destroy(workdir, run.engine, given);
  },
  render(result, { workdir }, json) {
    const leftBehind = result.leftBehind.map(({ kind, id, name, fix }) => ({ kind, id, name, fix }));
    if (json) return document({ workdir, plan: result.plan, destroyed: result.destroyed, cancelled: result.cancelled ?? false, leftBehind });
    if (result.cancelled) return 'Cancelled: nothing was destroyed.\n';
    const one = leftBehind.length === 1;
    const left = leftBehind.length === 0 ? '' : ` AWS still holds ${one ? 'a resource' : `${leftBehind.length} resources`} tagged for this network that the state did not list (see above); delete ${one ? 'it' : 'them'} to stop paying for ${one ? 'it' : 'them'}.`;
    return `Destroyed ${result.destroyed.destroy} resources.${left}\n`;
  },
  exitCode: () => EXIT.ok,
};
