/**
 * A person at a real terminal: `net-wizard` in a pseudo-terminal, against its own moto, from the
 * first question to the verification checklist, with Enter on every default.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectNetwork } from '../helpers/aws-inspect.js';
import { runCliInPty, type PtyStep } from '../helpers/pty.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const ENTER = '\r';

describe.skipIf(!!skip)('the wizard in a real terminal', () => {
  const world = useE2eWorld();

  it('Enter all the way through builds a working dev network and ends with the checklist', async () => {
    const titles = ['Environment', 'AWS region', 'A new VPC, or one that exists', 'Availability zones', 'VPC CIDR', 'Container port', 'Database port', 'What must your tasks reach', 'Where do the app tasks run', 'Cost first', 'Outbound traffic', 'Tasks running at once', 'NAT Gateways', 'Network ACLs'];
    const steps: PtyStep[] = [
      { wait: 'Project name' },
      { send: 'pty-demo' },
      { wait: 'pty-demo' },
      { send: ENTER },
      ...titles.flatMap((t): PtyStep[] => [{ wait: `\\? ${t}` }, { send: ENTER }]),
      { wait: 'Apply these changes\\?', timeout: 120 },
      { send: 'y' },
      { wait: 'Save these answers', timeout: 300 },
      // Summed up at the end; v lists every check.
      { send: 'v' },
      { wait: 'exists with CIDR' },
      { send: 'n' },
    ];
    const r = await runCliInPty(['--endpoint', world.moto.endpoint, '--workdir', join(world.work.path, 'net')], steps, world.env);
    expect(r.failedStep, r.transcript.slice(-3000)).toBeNull();
    expect(r.exitCode, r.transcript.slice(-3000)).toBe(0);
    expect(r.transcript).toMatch(/Plan: \+18 ~0 -0/);
    expect(r.transcript).toMatch(/vpc_id = vpc-/);
    const checklist = r.transcript.slice(r.transcript.lastIndexOf('Verification'));
    expect(checklist).toMatch(/✔ Traffic (\d+)\/\1 as asked/);
    expect(checklist).toMatch(/✔ Live network (\d+)\/\1 as asked/);
    expect(checklist).toMatch(/✔ internet → ALB tcp 443 open, as asked/);
    expect(checklist).toMatch(/✔ VPC pty-demo-dev-vpc exists with CIDR 10\.0\.0\.0\/16/);
    expect(checklist).toMatch(/✔ RDS security group: inbound rules as asked/);
    expect(checklist).not.toMatch(/✗/);
    const s = await inspectNetwork({ endpoint: world.moto.endpoint, region: 'ap-northeast-1', project: 'pty-demo', env: 'dev' });
    expect(s.vpcs).toHaveLength(1);
    expect(s.securityGroups.map((g) => g.name).filter((n) => n.startsWith('pty-demo'))).toHaveLength(3);
  });
});

describe.skipIf(!!skip)('the wizard screen', () => {
  it('is in colour on a colour terminal, and has none with NO_COLOR or --no-color', async () => {
    const quit: PtyStep[] = [{ wait: 'Project name' }, { send: '\u0003' }];
    const coloured = await runCliInPty([], quit, { NO_COLOR: undefined, FORCE_COLOR: undefined });
    expect(coloured.colour).toBe(true);
    expect(coloured.exitCode).toBe(130);
    expect(coloured.transcript).toContain('Left the wizard; nothing was written.');
    expect((await runCliInPty([], quit, { NO_COLOR: '1' })).colour).toBe(false);
    expect((await runCliInPty(['--no-color'], quit, { NO_COLOR: undefined })).colour).toBe(false);
  });

  it('asks line by line with --plain and on a dumb terminal', async () => {
    for (const [args, env] of [[['--plain'], {}], [[], { TERM: 'dumb' }]] as const) {
      const r = await runCliInPty([...args], [{ wait: 'Project name \\(--project\\)' }, { send: '\u0003' }], env);
      expect(r.failedStep).toBeNull();
      expect(r.transcript).not.toContain('esc back');
      expect(r.exitCode).toBe(130);
    }
  });
});
