/**
 * The commands as a table: name → module (src/commands/<name>.ts), each with the same shape
 * (command.ts). The table also says which options each command takes (COMMAND_USES, read by
 * src/cli/args.ts): anything else given to it is refused, not ignored.
 */
import { apply } from './apply.js';
import { audit } from './audit.js';
import type { CommandModule, CommandUses } from './command.js';
import { destroy } from './destroy.js';
import { diagram } from './diagram.js';
import { natCheck } from './nat-check.js';
import { outputs } from './outputs.js';
import { plan } from './plan.js';
import { synth } from './synth.js';
import { verify } from './verify.js';
import { wizard } from './wizard.js';

/** The commands, in the order --help and error messages list them. */
export const COMMANDS = ['synth', 'plan', 'apply', 'verify', 'outputs', 'destroy', 'nat-check', 'audit', 'diagram'] as const;
/** A command; 'wizard' is the run without one. */
export type Command = (typeof COMMANDS)[number] | 'wizard';

/** Every command's module. */
export const COMMAND_TABLE: Record<Command, CommandModule> = {
  wizard,
  synth,
  plan,
  apply,
  verify,
  outputs,
  destroy,
  'nat-check': natCheck,
  audit,
  diagram,
};

/**
 * Which options each command uses. --yes skips the confirmation of what changes AWS;
 * --terraform and --plugin-dir matter where terraform runs; --plain where there is progress or a
 * prompt to show; colour only on the wizard's screens (--no-color is taken everywhere, like
 * NO_COLOR: it asks for what is so).
 */
export const COMMAND_USES = Object.fromEntries(Object.entries(COMMAND_TABLE).map(([name, command]) => [name, command.uses])) as Record<Command, CommandUses>;
