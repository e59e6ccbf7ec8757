/** Command-line parsing: options to raw answers and run flags. No I/O. */
import { parseArgs } from 'node:util';
import type { Answers, NetworkConfig } from '../core/config.js';
import { QUESTIONS } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import type { RunFlag } from '../commands/command.js';
import { COMMAND_USES, COMMANDS, type Command } from '../commands/index.js';

/** How a run behaves, apart from the network's answers. */
export interface RunFlags {
  config?: string;
  yes: boolean;
  json: boolean;
  plain: boolean;
  /** The wizard's screens list every check, not only what needs a look. */
  verbose: boolean;
  /** The wizard runs on a local moto it starts and stops, whatever credentials there are. */
  demo: boolean;
  hcl: boolean;
  color: boolean;
  terraform?: string;
  pluginDir?: string;
  /** nat-check, apply: ask the AWS Price List API for the region's prices instead of the table. */
  livePrices: boolean;
  /** audit: the roles' security groups, when their names do not say. */
  roles: { alb?: string; ecs?: string; rds?: string };
  /** diagram: text, mermaid or svg (checked by the command). */
  format?: string;
  help: boolean;
  version: boolean;
}

/** A parsed command line. */
export interface Invocation {
  command: Command;
  /** Answers given as options, keyed like NetworkConfig. */
  answers: Answers;
  flags: RunFlags;
}

const answerOptions = Object.fromEntries(QUESTIONS.map((q) => [q.flag.slice(2), { type: q.switch ? ('boolean' as const) : ('string' as const) }]));

