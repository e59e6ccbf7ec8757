/**
 * `npm run bench`: speed and memory of net-wizard, as medians and ratios over several runs made
 * side by side in this one process run (the machine is shared and noisy; compare, don't time).
 *
 *  1. `net-wizard synth` of a 3-AZ stack (per-AZ NAT, custom NACLs): wall time and peak RSS of the
 *     real CLI process. Targets: ≤ 1 s, ≤ 200 MB.
 *  0. `npx net-wizard` in a real pseudo-terminal: time from start to the first question on
 *     screen, beside a bare `node` start in the same pseudo-terminal (it prints the same text),
 *     alternating. Targets: ≤ 150 ms and ≤ 2.3 × the bare start.
 *  2. `net-wizard apply` against moto next to raw `terraform init` + `plan -out` + `apply` of the
 *     same generated JSON, alternating. Target: net-wizard ≤ 1.05 × raw terraform.
 *  3. `net-wizard audit` of a 2-AZ VPC (the part-1 fixture, applied by plain terraform) on moto,
 *     beside `--version` (a bare start of the CLI). Target: ≤ 1 s.
 *  4. `net-wizard verify` of a network applied once (2 AZs, one NAT Gateway, custom NACLs) on
 *     moto, beside what it used to run first, `terraform init` + `terraform output -json`
 *     (alternating). Target: ≤ 0.5 s.
 *  5. `npm pack`, then `npm install` of the tarball into an empty folder with an empty cache
 *     (bench/pack.ts; BENCH_PACK=0 skips it). Targets: ≤ 30 MB downloaded, ≤ 120 MB installed,
 *     `--version` answers.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { CLI_PATH } from '../test/helpers/cli.js';
import { pythonCommand, startMoto } from '../test/helpers/moto.js';
import { runCliInPty } from '../test/helpers/pty.js';
import { terraformTestEnv } from '../test/helpers/terraform-env.js';
import { benchPack } from './pack.js';

const FRAME_RUNS = Number(process.env.BENCH_FRAME_RUNS ?? 9);
const SYNTH_RUNS = Number(process.env.BENCH_SYNTH_RUNS ?? 7);
const APPLY_RUNS = Number(process.env.BENCH_APPLY_RUNS ?? 3);
const AUDIT_RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 7);
const VERIFY_RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 7);
const PART1 = new URL('../test/fixtures/terraform/part1/', import.meta.url).pathname;
const PROBE = new URL('./rss-probe.mjs', import.meta.url).pathname;
const PTY_DRIVE = new URL('../test/helpers/pty-drive.py', import.meta.url).pathname;
const STACK = ['--region', 'ap-northeast-1', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

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

async function benchVerify(root: string): Promise<{ verify: number[]; old: number[] } | string> {
  const tf = await terraformTestEnv();
  if (!tf.ok) return `skipped: ${tf.reason}`;
  const moto = await startMoto().catch((e: Error) => e);
  if (moto instanceof Error) return `skipped: moto did not start (${moto.message.split('\n')[0]})`;
  const { NET_WIZARD_PLUGIN_DIR: _unused, ...env } = tf.env;
  const dir = join(root, 'verify');
  try {
    await execa('node', [CLI_PATH, 'apply', '--project', 'vfy', '--region', 'ap-northeast-1', '--azs', 'a,c', '--nat', 'single', '--nacl', 'custom', '--endpoint', moto.endpoint, '--workdir', dir, '--yes', '--json'], { env });
    const verify: number[] = [];
    const old: number[] = [];
    const tfEnv = { ...env, CHECKPOINT_DISABLE: '1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
    for (let i = 0; i < VERIFY_RUNS; i++) {
      verify.push(await timed(() => execa('node', [CLI_PATH, 'verify', '--workdir', dir], { env })));
      old.push(
        await timed(async () => {
          await execa(tf.terraform, ['init', '-input=false'], { cwd: dir, env: tfEnv });
          await execa(tf.terraform, ['output', '-json'], { cwd: dir, env: tfEnv });
        }),
      );
    }
    return { verify, old };
  } finally {
    await moto.stop();
    await tf.cleanup();
  }
}

/** A bare `node` start in the pseudo-terminal runCliInPty uses (pty-drive.py, the same environment), to the same text on screen. */
async function bareStartInPty(): Promise<number> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), TERM: 'xterm-256color', NO_COLOR: '1' };
  delete env.CI;
  const steps = JSON.stringify([{ wait: 'Project name' }]);
  const r = await execa(pythonCommand(), [PTY_DRIVE, steps, '--', process.execPath, '-e', "process.stdout.write('? Project name')"], { env, extendEnv: false });
  const out = JSON.parse(r.stdout) as { failedStep: number | null; secondsToWaits: number[]; transcript: string };
  if (out.failedStep !== null) throw new Error(`the bare start printed nothing:\n${out.transcript}`);
  return out.secondsToWaits[0]! * 1000;
}

