/**
 * Faults during apply, injected by a loopback proxy in front of moto (test/helpers/fault-proxy.ts):
 * quota errors moto never produces, the endpoint going away mid-apply, and credentials refused.
 * Each run must exit 1 with terraform's own error text (AWS code and resource address) and the
 * next step; the state must keep what was made; the same command afterwards converges without
 * making anything twice, and once more changes nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectNetwork, type Snapshot } from '../helpers/aws-inspect.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const REGION = 'ap-northeast-1';
/** One CLI run may take this long at most (the provider retries a dead endpoint for about 25 s). */
const RUN_TIMEOUT = 300_000;

interface StateResource {
  mode: string;
  type: string;
  name: string;
  instances: { status?: string; attributes: { id?: string } }[];
}

describe.skipIf(!!skip)('faults during apply: the message, the exit code, nothing lost, the rerun converges', () => {
  const world = useE2eWorld();
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await startFaultProxy({ target: world.moto.endpoint });
  });
  afterEach(async () => {
    proxy.setRules([]);
    proxy.clearRequests();
    await proxy.comeBack();
    // A clean emulator for the next test: the preflight counts every Elastic IP in the region.
    const res = await fetch(`${world.moto.endpoint}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    expect(res.ok).toBe(true);
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  const workdir = (project: string) => join(world.work.path, project);
  /**
   * The NAT mode of each case: per-az, except where a second NAT Gateway made at the same moment would race the fault.
   * ('lost': when the other NAT Gateway's answer gets through but its wait is cut, terraform taints it, and moto cannot
   * replace a tainted NAT Gateway, since its DeleteNatGateway keeps the Elastic IP associated; AWS releases it.)
   */
  const natOf = (project: string) => (project === 'lost' ? 'single' : 'per-az');
  const args = (project: string, extra: string[] = []) => [
    'apply', '--project', project, '--azs', 'a,c', '--nat', natOf(project), '--endpoint', proxy.url, '--workdir', workdir(project), '--yes', ...extra,
  ];
  const apply = (project: string, extra: string[] = []) => runCli(args(project, extra), { env: world.env, timeout: RUN_TIMEOUT });
  const applyJson = async (project: string) => {
    const r = await apply(project, ['--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { plan: { add: number; change: number; destroy: number }; outputs: Record<string, unknown> };
  };
  const state = async (project: string) => {
    const doc = JSON.parse(await readFile(join(workdir(project), 'terraform.tfstate'), 'utf8')) as { resources: StateResource[] };
    const managed = doc.resources.filter((r) => r.mode === 'managed');
    return {
      addresses: managed.map((r) => `${r.type}.${r.name}`).sort(),
      /** address → id, of the resources that are not tainted (kept as they are by the next apply). */
      ids: Object.fromEntries(managed.filter((r) => r.instances[0] && r.instances[0].status !== 'tainted').map((r) => [`${r.type}.${r.name}`, r.instances[0]!.attributes.id])),
    };
  };
  /** The answers the workdir records (net-wizard.config.json): still there, still this network's. */
  const answersKept = async (project: string) => {
    const record = JSON.parse(await readFile(join(workdir(project), 'net-wizard.config.json'), 'utf8')) as { config: Record<string, unknown>; nat: { mode: string } };
    expect(record.config).toMatchObject({ project, env: 'dev', azs: ['ap-northeast-1a', 'ap-northeast-1c'], endpoint: proxy.url });
    expect(record.nat.mode).toBe(natOf(project));
  };
  const resourceCount = async (project: string) => {
    const json = JSON.parse(await readFile(join(workdir(project), 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    return Object.values(json.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
  };
  const inspect = (project: string) => inspectNetwork({ endpoint: world.moto.endpoint, region: REGION, project, env: 'dev' });
  const liveNats = (s: Snapshot) => s.natGateways.filter((n) => n.state === 'available' || n.state === 'pending');
  /** The address terraform names in `<address>: <summary>` for this AWS error code. */
  const failedAddress = (r: CliResult, code: string) => new RegExp(`^\\s*(aws_[a-z_]+\\.[a-z0-9_]+): .*api error ${code}:`, 'm').exec(r.stderr)?.[1];

  /** After a failed run: the rerun converges, makes only what is missing, keeps what was made, and a further run is a no-op. */
  const convergesKeeping = async (project: string, kept: Awaited<ReturnType<typeof state>>) => {
    const rerun = await applyJson(project);
    expect(rerun.plan.add - rerun.plan.destroy).toBe((await resourceCount(project)) - kept.addresses.length);
    const after = await state(project);
    for (const [address, id] of Object.entries(kept.ids)) expect(after.ids[address], address).toBe(id);
    const s = await inspect(project);
    expect(s.vpcs).toHaveLength(1);
    expect(liveNats(s).map((n) => n.tags.Name).sort()).toEqual([`${project}-dev-nat-a`, `${project}-dev-nat-c`]);
    expect(s.elasticIps.map((e) => e.tags.Name).sort()).toEqual([`${project}-dev-nat-eip-a`, `${project}-dev-nat-eip-c`]);
    return s;
  };
  const isNoOp = async (project: string) => {
    const t0 = Date.now();
    const again = await applyJson(project);
    expect(again.plan).toEqual({ add: 0, change: 0, destroy: 0 });
    return Date.now() - t0;
  };

  it('AddressLimitExceeded on the second AllocateAddress: code, address, next step; the first EIP kept; the rerun converges; then a no-op', async () => {
    proxy.setRules([{ service: 'ec2', action: 'AllocateAddress', nth: 2, error: { code: 'AddressLimitExceeded', message: 'The maximum number of addresses has been reached.' } }]);
    const r = await apply('eipq');
    expect(r.exitCode, r.stderr).toBe(1);
    expect(proxy.injected.map((q) => q.outcome)).toEqual([{ injected: 'AddressLimitExceeded', status: 400 }]);
    // Terraform's own text, whole: the resource address, the operation, the AWS code and message.
    const address = failedAddress(r, 'AddressLimitExceeded');
    expect(address).toMatch(/^aws_eip\.nat_[ac]$/);
    expect(r.stderr).toContain(`${address}: creating EC2 EIP: operation error EC2: AllocateAddress`);
    expect(r.stderr).toContain('api error AddressLimitExceeded: The maximum number of addresses has been reached.');
    expect(r.stderr).toMatch(/terraform apply failed; the state is kept and a rerun continues from here/);
    expect(r.stderr).toMatch(/Next step \(AddressLimitExceeded\): the quota "EC2-VPC Elastic IPs" \(L-0263D0A3, default 5 per region\) is used up: .*--nat single.*run the same command again/);

    const kept = await state('eipq');
    await answersKept('eipq');
    const other = address === 'aws_eip.nat_a' ? 'aws_eip.nat_c' : 'aws_eip.nat_a';
    expect(kept.addresses).toContain(other);
    expect(kept.addresses).toContain('aws_vpc.main');
    expect(kept.addresses).not.toContain(address);
    const s = await inspect('eipq');
    expect(s.elasticIps.map((e) => e.allocationId)).toEqual([kept.ids[other]]);

    await convergesKeeping('eipq', kept);
    await isNoOp('eipq');
  });

  it('NatGatewayLimitExceeded on the second CreateNatGateway: code, address, next step; the first NAT kept; the rerun converges', async () => {
    proxy.setRules([{ service: 'ec2', action: 'CreateNatGateway', nth: 2, error: { code: 'NatGatewayLimitExceeded', message: 'The maximum number of NAT gateways has been reached.' } }]);
    const r = await apply('natq');
    expect(r.exitCode, r.stderr).toBe(1);
    const address = failedAddress(r, 'NatGatewayLimitExceeded');
    expect(address).toMatch(/^aws_nat_gateway\.main_[ac]$/);
    expect(r.stderr).toContain(`${address}: creating EC2 NAT Gateway: operation error EC2: CreateNatGateway`);
    expect(r.stderr).toContain('api error NatGatewayLimitExceeded: The maximum number of NAT gateways has been reached.');
    expect(r.stderr).toMatch(/Next step \(NatGatewayLimitExceeded\): the quota "NAT gateways per Availability Zone" \(L-FE5A380F, default 5 per AZ\) is used up: .*run the same command again/);

    const kept = await state('natq');
    await answersKept('natq');
    const other = address === 'aws_nat_gateway.main_a' ? 'aws_nat_gateway.main_c' : 'aws_nat_gateway.main_a';
    expect(kept.addresses).toEqual(expect.arrayContaining(['aws_eip.nat_a', 'aws_eip.nat_c', other]));
    expect(kept.addresses).not.toContain(address);
    expect(liveNats(await inspect('natq')).map((n) => n.id)).toEqual([kept.ids[other]]);

    await convergesKeeping('natq', kept);
  });

  it('the endpoint goes away mid-apply: names the endpoint and what to do; state kept; with the endpoint back the rerun converges; then a no-op', async () => {
    // The first CreateNatGateway never reaches moto: the proxy closes its socket and refuses from then on.
    proxy.setRules([{ service: 'ec2', action: 'CreateNatGateway', nth: 1, goAway: true }]);
    const t0 = Date.now();
    const r = await apply('gone');
    const failedAfter = Date.now() - t0;
    expect(r.exitCode, r.stderr).toBe(1);
    expect(proxy.listening).toBe(false);
    expect(r.stderr).toMatch(/aws_[a-z_]+\.[a-z0-9_]+: .*connect: connection refused/);
    expect(r.stderr).toContain(`dial tcp 127.0.0.1:${proxy.port}: connect: connection refused`);
    expect(r.stderr).toContain(`Next step (connection refused): nothing answers at ${proxy.url}: if it is a local emulator (--endpoint), start it again or fix the URL`);
    expect(r.stderr).toMatch(/the state is kept/);

    const kept = await state('gone');
    await answersKept('gone');
    expect(kept.addresses).toContain('aws_vpc.main');
    expect(kept.addresses.some((a) => a.startsWith('aws_nat_gateway.'))).toBe(false);
    expect(liveNats(await inspect('gone'))).toEqual([]);

    await proxy.comeBack();
    await convergesKeeping('gone', kept);
    const noOpMs = await isNoOp('gone');
    console.log(`endpoint gone: the failing apply took ${(failedAfter / 1000).toFixed(1)} s; the no-op rerun ${(noOpMs / 1000).toFixed(1)} s`);
  });

  it('the endpoint goes away after AWS made a NAT Gateway, before terraform heard: the rerun names the orphan and how to adopt it; adopted, it converges with no NAT twice', async () => {
    // AWS (moto) creates the first NAT Gateway; its answer is lost and the endpoint refuses from then on.
    proxy.setRules([{ service: 'ec2', action: 'CreateNatGateway', nth: 1, goAway: true, afterTarget: true }]);
    const r = await apply('lost');
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toContain('Next step (connection refused)');
    const before = await state('lost');
    await answersKept('lost');
    const made = liveNats(await inspect('lost'));
    const orphans = made.filter((n) => !Object.values(before.ids).includes(n.id));
    expect(orphans.map((n) => n.tags.Name)).toEqual(['lost-dev-nat-a']); // made in AWS, unknown to the state

    // The endpoint is back: terraform makes the NAT again, and AWS refuses, since the orphan holds the Elastic IP.
    await proxy.comeBack();
    const rerun = await apply('lost');
    expect(rerun.exitCode, rerun.stderr).toBe(1);
    expect(rerun.stderr).toMatch(/aws_nat_gateway\.main_[ac]: creating EC2 NAT Gateway: .*api error Resource\.AlreadyAssociated: Resource [0-9.]+ is already associated\./);
    expect(rerun.stderr).toMatch(/Next step \(Resource\.AlreadyAssociated\): a NAT Gateway made by an earlier run .* terraform import aws_nat_gateway\.main_[ac] <nat-id> in the workdir/);
    const names = liveNats(await inspect('lost')).map((n) => n.tags.Name);
    expect(names.length).toBe(new Set(names).size); // no NAT Gateway made twice

    // net-wizard names each orphan by its id, and the command that adopts it (its Name tag says which one it is).
    const refused = [...rerun.stderr.matchAll(/^\s*(aws_nat_gateway\.main_([ac])): .*Resource\.AlreadyAssociated/gm)];
    expect(refused.length).toBe(orphans.length);
    expect(rerun.stderr).toContain(`AWS holds ${orphans.length === 1 ? 'a resource' : `${orphans.length} resources`} tagged for this network that the state does not record`);
    const adopt = [...rerun.stderr.matchAll(/adopt it with (terraform -chdir=\S+ import (aws_nat_gateway\.main_[ac]) (nat-\S+)),/g)];
    expect(adopt.map(([, , address, id]) => [address, id]).sort()).toEqual(
      refused.map(([, address, letter]) => [address, orphans.find((n) => n.tags.Name === `lost-dev-nat-${letter}`)!.id]).sort(),
    );
    // Follow the advice: the user runs each printed command.
    for (const [, command] of adopt) {
      expect(command).toContain(`-chdir=${workdir('lost')} `);
      const imported = await execa('sh', ['-c', command!], {
        env: { ...world.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', CHECKPOINT_DISABLE: '1' },
        reject: false,
        timeout: RUN_TIMEOUT,
      });
      expect(imported.exitCode, imported.stderr).toBe(0);
    }
    const done = await applyJson('lost');
    expect(done.plan.add).toBeGreaterThan(0);
    const s = await inspect('lost');
    expect(liveNats(s).map((n) => n.tags.Name)).toEqual(['lost-dev-nat-a']);
    expect(liveNats(s).filter((n) => orphans.some((o) => o.id === n.id))).toHaveLength(orphans.length);
  });

  it('invalid credentials from the start: refused before anything is planned, the fix named, nothing created', async () => {
    const invalid = 'The security token included in the request is invalid.';
    proxy.setRules([
      { service: 'ec2', error: { code: 'AuthFailure', message: 'AWS was not able to validate the provided access credentials' } },
      { service: 'sts', error: { code: 'InvalidClientTokenId', message: invalid } },
      { service: 'iam', error: { code: 'InvalidClientTokenId', message: invalid } },
    ]);
    const r = await apply('badkey');
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/InvalidClientTokenId|AuthFailure/);
    expect(r.stderr).toMatch(/credentials/i);
    expect(r.stderr).toMatch(/AWS_ACCESS_KEY_ID|log in|aws sso login/);
    expect(r.stderr).toMatch(/nothing was changed|the state is kept/);
    expect(proxy.requests.filter((q) => q.action?.startsWith('Create') || q.action === 'AllocateAddress')).toEqual([]);
    expect((await inspect('badkey')).vpcs).toEqual([]);
  });

  it('the session expires between the preflight and terraform: terraform’s ExpiredToken, the login named, nothing created', async () => {
    // net-wizard's own SDK calls (the preflight) pass; every call of terraform's provider is refused.
    proxy.setRules([{ userAgent: 'terraform-provider-aws', error: { code: 'ExpiredToken', message: 'The security token included in the request is expired' } }]);
    const r = await apply('expired', []);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(proxy.injected.length).toBeGreaterThan(0);
    expect(proxy.injected.every((q) => /terraform-provider-aws/.test(q.userAgent))).toBe(true);
    expect(r.stderr).toContain('api error ExpiredToken: The security token included in the request is expired');
    expect(r.stderr).toMatch(/terraform plan failed/);
    expect(r.stderr).toMatch(/Next step \(ExpiredToken\): the credentials' session has expired: log in again \(aws sso login --profile <name>\)/);
    expect(proxy.requests.filter((q) => 'passed' in q.outcome && (q.action?.startsWith('Create') || q.action === 'AllocateAddress'))).toEqual([]);
    expect((await inspect('expired')).vpcs).toEqual([]);
    // Fresh credentials: the same command goes on and builds the network.
    proxy.setRules([]);
    const again = await applyJson('expired');
    expect(again.plan.add).toBe(await resourceCount('expired'));
  });
});
