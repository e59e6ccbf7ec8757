import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { execa } from 'execa';

/** A running moto server on loopback. */
export interface Moto {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** How long to wait for moto to answer HTTP, in ms (default 30 s). */
  startTimeoutMs?: number;
  /** python interpreter (default $NET_WIZARD_PYTHON or python3). */
  python?: string;
}

const HOST = '127.0.0.1';
const STDERR_TAIL = 8_000;

/** The python interpreter the test helpers use ($NET_WIZARD_PYTHON or python3). */
export function pythonCommand(): string {
  return process.env.NET_WIZARD_PYTHON || 'python3';
}

/** True when python can import moto's server (flask included) and boto3. */
export async function motoAvailable(python = pythonCommand()): Promise<boolean> {
  const r = await execa(python, ['-c', 'import moto.server, flask, werkzeug, boto3'], {
    reject: false,
    timeout: 60_000,
  });
  return r.exitCode === 0;
}

/** A loopback TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Starts `python3 -m moto.server` on a free loopback port and waits until it answers HTTP. */
export async function startMoto(opts: StartMotoOptions = {}): Promise<Moto> {
  const attempts = 3;
  let lastError: Error | undefined;
  for (let i = 0; i < attempts; i++) {
    const port = await freePort();
    try {
      return await startOn(port, opts);
    } catch (err) {
      lastError = err as Error;
      // Only a lost port race is worth another try.
      if (!/address already in use|errno 98/i.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('moto did not start');
}

async function startOn(port: number, opts: StartMotoOptions): Promise<Moto> {
  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  const child = spawn(opts.python ?? pythonCommand(), ['-m', 'moto.server', '-H', HOST, '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let stderr = '';
  const keep = (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));
  // Safety net: never leave moto behind when the test process exits without calling stop().
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', onExit);
      resolve();
    }),
  );

  const endpoint = `http://${HOST}:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `moto server failed to start on port ${port} (${spawnError?.message ?? `exit ${child.exitCode ?? child.signalCode}`}):\n${stderr}`,
      );
    }
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      await kill(child, exited);
      throw new Error(`moto server did not answer on ${endpoint} within ${timeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { endpoint, port, stop: () => kill(child, exited) };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
