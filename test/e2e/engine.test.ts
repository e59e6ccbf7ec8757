/**
 * The engine end to end: the real CLI, real terraform and the AWS provider from the local mirror,
 * against a moto server of its own; what exists afterwards is read with boto3, not our code.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { changeAws } from '../helpers/aws-change.js';
import { inspectNetwork, taggedResources, type Snapshot } from '../helpers/aws-inspect.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { startMoto } from '../helpers/moto.js';
import { e2eSkipReason, terraformTestEnv } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const PROJECT = 'e2e';
const ENV = 'dev';
const REGION = 'ap-northeast-1';

describe.skipIf(!!skip)('apply, re-apply, switch NAT off, destroy against moto', () => {
  const world = useE2eWorld();
  // The CLI config file (TF_CLI_CONFIG_FILE) is how this run finds the provider, not --plugin-dir.
  const cliEnv = () => ({ ...world.env, NET_WIZARD_PLUGIN_DIR: undefined });
  const workdir = () => join(world.work.path, 'net');

  const cli = (args: string[]) => runCli([...args, '--endpoint', world.moto.endpoint, '--workdir', workdir()], { env: cliEnv() });
  const base = ['--project', PROJECT, '--env', ENV, '--region', REGION, '--azs', 'a,c', '--nacl', 'custom', '--yes', '--json'];
  const inspect = () => inspectNetwork({ endpoint: world.moto.endpoint, region: REGION, project: PROJECT, env: ENV });
  const liveNats = (s: Snapshot) => s.natGateways.filter((n) => n.state !== 'deleted' && n.state !== 'deleting');

  let first: { outputs: Record<string, unknown>; plan: { add: number } };
  let before: Snapshot;

  it('apply --nat per-az builds the network and prints the outputs', async () => {
    const r = await cli(['apply', ...base, '--nat', 'per-az']);
    expect(r.stderr).not.toMatch(/net-wizard: .*failed/);
    expect(r.exitCode, r.stderr).toBe(0);
    first = JSON.parse(r.stdout);
    expect(first).toMatchObject({
      config: { project: PROJECT, env: ENV, region: REGION, nat: 'per-az', nacl: 'custom' },
      nat: { mode: 'per-az' },
    });
    const verification = (first as unknown as { verification: { id: string; status: string }[] }).verification;
    expect(verification.filter((c) => c.status === 'fail')).toEqual([]);
    expect(verification.some((c) => c.id.startsWith('flow.'))).toBe(true);
    expect(verification.some((c) => c.id.startsWith('live.'))).toBe(true);
    // VPC, IGW, default SG, public RT + route, 2 × (2 subnets, 2 RT associations, private RT), 3 SGs, 2 × (EIP, NAT, route), 2 NACLs + 4 associations
    expect(first.plan.add).toBe(30);
    const outputs = first.outputs;
    expect(outputs.vpc_id).toMatch(/^vpc-/);
    expect(outputs.public_subnet_ids).toHaveLength(2);
    expect(outputs.private_subnet_ids).toHaveLength(2);
    for (const key of ['security_group_alb_id', 'security_group_ecs_id', 'security_group_rds_id']) expect(outputs[key]).toMatch(/^sg-/);
    expect(outputs.nat_gateway_ids).toHaveLength(2);
    expect(outputs.nat_gateway_public_ips).toHaveLength(2);
    // Progress went to stderr, one line per resource.
    expect(r.stderr).toMatch(/aws_nat_gateway\.main_a: created after \d+s \[nat-/);
    // The state path is relative to the workdir.
    await access(join(workdir(), 'terraform.tfstate'));
  });

  it('AWS holds the VPC, subnets, SG chain, NATs with EIPs, routes and NACLs as asked', async () => {
    const s = (before = await inspect());
    const o = first.outputs as Record<string, string & string[]>;
    const vpc = s.vpcs.find((v) => v.id === o.vpc_id)!;
    expect(vpc).toMatchObject({ cidr: '10.0.0.0/16', enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: 'e2e-dev-vpc', Project: PROJECT, Environment: ENV } });
    expect(s.internetGateways.find((g) => g.attachments.some((a) => a.vpcId === vpc.id))?.tags.Name).toBe('e2e-dev-igw');

    const subnet = (name: string) => s.subnets.find((x) => x.tags.Name === name)!;
    expect(subnet('e2e-dev-public-subnet-a')).toMatchObject({ cidr: '10.0.0.0/20', az: 'ap-northeast-1a' });
    expect(subnet('e2e-dev-public-subnet-c')).toMatchObject({ cidr: '10.0.16.0/20', az: 'ap-northeast-1c' });
    expect(subnet('e2e-dev-private-subnet-a')).toMatchObject({ cidr: '10.0.128.0/20', az: 'ap-northeast-1a' });
    expect(subnet('e2e-dev-private-subnet-c')).toMatchObject({ cidr: '10.0.144.0/20', az: 'ap-northeast-1c' });

    const sg = (name: string) => s.securityGroups.find((g) => g.name === name)!;
    const alb = sg('e2e-dev-alb-sg');
    const ecs = sg('e2e-dev-ecs-sg');
    const rds = sg('e2e-dev-rds-sg');
    expect(alb.id).toBe(o.security_group_alb_id);
    expect(alb.description).toBe('Security group for Application Load Balancer');
    const inbound = (g: typeof alb) => g.ingress.map((r) => [r.protocol, r.fromPort, r.toPort, r.cidr ?? r.groupId, r.description]).sort();
    expect(inbound(alb)).toEqual([
      ['tcp', 443, 443, '0.0.0.0/0', 'HTTPS from Internet'],
      ['tcp', 80, 80, '0.0.0.0/0', 'HTTP from Internet'],
    ]);
    expect(inbound(ecs)).toEqual([
      ['tcp', 3000, 3000, alb.id, 'App port from ALB'],
      ['tcp', 80, 80, alb.id, 'HTTP from ALB'],
    ]);
    expect(inbound(rds)).toEqual([['tcp', 5432, 5432, ecs.id, 'PostgreSQL from ECS']]);
    for (const g of [alb, ecs, rds]) expect(g.egress.map((r) => [r.protocol, r.cidr])).toEqual([['-1', '0.0.0.0/0']]);
    const defaultSg = s.securityGroups.find((g) => g.isDefault && g.vpcId === vpc.id)!;
    expect([...defaultSg.ingress, ...defaultSg.egress]).toEqual([]);

    const nats = liveNats(s);
    expect(nats).toHaveLength(2);
    for (const letter of ['a', 'c']) {
      const nat = nats.find((n) => n.tags.Name === `e2e-dev-nat-${letter}`)!;
      expect(nat.state).toBe('available');
      expect(nat.subnetId).toBe(subnet(`e2e-dev-public-subnet-${letter}`).id);
      const eip = s.elasticIps.find((e) => e.tags.Name === `e2e-dev-nat-eip-${letter}`)!;
      expect(nat.allocationIds).toContain(eip.allocationId);
      expect(o.nat_gateway_public_ips).toContain(eip.publicIp);
      const table = s.routeTables.find((t) => t.tags.Name === `e2e-dev-private-rt-${letter}`)!;
      expect(table.associations.map((a) => a.subnetId)).toContain(subnet(`e2e-dev-private-subnet-${letter}`).id);
      expect(table.routes.find((r) => r.destination === '0.0.0.0/0')?.natGatewayId).toBe(nat.id);
    }
    const publicRt = s.routeTables.find((t) => t.tags.Name === 'e2e-dev-public-rt')!;
    expect(publicRt.routes.find((r) => r.destination === '0.0.0.0/0')?.gatewayId).toMatch(/^igw-/);

    const acl = (name: string) => s.networkAcls.find((a) => a.tags.Name === name)!;
    expect(acl('e2e-dev-public-nacl').associations.map((a) => a.subnetId).sort()).toEqual(
      [subnet('e2e-dev-public-subnet-a').id, subnet('e2e-dev-public-subnet-c').id].sort(),
    );
    expect(acl('e2e-dev-private-nacl').associations.map((a) => a.subnetId).sort()).toEqual(
      [subnet('e2e-dev-private-subnet-a').id, subnet('e2e-dev-private-subnet-c').id].sort(),
    );
  });

  it('apply again is a no-op: the plan reports no changes', async () => {
    const r = await cli(['apply', ...base, '--nat', 'per-az']);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.plan).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(doc.applied).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(doc.outputs).toEqual(first.outputs);
    expect(r.stderr).toMatch(/No changes/);
  });

  it('outputs prints the outputs of the workdir', async () => {
    const r = await runCli(['outputs', '--workdir', workdir(), '--json'], { env: cliEnv() });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outputs).toEqual(first.outputs);
  });

  it('verify finds what was changed by hand, naming each resource; apply repairs it', async () => {
    const ok = await runCli(['verify', '--workdir', workdir(), '--json'], { env: cliEnv() });
    expect(ok.exitCode, ok.stderr).toBe(0);
    const checks = JSON.parse(ok.stdout).verification as { id: string; status: string }[];
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(['live.sg.alb.ingress', 'live.nat.count', 'live.route.private-a', 'live.route.private-c']));

    const s = await inspect();
    const table = s.routeTables.find((t) => t.tags.Name === 'e2e-dev-private-rt-a')!;
    const rds = s.securityGroups.find((g) => g.name === 'e2e-dev-rds-sg')!;
    await changeAws({ endpoint: world.moto.endpoint, region: REGION }, 'delete_route', { RouteTableId: table.id, DestinationCidrBlock: '0.0.0.0/0' });
    await changeAws({ endpoint: world.moto.endpoint, region: REGION }, 'authorize_security_group_ingress', {
      GroupId: rds.id,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
    const drifted = await runCli(['verify', '--workdir', workdir()], { env: cliEnv() });
    expect(drifted.exitCode).toBe(3);
    expect(drifted.stderr).toContain(`live.route.private-a: Private route table of ap-northeast-1a: 0.0.0.0/0 → e2e-dev-nat-a — ${table.id} (e2e-dev-private-rt-a) has no route 0.0.0.0/0`);
    expect(drifted.stderr).toContain(`live.sg.rds.ingress: RDS security group: inbound rules as asked — ${rds.id} (e2e-dev-rds-sg) has an inbound rule nobody asked for: tcp 22 from 0.0.0.0/0`);

    const repaired = await cli(['apply', ...base, '--nat', 'per-az']);
    expect(repaired.exitCode, repaired.stderr).toBe(0);
    expect(JSON.parse(repaired.stdout).plan).toEqual({ add: 1, change: 1, destroy: 0 });
    expect((await runCli(['verify', '--workdir', workdir()], { env: cliEnv() })).exitCode).toBe(0);
  });

  it("shows terraform's own error with the resource address when AWS refuses, and converges on a rerun", async () => {
    // Someone adds a default route by hand to a private route table that has none (NAT off first).
    expect((await cli(['apply', ...base, '--nat', 'none'])).exitCode).toBe(0);
    const s = await inspect();
    const table = s.routeTables.find((t) => t.tags.Name === 'e2e-dev-private-rt-a')!;
    const igw = s.internetGateways.find((g) => g.tags.Name === 'e2e-dev-igw')!;
    await changeAws({ endpoint: world.moto.endpoint, region: REGION }, 'create_route', { RouteTableId: table.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.id });

    const failed = await cli(['apply', ...base, '--nat', 'single']);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/terraform apply failed; the state is kept/);
    expect(failed.stderr).toMatch(/aws_route\.private_nat_a: /);
    expect(failed.stderr).toMatch(/RouteAlreadyExists/);
    expect(failed.stdout).toBe('');

    await changeAws({ endpoint: world.moto.endpoint, region: REGION }, 'delete_route', { RouteTableId: table.id, DestinationCidrBlock: '0.0.0.0/0' });
    const rerun = await cli(['apply', ...base, '--nat', 'single']);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    const after = await inspect();
    const nats = liveNats(after);
    expect(nats.map((n) => n.tags.Name)).toEqual(['e2e-dev-nat-a']);
    for (const letter of ['a', 'c']) {
      const t = after.routeTables.find((x) => x.tags.Name === `e2e-dev-private-rt-${letter}`)!;
      expect(t.routes.find((r) => r.destination === '0.0.0.0/0')?.natGatewayId).toBe(nats[0]!.id);
    }
  });

  it('apply --nat none removes NATs, EIPs and NAT routes and leaves the rest', async () => {
    const r = await cli(['apply', ...base, '--nat', 'none']);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.plan.add).toBe(0);
    expect(doc.plan.change).toBe(0);
    expect(doc.outputs.nat_gateway_ids).toEqual([]);
    expect(doc.outputs.nat_gateway_public_ips).toEqual([]);
    const s = await inspect();
    expect(liveNats(s)).toEqual([]);
    expect(s.elasticIps).toEqual([]);
    for (const t of s.routeTables.filter((x) => x.tags.Name?.startsWith('e2e-dev-private-rt-'))) {
      expect(t.routes.filter((r) => r.destination === '0.0.0.0/0')).toEqual([]);
    }
    // The rest is the same resources as before, not new ones.
    expect(s.vpcs.map((v) => v.id)).toEqual(before.vpcs.map((v) => v.id));
    expect(s.subnets.map((x) => x.id).sort()).toEqual(before.subnets.map((x) => x.id).sort());
    expect(s.securityGroups.map((g) => g.id).sort()).toEqual(before.securityGroups.map((g) => g.id).sort());
    expect(s.networkAcls.map((a) => a.id).sort()).toEqual(before.networkAcls.map((a) => a.id).sort());
    expect(doc.outputs.vpc_id).toBe(first.outputs.vpc_id);
  });

  it('destroy leaves nothing tagged with the project behind, and names what the state never listed (and only what is ours)', async () => {
    // An Elastic IP with the network's tags that terraform never recorded (a run lost track of it).
    const aws = { endpoint: world.moto.endpoint, region: REGION };
    const ours = [{ Key: 'Project', Value: PROJECT }, { Key: 'Environment', Value: 'dev' }, { Key: 'ManagedBy', Value: 'net-wizard' }];
    const tags = [{ ResourceType: 'elastic-ip', Tags: [...ours, { Key: 'Name', Value: `${PROJECT}-dev-nat-eip-a` }] }];
    const lost = (await changeAws(aws, 'allocate_address', { Domain: 'vpc', TagSpecifications: tags })) as { AllocationId: string };
    // Someone else's VPC tagged alike, but not managed by net-wizard: not ours, never offered for deletion.
    const alike = [{ ResourceType: 'vpc', Tags: [{ Key: 'Project', Value: PROJECT }, { Key: 'Environment', Value: 'dev' }, { Key: 'Name', Value: `${PROJECT}-dev-vpc` }] }];
    const theirs = ((await changeAws(aws, 'create_vpc', { CidrBlock: '10.9.0.0/16', TagSpecifications: alike })) as { Vpc: { VpcId: string } }).Vpc.VpcId;

    const r = await runCli(['destroy', '--workdir', workdir(), '--yes', '--json'], { env: cliEnv() });
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.destroyed.destroy).toBeGreaterThan(20);
    const fix = `Elastic IP ${lost.AllocationId} (${PROJECT}-dev-nat-eip-a) was not in the state, so destroy left it: delete it (aws ec2 release-address --allocation-id ${lost.AllocationId} --region ${REGION} --endpoint-url ${world.moto.endpoint})`;
    expect(doc.leftBehind).toEqual([{ kind: 'elastic-ip', id: lost.AllocationId, name: `${PROJECT}-dev-nat-eip-a`, fix }]);
    expect(r.stderr).toContain(fix);
    expect(r.stderr).not.toContain(theirs);
    expect((await taggedResources({ endpoint: world.moto.endpoint, region: REGION, project: PROJECT })).map((t) => t.id).sort()).toEqual([lost.AllocationId, theirs].sort());

    // Deleted as the message says, nothing of ours is left; a second destroy has nothing to do and finds nothing.
    await changeAws(aws, 'release_address', { AllocationId: lost.AllocationId });
    const again = await runCli(['destroy', '--workdir', workdir(), '--yes'], { env: cliEnv() });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toBe('Destroyed 0 resources.');
    expect((await taggedResources({ endpoint: world.moto.endpoint, region: REGION, project: PROJECT })).map((t) => t.id)).toEqual([theirs]);
    await changeAws(aws, 'delete_vpc', { VpcId: theirs });
    const state = JSON.parse(await readFile(join(workdir(), 'terraform.tfstate'), 'utf8'));
    expect(state.resources).toEqual([]);
  });
});

describe.skipIf(!!skip)('init without internet from --plugin-dir', () => {
  it('plans from a plugin directory when no CLI config names a mirror', async () => {
    const tf = await terraformTestEnv();
    if (!tf.ok) throw new Error(tf.reason);
    const moto = await startMoto();
    const work = await tempDir();
    try {
      const env = { TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', NET_WIZARD_PLUGIN_DIR: undefined as unknown as string };
      const r = await runCli(
        ['plan', '--project', 'offline', '--endpoint', moto.endpoint, '--workdir', join(work.path, 'w'), '--plugin-dir', tf.mirror, '--json'],
        { env },
      );
      expect(r.exitCode, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ changes: true, plan: { add: expect.any(Number), change: 0, destroy: 0 } });
      // plan changes nothing in AWS
      expect(await taggedResources({ endpoint: moto.endpoint, region: REGION, project: 'offline' })).toEqual([]);
    } finally {
      await moto.stop();
      await work.cleanup();
      await tf.cleanup();
    }
  });
});

describe.skipIf(!!skip)('synth --hcl writes HCL that terraform reads, with every string literal', () => {
  it('a state key with $, %, braces, quotes and spaces S3 allows: hcl/main.tf (its backend) parses and validates, the key as given', async () => {
    const tf = await terraformTestEnv();
    if (!tf.ok) throw new Error(tf.reason);
    const work = await tempDir();
    try {
      const key = "net/a b$x{y}%z(1)'é.tfstate";
      const workdir = join(work.path, 'w');
      const r = await runCli(
        ['synth', '--hcl', '--project', 'hcl', '--azs', 'a,c,d', '--nat', 'per-az', '--nacl', 'custom', '--needs', 'ecr-pull,logs', '--priority', 'availability',
          '--state-bucket', 'team-state', '--state-key', key, '--endpoint', 'http://127.0.0.1:5000', '--workdir', workdir],
        { env: tf.env },
      );
      expect(r.exitCode, r.stderr).toBe(0);
      const hcl = join(workdir, 'hcl');
      const main = await readFile(join(hcl, 'main.tf'), 'utf8');
      // terraform fmt aligns the `=` of neighbouring arguments: compare with single spaces.
      expect(main.replace(/ +=/g, ' =')).toContain(`    key = "${key}"\n`);
      const terraform = (args: string[], input?: string) => execa(tf.terraform, args, { cwd: hcl, env: tf.env, input, reject: false, timeout: 120_000 });
      // fmt parses without providers; validate checks every block against the provider's schema.
      const parsed = await terraform(['fmt', '-'], main);
      expect(parsed.exitCode, parsed.stderr).toBe(0);
      expect((await terraform(['init', '-backend=false', '-input=false', '-no-color'])).exitCode).toBe(0);
      const valid = await terraform(['validate', '-no-color']);
      expect(valid.exitCode, `${valid.stdout}${valid.stderr}`).toBe(0);

      // What would not stay literal is refused before anything is written.
      const refused = await runCli(['synth', '--hcl', '--project', 'hcl', '--state-bucket', 'team-state', '--state-key', 'a"${x}%{y}\\z', '--workdir', join(work.path, 'refused')], { env: tf.env });
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toContain('--state-key');
    } finally {
      await work.cleanup();
      await tf.cleanup();
    }
  });
});
