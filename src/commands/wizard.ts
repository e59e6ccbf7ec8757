/**
 * The wizard (no command): on a terminal that can redraw a screen, the Ink wizard
 * (src/ui/wizard); with --plain or a dumb terminal, the questions line by line and then apply;
 * without a terminal, or with --json, it behaves like apply (the contract).
 */
import type { Io } from '../cli/terminal.js';
import type { Invocation } from '../cli/args.js';
import { QUESTIONS, resolveConfig, resolveGiven, type NetworkConfig } from '../core/config.js';
import { EXIT } from '../app/failure.js';
import { apply } from './apply.js';
import { Ended, type CommandModule } from './command.js';
import { answersFrom, type BuildInput } from './shared.js';
import { wrapIndented } from '../ui/wrap.js';

export const wizard: CommandModule<BuildInput> = {
  ...apply,
  uses: { flags: ['config', 'yes', 'json', 'plain', 'verbose', 'demo', 'color', 'terraform', 'plugin-dir'], answers: 'all' },
  async ask(run) {
    if (!run.interactive || run.inv.flags.json) return apply.ask(run);
    // Line by line: --plain, or a terminal that cannot redraw a screen.
    const { answers, origin } = await answersFrom(run.inv);
    const preset = resolveGiven(answers, origin);
    const { askPlain } = await import('../ui/plain/ask.js');
    try {
      const config = resolveConfig(await askPlain(preset, (line) => run.stderr(`${line}\n`), run.stopper.signal));
      // An existing VPC's AZs and CIDR are not asked: only the options could have given them.
      return { config, given: config.vpcId ? preset : config, origin };
    } catch (error) {
      // Ctrl-C at a prompt (ExitPromptError), or a signal from outside (AbortPromptError).
      if ((error as Error).name === 'ExitPromptError' || (error as Error).name === 'AbortPromptError') {
        run.stderr('net-wizard: left the questions; nothing was written.\n');
        return new Ended(run.stopper.exitCode ?? EXIT.interrupted);
      }
      throw error;
    }
  },
};

/** The full-screen wizard, with its own stop handling and screens; resolves to the exit code. */
export async function runFullScreen(inv: Invocation, io: Io): Promise<number> {
  const { flags } = inv;
  const { answers, origin } = await answersFrom(inv);
  const preset = resolveGiven(answers, origin);
  const presetFrom = Object.fromEntries(Object.keys(preset).map((k) => [k, origin[k as keyof NetworkConfig] ?? QUESTIONS.find((q) => q.key === k)!.flag]));
  const { runWizard } = await import('../ui/wizard/run-wizard.js');
  return runWizard({
    preset,
    presetFrom,
    engine: { env: io.env, terraformBin: flags.terraform, pluginDir: flags.pluginDir ?? io.env.NET_WIZARD_PLUGIN_DIR },
    afterwards: (text) => io.stderr(wrapIndented(text, io.columns)),
    signals: io.onSignal,
    verbose: flags.verbose,
    demo: flags.demo ? 'always' : 'offer',
  });
}
