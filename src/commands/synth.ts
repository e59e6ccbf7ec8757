/** synth: write the Terraform project into the workdir (cdk.tf.json; with --hcl also HCL); runs no terraform. */
import type { SynthResult } from '../app/engine.js';
import { EXIT } from '../app/failure.js';
import type { NetworkConfig } from '../core/config.js';
import type { CommandModule } from './command.js';
import { checklists, configFrom, document, planRun } from './shared.js';

export const synth: CommandModule<NetworkConfig, SynthResult> = {
  // --yes asks nothing of commands that change nothing, but an apply line carries it: taken, so that
  // the apply line can be reused with another verb (the contract).
  uses: { flags: ['config', 'yes', 'json', 'plain', 'hcl'], answers: 'all' },
  ask: (run) => configFrom(run.inv),
  async execute(config, run) {
    const nat = planRun(config, run.engine);
    // The engine (and through it CDKTF) loads only when a command runs it.
    const engine = await import('../app/engine.js');
    return engine.synth(config, nat, run.engine, { hcl: run.inv.flags.hcl });
  },
  render(result, config, json) {
    if (json) {
      const { nat, workdir, files, resourceCount, checks, findings } = result;
      return document({ config, nat, workdir, files, resources: resourceCount, verification: checks, findings });
    }
    return `${[...result.files.map((f) => `wrote ${f}`), '', ...checklists(result.checks, [], result.findings)].join('\n')}\n`;
  },
  exitCode: () => EXIT.ok,
};
