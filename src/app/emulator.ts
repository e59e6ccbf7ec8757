/**
 * A local AWS emulator for the demo: moto (`python3 -m moto.server`'s app, in a thread of a small
 * python process of ours) on a free loopback port, started for one run and stopped when it ends.
 *
 * The python process is in a process group of its own, so the terminal's Ctrl-C reaches
 * net-wizard (which stops terraform gracefully, and terraform still needs the emulator for that)
 * and not moto; and it watches its stdin, a pipe from net-wizard: when net-wizard exits in any
 * way, even killed, the pipe closes and moto stops. Nothing of it listens beyond 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A moto started by this run. */
export interface LocalEmulator {
  endpoint: string;
  port: number;
  pid: number;
  /** Stop it and wait until it is gone. */
  stop(): Promise<void>;
}

/** Whether moto can be started here, and if not, why and how to get it. */
export type EmulatorStatus = { available: true; python: string } | { available: false; python: string; why: string; how: string };

/** The python interpreter: $NET_WIZARD_PYTHON, or python3. */
export function pythonOf(env: NodeJS.ProcessEnv): string {
  return env.NET_WIZARD_PYTHON || 'python3';
}

/** How to get moto, for the messages. */
export const GET_MOTO = "pip install 'moto[server]' (or pipx install 'moto[server]'; on Debian and Ubuntu: apt install python3-moto python3-flask python3-flask-cors)";

const SERVER = `
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print("listening %d" % server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
`;

function run(python: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string; error?: Error }> {
  return new Promise((resolve) => {
    const child = spawn(python, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stderr, error });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** Whether python can import moto's server here (no network, no side effects). */
export async function emulatorStatus(env: NodeJS.ProcessEnv): Promise<EmulatorStatus> {
  const python = pythonOf(env);
  const r = await run(python, ['-c', 'from moto.server import ThreadedMotoServer'], 30_000);
  if (r.code === 0) return { available: true, python };
  const why = r.error ? `${python} could not be run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` : `${python} cannot import moto's server (${r.stderr.trim().split('\n').at(-1) ?? `exit ${r.code}`})`;
  return { available: false, python, why, how: GET_MOTO };
}

/** Start moto on a free loopback port; resolves once it answers. */
export async function startEmulator(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<LocalEmulator> {
  const python = pythonOf(env);
  const child: ChildProcess = spawn(python, ['-c', SERVER], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: { ...env, PYTHONUNBUFFERED: '1' } });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If net-wizard ends without stop(), the closed pipe stops moto; this is the quicker way at a normal exit.
  const atExit = () => child.kill('SIGKILL');
  process.once('exit', atExit);
  const stop = async () => {
    process.off('exit', atExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin!.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`moto did not start within ${timeoutMs / 1000} s: ${stderr.trim() || 'no output'}`)), timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${python} could not be run: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`moto stopped as it started (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  child.stdout!.removeAllListeners('data');
  child.stdout!.resume();
  // The pipes must not keep net-wizard alive, nor the process itself.
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return { endpoint: `http://127.0.0.1:${port}`, port, pid: child.pid!, stop };
}
