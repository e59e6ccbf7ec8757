import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { CLI_PATH } from './cli.js';
import { pythonCommand } from './moto.js';

const SCRIPT = fileURLToPath(new URL('./pty-drive.py', import.meta.url));

/**
 * One step: wait for text on the screen, type (`send` is one write: several keys in one read, as a
 * paste, fast typing or a script delivers them), send a signal from outside the terminal (`kill`),
 * or close the terminal (the kernel sends SIGHUP; a last step: nothing more is read).
 */
export type PtyStep =
  | { wait: string; timeout?: number }
  | { send: string }
  | { signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' }
  | { hangup: true }
  /** Run a command of the test's (e.g. a boto3 read-back) while the screen waits; `{1}` in argv is group 1 of `with` in the screen text so far. */
  | { exec: string[]; with?: string };

/** A command a step ran, and what it printed. */
export interface PtyExec {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI in a real pseudo-terminal (120×50, xterm), typing as the steps say. */
export async function runCliInPty(args: string[], steps: PtyStep[], env: Record<string, string | undefined>): Promise<{ exitCode: number; transcript: string; failedStep: number | null; secondsToWaits: number[]; colour: boolean; execs: PtyExec[] }> {
  const merged: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', CI: undefined, NO_COLOR: '1', ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const r = await execa(pythonCommand(), [SCRIPT, JSON.stringify(steps), '--', process.execPath, CLI_PATH, ...args], { env: merged, extendEnv: false, reject: false, timeout: 600_000 });
  if (r.exitCode !== 0) throw new Error(`pty-drive failed (exit ${r.exitCode}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}
