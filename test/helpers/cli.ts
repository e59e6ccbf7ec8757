import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The repository root (two levels above test/helpers). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The built CLI entry point. */
export const CLI_PATH = join(REPO_ROOT, 'dist', 'bundle', 'cli.js');

export interface RunCliOptions {
  /** Extra environment, applied last (may override CI / NO_COLOR); a value of undefined removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Written to stdin; without it stdin is /dev/null, as in CI. */
  input?: string;
  /** Kill the CLI after this many ms (default 10 minutes). */
  timeout?: number;
  /** Run this script instead of the built CLI (for testing this helper). */
  script?: string;
}

export interface CliResult {
  /** The exit code; -1 when killed by a signal. */
  exitCode: number;
  signal?: string;
  stdout: string;
  stderr: string;
}

/** Starts `node dist/src/cli.js ...args` (CI=true, NO_COLOR=1) and hands back the running process, to signal it or read it as it goes. */
export function startCli(args: string[], opts: RunCliOptions = {}) {
  const env: Record<string, string | undefined> = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: undefined };
  Object.assign(env, opts.env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = execa(process.execPath, [opts.script ?? CLI_PATH, ...args], {
    reject: false,
    extendEnv: false,
    env,
    cwd: opts.cwd ?? REPO_ROOT,
    ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
    timeout: opts.timeout ?? 600_000,
  });
  const result: Promise<CliResult> = child.then((r) => ({
    exitCode: r.exitCode ?? -1,
    ...(r.signal ? { signal: r.signal } : {}),
    stdout: String(r.stdout),
    stderr: String(r.stderr),
  }));
  return { child, result };
}

/** Runs `node dist/src/cli.js ...args` with CI=true and NO_COLOR=1; never throws on a non-zero exit. */
export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).result;
}

/** A fresh temporary directory and a cleanup() that removes it. */
export async function tempDir(prefix = 'net-wizard-test-'): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/**
 * An apply that sets the scene for a test (not the thing tested): moto, on a loaded machine, now
 * and then answers a call the provider retried with "already exists" (InvalidPermission.Duplicate
 * on a new group's rules). net-wizard then says a rerun continues from there; this takes it at
 * its word once, and only for that answer, so any other failure still fails the test.
 */
export async function applyForSetup(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const first = await runCli(args, opts);
  const transient = first.exitCode === 1 && /InvalidPermission\.Duplicate/.test(first.stderr) && /a rerun continues from here/.test(first.stderr);
  if (!transient) return first;
  process.stderr.write(`applyForSetup: moto answered InvalidPermission.Duplicate; rerunning once as net-wizard advises\n`);
  return runCli(args, opts);
}
