/**
 * The stack follows the NAT decision, end to end: the advice builds VPC endpoints, then re-applies
 * switch per-az → single → none; after each step AWS (moto) is read with boto3.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectNetwork, type Snapshot } from '../helpers/aws-inspect.js';
import { runCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const REGION = 'ap-northeast-1';

describe.skipIf(!!skip)('NAT decision applied: endpoints, then per-az → single → none', () => {
  const world = useE2eWorld();

  const apply = async (extra: string[]) => {
    const r = await runCli(
      ['apply', '--project', 'adv', '--env', 'dev', '--azs', 'a,c', '--needs', 'ecr-pull,logs', '--endpoint', world.moto.endpoint, '--workdir', join(world.work.path, 'w'), '--yes', '--json', ...extra],
      { env: world.env },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { nat: { mode: string; egress: string; reasons: string[]; monthlyCostUsd: number }; outputs: Record<string, unknown>; plan: Record<string, number> };
  };
  const inspect = () => inspectNetwork({ endpoint: world.moto.endpoint, region: REGION, project: 'adv', env: 'dev' });
  const live = (s: Snapshot) => s.natGateways.filter((n) => n.state === 'available' || n.state === 'pending');
  const defaultRoutes = (s: Snapshot) =>
    Object.fromEntries(
      s.routeTables.filter((t) => t.tags.Name?.startsWith('adv-dev-private-rt-')).map((t) => [t.tags.Name!.slice(-1), t.routes.find((r) => r.destination === '0.0.0.0/0')?.natGatewayId ?? null]),
    );
  const natIn = (s: Snapshot, letter: string) => live(s).find((n) => n.tags.Name === `adv-dev-nat-${letter}`)?.id;

  it('--priority availability with ECR and logs: VPC endpoints, no NAT', async () => {
    const doc = await apply(['--priority', 'availability']);
    expect(doc.nat).toMatchObject({ mode: 'none', egress: 'endpoints', monthlyCostUsd: 61.52 });
    expect(Object.keys(doc.outputs.vpc_endpoint_ids as object).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
    const s = await inspect();
    expect(live(s)).toEqual([]);
    const vpc = s.vpcs[0]!;
    const privateSubnets = s.subnets.filter((x) => x.tags.Name?.startsWith('adv-dev-private-subnet-')).map((x) => x.id).sort();
    const privateTables = s.routeTables.filter((t) => t.tags.Name?.startsWith('adv-dev-private-rt-')).map((t) => t.id).sort();
    const endpointSg = s.securityGroups.find((g) => g.name === 'adv-dev-endpoints-sg')!;
    const ecsSg = s.securityGroups.find((g) => g.name === 'adv-dev-ecs-sg')!;
    expect(endpointSg.ingress.map((r) => [r.protocol, r.fromPort, r.toPort, r.groupId])).toEqual([['tcp', 443, 443, ecsSg.id]]);
    const byService = Object.fromEntries(s.vpcEndpoints.map((e) => [e.serviceName, e]));
    for (const service of ['ecr.api', 'ecr.dkr', 'logs']) {
      const e = byService[`com.amazonaws.${REGION}.${service}`]!;
      expect(e).toMatchObject({ vpcId: vpc.id, type: 'Interface', securityGroupIds: [endpointSg.id], privateDnsEnabled: true });
      expect([...e.subnetIds].sort()).toEqual(privateSubnets);
    }
    const s3 = byService[`com.amazonaws.${REGION}.s3`]!;
    expect(s3.type).toBe('Gateway');
    expect([...s3.routeTableIds].sort()).toEqual(privateTables);
  });

  it('--nat per-az: a NAT per AZ, each private route table to its own; endpoints other than S3 go', async () => {
    const doc = await apply(['--nat', 'per-az']);
    expect(doc.nat).toMatchObject({ mode: 'per-az', egress: 'per-az' });
    expect(Object.keys(doc.outputs.vpc_endpoint_ids as object)).toEqual(['s3']);
    const s = await inspect();
    expect(live(s)).toHaveLength(2);
    expect(defaultRoutes(s)).toEqual({ a: natIn(s, 'a'), c: natIn(s, 'c') });
    expect(s.vpcEndpoints.filter((e) => e.state !== 'deleted').map((e) => e.serviceName)).toEqual([`com.amazonaws.${REGION}.s3`]);
    expect(s.securityGroups.find((g) => g.name === 'adv-dev-endpoints-sg')).toBeUndefined();
  });

  it('--nat single: one NAT in the first AZ, every private route table to it', async () => {
    const doc = await apply(['--nat', 'single']);
    expect(doc.plan).toMatchObject({ add: 0 });
    const s = await inspect();
    expect(live(s).map((n) => n.tags.Name)).toEqual(['adv-dev-nat-a']);
    expect(defaultRoutes(s)).toEqual({ a: natIn(s, 'a'), c: natIn(s, 'a') });
    expect(s.elasticIps.map((e) => e.tags.Name)).toEqual(['adv-dev-nat-eip-a']);
  });

  it('--nat none: no NAT, no EIP, no default route; the AWS needs go back to endpoints; the rest stays', async () => {
    const before = await inspect();
    const doc = await apply(['--nat', 'none']);
    // Removed: the NAT, its EIP, two default routes. Added: the endpoints SG and three interface endpoints.
    expect(doc.plan).toEqual({ add: 4, change: 0, destroy: 4 });
    expect(doc.nat).toMatchObject({ mode: 'none', egress: 'endpoints' });
    const s = await inspect();
    expect(live(s)).toEqual([]);
    expect(s.elasticIps).toEqual([]);
    expect(defaultRoutes(s)).toEqual({ a: null, c: null });
    const services = s.vpcEndpoints.filter((e) => e.state === 'available').map((e) => e.serviceName!.split(`${REGION}.`)[1]).sort();
    expect(services).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
    expect(s.vpcs.map((v) => v.id)).toEqual(before.vpcs.map((v) => v.id));
    expect(s.subnets.map((x) => x.id).sort()).toEqual(before.subnets.map((x) => x.id).sort());
    const kept = (snap: Snapshot) => snap.securityGroups.filter((g) => g.name !== 'adv-dev-endpoints-sg').map((g) => g.id).sort();
    expect(kept(s)).toEqual(kept(before));
  });
});
