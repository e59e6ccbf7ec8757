/**
 * The one fixture builder: a network as the command line builds it from these answers (resolved
 * with the defaults, its NAT planned once, the stack synthesized). Project `shop`, env `dev` unless given.
 */
import { resolveConfig, type Answers, type NetworkConfig } from '../../src/core/config.js';
import { planNat, type NatPlan } from '../../src/core/nat-plan.js';
import { synthesizeStack, type TerraformJson } from '../../src/synth/synth.js';

/** The configuration and NAT plan of these answers. */
export function planned(answers: Answers = {}): { config: NetworkConfig; nat: NatPlan } {
  const config = resolveConfig({ project: 'shop', env: 'dev', ...answers });
  return { config, nat: planNat(config) };
}

/** The synthesized stack of these answers, with its configuration and NAT plan. */
export async function synthesized(answers: Answers = {}, options: { hcl?: boolean } = {}): Promise<{ config: NetworkConfig; nat: NatPlan; json: TerraformJson; hclFiles?: Record<string, string> }> {
  const { config, nat } = planned(answers);
  const result = await synthesizeStack(config, nat, options);
  return { config, nat, json: result.json, ...(result.hclFiles ? { hclFiles: result.hclFiles } : {}) };
}
