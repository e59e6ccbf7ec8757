import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import type { Diagnostic } from '../../src/core/terraform-events.js';
import { parseUiLine } from '../../src/terraform/json-ui.js';
import {
  ageWords,
  binaryCommand,
  DEFAULT_LOCK_TIMEOUT,
  describeHeldLock,
  findHeldLock,
  forceUnlockCommand,
  lockTimeoutFrom,
  operationWords,
  parseLockInfo,
  parseLockTime,
  shellWord,
  StateLockedError,
} from '../../src/terraform/lock.js';
import { TerraformError, TerraformRunner } from '../../src/terraform/runner.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/terraform/${name}`, import.meta.url), 'utf8');

/** The diagnostics of a recorded `plan -json` (a real terraform 1.11 against moto, see record-lock.sh). */
function recordedDiagnostics(): Diagnostic[] {
  return fixture('state-lock-held.jsonl')
    .split('\n')
    .map((line) => parseUiLine(line))
    .flatMap((e) => (e?.type === 'diagnostic' ? [e.diagnostic] : []));
}

const RECORDED = {
  id: 'e6eddcd8-52e4-3411-5e5c-bc1219f315c2',
  path: 'team-state/net-wizard/shop-dev/terraform.tfstate',
  operation: 'OperationTypeApply',
  who: 'root@vm',
  version: '1.11.4',
  created: '2026-11-28 18:45:24.424948379 +0000 UTC',
};

describe('reading the held lock from terraform', () => {
  it('parses the Lock Info of the recorded -json diagnostic', () => {
    const diagnostics = recordedDiagnostics();
    expect(diagnostics.map((d) => d.summary)).toEqual(['Error acquiring the state lock']);
    expect(findHeldLock(diagnostics, '')).toEqual(RECORDED);
  });

  it('parses the recorded plain-text stderr too (init-style output, CLI config warnings before it)', () => {
    expect(findHeldLock([], fixture('state-lock-held.stderr.txt'))).toEqual(RECORDED);
  });

  it('reads the framed form terraform prints on a terminal', () => {
    const framed = ['╷', '│ Error: Error acquiring the state lock', '│ ', '│ Lock Info:', '│   ID:        abc-123', '│   Who:       ci@runner-7', '│   Info:      ', '│ ', '╵'].join('\n');
    expect(findHeldLock([], framed)).toEqual({ id: 'abc-123', who: 'ci@runner-7' });
  });

  it('is undefined when the lock error names no holder (e.g. the lock object could not be read)', () => {
    const denied: Diagnostic = {
      severity: 'error',
      summary: 'Error acquiring the state lock',
      detail: 'Error message: operation error S3: PutObject, api error AccessDenied: Access Denied\nunable to retrieve file from S3 bucket',
    };
    expect(findHeldLock([denied], '')).toBeUndefined();
    expect(parseLockInfo('Lock Info:\n  Who:  x@y\n')).toBeUndefined();
  });

  it('is undefined for other errors', () => {
    expect(findHeldLock([{ severity: 'error', summary: 'creating EC2 VPC', detail: 'VpcLimitExceeded' }], 'Error: something else')).toBeUndefined();
    expect(findHeldLock([{ severity: 'warning', summary: 'Error acquiring the state lock', detail: `Lock Info:\n  ID: x\n` }], '')).toBeUndefined();
  });
});

describe('what the user is told', () => {
  it('names the holder, since when, the operation, the ID and the exact force-unlock command', () => {
    const command = forceUnlockCommand(RECORDED, '/work/team net/w1');
    expect(command).toBe(`cd '/work/team net/w1' && terraform force-unlock e6eddcd8-52e4-3411-5e5c-bc1219f315c2`);
    const text = describeHeldLock(RECORDED, { unlockCommand: command, waited: '10s', now: new Date('2026-11-28T18:49:24Z') });
    expect(text).toBe(
      [
        'The state is locked by another terraform run (waited 10s for it); this run changed nothing and the state is kept.',
        '  Held by:   root@vm',
        '  Since:     2026-11-28 18:45:24 UTC (4 minutes ago)',
        '  Operation: apply',
        '  Lock ID:   e6eddcd8-52e4-3411-5e5c-bc1219f315c2',
        '  State:     team-state/net-wizard/shop-dev/terraform.tfstate',
        'If that run is still going, let it finish, then run the same command again.',
        'If you are sure it is dead (killed, its machine or CI job gone) and nobody else is changing this',
        'network, release the lock by hand (net-wizard never does), then run the same command again:',
        `  cd '/work/team net/w1' && terraform force-unlock e6eddcd8-52e4-3411-5e5c-bc1219f315c2`,
        'Releasing the lock of a run that is still alive lets two runs write the state at once.',
      ].join('\n'),
    );
  });

  it('StateLockedError carries the lock, the step and the command; its message is the explanation', () => {
    const e = new StateLockedError('plan', RECORDED, 'cd /w && terraform force-unlock x', '10s');
    expect(e.name).toBe('StateLockedError');
    expect(e).toMatchObject({ step: 'plan', lock: RECORDED, unlockCommand: 'cd /w && terraform force-unlock x', waited: '10s' });
    expect(e.message).toContain('Held by:   root@vm');
  });

  it.each([
    ['OperationTypeApply', 'apply'],
    ['OperationTypePlan', 'plan'],
    ['OperationTypeInvalid', 'invalid'],
    ['migration', 'migration'],
  ])('operation %s reads as %s', (raw, words) => expect(operationWords(raw)).toBe(words));

  it('reads terraform times and lock-file times', () => {
    expect(parseLockTime('2026-11-28 18:45:24.424948379 +0000 UTC')?.toISOString()).toBe('2026-11-28T18:45:24.424Z');
    expect(parseLockTime('2026-11-28T18:37:36.620157612Z')?.toISOString()).toBe('2026-11-28T18:37:36.620Z');
    expect(parseLockTime('2026-11-28 20:45:24.5 +0200 EET')?.toISOString()).toBe('2026-11-28T18:45:24.500Z');
    expect(parseLockTime('yesterday')).toBeUndefined();
    expect(ageWords(new Date(0), new Date(45_000))).toBe('45 seconds');
    expect(ageWords(new Date(0), new Date(3 * 3600_000))).toBe('3 hours');
    expect(ageWords(new Date(0), new Date(3 * 86400_000))).toBe('3 days');
  });

  it('quotes for the shell only where needed', () => {
    expect(shellWord('/tmp/a-b_c.d')).toBe('/tmp/a-b_c.d');
    expect(shellWord("/tmp/it's here")).toBe(`'/tmp/it'\\''s here'`);
  });
});

