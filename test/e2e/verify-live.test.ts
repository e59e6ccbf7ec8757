/**
 * Live verification end to end: the built CLI applies a real network with terraform against a
 * moto server of its own (loopback only), verifyLive reads it back through the AWS SDK and finds
 * it as asked; then AWS is changed by hand through boto3 (not our code) and verification must
 * fail, naming each difference with the resource id. Needs a current dist/ (npm test builds it).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraformEnv } from '../../src/app/engine.js';
import type { WorkdirRecord } from '../../src/synth/synth.js';
import { TerraformRunner, type StateResource } from '../../src/terraform/runner.js';
import { stateResources, verifyLive } from '../../src/verify/live/index.js';
import type { Check } from '../../src/core/checks.js';
import { changeAws } from '../helpers/aws-change.js';
import { runCli } from '../helpers/cli.js';
import { useE2eWorld } from '../helpers/e2e-world.js';
import { e2eSkipReason } from '../helpers/terraform-env.js';

const skip = await e2eSkipReason();
const REGION = 'ap-northeast-1';

describe.skipIf(!!skip)('live verification against moto after a real apply', () => {
  const world = useE2eWorld();

  const apply = async (project: string, options: string[]): Promise<string> => {
    const workdir = join(world.work.path, project);
    const r = await runCli(
      ['apply', '--project', project, '--env', 'dev', '--region', REGION, '--azs', 'a,c', ...options, '--endpoint', world.moto.endpoint, '--workdir', workdir, '--yes', '--json'],
      { env: world.env, timeout: 300_000 },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    return workdir;
  };

  /** The workdir's record and state, the way `verify` will read them. */
  const read = async (workdir: string): Promise<{ record: WorkdirRecord; resources: StateResource[] }> => {
    const record = JSON.parse(await readFile(join(workdir, 'net-wizard.config.json'), 'utf8')) as WorkdirRecord;
    const runner = new TerraformRunner({ bin: 'terraform', cwd: workdir, env: terraformEnv({ ...process.env, ...world.env }, record.config.endpoint) });
    return { record, resources: stateResources(await runner.show()) };
  };

  const verify = async (workdir: string): Promise<Check[]> => {
    const { record, resources } = await read(workdir);
    return verifyLive({ record, stateResources: resources, env: process.env });
  };

  const notPassed = (checks: Check[]) => checks.filter((c) => c.status !== 'pass');

  describe('per-az NAT and custom NACLs', () => {
    let workdir: string;
    let ids: Record<string, string>;

    it('every item of the checklist passes after apply', async () => {
      workdir = await apply('shop', ['--nat', 'per-az', '--nacl', 'custom']);
      const { resources } = await read(workdir);
      ids = Object.fromEntries(resources.map((r) => [r.address, String(r.values.id)]));
      const checks = await verify(workdir);
      expect(notPassed(checks)).toEqual([]);
      expect(checks.map((c) => c.id)).toEqual(
        expect.arrayContaining([
          'live.sg.alb.ingress',
          'live.sg.ecs.ingress',
          'live.sg.rds.ingress',
          'live.sg.default.locked',
          'live.nat.count',
          'live.nat.a',
          'live.nat.c',
          'live.route.private-a',
          'live.route.private-c',
          'live.nacl.public.associations',
          'live.nacl.private.associations',
          'live.vpc.dns',
        ]),
      );
      const detail = (id: string) => checks.find((c) => c.id === id)!.detail;
      expect(detail('live.nat.a')).toContain(`${ids['aws_nat_gateway.main_a']} (shop-dev-nat-a): available in ${ids['aws_subnet.public_a']} (shop-dev-public-subnet-a)`);
      expect(detail('live.route.private-c')).toContain(`0.0.0.0/0 → ${ids['aws_nat_gateway.main_c']} (shop-dev-nat-c)`);
    });

    it('after a NAT route is removed and an SG rule added by hand, it fails naming each difference', async () => {
      const aws = { endpoint: world.moto.endpoint, region: REGION };
      await changeAws(aws, 'delete_route', { RouteTableId: ids['aws_route_table.private_a'], DestinationCidrBlock: '0.0.0.0/0' });
      await changeAws(aws, 'authorize_security_group_ingress', {
        GroupId: ids['aws_security_group.rds'],
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      });
      const failed = notPassed(await verify(workdir));
      expect(failed.map((c) => [c.id, c.status, c.detail])).toEqual([
        ['live.sg.rds.ingress', 'fail', `${ids['aws_security_group.rds']} (shop-dev-rds-sg) has an inbound rule nobody asked for: tcp 22 from 0.0.0.0/0`],
        [
          'live.route.private-a',
          'fail',
          `${ids['aws_route_table.private_a']} (shop-dev-private-rt-a) has no route 0.0.0.0/0; expected → ${ids['aws_nat_gateway.main_a']} (shop-dev-nat-a)`,
        ],
      ]);
    });

    it('applying again repairs the drift, and verification is green again', async () => {
      await apply('shop', ['--nat', 'per-az', '--nacl', 'custom']);
      expect(notPassed(await verify(workdir))).toEqual([]);
    });

    it("names what AWS holds with the network's tags outside the state (a run that lost track of it), with the fix, until it is gone", async () => {
      const aws = { endpoint: world.moto.endpoint, region: REGION };
      const tags = (name: string) => [{ ResourceType: 'elastic-ip', Tags: [{ Key: 'Project', Value: 'shop' }, { Key: 'Environment', Value: 'dev' }, { Key: 'ManagedBy', Value: 'net-wizard' }, { Key: 'Name', Value: name }] }];
      // A second Elastic IP for NAT a, and one for an AZ the network does not use.
      const twin = (await changeAws(aws, 'allocate_address', { Domain: 'vpc', TagSpecifications: tags('shop-dev-nat-eip-a') })) as { AllocationId: string };
      const stray = (await changeAws(aws, 'allocate_address', { Domain: 'vpc', TagSpecifications: tags('shop-dev-nat-eip-d') })) as { AllocationId: string };
      // Someone else's address is none of this network's business.
      await changeAws(aws, 'allocate_address', { Domain: 'vpc' });

      const failed = notPassed(await verify(workdir));
      expect(failed.map((c) => c.id)).toEqual(['live.untracked']);
      expect(failed[0]!.detail).toBe(
        [
          `Elastic IP ${twin.AllocationId} (shop-dev-nat-eip-a) is a second aws_eip.nat_a beside ${ids['aws_eip.nat_a']}, which the state records: delete it (aws ec2 release-address --allocation-id ${twin.AllocationId} --region ${REGION} --endpoint-url ${world.moto.endpoint})`,
          `Elastic IP ${stray.AllocationId} (shop-dev-nat-eip-d) is tagged for this network but is not part of its configuration: delete it if nothing else uses it (aws ec2 release-address --allocation-id ${stray.AllocationId} --region ${REGION} --endpoint-url ${world.moto.endpoint})`,
        ].join('; '),
      );
      // `net-wizard verify` says so too, with exit 3.
      const cli = await runCli(['verify', '--workdir', workdir], { env: world.env });
      expect(cli.exitCode, cli.stderr).toBe(3);
      expect(cli.stderr).toContain(`✗ live.untracked: Nothing tagged for this network outside terraform's state — Elastic IP ${twin.AllocationId}`);

      for (const { AllocationId } of [twin, stray]) await changeAws(aws, 'release_address', { AllocationId });
      expect(notPassed(await verify(workdir))).toEqual([]);
    });
  });

  it('a network with VPC endpoints instead of NAT verifies its endpoints', async () => {
    const workdir = await apply('api', ['--needs', 'ecr-pull,logs', '--priority', 'availability']);
    const { record } = await read(workdir);
    const services = [...(record.nat.endpoints.s3Gateway ? ['s3'] : []), ...record.nat.endpoints.interfaces];
    expect(record.nat.endpoints.interfaces.length).toBeGreaterThan(0);
    const checks = await verify(workdir);
    expect(notPassed(checks)).toEqual([]);
    for (const service of services) expect(checks.find((c) => c.id === `live.endpoint.${service}`)).toMatchObject({ status: 'pass' });
    expect(checks.find((c) => c.id === 'live.sg.endpoints.ingress')).toMatchObject({ status: 'pass', detail: expect.stringMatching(/tcp 443 from sg-\S+ \(api-dev-ecs-sg\)/) });
  });
});
