import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { pythonCommand } from './moto.js';

const SCRIPT = fileURLToPath(new URL('./s3-state.py', import.meta.url));

/** Where the state bucket is: a loopback emulator. */
export interface S3Target {
  endpoint: string;
  region: string;
}

async function run(target: S3Target, args: string[]): Promise<string> {
  const r = await execa(pythonCommand(), [SCRIPT, '--endpoint', target.endpoint, '--region', target.region, ...args], {
    reject: false,
    timeout: 60_000,
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
  });
  if (r.exitCode !== 0) throw new Error(`s3-state ${args.join(' ')} failed (exit ${r.exitCode ?? r.signal}):\n${r.stderr}`);
  return r.stdout;
}

/** Create a bucket by hand (boto3), as a team creates its state bucket once. */
export async function createBucket(target: S3Target, bucket: string): Promise<void> {
  await run(target, ['create-bucket', bucket]);
}

/** The objects of a bucket, read with boto3. */
export async function listObjects(target: S3Target, bucket: string): Promise<{ key: string; size: number }[]> {
  return JSON.parse(await run(target, ['list', bucket])) as { key: string; size: number }[];
}

/** One object's body, read with boto3. */
export async function getObject(target: S3Target, bucket: string, key: string): Promise<string> {
  return run(target, ['get', bucket, key]);
}

/** A terraform state as stored: the addresses of its resource instances, and its serial. */
export interface StoredState {
  serial: number;
  lineage: string;
  addresses: string[];
  /** Instance attributes by address (id, …). */
  attributes: Record<string, Record<string, unknown>>;
}

/** Read a state object with boto3 and list what it holds. */
export async function readStoredState(target: S3Target, bucket: string, key: string): Promise<StoredState> {
  const raw = JSON.parse(await getObject(target, bucket, key)) as {
    serial: number;
    lineage: string;
    resources?: { mode: string; type: string; name: string; instances: { index_key?: string | number; attributes: Record<string, unknown> }[] }[];
  };
  const attributes: Record<string, Record<string, unknown>> = {};
  for (const r of raw.resources ?? []) {
    if (r.mode !== 'managed') continue;
    for (const i of r.instances) {
      const index = i.index_key === undefined ? '' : typeof i.index_key === 'number' ? `[${i.index_key}]` : `["${i.index_key}"]`;
      attributes[`${r.type}.${r.name}${index}`] = i.attributes;
    }
  }
  return { serial: raw.serial, lineage: raw.lineage, addresses: Object.keys(attributes).sort(), attributes };
}