const OPTIONS = {
  ...answerOptions,
  config: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
  plain: { type: 'boolean' },
  verbose: { type: 'boolean' },
  demo: { type: 'boolean' },
  hcl: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  terraform: { type: 'string' },
  'plugin-dir': { type: 'string' },
  'alb-sg': { type: 'string' },
  'ecs-sg': { type: 'string' },
  'rds-sg': { type: 'string' },
  'live-prices': { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** Parse argv (without node and the script); throws UsageError for unknown options and commands. */
export function parseInvocation(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(-[^']+)'/.exec(message)?.[1] ?? 'command line';
    throw new UsageError([{ option, message: message.replace(/\. To specify a positional argument.*$/s, '').trim() + '; see net-wizard --help' }]);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError([{ option: 'command', message: `one command at a time; got ${positionals.join(' ')}` }]);
  }
  const name = positionals[0];
  if (name !== undefined && !(COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError([{ option: 'command', message: `"${name}" is not a command (commands: ${COMMANDS.join(', ')})`, example: 'net-wizard apply' }]);
  }
  const v = values as Record<string, string | boolean | undefined>;
  const answers: Answers = {};
  for (const q of QUESTIONS) {
    const value = v[q.flag.slice(2)];
    if (value !== undefined) (answers as Record<keyof NetworkConfig, unknown>)[q.key] = value;
  }
  const command = (name as Command | undefined) ?? 'wizard';
  const conflicts = conflictsOf(command, v, answers);
  if (conflicts.length > 0) throw new UsageError(conflicts);
  return {
    command,
    answers,
    flags: {
      config: v.config as string | undefined,
      yes: v.yes === true,
      json: v.json === true,
      plain: v.plain === true,
      verbose: v.verbose === true,
      demo: v.demo === true,
      hcl: v.hcl === true,
      color: v['no-color'] !== true && v.color !== false,
      terraform: v.terraform as string | undefined,
      pluginDir: v['plugin-dir'] as string | undefined,
      livePrices: v['live-prices'] === true,
      roles: Object.fromEntries((['alb', 'ecs', 'rds'] as const).flatMap((role) => (typeof v[`${role}-sg`] === 'string' ? [[role, v[`${role}-sg`] as string]] : []))),
      ...(typeof v.format === 'string' ? { format: v.format } : {}),
      help: v.help === true,
      version: v.version === true,
    },
  };
}

const commandName = (command: Command) => (command === 'wizard' ? 'the wizard' : command);

/** Why a command has no use for a run flag (hcl keeps its own sentence). */
const UNUSED: Record<Exclude<RunFlag, 'hcl' | 'config' | 'json'>, (command: Command) => string> = {
  yes: (c) => `--yes skips the confirmation before AWS is changed; ${commandName(c)} changes nothing in AWS and asks nothing`,
  plain: (c) => `${commandName(c)} prints its report and asks nothing; --plain would change nothing`,
  color: (c) => `only the wizard's screens have colour; ${commandName(c)} prints none`,
  verbose: (c) => `--verbose lists every check on the wizard's screens; ${commandName(c)} prints every line already`,
  demo: (c) => `--demo runs the wizard on a local emulator it starts; ${commandName(c)} takes an emulator with --endpoint <url>`,
  terraform: (c) => `${commandName(c)} runs no terraform; --terraform would change nothing`,
  'plugin-dir': (c) => `${commandName(c)} runs no terraform init; --plugin-dir would change nothing`,
  'alb-sg': (c) => `--alb-sg names the ALB's security group of a VPC to audit; ${commandName(c)} makes its own`,
  'ecs-sg': (c) => `--ecs-sg names the tasks' security group of a VPC to audit; ${commandName(c)} makes its own`,
  'rds-sg': (c) => `--rds-sg names the database's security group of a VPC to audit; ${commandName(c)} makes its own`,
  'live-prices': (c) => `--live-prices asks AWS for the prices of the NAT advice's costs; ${commandName(c)} uses the table's (net-wizard nat-check --live-prices shows the costs)`,
  format: (c) => `--format chooses how diagram draws the network (net-wizard diagram --format mermaid); ${commandName(c)} draws none`,
};

/** The run flags given on this command line that the command does not use. */
function unusedFlags(command: Command, v: Record<string, string | boolean | undefined>): { option: string; message: string }[] {
  const uses = COMMAND_USES[command].flags;
  const usedBy = (flag: RunFlag) => (Object.keys(COMMAND_USES) as Command[]).filter((c) => COMMAND_USES[c].flags.includes(flag)).map(commandName).join(', ');
  const found: { option: string; message: string }[] = [];
  for (const flag of Object.keys(UNUSED) as (keyof typeof UNUSED)[]) {
    const given = v[flag] === true || typeof v[flag] === 'string'; // --color, not --no-color
    if (!given || uses.includes(flag)) continue;
    found.push({ option: `--${flag}`, message: `${UNUSED[flag](command)} (used by: ${usedBy(flag)})` });
  }
  return found;
}

/** The answer options given to a command that uses only some (nat-check: the NAT advice's). */
function unusedAnswers(command: Command, answers: Answers): { option: string; message: string }[] {
  const used = COMMAND_USES[command].answers;
  if (used === 'all' || used === 'recorded') return [];
  const flags = QUESTIONS.filter((q) => used.includes(q.key)).map((q) => q.flag);
  return QUESTIONS.filter((q) => answers[q.key] !== undefined && !used.includes(q.key)).map((q) => ({
    option: q.flag,
    message: `${command} takes only ${command === 'audit' ? 'the answers of an audit' : 'the answers of the NAT advice'} (${flags.join(', ')}); ${q.flag} would change nothing. For the whole network: net-wizard plan ${q.flag} ${q.example}`,
  }));
}

/** Options that contradict each other or do nothing for this command: refused rather than ignored. */
function conflictsOf(command: Command, v: Record<string, string | boolean | undefined>, answers: Answers) {
  const found: { option: string; message: string }[] = [];
  if (v.color === true && v['no-color'] === true) {
    found.push({ option: '--color/--no-color', message: 'both given; choose one (or set NO_COLOR for no colour)' });
  }
  if (v.plain === true && v.json === true) {
    found.push({ option: '--plain/--json', message: '--plain asks the questions line by line on a terminal, --json prints one document for a program; choose one' });
  }
  for (const other of ['plain', 'json', 'endpoint'] as const) {
    if (v.demo === true && v[other] !== undefined && v[other] !== false) {
      found.push({
        option: `--demo/--${other}`,
        message: other === 'endpoint' ? '--demo starts a local emulator of its own; --endpoint names one that runs already; choose one' : `--demo runs the full-screen wizard on a local emulator; --${other} has no screen to run it on; for a script, start moto yourself and pass --endpoint http://127.0.0.1:<port>`,
      });
    }
  }
  if (v.hcl === true && command !== 'synth') {
    found.push({ option: '--hcl', message: `only synth writes HCL (net-wizard synth --hcl); ${command === 'wizard' ? 'the wizard' : command} does not use it` });
  }
  found.push(...unusedFlags(command, v), ...unusedAnswers(command, answers));
  return found;
}
