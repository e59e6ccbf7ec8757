/**
 * The state lock. Terraform locks the state for every plan, apply and destroy; when another run
 * holds the lock (or a run was killed and left it behind) terraform says "Error acquiring the
 * state lock" with the holder's Lock Info. This module reads that diagnostic into who holds the
 * lock and what the user can do about it. net-wizard never releases a lock by itself: only a
 * person who knows the other run is dead may, with `terraform force-unlock`.
 */
import { existsSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { shellQuote } from '../core/shell.js';
import type { Diagnostic } from '../core/terraform-events.js';

/** How long plan, apply and destroy wait for a lock another run holds, before they give up. */
export const DEFAULT_LOCK_TIMEOUT = '10s';
/** The environment variable that changes it (e.g. 5m in a CI that queues runs on one state). */
export const LOCK_TIMEOUT_ENV = 'NET_WIZARD_LOCK_TIMEOUT';

/** Terraform's summary of the diagnostic. */
export const LOCK_ERROR_SUMMARY = 'Error acquiring the state lock';

/** The lock as terraform reports it (statemgr.LockInfo). */
export interface LockInfo {
  /** The lock's ID: what `terraform force-unlock` takes. */
  id: string;
  /** `<bucket>/<key>` for S3; the state file for the local backend. */
  path?: string;
  /** Terraform's operation, e.g. `OperationTypeApply`. */
  operation?: string;
  /** `user@host` of the run that holds it. */
  who?: string;
  /** The holder's terraform version. */
  version?: string;
  /** When it was taken, as terraform prints it (`2026-11-28 18:36:36.504453535 +0000 UTC`). */
  created?: string;
  info?: string;
}

const FIELDS: Record<string, keyof LockInfo> = {
  ID: 'id',
  Path: 'path',
  Operation: 'operation',
  Who: 'who',
  Version: 'version',
  Created: 'created',
  Info: 'info',
};

/**
 * The Lock Info block of terraform's lock error (the JSON diagnostic's detail, or its plain-text
 * stderr, with or without the `│ ` frame); undefined when there is none or it has no ID (terraform
 * could not read the holder's lock, e.g. access was denied).
 */
export function parseLockInfo(text: string): LockInfo | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^\s*│ ?/, ''));
  const start = lines.findIndex((l) => /^\s*Lock Info:\s*$/.test(l));
  if (start < 0) return undefined;
  const found: Partial<LockInfo> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+([A-Za-z]+):[ \t]*(.*?)\s*$/.exec(line);
    const field = m && FIELDS[m[1]!];
    if (!m || !field) break;
    found[field] = m[2]!;
  }
  if (!found.id) return undefined;
  for (const key of Object.keys(found) as (keyof LockInfo)[]) if (found[key] === '' && key !== 'id') delete found[key];
  return found as LockInfo;
}

/** The holder's lock, when terraform failed because the state is locked; else undefined. */
export function findHeldLock(diagnostics: Diagnostic[], stderr: string): LockInfo | undefined {
  const diagnostic = diagnostics.find((d) => d.severity === 'error' && d.summary.trim() === LOCK_ERROR_SUMMARY);
  if (diagnostic) return parseLockInfo(diagnostic.detail);
  return stderr.includes(LOCK_ERROR_SUMMARY) ? parseLockInfo(stderr.slice(stderr.indexOf(LOCK_ERROR_SUMMARY))) : undefined;
}

/** `OperationTypeApply` → `apply`. */
export function operationWords(operation: string | undefined): string | undefined {
  if (!operation) return undefined;
  const words = operation.replace(/^OperationType/, '');
  return words.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() || operation;
}

