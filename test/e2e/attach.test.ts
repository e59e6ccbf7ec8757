/**
 * Attaching to a VPC someone else made: a part 1 applied by plain terraform from a fixture of our
 * own (test/fixtures/terraform/part1: VPC, IGW, public and private subnets in 1a and 1c, their
 * route tables), then the built CLI against the same moto: each refusal (exit 2, nothing
 * written), attach per-AZ NAT with custom NACLs, AWS read back through boto3, the user's
 * terraform planning no changes before and after, verify, destroy leaving part 1 whole; then the
 * tutorial's own security groups adopted with the same ids, and an audit of the VPC.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeAws } from '../helpers/aws-change.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const REGION = 'ap-northeast-1';

type Tagged = { Tags?: { Key: string; Value: string }[] };
const nameOf = (x: Tagged) => x.Tags?.find((t) => t.Key === 'Name')?.Value;

describe.skipIf(!!skip)('attach to an existing VPC made by plain terraform', () => {
  const world = useE2eWorld();
  let part1: string;
  let out: { vpc_id: string; public_subnet_ids: string[]; private_subnet_ids: string[]; private_route_table_ids: string[]; public_route_table_id: string; igw_id: string };
  const aws = (action: string, args: Record<string, unknown> = {}) => changeAws({ endpoint: world.moto.endpoint, region: REGION }, action, args) as Promise<Record<string, any>>;
  const tfEnv = () => ({ ...process.env, ...world.env, TF_VAR_endpoint: world.moto.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', CHECKPOINT_DISABLE: '1' });
  const terraform = (args: string[]) => execa('terraform', args, { cwd: part1, env: tfEnv(), reject: false });
  /** The user's own terraform of part 1: `plan -detailed-exitcode` (0 = no changes). */
  const userPlan = async () => {
    const r = await terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    return { code: r.exitCode, text: String(r.stdout) };
  };
  const cli = (args: string[]) => runCli([...args, '--region', REGION, '--endpoint', world.moto.endpoint], { env: world.env, timeout: 300_000 });
  const exists = async (dir: string) => (await readdir(dir).catch(() => undefined)) !== undefined;

  beforeAll(async () => {
    part1 = join(world.work.path, 'part1');
    await mkdir(part1, { recursive: true });
    for (const f of ['main.tf', 'variables.tf']) await copyFile(join(REPO_ROOT, 'test/fixtures/terraform/part1', f), join(part1, f));
    for (const args of [['init', '-input=false'], ['apply', '-auto-approve', '-input=false']]) {
      const r = await terraform(args);
      if (r.exitCode !== 0) throw new Error(`terraform ${args[0]} of part 1 failed:\n${r.stderr}`);
    }
    out = JSON.parse(String((await terraform(["output", "-json"])).stdout), (_k, v) => (v && typeof v === 'object' && 'value' in v && 'type' in v ? v.value : v));
  }, 240_000);

  describe('refusals: exit 2, naming the resource, nothing written', () => {
    const refused = async (args: string[], expected: RegExp) => {
      const workdir = join(world.work.path, `refused-${Math.random().toString(36).slice(2)}`);
      const r = await cli(['plan', '--project', 'shop', ...args, '--workdir', workdir]);
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(expected);
      expect(await exists(workdir)).toBe(false);
    };

    it('a VPC that is not there', () => refused(['--vpc-id', 'vpc-0123456789abcdef0'], /vpc-0123456789abcdef0 is not a VPC in ap-northeast-1/));
    it('a public subnet given as private', () => refused(['--vpc-id', out.vpc_id, '--private-subnets', out.public_subnet_ids[0]!], new RegExp(`${out.public_subnet_ids[0]} .* is public: .* sends 0\\.0\\.0\\.0/0 to the internet gateway ${out.igw_id}`)));
    it('an AZ without subnets', () => refused(['--vpc-id', out.vpc_id, '--azs', 'a,d'], /ap-northeast-1d has no public subnet/));
    it('subnets without a VPC', () => refused(['--private-subnets', out.private_subnet_ids[0]!], /--private-subnets: needs an existing VPC as well/));

    it("a private route table already sending 0.0.0.0/0 to someone else's NAT Gateway", async () => {
      const eip = await aws('allocate_address', { Domain: 'vpc' });
      const nat = await aws('create_nat_gateway', { SubnetId: out.public_subnet_ids[0], AllocationId: eip.AllocationId });
      const natId = nat.NatGateway.NatGatewayId as string;
      const table = out.private_route_table_ids[0]!;
      await aws('create_route', { RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId });
      try {
        await refused(['--vpc-id', out.vpc_id, '--nat', 'single', '--needs', 'ecr-pull'], new RegExp(`${table} .* already sends 0\\.0\\.0\\.0/0 to ${natId}.*aws ec2 delete-route --route-table-id ${table}`));
      } finally {
        await aws('delete_route', { RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0' });
        await aws('delete_nat_gateway', { NatGatewayId: natId });
      }
    });

    it('--lock-default-sg while a network interface uses the default security group', async () => {
      const groups = await aws('describe_security_groups', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }, { Name: 'group-name', Values: ['default'] }] });
      const eni = await aws('create_network_interface', { SubnetId: out.private_subnet_ids[1], Groups: [groups.SecurityGroups[0].GroupId], Description: 'a worker' });
      const id = eni.NetworkInterface.NetworkInterfaceId as string;
      try {
        await refused(['--vpc-id', out.vpc_id, '--lock-default-sg'], new RegExp(`--lock-default-sg: the VPC's default security group sg-\\w+ is still used by ${id} \\(a worker\\)`));
      } finally {
        await aws('delete_network_interface', { NetworkInterfaceId: id });
      }
    });
  });

  describe('attach per-AZ NAT with custom NACLs, verify, destroy', () => {
    let workdir: string;
    const applyArgs = () => ['--project', 'shop', '--env', 'dev', '--vpc-id', out.vpc_id, '--nat', 'per-az', '--nacl', 'custom', '--needs', 'ecr-pull', '--workdir', workdir];

    it('applies part 2 into the VPC, and the user\'s terraform still plans no changes', async () => {
      workdir = join(world.work.path, 'attached');
      const r = await cli(['apply', ...applyArgs(), '--yes', '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.existing.id).toBe(out.vpc_id);
      expect(doc.existing.subnets.map((s: { class: string }) => s.class).sort()).toEqual(['private', 'private', 'public', 'public']);
      expect(doc.outputs.vpc_id).toBe(out.vpc_id);
      expect(doc.outputs.public_subnet_ids).toEqual(out.public_subnet_ids);
      expect(doc.outputs.private_subnet_ids).toEqual(out.private_subnet_ids);
      expect(doc.verification.filter((c: { status: string }) => c.status === 'fail')).toEqual([]);

      // Read back through boto3: no second VPC, part 2 in the user's subnets and route tables.
      const vpcs = (await aws('describe_vpcs')).Vpcs as Tagged[];
      expect(vpcs.filter((v) => v.Tags?.some((t) => t.Key === 'ManagedBy' && t.Value === 'net-wizard'))).toEqual([]);
      const sgs = (await aws('describe_security_groups', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }] })).SecurityGroups as (Tagged & { GroupId: string; GroupName: string; IpPermissions: { FromPort?: number; UserIdGroupPairs?: { GroupId: string }[] }[] })[];
      const sg = (name: string) => sgs.find((g) => g.GroupName === name)!;
      expect(sg('shop-dev-ecs-sg').IpPermissions.flatMap((p) => p.UserIdGroupPairs ?? []).map((p) => p.GroupId)).toContain(sg('shop-dev-alb-sg').GroupId);
      expect(sg('shop-dev-rds-sg').IpPermissions.map((p) => [p.FromPort, p.UserIdGroupPairs?.[0]?.GroupId])).toEqual([[5432, sg('shop-dev-ecs-sg').GroupId]]);
      const nats = ((await aws('describe_nat_gateways')).NatGateways as { NatGatewayId: string; SubnetId: string; State: string }[]).filter((n) => n.State === 'available');
      expect(nats.map((n) => n.SubnetId).sort()).toEqual([...out.public_subnet_ids].sort());
      const tables = (await aws('describe_route_tables', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }] })).RouteTables as { RouteTableId: string; Routes: { DestinationCidrBlock?: string; NatGatewayId?: string }[] }[];
      out.private_route_table_ids.forEach((id, i) => {
        const natOfAz = nats.find((n) => n.SubnetId === out.public_subnet_ids[i])!.NatGatewayId;
        expect(tables.find((t) => t.RouteTableId === id)!.Routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId, id).toBe(natOfAz);
      });
      const acls = (await aws('describe_network_acls', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }] })).NetworkAcls as (Tagged & { Associations: { SubnetId: string }[] })[];
      const holding = (name: string) => acls.find((a) => nameOf(a) === name)!.Associations.map((a) => a.SubnetId).sort();
      expect(holding('shop-dev-private-nacl')).toEqual([...out.private_subnet_ids].sort());
      expect(holding('shop-dev-public-nacl')).toEqual([...out.public_subnet_ids].sort());

      expect(await userPlan()).toMatchObject({ code: 0 });
    });

    it('plans no changes on a second run, and verifies', async () => {
      const plan = await cli(['plan', ...applyArgs()]);
      expect(plan.exitCode, plan.stderr).toBe(0);
      expect(plan.stdout).toContain('No changes.');
      const verify = await cli(['verify', '--workdir', workdir]);
      expect(verify.exitCode, verify.stdout + verify.stderr).toBe(0);
    });

    it('destroys only part 2: part 1 whole, no route left, the subnets back on the default NACL; the user\'s terraform plans no changes', async () => {
      const r = await cli(['destroy', '--workdir', workdir, '--yes']);
      expect(r.exitCode, r.stderr).toBe(0);
      const subnets = (await aws('describe_subnets', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }] })).Subnets as { SubnetId: string }[];
      expect(subnets.map((s) => s.SubnetId).sort()).toEqual([...out.public_subnet_ids, ...out.private_subnet_ids].sort());
      const igws = (await aws('describe_internet_gateways', { Filters: [{ Name: 'attachment.vpc-id', Values: [out.vpc_id] }] })).InternetGateways as unknown[];
      expect(igws).toHaveLength(1);
      const sgs = (await aws('describe_security_groups', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }] })).SecurityGroups as { GroupName: string }[];
      expect(sgs.map((g) => g.GroupName)).toEqual(['default']);
      const nats = ((await aws('describe_nat_gateways')).NatGateways as { State: string }[]).filter((n) => ['available', 'pending'].includes(n.State));
      expect(nats).toEqual([]);
      const tables = (await aws('describe_route_tables', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }] })).RouteTables as { RouteTableId: string; Routes: { DestinationCidrBlock?: string }[] }[];
      for (const id of out.private_route_table_ids) expect(tables.find((t) => t.RouteTableId === id)!.Routes.map((x) => x.DestinationCidrBlock)).toEqual(['10.0.0.0/16']);
      const acls = (await aws('describe_network_acls', { Filters: [{ Name: 'vpc-id', Values: [out.vpc_id] }] })).NetworkAcls as { IsDefault: boolean; Associations: unknown[] }[];
      expect(acls.map((a) => [a.IsDefault, a.Associations.length])).toEqual([[true, 4]]);
      expect(await userPlan()).toMatchObject({ code: 0 });
    });
  });

  describe("the tutorial's own security groups, written by hand", () => {
    it('are adopted with the same ids (import blocks), not made again', async () => {
      const groups: Record<string, string> = {};
      for (const role of ['alb', 'ecs', 'rds']) {
        const g = await aws('create_security_group', { GroupName: `shop-dev-${role}-sg`, Description: `Security group for ${role}`, VpcId: out.vpc_id });
        groups[role] = g.GroupId;
      }
      const workdir = join(world.work.path, 'adopted');
      const r = await cli(['apply', '--project', 'shop', '--env', 'dev', '--vpc-id', out.vpc_id, '--nat', 'none', '--workdir', workdir, '--yes', '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.existing.adopted.map((a: { address: string; id: string }) => [a.address, a.id])).toEqual([
        ['aws_security_group.alb', groups.alb],
        ['aws_security_group.ecs', groups.ecs],
        ['aws_security_group.rds', groups.rds],
      ]);
      expect(doc.plan.import).toBe(3);
      expect([doc.outputs.security_group_alb_id, doc.outputs.security_group_ecs_id, doc.outputs.security_group_rds_id]).toEqual([groups.alb, groups.ecs, groups.rds]);
      expect(r.stderr).toContain(`terraform state rm "$(terraform state list -id=${groups.alb})"`);
      // Their rules converged to what was asked; the descriptions stayed.
      const sgs = (await aws('describe_security_groups', { GroupIds: [groups.rds] })).SecurityGroups as { Description: string; IpPermissions: { FromPort?: number }[] }[];
      expect([sgs[0]!.Description, sgs[0]!.IpPermissions.map((p) => p.FromPort)]).toEqual(['Security group for rds', [5432]]);

      // And an audit of the VPC finds them by their names, with every flow as it must be.
      const audit = await cli(['audit', '--vpc-id', out.vpc_id, '--json']);
      expect(audit.exitCode, audit.stderr).toBe(0);
      const report = JSON.parse(audit.stdout);
      expect(report.vpc.id).toBe(out.vpc_id);
      expect(report.roles.alb).toBe(`${groups.alb}, by its name shop-dev-alb-sg`);
      expect(report.subnets).toHaveLength(4);
      expect(report.verification.find((c: { id: string }) => c.id === 'flow.internet-rds-5432').flow).toEqual({ from: 'internet', to: 'rds', protocol: 'tcp', port: 5432, verdict: 'blocked', wanted: 'blocked' });

      const destroyed = await cli(['destroy', '--workdir', workdir, '--yes']);
      expect(destroyed.exitCode, destroyed.stderr).toBe(0);
      expect(await userPlan()).toMatchObject({ code: 0 });
    });
  });
});