describe('the lock timeout', () => {
  it('is 10s unless NET_WIZARD_LOCK_TIMEOUT says otherwise', () => {
    expect(DEFAULT_LOCK_TIMEOUT).toBe('10s');
    expect(lockTimeoutFrom({})).toBe('10s');
    expect(lockTimeoutFrom({ NET_WIZARD_LOCK_TIMEOUT: '0s' })).toBe('0s');
    expect(lockTimeoutFrom({ NET_WIZARD_LOCK_TIMEOUT: '1h30m' })).toBe('1h30m');
  });

  it('refuses what is not a duration', () => {
    expect(() => lockTimeoutFrom({ NET_WIZARD_LOCK_TIMEOUT: '10' })).toThrow(UsageError);
    expect(() => lockTimeoutFrom({ NET_WIZARD_LOCK_TIMEOUT: 'soon' })).toThrow(/not a duration/);
  });
});

describe('TerraformRunner and the lock (a stand-in terraform that replays the recording)', () => {
  let dir: string;
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  async function fakeTerraform(jsonl: string): Promise<{ bin: string; argsFile: string }> {
    dir = await mkdtemp(join(tmpdir(), 'net-wizard-lock-'));
    const bin = join(dir, 'terraform');
    const argsFile = join(dir, 'args');
    await writeFile(join(dir, 'out.jsonl'), jsonl);
    await writeFile(bin, `#!/bin/sh\necho "$@" >> ${JSON.stringify(argsFile)}\n/bin/cat ${JSON.stringify(join(dir, 'out.jsonl'))}\nexit 1\n`);
    await chmod(bin, 0o755);
    return { bin, argsFile };
  }

  it('passes -lock-timeout to plan and throws StateLockedError naming the force-unlock command', async () => {
    const { bin, argsFile } = await fakeTerraform(fixture('state-lock-held.jsonl'));
    const runner = new TerraformRunner({ bin, cwd: dir, env: { PATH: dir } });
    const error = await runner.plan({ out: join(dir, 'tfplan') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateLockedError);
    expect(error).toMatchObject({ step: 'plan', lock: RECORDED, waited: '10s', unlockCommand: `cd ${dir} && terraform force-unlock ${RECORDED.id}` });
    expect(await readFile(argsFile, 'utf8')).toContain('-lock-timeout=10s');
  });

  it('takes the timeout from NET_WIZARD_LOCK_TIMEOUT, for apply and destroy too; names the binary by path when PATH would not find it', async () => {
    const { bin, argsFile } = await fakeTerraform(fixture('state-lock-held.jsonl'));
    const runner = new TerraformRunner({ bin, cwd: dir, env: { PATH: '/nowhere', NET_WIZARD_LOCK_TIMEOUT: '2s' } });
    const applied = await runner.apply(join(dir, 'tfplan')).catch((e: unknown) => e);
    expect(applied).toMatchObject({ name: 'StateLockedError', step: 'apply', unlockCommand: `cd ${dir} && ${bin} force-unlock ${RECORDED.id}` });
    await runner.destroy().catch(() => undefined);
    expect((await readFile(argsFile, 'utf8')).split('\n').filter(Boolean).map((l) => l.split(' ')[0] + ' ' + l.match(/-lock-timeout=\S+/)?.[0])).toEqual([
      'apply -lock-timeout=2s',
      'destroy -lock-timeout=2s',
    ]);
  });

  it('other failures stay TerraformError', async () => {
    const { bin } = await fakeTerraform(fixture('apply-error.jsonl'));
    const runner = new TerraformRunner({ bin, cwd: dir, env: { PATH: dir } });
    const error = await runner.apply(join(dir, 'tfplan')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerraformError);
  });

  it('binaryCommand: the bare name when PATH finds that very binary', async () => {
    const { bin } = await fakeTerraform('');
    expect(binaryCommand(bin, { PATH: dir })).toBe('terraform');
    expect(binaryCommand(bin, { PATH: '' })).toBe(bin);
  });
});
