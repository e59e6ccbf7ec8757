/**
 * The questions line by line (--plain, and terminals that cannot redraw a screen), with
 * @inquirer/prompts: the same question model, validation and help as the full-screen wizard.
 */
import { QUESTIONS, showAnswer, type NetworkConfig, type Question } from '../../core/config.js';
import { planNat } from '../../core/nat-plan.js';
import { formatNatReport } from '../nat-report.js';

/** Ask every question not answered yet; returns all the answers. `signal` (a stop signal) leaves the prompt: AbortPromptError. */
export async function askPlain(preset: Partial<NetworkConfig>, write: (line: string) => void, signal?: AbortSignal): Promise<Partial<NetworkConfig>> {
  const context = signal ? { signal } : undefined;
  const { input, select, checkbox } = await import('@inquirer/prompts');
  const answers: Partial<NetworkConfig> = {};
  for (const q of QUESTIONS) {
    if (preset[q.key] !== undefined) {
      (answers as Record<string, unknown>)[q.key] = preset[q.key];
      continue;
    }
    const fallback = q.defaultValue?.(answers);
    if (q.asked === false) {
      if (fallback !== undefined) (answers as Record<string, unknown>)[q.key] = fallback;
      continue;
    }
    if (q.key === 'nat') for (const line of formatNatReport(answers as NetworkConfig, planNat({ ...(answers as NetworkConfig), nat: 'auto' }))) write(line);
    write(`  ${q.help}`);
    const message = `${q.title} (${q.flag})`;
    const validate = (raw: unknown) => {
      const parsed = q.parse(raw, answers);
      return parsed.ok ? true : `${parsed.message} (example: ${q.example})`;
    };
    let raw: unknown;
    if (q.kind === 'select') {
      raw = await select({ message, choices: choicesOf(q, answers), default: fallback === undefined ? undefined : String(fallback) }, context);
    } else if (q.kind === 'multi') {
      const ticked = Array.isArray(fallback) ? fallback.map(String) : [];
      raw = await checkbox({ message, choices: choicesOf(q, answers).map((c) => ({ ...c, checked: ticked.includes(c.value) })), validate: (items) => validate(items.map((i) => i.value)) }, context);
    } else {
      raw = await input({ message, default: fallback === undefined ? undefined : showAnswer(fallback), validate }, context);
    }
    const parsed = q.parse(raw, answers);
    if (!parsed.ok) throw new Error(`${q.flag}: ${parsed.message}`); // validate() already refused it
    (answers as Record<string, unknown>)[q.key] = parsed.value;
  }
  return answers;
}

function choicesOf(q: Question, answers: Partial<NetworkConfig>): { name: string; value: string }[] {
  return (q.options?.(answers) ?? []).map((c) => ({ name: c.label, value: c.value }));
}
