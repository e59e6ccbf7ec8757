/** plan: synth, terraform init and plan; print the change summary; changes nothing. Exit 3 when a flow check fails. */
import type { PlanOutcome } from '../app/engine.js';
import type { NetworkConfig } from '../core/config.js';
import type { CommandModule } from './command.js';
import { checklists, configFrom, document, failedChecks, verdict, planRun } from './shared.js';

export const plan: CommandModule<NetworkConfig, PlanOutcome> = {
  uses: { flags: ['config', 'yes', 'json', 'plain', 'terraform', 'plugin-dir'], answers: 'all' },
  ask: (run) => configFrom(run.inv),
  async execute(config, run) {
    const nat = planRun(config, run.engine);
    const engine = await import('../app/engine.js');
    return engine.plan(config, nat, run.engine);
  },
  render(result, config, json) {
    if (json) return document({ config, nat: result.nat, plan: result.plan, changes: result.changes, verification: result.checks, findings: result.findings, workdir: result.workdir });
    const summary = result.changes ? `Plan: ${result.plan.add} to add, ${result.plan.change} to change, ${result.plan.destroy} to destroy.` : 'No changes.';
    return `${[summary, '', ...checklists(result.checks, [], result.findings)].join('\n')}\n`;
  },
  recommend: (result) => failedChecks(result.checks),
  exitCode: (result) => verdict(result.checks),
};
