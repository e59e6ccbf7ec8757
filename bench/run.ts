/**
 * `npm run bench`: speed and memory of net-wizard, as medians and ratios over several runs made
 * side by side in this one process run (the machine is shared and noisy; compare, don't time).
 *
 *  1. `net-wizard synth` of a 3-AZ stack (per-AZ NAT, custom NACLs): wall time and peak RSS of the
 *     real CLI process. Targets: ≤ 1 s, ≤ 200 MB.
 *  0. `npx net-wizard` in a real pseudo-terminal: time from start to the first question on
 *     screen. Target: ≤ 300 ms.
 *  2. `net-wizard apply` against moto next to raw `terraform init` + `plan -out` + `apply` of the
 *     same generated JSON, alternating. Target: net-wizard ≤ 1.05 × raw terraform.
 *  3. `net-wizard audit` of a 2-AZ VPC (the part-1 fixture, applied by plain terraform) on moto,
 *     beside `--version` (a bare start of the CLI). Target: ≤ 1 s.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { CLI_PATH } from '../test/helpers/cli.js';
import { startMoto } from '../test/helpers/moto.js';
import { runCliInPty } from '../test/helpers/pty.js';
import { terraformTestEnv } from '../test/helpers/terraform-env.js';

const FRAME_RUNS = Number(process.env.BENCH_FRAME_RUNS ?? 9);
const SYNTH_RUNS = Number(process.env.BENCH_SYNTH_RUNS ?? 7);
const APPLY_RUNS = Number(process.env.BENCH_APPLY_RUNS ?? 3);
const AUDIT_RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 7);
const PART1 = new URL('../test/fixtures/terraform/part1/', import.meta.url).pathname;
const PROBE = new URL('./rss-probe.mjs', import.meta.url).pathname;
const STACK = ['--region', 'ap-northeast-1', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function benchSynth(root: string): Promise<{ wall: number[]; rss: number[] }> {
  const wall: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < SYNTH_RUNS; i++) {
    const rssFile = join(root, `rss-${i}`);
    wall.push(
      await timed(() =>
        execa('node', ['--import', PROBE, CLI_PATH, 'synth', '--project', `bench${i}`, ...STACK, '--workdir', join(root, `synth-${i}`)], {
          env: { NET_WIZARD_RSS_FILE: rssFile, CI: 'true' },
        }),
      ),
    );
    rss.push(Number(await readFile(rssFile, 'utf8')));
  }
  return { wall, rss };
}

async function benchApply(root: string): Promise<{ wizard: number[]; raw: number[] } | string> {
  const tf = await terraformTestEnv();
  if (!tf.ok) return `skipped: ${tf.reason}`;
  const moto = await startMoto().catch((e: Error) => e);
  if (moto instanceof Error) return `skipped: moto did not start (${moto.message.split('\n')[0]})`;
  const { NET_WIZARD_PLUGIN_DIR: _unused, ...env } = tf.env;
  const wizard: number[] = [];
  const raw: number[] = [];
  try {
    // Each run starts from an empty emulator: the same work each time, and room in the VPC and
    // Elastic IP quotas that net-wizard's preflight checks (moto's default VPC counts too).
    const reset = async () => {
      const res = await fetch(`${moto.endpoint}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    };
    for (let i = 0; i < APPLY_RUNS; i++) {
      await reset();
      const wizardDir = join(root, `apply-${i}`);
      wizard.push(
        await timed(() =>
          execa('node', [CLI_PATH, 'apply', '--project', `wiz${i}`, ...STACK, '--endpoint', moto.endpoint, '--workdir', wizardDir, '--yes', '--json'], { env }),
        ),
      );
      // The same generated JSON, under another project name so that it builds its own VPC.
      await reset();
      const rawDir = join(root, `raw-${i}`);
      await execa('node', [CLI_PATH, 'synth', '--project', `raw${i}`, ...STACK, '--endpoint', moto.endpoint, '--workdir', join(root, `rawsynth-${i}`)], { env });
      await mkdir(rawDir, { recursive: true });
      await copyFile(join(root, `rawsynth-${i}`, 'cdk.tf.json'), join(rawDir, 'cdk.tf.json'));
      const tfRun = (args: string[]) => execa(tf.terraform, args, { cwd: rawDir, env: { ...env, CHECKPOINT_DISABLE: '1' } });
      raw.push(
        await timed(async () => {
          await tfRun(['init', '-input=false']);
          await tfRun(['plan', '-input=false', '-out=tfplan']);
          await tfRun(['apply', '-input=false', 'tfplan']);
        }),
      );
    }
  } finally {
    await moto.stop();
    await tf.cleanup();
  }
  return { wizard, raw };
}

async function benchAudit(root: string): Promise<{ audit: number[]; bare: number[] } | string> {
  const tf = await terraformTestEnv();
  if (!tf.ok) return `skipped: ${tf.reason}`;
  const moto = await startMoto().catch((e: Error) => e);
  if (moto instanceof Error) return `skipped: moto did not start (${moto.message.split('\n')[0]})`;
  const { NET_WIZARD_PLUGIN_DIR: _unused, ...env } = tf.env;
  const dir = join(root, 'part1');
  try {
    await mkdir(dir, { recursive: true });
    for (const f of ['main.tf', 'variables.tf']) await copyFile(join(PART1, f), join(dir, f));
    const tfEnv = { ...env, CHECKPOINT_DISABLE: '1', TF_VAR_endpoint: moto.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
    await execa(tf.terraform, ['init', '-input=false'], { cwd: dir, env: tfEnv });
    await execa(tf.terraform, ['apply', '-auto-approve', '-input=false'], { cwd: dir, env: tfEnv });
    const vpc = (await execa(tf.terraform, ['output', '-raw', 'vpc_id'], { cwd: dir, env: tfEnv })).stdout.trim();
    const audit: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < AUDIT_RUNS; i++) {
      bare.push(await timed(() => execa('node', [CLI_PATH, '--version'], { env })));
      audit.push(await timed(() => execa('node', [CLI_PATH, 'audit', '--vpc-id', vpc, '--region', 'ap-northeast-1', '--endpoint', moto.endpoint, '--json'], { env, reject: false })));
    }
    return { audit, bare };
  } finally {
    await moto.stop();
    await tf.cleanup();
  }
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'net-wizard-bench-'));
  try {
    const frames: number[] = [];
    for (let i = 0; i < FRAME_RUNS; i++) {
      const r = await runCliInPty([], [{ wait: 'Project name' }, { send: '\u0003' }], {});
      if (r.failedStep !== null) throw new Error(`the first question never showed:\n${r.transcript}`);
      frames.push(r.secondsToWaits[0]! * 1000);
    }
    const firstFrame = median(frames);
    console.log(`first interactive frame (the wizard in a pseudo-terminal), ${FRAME_RUNS} runs:`);
    console.log(`  median ${firstFrame.toFixed(0)} ms (min ${Math.min(...frames).toFixed(0)}, max ${Math.max(...frames).toFixed(0)})  target ≤ 300 ms: ${firstFrame <= 300 ? 'met' : 'MISSED'}`);

    const synth = await benchSynth(root);
    const synthWall = median(synth.wall);
    const synthRss = median(synth.rss) / 1e6;
    console.log(`synth (3 AZs, per-az NAT, custom NACLs), ${SYNTH_RUNS} runs of the CLI process:`);
    console.log(`  wall median ${seconds(synthWall)} (min ${seconds(Math.min(...synth.wall))}, max ${seconds(Math.max(...synth.wall))})  target ≤ 1 s: ${synthWall <= 1000 ? 'met' : 'MISSED'}`);
    console.log(`  peak RSS median ${synthRss.toFixed(0)} MB (max ${(Math.max(...synth.rss) / 1e6).toFixed(0)} MB)  target ≤ 200 MB: ${synthRss <= 200 ? 'met' : 'MISSED'}`);

    const audited = await benchAudit(root);
    console.log(`audit of a 2-AZ VPC on moto, ${AUDIT_RUNS} runs beside a bare start (--version):`);
    if (typeof audited === 'string') console.log(`  ${audited}`);
    else {
      const a = median(audited.audit);
      console.log(`  audit median ${seconds(a)} (min ${seconds(Math.min(...audited.audit))}, max ${seconds(Math.max(...audited.audit))}); bare start median ${seconds(median(audited.bare))}  target ≤ 1 s: ${a <= 1000 ? 'met' : 'MISSED'}`);
    }

    const apply = await benchApply(root);
    console.log(`apply against moto, ${APPLY_RUNS} alternating runs each:`);
    if (typeof apply === 'string') {
      console.log(`  ${apply}`);
      return;
    }
    const ratio = median(apply.wizard) / median(apply.raw);
    console.log(`  net-wizard apply        median ${seconds(median(apply.wizard))}  (${apply.wizard.map(seconds).join(', ')})`);
    console.log(`  raw init + plan + apply median ${seconds(median(apply.raw))}  (${apply.raw.map(seconds).join(', ')})`);
    console.log(`  ratio ${ratio.toFixed(3)} × raw terraform  target ≤ 1.05: ${ratio <= 1.05 ? 'met' : 'MISSED'}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
