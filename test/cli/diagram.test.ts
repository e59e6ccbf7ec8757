/**
 * net-wizard diagram on the command line: from the answers (synthesized in memory: no workdir is
 * written, no terraform runs), from a synthesized workdir, and refused with exit 2 for a bad
 * --format, an answer the workdir did not record, or a workdir that holds no project.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // No terraform and no AWS: an empty PATH and no credentials.
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { PATH: '', ...env }, isTTY: false });
  return { code, stdout, stderr };
}

describe('net-wizard diagram', () => {
  it('draws the network of the answers as text, within 80 columns, and writes no workdir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nw-diagram-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await run(['diagram', '--project', 'shop', '--nat', 'single', '--nacl', 'custom']);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('VPC shop-dev-vpc 10.0.0.0/16');
      expect(r.stdout).toMatch(/┌─ ap-northeast-1a ─+┐ ┌─ ap-northeast-1c ─+┐/);
      expect(r.stdout).toMatch(/│ 0\.0\.0\.0\/0 → shop-dev-nat-a\s+│ │ 0\.0\.0\.0\/0 → shop-dev-nat-a \(in 1a\)\s+│/);
      expect(r.stdout).toContain('│ NACL shop-dev-private-nacl');
      expect(Math.max(...r.stdout.trimEnd().split('\n').map((l) => stringWidth(l)))).toBeLessThanOrEqual(80);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('COLUMNS=120 puts three AZs side by side', async () => {
    const r = await run(['diagram', '--project', 'shop', '--azs', 'a,c,d', '--nat', 'per-az'], { COLUMNS: '120' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/┌─ ap-northeast-1a ─+┐ ┌─ ap-northeast-1c ─+┐ ┌─ ap-northeast-1d ─+┐/);
  });

  it('--format mermaid prints a flowchart naming every subnet and NAT; --format svg an SVG document', async () => {
    const mermaid = await run(['diagram', '--project', 'shop', '--nat', 'per-az', '--format', 'mermaid']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout.startsWith('flowchart TB\n')).toBe(true);
    for (const name of ['shop-dev-public-subnet-a', 'shop-dev-private-subnet-c', 'shop-dev-nat-a', 'shop-dev-nat-c', 'shop-dev-igw']) expect(mermaid.stdout).toContain(name);
    const svg = await run(['diagram', '--project', 'shop', '--format', 'svg']);
    expect(svg.code).toBe(0);
    expect(svg.stdout.startsWith('<?xml')).toBe(true);
    expect(XMLValidator.validate(svg.stdout)).toBe(true);
  });

  it('--json prints { format, diagram, layout }', async () => {
    const r = await run(['diagram', '--project', 'shop', '--nat', 'single', '--format', 'mermaid', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.format).toBe('mermaid');
    expect(doc.diagram.startsWith('flowchart TB')).toBe(true);
    expect(doc.layout.zones.map((z: { az: string }) => z.az)).toEqual(['ap-northeast-1a', 'ap-northeast-1c']);
    expect(doc.layout.nats).toMatchObject([{ label: 'shop-dev-nat-a', usedBy: [{ label: 'shop-dev-private-rt-a' }, { label: 'shop-dev-private-rt-c' }] }]);
    expect(doc.layout.chain.links).toContainEqual({ from: 'ecs', to: 'rds', ports: 'tcp 5432' });
  });

  it('--workdir draws the network recorded there, and refuses an answer it was not made with', async () => {
    const workdir = join(await mkdtemp(join(tmpdir(), 'nw-diagram-wd-')), 'shop-dev');
    const synth = await run(['synth', '--project', 'shop', '--nat', 'per-az', '--nacl', 'custom', '--workdir', workdir]);
    expect(synth.code).toBe(0);
    const before = await readdir(workdir);
    const r = await run(['diagram', '--workdir', workdir, '--format', 'mermaid']);
    expect(r.code).toBe(0);
    for (const name of ['shop-dev-nat-a', 'shop-dev-nat-c', 'shop-dev-private-subnet-a', 'shop-dev-public-nacl']) expect(r.stdout).toContain(name);
    expect(await readdir(workdir)).toEqual(before);
    const same = await run(['diagram', '--workdir', workdir, '--project', 'shop', '--nat', 'per-az']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('shop-dev-nat-c');
    const other = await run(['diagram', '--workdir', workdir, '--nat', 'single']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--nat: the workdir's network was applied with per-az/);
    expect(other.stdout).toBe('');
  });

  it('refuses a workdir that holds no project, and creates nothing', async () => {
    const workdir = join(await mkdtemp(join(tmpdir(), 'nw-diagram-none-')), 'nothing');
    const r = await run(['diagram', '--workdir', workdir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--workdir: ".*nothing" holds no net-wizard project/);
    expect(existsSync(workdir)).toBe(false);
  });

  it('a bad --format exits 2 naming the formats, before anything is synthesized', async () => {
    const r = await run(['diagram', '--project', 'shop', '--format', 'png']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format: "png" is not a format diagram draws; use one of text, mermaid, svg (example: --format mermaid)');
    expect(r.stdout).toBe('');
  });

  it('a bad answer exits 2 as synth does, naming the option', async () => {
    const r = await run(['diagram', '--project', 'shop', '--vpc-cidr', '10.0.0.1/16']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--vpc-cidr: "10\.0\.0\.1\/16" has host bits set/);
  });

  it('--format is refused on other commands, and --help lists diagram and --format', async () => {
    const r = await run(['synth', '--project', 'shop', '--format', 'svg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format: --format chooses how diagram draws the network/);
    const help = await run(['--help']);
    expect(help.stdout).toMatch(/\n {2}diagram {5}draw the network \(text; --format mermaid \| svg\)/);
    expect(help.stdout).toMatch(/\n {2}--format <format> {5}diagram: text/);
  });
});