/** Terraform's time (`2026-11-28 18:36:36.504453535 +0000 UTC`, or RFC 3339 from a lock file) as a Date. */
export function parseLockTime(created: string | undefined): Date | undefined {
  if (!created) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(created.trim());
  if (!m) return undefined;
  const millis = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = !m[4] || m[4] === 'Z' ? 'Z' : `${m[4].slice(0, 3)}:${m[4].slice(-2)}`;
  const date = new Date(`${m[1]}T${m[2]}.${millis}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `3 minutes`, `2 hours`, … between two instants. */
export function ageWords(from: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 90) return unit(seconds, 'second');
  if (seconds < 90 * 60) return unit(Math.round(seconds / 60), 'minute');
  if (seconds < 36 * 3600) return unit(Math.round(seconds / 3600), 'hour');
  return unit(Math.round(seconds / 86400), 'day');
}

/** A path or word as the shell takes it: quoted when it holds anything beyond plain characters. */
/** One shell word (the one quoting rule of src/core/shell.ts). */
export const shellWord = shellQuote;

/**
 * How to name the terraform binary in a command for the user: its bare name when that is what
 * their PATH finds, else its full path.
 */
export function binaryCommand(bin: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = basename(bin);
  const first = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .find((dir) => existsSync(join(dir, name)));
  return first !== undefined && join(first, name) === join(dirname(bin), name) ? name : shellWord(bin);
}

/** The command that releases the lock, to run in the workdir: `cd <workdir> && terraform force-unlock <ID>`. */
export function forceUnlockCommand(lock: Pick<LockInfo, 'id'>, workdir: string, terraform = 'terraform'): string {
  return `cd ${shellWord(workdir)} && ${terraform} force-unlock ${shellWord(lock.id)}`;
}

/** What the user reads: who holds the lock, since when, and what to do. */
export function describeHeldLock(lock: LockInfo, options: { unlockCommand: string; waited?: string; now?: Date }): string {
  const created = parseLockTime(lock.created);
  const since = created ? `${created.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (${ageWords(created, options.now ?? new Date())} ago)` : lock.created;
  const rows: [string, string | undefined][] = [
    ['Held by', lock.who],
    ['Since', since],
    ['Operation', operationWords(lock.operation)],
    ['Lock ID', lock.id],
    ['State', lock.path],
  ];
  return [
    `The state is locked by another terraform run${options.waited ? ` (waited ${options.waited} for it)` : ''}; this run changed nothing and the state is kept.`,
    ...rows.filter((r): r is [string, string] => !!r[1]).map(([label, value]) => `  ${`${label}:`.padEnd(11)}${value}`),
    'If that run is still going, let it finish, then run the same command again.',
    'If you are sure it is dead (killed, its machine or CI job gone) and nobody else is changing this',
    'network, release the lock by hand (net-wizard never does), then run the same command again:',
    `  ${options.unlockCommand}`,
    'Releasing the lock of a run that is still alive lets two runs write the state at once.',
  ].join('\n');
}

/** Terraform could not lock the state: another run holds the lock. Exit code 1; the state is kept. */
export class StateLockedError extends Error {
  override name = 'StateLockedError';
  readonly kind = 'state-locked';
  constructor(
    /** The terraform step that could not lock, e.g. `plan`. */
    readonly step: string,
    readonly lock: LockInfo,
    /** `cd <workdir> && terraform force-unlock <ID>`. */
    readonly unlockCommand: string,
    /** How long terraform waited for the lock (-lock-timeout). */
    readonly waited?: string,
  ) {
    super(describeHeldLock(lock, { unlockCommand, waited }));
  }
}

/**
 * The -lock-timeout of plan, apply and destroy: NET_WIZARD_LOCK_TIMEOUT (a terraform duration:
 * 0s, 30s, 5m, 1h30m) or 10s; a UsageError for anything else.
 */
export function lockTimeoutFrom(env: NodeJS.ProcessEnv): string {
  const raw = env[LOCK_TIMEOUT_ENV]?.trim();
  if (!raw) return DEFAULT_LOCK_TIMEOUT;
  if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(raw)) return raw;
  throw new UsageError([{ option: LOCK_TIMEOUT_ENV, message: `"${raw}" is not a duration; give a number with a unit, e.g. 0s, 30s, 5m`, example: '30s' }]);
}
