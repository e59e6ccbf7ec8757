/** synth: write the Terraform project into the workdir (cdk.tf.json; with --hcl also HCL); runs no terraform. */
import type { SynthResult } from '../app/engine.js';
import { EXIT } from '../app/failure.js';
import type { CommandModule } from './command.js';
import type { BuildInput } from './shared.js';
import { checklists, buildInputFrom, document, planFor } from './shared.js';

export const synth: CommandModule<BuildInput, SynthResult> = {
  // --yes asks nothing of commands that change nothing, but an apply line carries it: taken, so that
  // the apply line can be reused with another verb (the contract).
  uses: { flags: ['config', 'yes', 'json', 'plain', 'hcl'], answers: 'all' },
  ask: (run) => buildInputFrom(run.inv),
  async execute(input, run) {
    const { config, nat, attachment } = await planFor(input, run.engine);
    // The engine (and through it CDKTF) loads only when a command runs it.
    const engine = await import('../app/engine.js');
    return engine.synth(config, nat, run.engine, { hcl: run.inv.flags.hcl, ...(attachment ? { attachment } : {}) });
  },
  render(result, input, json) {
    const config = result.config ?? input.config;
    if (json) {
      const { nat, workdir, files, resourceCount, checks, findings } = result;
      return document({ config, nat, ...(result.existing ? { existing: result.existing } : {}), workdir, files, resources: resourceCount, verification: checks, findings });
    }
    return `${[...result.files.map((f) => `wrote ${f}`), '', ...checklists(result.checks, [], result.findings)].join('\n')}\n`;
  },
  exitCode: () => EXIT.ok,
};
