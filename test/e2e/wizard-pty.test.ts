/**
 * A person at a real terminal: `net-wizard` in a pseudo-terminal, against its own moto, from the
 * first question to the verification checklist, with Enter on nearly every default. Some answers
 * come as several keys in one write (as a paste, fast typing or a script sends them): each key
 * counts, in order.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectNetwork } from '../helpers/aws-inspect.js';
import { runCliInPty, type PtyStep } from '../helpers/pty.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const ENTER = '\r';
const LEFT = '\u001B[D';
const DOWN = '\u001B[B';

describe.skipIf(!!skip)('the wizard in a real terminal', () => {
  const world = useE2eWorld();

  it('Enter all the way through builds a working dev network and ends with the checklist; keys sent in one write all count', async () => {
    const before = ['Environment', 'AWS region', 'A new VPC, or one that exists', 'Availability zones', 'VPC CIDR'];
    const after = ['Where do the app tasks run', 'Cost first', 'Outbound traffic', 'Tasks running at once', 'NAT Gateways', 'Network ACLs'];
    const enterAt = (titles: string[]) => titles.flatMap((t): PtyStep[] => [{ wait: `\\? ${t}` }, { send: ENTER }]);
    const steps: PtyStep[] = [
      { wait: 'Project name' },
      // One write: typed with a letter missing, four ← to put it in, and Enter.
      { send: `ptydemo${LEFT.repeat(4)}-${ENTER}` },
      ...enterAt(before),
      // One write, two Enters: the second answers the database port (typed ahead of its question).
      { wait: '\\? Container port' },
      { send: ENTER + ENTER },
      // One write at the multi-select: ↓ ↓ Space Enter ticks the third need (dns) and confirms it.
      { wait: '\\? What must your tasks reach' },
      { send: `${DOWN}${DOWN} ${ENTER}` },
      ...enterAt(after),
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
    expect(r.transcript).toContain('✔ Project name: pty-demo');
    expect(r.transcript).toContain('✔ Database port: 5432');
    expect(r.transcript).toContain('✔ What must your tasks reach outside the VPC?: dns');
    // dns needs no way out: the network is the all-defaults one.
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
    // An emulator named (never reached before the first question): without credentials the wizard would first offer its demo.
    const emulator = ['--endpoint', 'http://127.0.0.1:9'];
    const coloured = await runCliInPty(emulator, quit, { NO_COLOR: undefined, FORCE_COLOR: undefined });
    expect(coloured.colour).toBe(true);
    expect(coloured.exitCode).toBe(130);
    expect(coloured.transcript).toContain('Left the wizard; nothing was written.');
    expect((await runCliInPty(emulator, quit, { NO_COLOR: '1' })).colour).toBe(false);
    expect((await runCliInPty([...emulator, '--no-color'], quit, { NO_COLOR: undefined })).colour).toBe(false);
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
