#!/usr/bin/env node
/**
 * The bin entry: reads the environment and the command line, picks the command (from the table
 * in src/commands) and the front-end (the full-screen wizard, or the command line's in
 * src/cli/terminal.ts), and turns the outcome into an exit code. Composes only.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseInvocation, type Invocation } from './cli/args.js';
import { startup } from './cli/startup.js';
import { fullScreenCapable, interactive, reportFailure, runOnTerminal, type Io } from './cli/terminal.js';
import { processStopSignals, releaseTerminalAtExit } from './app/signals.js';
import { COMMAND_TABLE } from './commands/index.js';
import { runFullScreen } from './commands/wizard.js';
import { EXIT } from './app/failure.js';
import { UsageError } from './core/errors.js';
import { lockTimeoutFrom } from './terraform/lock.js';
import { VERSION } from './version.js';

export type { Io } from './cli/terminal.js';

/** Run net-wizard with these arguments; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(await startup(parseInvocation(argv), io), io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function run(inv: Invocation, io: Io): Promise<number> {
  const { flags, command } = inv;
  if (flags.help) {
    // Loaded only here: --help's line wrapping (wrap-ansi) costs every other start ~10 ms.
    const { helpText } = await import('./cli/help.js');
    io.stdout(helpText());
    return EXIT.ok;
  }
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  // A bad NET_WIZARD_LOCK_TIMEOUT is refused now (exit 2), not after the project was written.
  lockTimeoutFrom(io.env);
  const fullScreen = command === 'wizard' && interactive(io) && !flags.plain && !flags.json && fullScreenCapable(io.env);
  if (flags.demo && !fullScreen) {
    throw new UsageError([{ option: '--demo', message: 'runs the full-screen wizard on a local emulator, and there is no terminal to show it on (stdin and stdout must be a terminal, not CI); for a script, start moto yourself and pass --endpoint http://127.0.0.1:<port>' }]);
  }
  if (fullScreen) return runFullScreen(inv, io);
  return runOnTerminal(COMMAND_TABLE[command], inv, io);
}

// Run when this file is the bin (also through npm's symlink), not when a test imports main().
const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  // A closed terminal (SIGHUP: its reads and writes fail with EIO) or a reader gone from a pipe
  // must not turn a graceful stop into a crash: what is written after that has nowhere to go.
  for (const stream of [process.stdin, process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EIO') releaseTerminalAtExit();
      else if (error.code !== 'EPIPE') throw error;
    });
  }
  // Ink's colours follow FORCE_COLOR; NO_COLOR, --no-color and dumb terminals turn them off.
  if (process.argv.includes('--no-color') || process.env.NO_COLOR || process.env.TERM === 'dumb') process.env.FORCE_COLOR = '0';
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTTY: !!process.stdin.isTTY && !!process.stdout.isTTY,
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    onSignal: (handler) => processStopSignals(handler),
  }).then((code) => {
    process.exitCode = code;
  });
}
