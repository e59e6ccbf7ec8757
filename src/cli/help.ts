/**
 * The --help text: the command-line contract, as users script against it. The answer options
 * come from the question model (each question's flag and usage), the others from RUN_OPTIONS.
 */
import wrapAnsi from 'wrap-ansi';
import { QUESTIONS } from '../core/config.js';

/** Width of --help's lines, and the column where the words of an option begin. */
const WIDTH = 96;
const COLUMN = 24;

/** The options that answer no question: how a run goes, not what it builds. */
const RUN_OPTIONS: readonly { left: string; summary: string }[] = [
  { left: '--config <file>', summary: 'read answers from a JSON file (the wizard offers to save one)' },
  { left: '--yes', summary: 'no confirmation prompts' },
  { left: '--json', summary: 'one JSON document on stdout; progress and logs go to stderr' },
  { left: '--plain', summary: 'line-by-line prompts and progress, no full-screen UI' },
  { left: '--demo', summary: 'the wizard on a local emulator (moto) it starts and stops: nothing touches AWS' },
  { left: '--verbose', summary: "the wizard lists every check, not only what needs a look (key v switches)" },
  { left: '--hcl', summary: 'synth also writes the configuration as plain HCL files (hcl/ in the workdir), to eject with' },
  {
    left: '--live-prices',
    summary:
      "nat-check, apply: price the NAT advice with the AWS Price List API (needs AWS credentials allowed pricing:GetProducts; without any, exit 2) and say which figures differ from net-wizard's dated table",
  },
  { left: '--alb-sg, --ecs-sg, --rds-sg <id>', summary: "audit: the security groups of the ALB, the app tasks and the database, when their names do not say" },
  { left: '--format <format>', summary: 'diagram: text (default, box-drawn for the terminal), mermaid (a flowchart for a README or pull request) or svg' },
  { left: '--terraform <path>', summary: 'the terraform (or tofu) binary (default: terraform, then tofu, on PATH)' },
  {
    left: '--plugin-dir <dir>',
    summary:
      'provider plugin directory for terraform init, for machines without internet (also NET_WIZARD_PLUGIN_DIR; a CLI config file with a provider mirror, TF_CLI_CONFIG_FILE, is honoured as terraform does)',
  },
  { left: '--no-color', summary: 'no colour (also NO_COLOR)' },
  { left: '-h, --help / -V, --version', summary: '' },
];

/** One option: its flag and argument, then its words from COLUMN on, wrapped under themselves. */
function optionLine(left: string, summary: string): string {
  const start = `  ${left}`;
  if (summary === '') return `${start}\n`;
  const lines = wrapAnsi(summary, WIDTH - COLUMN, { hard: true }).split('\n');
  // An option too long for its column gets its words on the lines below it.
  if (start.length >= COLUMN - 1) return [start, ...lines.map((line) => ' '.repeat(COLUMN) + line)].join('\n') + '\n';
  const [first, ...rest] = lines;
  return [start.padEnd(COLUMN) + first, ...rest.map((line) => ' '.repeat(COLUMN) + line)].join('\n') + '\n';
}

/** The Options section of --help. */
export function optionsHelp(): string {
  const answers = QUESTIONS.map((q) => optionLine(`${q.flag} ${q.usage.arg}`.trimEnd(), q.usage.summary + (q.usage.default ? ` (default: ${q.usage.default})` : '')));
  return `Options (each answer of the wizard has one)\n${answers.join('')}${RUN_OPTIONS.map((o) => optionLine(o.left, o.summary)).join('')}\n`;
}

/** The whole --help text (made when asked for: the start-up path stays light). */
export function helpText(): string {
  return `net-wizard [command] [options]

Builds the network of a web app on AWS (VPC, subnets, security groups ALB -> app -> database,
NAT Gateways only where they pay, optional network ACLs) with CDKTF and terraform.

Commands
  (none)      the interactive wizard; needs a terminal (TTY). Without one it behaves like
              \`apply\`, and every answer must come from options or --config
  synth       write the Terraform project into the workdir (cdk.tf.json; with --hcl also HCL);
              runs no terraform
  plan        synth, terraform init and plan; print the change summary; changes nothing
  apply       synth, init, plan, apply, read the outputs, verify
  verify      verify live AWS state against what the workdir says was applied
  outputs     print the terraform outputs of the workdir
  destroy     destroy what the workdir applied; then name anything still tagged for the
              network that the state never listed, with the command that deletes it
  nat-check   the NAT-necessity questionnaire alone: recommendation and monthly cost;
              touches neither AWS nor terraform
  audit       read any VPC (--vpc-id) and report its flows and baseline findings; changes
              nothing (ec2:Describe* only). The roles' groups by the tutorial's names
              (*-alb-sg, *-ecs-sg, *-rds-sg) or --alb-sg, --ecs-sg, --rds-sg
  diagram     draw the network (text; --format mermaid | svg): of the answers, synthesized in
              memory (nothing written, no terraform), or with --workdir the one recorded there

${optionsHelp()}The workdir
  verify, outputs and destroy act on the network recorded in the workdir. They accept the
  answer options it was applied with (so the apply line can be reused with another verb); an
  option whose value differs from the recorded one is refused with exit 2, naming the recorded
  value. A workdir is bound to the account (STS), region and endpoint it was applied to: a run
  aimed elsewhere is refused with exit 2 before terraform runs. Until an apply goes through, a
  new project waits in <workdir>/next/. One run at a time: a second one exits 1 (workdir busy),
  naming who holds it. A folder that is not empty and holds no net-wizard record is refused.

State lock
  plan, apply and destroy wait up to 10s for a state lock another run holds
  (NET_WIZARD_LOCK_TIMEOUT, e.g. 0s, 30s, 5m), then exit 1 naming who holds it and the
  terraform force-unlock command; net-wizard never releases a lock by itself, and never moves
  a state: when the options put it elsewhere, it says how (terraform init -migrate-state)

Exit codes
  0    success
  1    runtime failure (terraform or AWS error); state is kept and a rerun continues
  2    invalid input or usage; nothing was run, nothing was written
  3    verification failed (the network is not what was asked for; for audit: a needed flow is
       blocked or a flow that must be blocked is open)
  130  interrupted (Ctrl-C); 143 SIGTERM; 129 SIGHUP: terraform was stopped gracefully and
       state is kept (with no terraform running, nothing was changed)
`;
}