/** The first frame and a bare node start that prints the same text, each in the same pseudo-terminal, alternating. */
async function benchFrame(): Promise<{ frames: number[]; bare: number[] }> {
  const frames: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < FRAME_RUNS; i++) {
    const r = await runCliInPty([], [{ wait: 'Project name' }, { send: '\u0003' }], {});
    if (r.failedStep !== null) throw new Error(`the first question never showed:\n${r.transcript}`);
    frames.push(r.secondsToWaits[0]! * 1000);
    bare.push(await bareStartInPty());
  }
  return { frames, bare };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'net-wizard-bench-'));
  try {
    const { frames, bare } = await benchFrame();
    const firstFrame = median(frames);
    const bareStart = median(bare);
    const frameRatio = firstFrame / bareStart;
    console.log(`first interactive frame (the wizard in a pseudo-terminal) beside a bare node start, ${FRAME_RUNS} alternating runs each:`);
    console.log(`  first frame median ${firstFrame.toFixed(0)} ms (min ${Math.min(...frames).toFixed(0)}, max ${Math.max(...frames).toFixed(0)})  target ≤ 150 ms: ${verdict(firstFrame <= 150)}`);
    console.log(`  bare node   median ${bareStart.toFixed(0)} ms (min ${Math.min(...bare).toFixed(0)}, max ${Math.max(...bare).toFixed(0)})`);
    console.log(`  ratio ${frameRatio.toFixed(2)} × a bare node start  target ≤ 2.3: ${verdict(frameRatio <= 2.3)}`);

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

    const verified = await benchVerify(root);
    console.log(`verify of an applied network on moto (2 AZs, one NAT Gateway, custom NACLs: 21 checks), ${VERIFY_RUNS} runs beside terraform init + output:`);
    if (typeof verified === 'string') console.log(`  ${verified}`);
    else {
      const v = median(verified.verify);
      const o = median(verified.old);
      console.log(`  verify median ${seconds(v)} (min ${seconds(Math.min(...verified.verify))}, max ${seconds(Math.max(...verified.verify))})  target ≤ 0.5 s: ${verdict(v <= 500)}`);
      console.log(`  terraform init + output -json (what verify ran before it read the state) median ${seconds(o)}: verify takes ${(v / o).toFixed(2)} × that`);
    }

    if (process.env.BENCH_PACK !== '0') {
      console.log('npm pack, then npm install of the tarball into an empty folder with an empty cache (the real registry):');
      try {
        const p = await benchPack();
        const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
        console.log(`  tarball ${mb(p.tarball)}; ${p.packages} packages installed; ${p.seconds.toFixed(0)} s`);
        console.log(`  downloaded ${mb(p.downloaded)} (npm's cache afterwards: tarballs and package documents)  target ≤ 30 MB: ${verdict(p.downloaded <= 30e6)}`);
        console.log(`  installed ${mb(p.installed)} (du -sb node_modules)  target ≤ 120 MB: ${verdict(p.installed <= 120e6)}`);
        console.log(`  --version from the install: ${p.versionOk ? 'answers' : 'FAILED'}; @cdktf/provider-aws ${p.providerAbsent ? 'not installed' : 'INSTALLED'}; synth from the install: ${p.synthSame ? 'the same cdk.tf.json' : 'DIFFERS'}  target: --version answers: ${verdict(p.versionOk)}`);
      } catch (error) {
        console.log(`  skipped: ${(error as Error).message.split('\n')[0]}`);
      }
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
