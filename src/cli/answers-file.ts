/** The answers file (--config): the same answers as the options, as JSON; options override it. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Answers, NetworkConfig, Origin } from '../core/config.js';
import { QUESTIONS } from '../core/config.js';
import { UsageError } from '../core/errors.js';

/** The largest answers file read: a real one is a few hundred bytes. */
export const ANSWERS_FILE_MAX_BYTES = 1024 * 1024;

/**
 * The text of an answers file: a regular file of at most ANSWERS_FILE_MAX_BYTES. Opened without
 * blocking and checked before it is read, so that /dev/zero, a FIFO or a directory is refused at
 * once instead of read forever or waited on.
 */
async function readBounded(path: string): Promise<string> {
  const refuse = (why: string): never => {
    throw new UsageError([{ option: '--config', message: `cannot read "${path}" (${why})`, example: 'net-wizard.json' }]);
  };
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(code === 'EISDIR' ? 'a directory, not a file of answers' : (code ?? String(error)));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      const kind = info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a pipe (FIFO)' : info.isCharacterDevice() ? 'a character device' : info.isBlockDevice() ? 'a block device' : info.isSocket() ? 'a socket' : 'not a regular file';
      return refuse(`${kind}, not a regular file; give a JSON file of answers, at most ${ANSWERS_FILE_MAX_BYTES / 1024 / 1024} MiB`);
    }
    const tooBig = () => refuse(`larger than ${ANSWERS_FILE_MAX_BYTES / 1024 / 1024} MiB, the most an answers file may hold; a file of answers is a few hundred bytes`);
    if (info.size > ANSWERS_FILE_MAX_BYTES) return tooBig();
    // The size is read again as the file is read: it may grow in between.
    const buffer = Buffer.alloc(ANSWERS_FILE_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > ANSWERS_FILE_MAX_BYTES) return tooBig();
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return refuse((error as NodeJS.ErrnoException).code ?? String(error));
  } finally {
    await handle.close();
  }
}

/** Read and check an answers file: a JSON object whose keys are the config's (project, vpcCidr, …). */
export async function readAnswersFile(path: string): Promise<{ answers: Answers; origin: Origin }> {
  const text = await readBounded(path);
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
