/**
 * The layers look only down: an import that runs up fails here, naming the file and the import.
 * core (pure) < network < stacks < terraform, aws < synth < verify < preflight < app < ui < the
 * entry (cli/, commands/, cli.ts); version.ts (it reads package.json) sits with terraform and aws; stacks import only core; cdktf loads only in synth and stacks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

/** Each layer and the rank it sits at; a file may import its own rank or lower. */
const RANK: Record<string, number> = { core: 0, network: 1, stacks: 2, terraform: 3, aws: 3, synth: 4, verify: 5, preflight: 6, app: 7, ui: 8, cli: 9, commands: 9, version: 3 };

/** The layer of a path relative to the project root (`src/core/cidr.ts` → core), or undefined outside src/ and stacks/. */
export function layerOf(path: string): string | undefined {
  const parts = normalize(path).split('/');
  if (parts[0] === 'stacks') return 'stacks';
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  return parts.length === 2 ? parts[1]!.replace(/\.(js|ts|tsx)$/, '') : parts[1];
}

/** Every module a source text imports: static, type-only, re-exports and dynamic import(). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** What is wrong with one import of `file` (project-relative), or undefined. */
export function violation(file: string, spec: string): string | undefined {
  const from = layerOf(file)!;
  if (spec === 'cdktf' || spec.startsWith('@cdktf/')) {
    return from === 'synth' || from === 'stacks' ? undefined : `${file} imports ${spec}: cdktf loads only in src/synth and stacks/ (the start-up path stays light)`;
  }
  if (!spec.startsWith('.')) return undefined;
  const target = layerOf(relative(ROOT, join(ROOT, dirname(file), spec)));
  if (target === undefined || target === from) return undefined;
  if (from === 'stacks' && target !== 'core') return `${file} imports ${spec}: stacks/ import only src/core`;
  if (RANK[target] === undefined || RANK[from] === undefined) return `${file} imports ${spec}: ${RANK[from] === undefined ? from : target} is no known layer; give it a rank in test/architecture/layers.test.ts`;
  return RANK[target]! > RANK[from]! ? `${file} (${from}) imports ${spec} (${target}): an import that runs up the layers` : undefined;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the layers only look down', () => {
  const files = [...sources('src'), ...sources('stacks')];

  it('reads the imports of every source file', () => {
    const count = files.reduce((n, f) => n + importsOf(readFileSync(join(ROOT, f), 'utf8')).length, 0);
    expect(files.length).toBeGreaterThan(60);
    expect(count).toBeGreaterThan(300);
  });

  it('no import runs up; stacks import only core; cdktf only in synth and stacks', () => {
    const problems = files.flatMap((f) => importsOf(readFileSync(join(ROOT, f), 'utf8')).map((spec) => violation(f, spec)).filter(Boolean));
    expect(problems).toEqual([]);
  });

  it.each([
    ['src/core/run-events.ts', '../terraform/events.js', /runs up/],
    ['src/core/config.ts', '../app/engine.js', /runs up/],
    ['src/verify/live/index.ts', '../../app/workdir.js', /runs up/],
    ['src/ui/wizard/run-wizard.tsx', '../../cli/signals.js', /runs up/],
    ['stacks/constructs/backend.ts', '../../src/terraform/backend.js', /stacks\/ import only src\/core/],
    ['src/app/engine.ts', 'cdktf', /cdktf loads only/],
    ['src/app/engine.ts', '../terraform/runner.js', undefined],
    ['stacks/constructs/nat.ts', '../../src/core/names.js', undefined],
    ['src/commands/apply.ts', '../cli/args.js', undefined],
    ['src/synth/synth.ts', 'cdktf', undefined],
  ] as const)('the checker: %s importing %s', (file, spec, expected) => {
    const found = violation(file, spec);
    if (expected) expect(found).toMatch(expected);
    else expect(found).toBeUndefined();
  });

  it('the reader finds every form of import', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "import './side-effect.js';",
      "const { d } = await import('./d.js');",
      "import {\n  e,\n  f,\n} from './ef.js';",
    ].join('\n');
    expect(importsOf(text).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js', './ef.js', './side-effect.js']);
  });
});
