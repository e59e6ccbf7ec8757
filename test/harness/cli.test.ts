import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';

const ECHO = `
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  console.log(JSON.stringify({ args: process.argv.slice(2), ci: process.env.CI, noColor: process.env.NO_COLOR,
    force: process.env.FORCE_COLOR ?? null, extra: process.env.EXTRA ?? null, cwd: process.cwd(), input }));
  console.error('to stderr');
  process.exit(3);
});
`;

describe('runCli', () => {
  it('runs the built CLI of this repository', async () => {
    expect(existsSync(CLI_PATH)).toBe(true);
    const r = await runCli(['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  it('runs with CI=true, NO_COLOR=1, no stdin, and reports a non-zero exit without throwing', async () => {
    const dir = await tempDir();
    try {
      const script = join(dir.path, 'echo.mjs');
      await writeFile(script, ECHO);
      const r = await runCli(['plan', '--yes'], { script, cwd: dir.path, env: { EXTRA: 'x', FORCE_COLOR: '1' } });
      expect(r.exitCode).toBe(3);
      expect(r.stderr).toBe('to stderr');
      expect(JSON.parse(r.stdout)).toEqual({
        args: ['plan', '--yes'], ci: 'true', noColor: '1', force: '1', extra: 'x', cwd: dir.path, input: '',
      });
      const piped = await runCli([], { script, input: 'answers\n', env: { FORCE_COLOR: undefined } });
      expect(JSON.parse(piped.stdout)).toMatchObject({ input: 'answers\n', force: null, cwd: REPO_ROOT });
    } finally {
      await dir.cleanup();
    }
    expect(existsSync(dir.path)).toBe(false);
  });
});
