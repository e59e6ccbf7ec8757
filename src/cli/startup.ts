/**
 * What is checked and said before a command does anything: the provider plugin directory
 * (--plugin-dir, NET_WIZARD_PLUGIN_DIR) of the commands that run terraform init, and where the
 * environment sends AWS calls (AWS_ENDPOINT_URL…) for those that reach AWS.
 */
import { resolve } from 'node:path';
import { endpointEnvNotice } from '../aws/client.js';
import { UsageError } from '../core/errors.js';
import { pluginDirProblem } from '../terraform/plugin-mirror.js';
import { readAnswersFile } from './answers-file.js';
import { COMMAND_USES } from '../commands/index.js';
import type { Invocation } from './args.js';

/**
 * Refuse a plugin directory that holds no AWS provider (exit 2, naming the option or variable);
 * print the AWS_ENDPOINT_URL notice to stderr. Returns the invocation with the plugin directory
 * absolute (terraform runs in the workdir, where a relative one would point elsewhere).
 */
export async function startup(inv: Invocation, io: { env: NodeJS.ProcessEnv; stderr: (text: string) => void }): Promise<Invocation> {
  if (inv.flags.help || inv.flags.version) return inv;
  // The commands that run terraform are the ones that reach AWS.
  const runsTerraform = COMMAND_USES[inv.command].flags.includes('plugin-dir');
  if (!runsTerraform) return inv;
  const fromEnv = io.env.NET_WIZARD_PLUGIN_DIR ? io.env.NET_WIZARD_PLUGIN_DIR : undefined;
  const given = inv.flags.pluginDir ?? fromEnv;
  let pluginDir: string | undefined;
  if (given !== undefined) {
    pluginDir = resolve(given);
    const problem = given.trim() === '' ? 'is empty' : pluginDirProblem(pluginDir);
    const fromOption = inv.flags.pluginDir !== undefined;
    if (problem) throw new UsageError([{ option: fromOption ? '--plugin-dir' : 'NET_WIZARD_PLUGIN_DIR', message: problem, example: fromOption ? '/opt/tf-plugins' : 'NET_WIZARD_PLUGIN_DIR=/opt/tf-plugins' }]);
  }
  // A workdir's recorded endpoint, if any, wins over the environment.
  const notice = endpointEnvNotice(io.env, { recorded: COMMAND_USES[inv.command].answers === 'recorded' });
  if (notice.length > 0 && !(await endpointGiven(inv))) io.stderr(notice.map((line) => `${line}\n`).join(''));
  return pluginDir === undefined ? inv : { ...inv, flags: { ...inv.flags, pluginDir } };
}

/** Whether an emulator endpoint is given, as an option or in the answers file. */
async function endpointGiven(inv: Invocation): Promise<boolean> {
  if (inv.answers.endpoint !== undefined) return true;
  if (!inv.flags.config) return false;
  return (await readAnswersFile(inv.flags.config)).answers.endpoint !== undefined;
}
