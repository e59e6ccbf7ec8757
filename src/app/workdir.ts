/**
 * The workdir on disk: whether a folder is ours, one run at a time (a lock file with its owner),
 * files written so that nothing half-written or planted is ever used, and the applied project kept
 * apart from a proposed one until an apply goes through. A workdir is the only record of a
 * network billed by the hour: nothing here may lose track of it.
 */
import { readFileSync, renameSync, unlinkSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import { RESOURCE_TYPES } from '../core/names.js';
import { controlCharacter } from '../core/shell.js';
import { boundTarget, parseRecord, RECORD_FILE, type Target, type WorkdirRecord } from '../core/workdir-record.js';
import { LOCAL_STATE_FILE } from '../core/workdir-record.js';
import { HCL_DIR, PROJECT_FILE, type Synthesized } from '../synth/synth.js';
import { HCL_FILES } from '../synth/hcl.js';

/** The lock of a workdir: one net-wizard run at a time. */
export const LOCK_FILE = '.net-wizard.lock';
/** Where a new project waits beside the applied one until an apply goes through. */
export const NEXT_DIR = 'next';
/** The applied project, kept while a proposed one is in the workdir's root for terraform. */
export const APPLIED_BACKUP = '.net-wizard.applied.json';

/** Who holds a workdir's lock. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time. */
  startedAt: string;
  /** The net-wizard command, e.g. `apply`. */
  command: string;
  runId: string;
}

/** Another run holds the workdir (exit 1): this run changed nothing. */
export class WorkdirBusyError extends Error {
  override name = 'WorkdirBusyError';
  readonly kind = 'workdir-busy';
  constructor(
    readonly workdir: string,
    readonly owner: LockOwner | undefined,
    readonly lockFile: string,
  ) {
    super(`the workdir ${workdir} is in use by another net-wizard run`);
  }
}

/** An open workdir: inspected, locked for this run. */
export interface Workdir {
  /** Absolute path. */
  path: string;
  /** This run's id: plan and temporary files carry it. */
  runId: string;
  /** The record in the workdir's root (the applied network, once bound); undefined for a new workdir. */
  record?: WorkdirRecord;
  /** The target the workdir is bound to; undefined until terraform first applies in it. */
  bound?: Pick<Target, 'accountId' | 'region' | 'endpoint'>;
  /** The saved plan of this run. */
  planFile: string;
  /** Said to the user while opening (a stale lock taken over, an applied project put back). */
  notices: string[];
  /** Release the lock (idempotent; also done when the process exits). */
  release(): void;
}

/** Refuse a path net-wizard cannot use as a workdir, before anything is read or written. */
function checkPath(dir: string): void {
  const bad = controlCharacter(dir);
  if (bad) {
    throw new UsageError([{ option: '--workdir', message: `${JSON.stringify(dir)} holds a control character (${bad}); choose a plain folder name`, example: '.net-wizard/my-app-dev' }]);
  }
}

/**
 * What a folder holds: nothing yet, or a net-wizard workdir (its record). Anything else (a file,
 * someone else's Terraform project, a damaged record) is refused with exit 2, untouched.
 */
export async function inspectWorkdir(dir: string): Promise<{ exists: boolean; record?: WorkdirRecord }> {
  checkPath(dir);
  const path = resolve(dir);
  let entries: string[];
  try {
    entries = await readdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { exists: false };
    if (code === 'ENOTDIR') throw new UsageError([{ option: '--workdir', message: `"${path}" is a file, not a folder; name a folder of its own for this network`, example: '.net-wizard/my-app-dev' }]);
    throw new UsageError([{ option: '--workdir', message: `"${path}" cannot be read (${code ?? String(error)})` }]);
  }
  if (!entries.includes(RECORD_FILE)) {
    const others = entries.filter((e) => e !== LOCK_FILE);
    if (others.length === 0) return { exists: true };
    const shown = others.sort().slice(0, 5).join(', ') + (others.length > 5 ? `, … (${others.length} in all)` : '');
    throw new UsageError([
      {
        option: '--workdir',
        message: `"${path}" is not empty and holds no net-wizard record (${RECORD_FILE}): it holds ${shown}. net-wizard writes and runs terraform only in a workdir of its own, so it left this one untouched; name an empty or new folder`,
        example: '.net-wizard/my-app-dev',
      },
    ]);
  }
  const file = join(path, RECORD_FILE);
  const info = await lstat(file);
  if (!info.isFile()) throw new UsageError([{ option: file, message: 'is not a regular file (a symbolic link or a folder); net-wizard reads and writes no record through a link. Put the real record back, or use a new --workdir' }]);
  return { exists: true, record: parseRecord(await readFile(file, 'utf8'), file) };
}

