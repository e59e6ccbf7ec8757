/**
 * diagram: draw the network, as text for the terminal, a Mermaid flowchart (--format mermaid) or
 * an SVG image (--format svg). From the answers, as synth takes them (the stack synthesized in
 * memory: nothing is written and no terraform runs; with --vpc-id the existing VPC is read, as
 * synth does), or with --workdir from the network recorded there (its Terraform project and
 * record; nothing is read from AWS). --json prints `{ format, diagram, layout }`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXIT } from '../app/failure.js';
import { resolveGiven } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { recordedConflicts, RECORD_FILE } from '../core/workdir-record.js';
import { DIAGRAM_FORMATS, isDiagramFormat, type DiagramFormat } from '../network/diagram/formats.js';
import type { DiagramLayout } from '../network/diagram/index.js';
import type { TerraformResources } from '../network/from-terraform.js';
import type { CommandModule, CommandRun } from './command.js';
import { answersFrom, buildInputFrom, document, planFor, type BuildInput } from './shared.js';

/** What diagram draws: the network of the answers, or the one a workdir records. */
export type DiagramInput = { from: 'answers'; build: BuildInput } | { from: 'workdir'; workdir: string };

export interface DiagramResult {
  format: DiagramFormat;
  layout: DiagramLayout;
  diagram: string;
}

/** The --format given, checked (text when none). */
function formatOf(run: Pick<CommandRun, 'inv'>): DiagramFormat {
  const format = run.inv.flags.format ?? 'text';
  if (!isDiagramFormat(format)) {
    throw new UsageError([{ option: '--format', message: `"${format}" is not a format diagram draws; use one of ${DIAGRAM_FORMATS.join(', ')}`, example: 'mermaid' }]);
  }
  return format;
}

/** The text diagram's width: COLUMNS, else the terminal's, else 80. */
function widthOf(env: NodeJS.ProcessEnv): number {
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80;
}

/** The network a workdir records: its Terraform project, read onto the existing VPC its record keeps. */
async function recordedNetwork(workdir: string) {
  const { inspectWorkdir } = await import('../app/workdir.js');
  const { record } = await inspectWorkdir(workdir);
  const path = resolve(workdir);
  if (!record) {
    throw new UsageError([{ option: '--workdir', message: `"${path}" holds no net-wizard project (no ${RECORD_FILE}): run synth or apply with it first, or leave --workdir out to draw the network of the answers`, example: '.net-wizard/my-app-dev' }]);
  }
  const { PROJECT_FILE } = await import('../synth/synth.js');
  const file = join(path, PROJECT_FILE);
  let json: TerraformResources;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as TerraformResources;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError([{ option: file, message: code === 'ENOENT' ? 'is missing: the workdir holds a record but no Terraform project; run synth again' : `cannot be read as JSON (${(error as Error).message}); run synth again` }]);
  }
  const [{ readTerraformNetwork }, { recordedVpcModel }] = await Promise.all([import('../network/from-terraform.js'), import('../network/diagram/recorded-vpc.js')]);
  const model = readTerraformNetwork(json, record.existing ? { base: recordedVpcModel(record.existing) } : {});
  return { model, config: record.config };
}

export const diagram: CommandModule<DiagramInput, DiagramResult> = {
  // --yes is taken, as by every command that changes nothing, so that an apply line can be reused.
  uses: { flags: ['config', 'yes', 'json', 'format'], answers: 'all' },
  validate: (run) => void formatOf(run),
  async ask(run) {
    const { answers, origin } = await answersFrom(run.inv);
    if (typeof answers.workdir !== 'string') return { from: 'answers', build: await buildInputFrom(run.inv) };
    // The network recorded there: the answers given beside --workdir must agree with it, as for verify.
    const { inspectWorkdir } = await import('../app/workdir.js');
    const { record } = await inspectWorkdir(answers.workdir);
    if (record) {
      const problems = recordedConflicts(record, resolveGiven(answers, origin), origin, 'diagram');
      if (problems.length > 0) throw new UsageError(problems);
    }
    return { from: 'workdir', workdir: answers.workdir };
  },
  async execute(input, run) {
    const format = formatOf(run);
    // The renderers load when a diagram is drawn, not at every start-up.
    const [{ layoutNetwork, renderDiagram }, { readTerraformNetwork }] = await Promise.all([import('../network/diagram/index.js'), import('../network/from-terraform.js')]);
    let drawn;
    if (input.from === 'workdir') drawn = await recordedNetwork(input.workdir);
    else {
      const { config, nat, attachment } = await planFor(input.build, run.engine);
      // CDKTF loads only here, when the stack is synthesized (in memory: the workdir is not touched).
      const { synthesizeStack } = await import('../synth/synth.js');
      const { json } = await synthesizeStack(config, nat, attachment ? { existing: attachment.existing } : {});
      drawn = { model: readTerraformNetwork(json, attachment ? { base: attachment.base } : {}), config };
    }
    const layout = layoutNetwork(drawn.model, { tasksSubnet: drawn.config.tasksSubnet });
    return { format, layout, diagram: renderDiagram(layout, format, widthOf(run.engine.env)) };
  },
  render: (result, _input, json) => (json ? document(result) : result.diagram),
  exitCode: () => EXIT.ok,
};
