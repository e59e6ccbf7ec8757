/** The answers file (--config): the same answers as the options, as JSON; options override it. */
import { readFile } from 'node:fs/promises';
import type { Answers, NetworkConfig, Origin } from '../core/config.js';
import { QUESTIONS } from '../core/config.js';
import { UsageError } from '../core/errors.js';

/** Read and check an answers file: a JSON object whose keys are the config's (project, vpcCidr, …). */
export async function readAnswersFile(path: string): Promise<{ answers: Answers; origin: Origin }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError([{ option: '--config', message: `cannot read "${path}" (${code ?? String(error)})`, example: 'net-wizard.json' }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError([{ option: '--config', message: `"${path}" is not valid JSON: ${(error as Error).message}` }]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError([{ option: '--config', message: `"${path}" must hold a JSON object of answers, e.g. {"project": "my-app", "env": "dev"}` }]);
  }
  const known = new Map(QUESTIONS.map((q) => [q.key as string, q]));
  const unknown = Object.keys(data).filter((key) => !known.has(key) && key !== '$schema');
  if (unknown.length > 0) {
    throw new UsageError(
      unknown.map((key) => ({ option: `${path}: ${key}`, message: `is not an answer net-wizard knows (known: ${[...known.keys()].join(', ')})` })),
    );
  }
  const answers: Answers = {};
  const origin: Origin = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === '$schema') continue;
    (answers as Record<string, unknown>)[key] = value;
    origin[key as keyof NetworkConfig] = `${path}: ${key}`;
  }
  return { answers, origin };
}

/** Merge answers: options override the file; the origin of an overridden answer is its option again. */
export function mergeAnswers(file: { answers: Answers; origin: Origin }, options: Answers): { answers: Answers; origin: Origin } {
  const origin: Origin = { ...file.origin };
  for (const key of Object.keys(options) as (keyof NetworkConfig)[]) delete origin[key];
  return { answers: { ...file.answers, ...options }, origin };
}