/** Whether the workdir's local state lists any resource (a remote state: assumed so when it exists). */
async function stateHolds(path: string, record: WorkdirRecord | undefined): Promise<boolean> {
  if (record?.config.stateBucket) return !!record.appliedAt || !!record.target;
  try {
    const state = JSON.parse(await readFile(join(path, LOCAL_STATE_FILE), 'utf8')) as { resources?: unknown[] };
    return Array.isArray(state.resources) && state.resources.length > 0;
  } catch {
    return false;
  }
}

/**
 * Open a workdir for one run: check it is ours (or new), take its lock (exit 1 when another run
 * holds it; a lock of a process gone on this host is taken over), put back an applied project a
 * stopped run left aside. `mustExist`: the command acts on an applied network (verify, outputs,
 * destroy). The lock is released by release(), and when the process exits.
 */
export async function openWorkdir(dir: string, command: string, options: { mustExist?: boolean } = {}): Promise<Workdir> {
  const first = await inspectWorkdir(dir);
  const path = resolve(dir);
  if (options.mustExist && !first.record) {
    throw new UsageError([{ option: '--workdir', message: `"${path}" holds no net-wizard project (no ${RECORD_FILE}); run apply first, or name the workdir it used`, example: '.net-wizard/my-app-dev' }]);
  }
  if (!first.exists) await mkdir(path, { recursive: true });
  const runId = `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const notices: string[] = [];
  const lock = await takeLock(path, { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command, runId }, notices);
  try {
    // Under the lock, read again: another run may have changed the workdir before we held it.
    const { record } = await inspectWorkdir(dir);
    if (await restoreApplied(path)) notices.push(`A run stopped before its apply went through; ${join(path, PROJECT_FILE)} is the applied project again (the new one stays in ${join(path, NEXT_DIR)}).`);
    return {
      path,
      runId,
      record,
      bound: boundTarget(record, await stateHolds(path, record)),
      planFile: join(path, `tfplan-${runId}`),
      notices,
      release: lock,
    };
  } catch (error) {
    lock();
    throw error;
  }
}

/** Take the lock file exclusively; returns the release. */
async function takeLock(path: string, owner: LockOwner, notices: string[]): Promise<() => void> {
  const file = join(path, LOCK_FILE);
  const content = `${JSON.stringify(owner, null, 2)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // O_CREAT|O_EXCL: fails on anything already there, a planted link included; never follows one.
      await writeFile(file, content, { flag: 'wx', mode: 0o644 });
      const release = () => {
        process.off('exit', release);
        try {
          if (readFileSync(file, 'utf8') === content) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const info = await lstat(file).catch(() => undefined);
    if (!info) continue; // released meanwhile
    if (!info.isFile()) throw new UsageError([{ option: file, message: 'is not a net-wizard lock (a symbolic link or a folder); remove it, then run again' }]);
    const text = await readFile(file, 'utf8').catch(() => '');
    const holder = parseOwner(text);
    if (!holder || holder.host !== owner.host || alive(holder.pid)) throw new WorkdirBusyError(path, holder, file);
    // Its process is gone on this host: the lock is stale. Take it over only if it is still that one.
    const aside = `${file}.stale-${owner.runId}`;
    await rename(file, aside).catch(() => undefined);
    const moved = await readFile(aside, 'utf8').catch(() => undefined);
    if (moved !== undefined && moved !== text) {
      await rename(aside, file).catch(() => undefined); // a fresh lock of another run: give it back
      throw new WorkdirBusyError(path, parseOwner(moved), file);
    }
    await unlink(aside).catch(() => undefined);
    notices.push(`Took over a stale lock of this workdir: net-wizard ${holder.command} (pid ${holder.pid}, started ${holder.startedAt}) is no longer running on ${holder.host}.`);
  }
  throw new WorkdirBusyError(path, undefined, file);
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.startedAt === 'string' && typeof o.command === 'string') return o as LockOwner;
  } catch {
    // unreadable
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Write a file of the workdir safely: every folder on the way must be a real folder (never a
 * link planted in the workdir), the content goes to a temporary file created exclusively with a
 * name of this run's, then replaces the file by rename (which replaces a link, never writes
 * through it). An interrupted write never leaves half a file for terraform.
 */
export async function writeInWorkdir(workdir: string, name: string, content: string, runId: string): Promise<string> {
  const path = join(workdir, name);
  await foldersOnTheWay(workdir, name, true);
  const tmp = join(dirname(path), `.${basename(path)}.${runId}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx', mode: 0o644 });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new UsageError([{ option: path, message: 'is a folder; net-wizard needs a file there. Remove it, then run again' }]);
    throw error;
  }
  return path;
}

/** Check (and with `create`, make) every folder between the workdir and a file: real folders, never links. */
async function foldersOnTheWay(workdir: string, name: string, create: boolean): Promise<void> {
  const rel = relative(workdir, dirname(join(workdir, name)));
  let dir = workdir;
  for (const part of rel === '' ? [] : rel.split(sep)) {
    dir = join(dir, part);
    const info = await lstat(dir).catch(() => undefined);
    if (!info) {
      if (!create) return;
      await mkdir(dir);
    } else if (!info.isDirectory()) {
      throw new UsageError([{ option: dir, message: 'is not a folder (a symbolic link or a file); net-wizard writes nothing through a link. Remove it, then run again' }]);
    }
  }
}

/**
 * Put a proposed project in the workdir's root for terraform, keeping the applied one aside (it
 * comes back unless the apply goes through: restoreApplied).
 */
export async function installProposal(wd: Pick<Workdir, 'path' | 'runId'>, project: string): Promise<void> {
  const applied = await readFile(join(wd.path, PROJECT_FILE), 'utf8').catch(() => undefined);
  if (applied !== undefined) await writeInWorkdir(wd.path, APPLIED_BACKUP, applied, wd.runId);
  await writeInWorkdir(wd.path, PROJECT_FILE, project, wd.runId);
}

/** Put the applied project back in the root when a run left it aside; true when it did. */
export async function restoreApplied(path: string): Promise<boolean> {
  const info = await lstat(join(path, APPLIED_BACKUP)).catch(() => undefined);
  if (!info?.isFile()) return false;
  await rename(join(path, APPLIED_BACKUP), join(path, PROJECT_FILE));
  return true;
}

/** The same, synchronously: for a process that is leaving (a signal, an error). */
export function restoreAppliedSync(path: string): void {
  try {
    renameSync(join(path, APPLIED_BACKUP), join(path, PROJECT_FILE));
  } catch {
    // nothing aside
  }
}

/** The apply went through: the proposed project is the applied one, and its record the record. */
export async function promoteProposal(wd: Pick<Workdir, 'path' | 'runId'>, record: WorkdirRecord): Promise<void> {
  await writeInWorkdir(wd.path, RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`, wd.runId);
  await rm(join(wd.path, APPLIED_BACKUP), { force: true });
  await rm(join(wd.path, NEXT_DIR), { recursive: true, force: true });
}

/** Write the record (the binding, or the applied answers). */
export async function writeRecord(wd: Pick<Workdir, 'path' | 'runId'>, record: WorkdirRecord): Promise<void> {
  await writeInWorkdir(wd.path, RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`, wd.runId);
}

/** The VPC id the workdir's local state holds, if any (to recognise its network elsewhere). */
export async function stateVpcId(path: string): Promise<string | undefined> {
  try {
    const state = JSON.parse(await readFile(join(path, LOCAL_STATE_FILE), 'utf8')) as { resources?: { type: string; name: string; instances?: { attributes?: { id?: unknown } }[] }[] };
    const id = state.resources?.find((r) => r.type === RESOURCE_TYPES.vpc)?.instances?.[0]?.attributes?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Write a Terraform project and its record: into the workdir's root while it is not bound to a
 * network, else beside the applied one (next/), which stays as it is until an apply goes through.
 * Returns the files written.
 */
export async function writeProject(wd: Pick<Workdir, 'path' | 'runId'>, synthesized: Synthesized, record: WorkdirRecord, into: 'root' | 'next'): Promise<string[]> {
  const at = (name: string) => (into === 'next' ? join(NEXT_DIR, name) : name);
  const hcl = Object.entries(synthesized.hclFiles ?? {}).map(([name, content]) => [join(HCL_DIR, name), content] as const);
  // Every folder is checked before the first file is written: a planted link stops the run whole.
  const names = [PROJECT_FILE, ...hcl.map(([name]) => name), RECORD_FILE];
  for (const name of names) await foldersOnTheWay(wd.path, at(name), false);
  const files = [await writeInWorkdir(wd.path, at(PROJECT_FILE), `${JSON.stringify(synthesized.json, null, 2)}\n`, wd.runId)];
  for (const [name, content] of hcl) files.push(await writeInWorkdir(wd.path, at(name), content, wd.runId));
  // A file of an earlier --hcl this network no longer needs (nat.tf after --nat none) would still be read by terraform.
  if (synthesized.hclFiles) {
    for (const name of HCL_FILES) if (!(name in synthesized.hclFiles)) await rm(join(wd.path, at(join(HCL_DIR, name))), { force: true });
  }
  files.push(await writeInWorkdir(wd.path, at(RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`, wd.runId));
  return files;
}
