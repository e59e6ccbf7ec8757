/** plan: synth, terraform init and plan; print the change summary; changes nothing. Exit 3 when a flow check fails. */
import type { PlanOutcome } from '../app/engine.js';
import type { CommandModule } from './command.js';
import { planCounts } from '../core/terraform-events.js';
import type { BuildInput } from './shared.js';
import { checklists, buildInputFrom, document, failedChecks, verdict, planFor } from './shared.js';

export const plan: CommandModule<BuildInput, PlanOutcome> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir'], answers: 'all' },
  ask: (run) => buildInputFrom(run.inv),
  async execute(input, run) {
    const { config, nat, attachment } = await planFor(input, run.engine);
    const engine = await import('../app/engine.js');
    return engine.plan(config, nat, run.engine, attachment ? { attachment } : {});
  },
  render(result, input, json) {
    const config = result.config ?? input.config;
    if (json) return document({ config, nat: result.nat, ...(result.existing ? { existing: result.existing } : {}), plan: result.plan, changes: result.changes, verification: result.checks, findings: result.findings, workdir: result.workdir });
    const summary = result.changes ? `Plan: ${planCounts(result.plan)}.` : 'No changes.';
    return `${[summary, '', ...checklists(result.checks, [], result.findings)].join('\n')}\n`;
  },
  recommend: (result) => failedChecks(result.checks),
  exitCode: (result) => verdict(result.checks),
};
