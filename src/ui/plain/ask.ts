/**
 * The questions line by line (--plain, and terminals that cannot redraw a screen), with
 * @inquirer/prompts: the same question model, walk, validation, help and previews as the full-screen wizard.
 */
import { answersBefore, questionsToAsk, showAnswer, type NetworkConfig, type Question } from '../../core/config.js';

/** Ask every question not answered yet; returns all the answers. `signal` (a stop signal) leaves the prompt: AbortPromptError. */
export async function askPlain(preset: Partial<NetworkConfig>, write: (line: string) => void, signal?: AbortSignal): Promise<Partial<NetworkConfig>> {
  const context = signal ? { signal } : undefined;
  const { input, select, checkbox } = await import('@inquirer/prompts');
  const known: Partial<NetworkConfig> = { ...preset };
  // Line by line there is no AWS lookup: a question that needs one (which existing VPC) is left out.
  for (const q of questionsToAsk(preset, known, [])) {
    const before = answersBefore(known, q);
    const fallback = q.defaultValue?.(before);
    for (const line of q.preview?.(before)?.lines ?? []) write(line.text);
    write(`  ${q.help}`);
    const message = `${q.title} (${q.flag})`;
    const validate = (raw: unknown) => {
      const parsed = q.parse(raw, before);
      return parsed.ok ? true : `${parsed.message} (example: ${q.example})`;
    };
    let raw: unknown;
    if (q.kind === 'select') {
      raw = await select({ message, choices: choicesOf(q, before), default: fallback === undefined ? undefined : String(fallback) }, context);
    } else if (q.kind === 'multi') {
      const ticked = Array.isArray(fallback) ? fallback.map(String) : [];
      raw = await checkbox({ message, choices: choicesOf(q, before).map((c) => ({ ...c, checked: ticked.includes(c.value) })), validate: (items) => validate(items.map((i) => i.value)) }, context);
    } else {
      raw = await input({ message, default: fallback === undefined ? undefined : showAnswer(fallback), validate }, context);
    }
    const parsed = q.parse(raw, before);
    if (!parsed.ok) throw new Error(`${q.flag}: ${parsed.message}`); // validate() already refused it
    (known as Record<string, unknown>)[q.key] = parsed.value;
  }
  return answersBefore(known);
}

function choicesOf(q: Question, answers: Partial<NetworkConfig>): { name: string; value: string }[] {
  return (q.options?.(answers) ?? []).map((c) => ({ name: c.label, value: c.value }));
}
