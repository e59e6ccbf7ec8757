import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { pythonCommand } from './moto.js';

const SCRIPT = fileURLToPath(new URL('./aws-change.py', import.meta.url));

/** Make one EC2 API call by hand through boto3 (not the project's code), e.g. ('create_route', { RouteTableId, ... }). */
export async function changeAws(target: { endpoint: string; region: string }, action: string, args: Record<string, unknown>): Promise<unknown> {
  const r = await execa(pythonCommand(), [SCRIPT, '--endpoint', target.endpoint, '--region', target.region, action, JSON.stringify(args)], {
    reject: false,
    timeout: 60_000,
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
  });
  if (r.exitCode !== 0) throw new Error(`aws-change ${action} failed (exit ${r.exitCode ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout || '{}');
}
