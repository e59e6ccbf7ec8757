import { describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../../src/core/config.js';
import type { NatPlan } from '../../src/core/nat-plan.js';
import type { TerraformJson } from '../../src/synth/synth.js';
import { ADDRESSES as A } from '../../src/core/names.js';
import { NAT_TOPOLOGIES } from '../../src/core/nat-modes.js';
import { synthesized } from '../helpers/stack.js';

type Res = Record<string, unknown> & { tags?: Record<string, string> };

const synth = (answers: Partial<Record<keyof NetworkConfig, unknown>>) => synthesized(answers);

function resources(json: TerraformJson, type: string): Record<string, Res> {
  return (json.resource[type] ?? {}) as Record<string, Res>;
}

const ref = (address: string) => `\${${address}}`;

/** The addresses the stack must use for this configuration and plan, composed by ADDRESSES. */
function expectedAddresses(config: NetworkConfig, plan: NatPlan): string[] {
  const services = [...(plan.endpoints.s3Gateway ? ['s3'] : []), ...plan.endpoints.interfaces];
  return [
    A.vpc, A.igw, A.defaultSg, A.publicRouteTable, A.publicInternetRoute,
    ...(['alb', 'ecs', 'rds'] as const).map((role) => A.securityGroup(role)),
    ...config.azs.flatMap((az) => (['public', 'private'] as const).flatMap((tier) => [A.subnet(tier, az), A.routeTableAssociation(tier, az)])),
    ...config.azs.map((az) => A.privateRouteTable(az)),
    ...plan.natAzs.flatMap((az) => [A.nat(az), A.natEip(az)]),
    ...Object.keys(plan.routes).map((az) => A.privateNatRoute(az)),
    ...(config.nacl === 'custom' ? (['public', 'private'] as const).flatMap((tier) => [A.nacl(tier), ...config.azs.map((az) => A.naclAssociation(tier, az))]) : []),
    ...services.map((service) => A.endpoint(service)),
    ...(plan.endpoints.interfaces.length > 0 ? [A.securityGroup('endpoints')] : []),
  ].sort();
}

const addressesOf = (json: TerraformJson) => Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();

const NAT_MODES = NAT_TOPOLOGIES;
const NACL_MODES = ['default', 'custom'] as const;
const AZ_SETS = [
  { azs: 'a,c', letters: ['a', 'c'] },
  { azs: 'a,c,d', letters: ['a', 'c', 'd'] },
];

const combos = NAT_MODES.flatMap((nat) => NACL_MODES.flatMap((nacl) => AZ_SETS.map((set) => ({ nat, nacl, ...set }))));

describe.each(combos)('stack with --nat $nat --nacl $nacl --azs $azs', ({ nat, nacl, azs, letters }) => {
  const built = synth({ nat, nacl, azs });

  it('has the foundation: VPC with DNS, IGW, a public and a private subnet per AZ, route tables', async () => {
    const { json } = await built;
    const vpc = resources(json, 'aws_vpc').main!;
    expect(vpc).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    expect(vpc.tags).toEqual({ Name: 'shop-dev-vpc', Project: 'shop', Environment: 'dev', ManagedBy: 'net-wizard' });
    expect(resources(json, 'aws_internet_gateway').main).toMatchObject({ vpc_id: ref('aws_vpc.main.id'), tags: { Name: 'shop-dev-igw' } });

    const subnets = resources(json, 'aws_subnet');
    expect(Object.keys(subnets).sort()).toEqual(letters.flatMap((l) => [`private_${l}`, `public_${l}`]).sort());
    letters.forEach((l, i) => {
      expect(subnets[`public_${l}`]).toMatchObject({
        vpc_id: ref('aws_vpc.main.id'),
        availability_zone: `ap-northeast-1${l}`,
        cidr_block: `10.0.${i * 16}.0/20`,
        map_public_ip_on_launch: false,
        tags: { Name: `shop-dev-public-subnet-${l}` },
      });
      expect(subnets[`private_${l}`]).toMatchObject({
        availability_zone: `ap-northeast-1${l}`,
        cidr_block: `10.0.${128 + i * 16}.0/20`,
        tags: { Name: `shop-dev-private-subnet-${l}` },
      });
    });

    const tables = resources(json, 'aws_route_table');
    expect(Object.keys(tables).sort()).toEqual(['public', ...letters.map((l) => `private_${l}`)].sort());
    expect(tables.public!.tags!.Name).toBe('shop-dev-public-rt');
    for (const l of letters) expect(tables[`private_${l}`]!.tags!.Name).toBe(`shop-dev-private-rt-${l}`);

    const routes = resources(json, 'aws_route');
    expect(routes.public_internet).toEqual(
      expect.objectContaining({ route_table_id: ref('aws_route_table.public.id'), destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.main.id') }),
    );
    const assoc = resources(json, 'aws_route_table_association');
    for (const l of letters) {
      expect(assoc[`public_${l}`]).toMatchObject({ subnet_id: ref(`aws_subnet.public_${l}.id`), route_table_id: ref('aws_route_table.public.id') });
      expect(assoc[`private_${l}`]).toMatchObject({ subnet_id: ref(`aws_subnet.private_${l}.id`), route_table_id: ref(`aws_route_table.private_${l}.id`) });
    }
  });

  it("locks down the VPC's default security group (no rules)", async () => {
    const { json } = await built;
    expect(resources(json, 'aws_default_security_group').default).toMatchObject({ vpc_id: ref('aws_vpc.main.id'), ingress: [], egress: [] });
  });

  it("has the tutorial's three security groups with exactly its rules, names and descriptions", async () => {
    const { json } = await built;
    const sgs = resources(json, 'aws_security_group');
    expect(Object.keys(sgs).sort()).toEqual(['alb', 'ecs', 'rds']);
    const allEgress = [expect.objectContaining({ description: 'All traffic', from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] })];
    expect(sgs.alb).toMatchObject({ name: 'shop-dev-alb-sg', description: 'Security group for Application Load Balancer', vpc_id: ref('aws_vpc.main.id'), tags: { Name: 'shop-dev-alb-sg' } });
    expect(sgs.alb!.ingress).toEqual([
      expect.objectContaining({ description: 'HTTP from Internet', from_port: 80, to_port: 80, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }),
      expect.objectContaining({ description: 'HTTPS from Internet', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }),
    ]);
    expect(sgs.alb!.egress).toEqual(allEgress);
    expect(sgs.ecs).toMatchObject({ name: 'shop-dev-ecs-sg', description: 'Security group for ECS Fargate', tags: { Name: 'shop-dev-ecs-sg' } });
    expect(sgs.ecs!.ingress).toEqual([
      expect.objectContaining({ description: 'HTTP from ALB', from_port: 80, to_port: 80, protocol: 'tcp', security_groups: [ref('aws_security_group.alb.id')], cidr_blocks: null }),
      expect.objectContaining({ description: 'App port from ALB', from_port: 3000, to_port: 3000, protocol: 'tcp', security_groups: [ref('aws_security_group.alb.id')], cidr_blocks: null }),
    ]);
    expect(sgs.ecs!.egress).toEqual(allEgress);
    expect(sgs.rds).toMatchObject({ name: 'shop-dev-rds-sg', description: 'Security group for RDS PostgreSQL', tags: { Name: 'shop-dev-rds-sg' } });
    expect(sgs.rds!.ingress).toEqual([
      expect.objectContaining({ description: 'PostgreSQL from ECS', from_port: 5432, to_port: 5432, protocol: 'tcp', security_groups: [ref('aws_security_group.ecs.id')], cidr_blocks: null }),
    ]);
    expect(sgs.rds!.egress).toEqual(allEgress);
  });

  it('has NAT Gateways, EIPs and private default routes as the NAT mode says', async () => {
    const { json } = await built;
    const natLetters = nat === 'none' ? [] : nat === 'single' ? [letters[0]!] : letters;
    const eips = resources(json, 'aws_eip');
    const gateways = resources(json, 'aws_nat_gateway');
    expect(Object.keys(eips).sort()).toEqual(natLetters.map((l) => `nat_${l}`).sort());
    expect(Object.keys(gateways).sort()).toEqual(natLetters.map((l) => `main_${l}`).sort());
    for (const l of natLetters) {
      expect(eips[`nat_${l}`]).toMatchObject({ domain: 'vpc', tags: { Name: `shop-dev-nat-eip-${l}`, Project: 'shop', Environment: 'dev' } });
      expect(gateways[`main_${l}`]).toMatchObject({
        allocation_id: ref(`aws_eip.nat_${l}.id`),
        subnet_id: ref(`aws_subnet.public_${l}.id`),
        depends_on: ['aws_internet_gateway.main'],
        tags: { Name: `shop-dev-nat-${l}` },
      });
    }
    const natRoutes = Object.entries(resources(json, 'aws_route')).filter(([name]) => name.startsWith('private_nat_'));
    if (nat === 'none') {
      expect(natRoutes).toEqual([]);
    } else {
      expect(natRoutes.map(([name]) => name).sort()).toEqual(letters.map((l) => `private_nat_${l}`).sort());
      for (const l of letters) {
        const target = nat === 'single' ? letters[0] : l;
        expect(resources(json, 'aws_route')[`private_nat_${l}`]).toMatchObject({
          route_table_id: ref(`aws_route_table.private_${l}.id`),
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: ref(`aws_nat_gateway.main_${target}.id`),
        });
      }
    }
  });

  it(nacl === 'custom' ? "has the tutorial's two NACLs, associated to their subnets" : 'keeps the default NACL (no custom NACLs)', async () => {
    const { json } = await built;
    const acls = resources(json, 'aws_network_acl');
    const assoc = resources(json, 'aws_network_acl_association');
    if (nacl === 'default') {
      expect(acls).toEqual({});
      expect(assoc).toEqual({});
      return;
    }
    expect(acls.public).toMatchObject({ vpc_id: ref('aws_vpc.main.id'), tags: { Name: 'shop-dev-public-nacl' } });
    expect(acls.public!.ingress).toEqual([
      expect.objectContaining({ rule_no: 100, protocol: 'tcp', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 80, to_port: 80 }),
      expect.objectContaining({ rule_no: 110, protocol: 'tcp', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443 }),
      expect.objectContaining({ rule_no: 120, protocol: 'tcp', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 1024, to_port: 65535 }),
    ]);
    expect(acls.public!.egress).toEqual([expect.objectContaining({ rule_no: 100, protocol: '-1', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 })]);
    expect(acls.private).toMatchObject({ tags: { Name: 'shop-dev-private-nacl' } });
    expect(acls.private!.ingress).toEqual([
      expect.objectContaining({ rule_no: 100, protocol: '-1', action: 'allow', cidr_block: '10.0.0.0/16', from_port: 0, to_port: 0 }),
      expect.objectContaining({ rule_no: 110, protocol: 'tcp', action: 'allow', cidr_block: '0.0.0.0/0', from_port: 1024, to_port: 65535 }),
    ]);
    expect(acls.private!.egress).toEqual([expect.objectContaining({ rule_no: 100, protocol: '-1', action: 'allow', cidr_block: '0.0.0.0/0' })]);
    expect(Object.keys(assoc).sort()).toEqual(letters.flatMap((l) => [`private_${l}`, `public_${l}`]).sort());
    for (const l of letters) {
      expect(assoc[`public_${l}`]).toMatchObject({ network_acl_id: ref('aws_network_acl.public.id'), subnet_id: ref(`aws_subnet.public_${l}.id`) });
      expect(assoc[`private_${l}`]).toMatchObject({ network_acl_id: ref('aws_network_acl.private.id'), subnet_id: ref(`aws_subnet.private_${l}.id`) });
    }
  });

  it('tags every taggable resource with Project, Environment and a Name', async () => {
    const { json } = await built;
    for (const [type, byName] of Object.entries(json.resource)) {
      for (const [name, res] of Object.entries(byName as Record<string, Res>)) {
        if (!('tags' in res)) continue;
        expect(res.tags, `${type}.${name}`).toMatchObject({ Project: 'shop', Environment: 'dev', Name: expect.stringMatching(/^shop-dev-/) });
      }
    }
    const untaggable = new Set(['aws_route', 'aws_route_table_association', 'aws_network_acl_association']);
    for (const type of Object.keys(json.resource)) if (!untaggable.has(type)) expect(Object.values(json.resource[type]!).every((r) => 'tags' in r), type).toBe(true);
  });

  it('names every resource by its address in ADDRESSES (where the verifiers look for it)', async () => {
    const { json, config, nat: plan } = await built;
    expect(addressesOf(json)).toEqual(expectedAddresses(config, plan));
  });

  it('has every output of the contract', async () => {
    const { json } = await built;
    const natLetters = nat === 'none' ? [] : nat === 'single' ? [letters[0]!] : letters;
    expect(json.output.vpc_id!.value).toBe(ref('aws_vpc.main.id'));
    expect(json.output.public_subnet_ids!.value).toEqual(letters.map((l) => ref(`aws_subnet.public_${l}.id`)));
    expect(json.output.private_subnet_ids!.value).toEqual(letters.map((l) => ref(`aws_subnet.private_${l}.id`)));
    expect(json.output.security_group_alb_id!.value).toBe(ref('aws_security_group.alb.id'));
    expect(json.output.security_group_ecs_id!.value).toBe(ref('aws_security_group.ecs.id'));
    expect(json.output.security_group_rds_id!.value).toBe(ref('aws_security_group.rds.id'));
    expect(json.output.nat_gateway_ids!.value).toEqual(natLetters.map((l) => ref(`aws_nat_gateway.main_${l}.id`)));
    expect(json.output.nat_gateway_public_ips!.value).toEqual(natLetters.map((l) => ref(`aws_eip.nat_${l}.public_ip`)));
  });
});

describe('stack settings', () => {
  it('keeps state in a local backend whose path is relative to the workdir', async () => {
    const { json } = await synth({});
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  it('accepts the AWS provider 5.100 and 6.x', async () => {
    const { json } = await synth({});
    expect(json.terraform.required_providers).toEqual({ aws: { source: 'aws', version: '>= 5.100.0, < 7.0.0' } });
  });

  it('talks to real AWS without dummy credentials or endpoints by default', async () => {
    const { json } = await synth({ region: 'us-east-1' });
    expect(json.provider.aws).toEqual([{ region: 'us-east-1' }]);
  });

  it('sends every AWS service to the emulator with --endpoint, and does not skip the account id', async () => {
    const { json } = await synth({ endpoint: 'http://127.0.0.1:5000' });
    const [aws] = json.provider.aws as Record<string, unknown>[];
    expect(aws).toMatchObject({
      region: 'ap-northeast-1',
      access_key: 'test',
      secret_key: 'test',
      skip_credentials_validation: true,
      skip_metadata_api_check: 'true',
      endpoints: [{ ec2: 'http://127.0.0.1:5000', sts: 'http://127.0.0.1:5000', iam: 'http://127.0.0.1:5000', s3: 'http://127.0.0.1:5000' }],
    });
    expect(aws).not.toHaveProperty('skip_requesting_account_id');
  });

  it('uses the app and database ports it is given', async () => {
    const { json } = await synth({ appPort: 8080, dbPort: 3306 });
    const sgs = resources(json, 'aws_security_group');
    expect(sgs.ecs!.ingress).toEqual([
      expect.objectContaining({ description: 'HTTP from ALB', from_port: 80 }),
      expect.objectContaining({ description: 'App port from ALB', from_port: 8080, to_port: 8080 }),
    ]);
    expect(sgs.rds).toMatchObject({ description: 'Security group for RDS MySQL' });
    expect(sgs.rds!.ingress).toEqual([expect.objectContaining({ description: 'MySQL from ECS', from_port: 3306, to_port: 3306 })]);
  });

  it('does not repeat the HTTP rule when the app itself listens on 80 (AWS refuses duplicate rules)', async () => {
    const { json } = await synth({ appPort: 80 });
    expect(resources(json, 'aws_security_group').ecs!.ingress).toEqual([expect.objectContaining({ description: 'HTTP from ALB', from_port: 80, to_port: 80 })]);
  });

  it('carves subnets from another VPC CIDR', async () => {
    const { json } = await synth({ vpcCidr: '172.20.0.0/20', nacl: 'custom' });
    const subnets = resources(json, 'aws_subnet');
    expect(subnets.public_a!.cidr_block).toBe('172.20.0.0/24');
    expect(subnets.public_c!.cidr_block).toBe('172.20.1.0/24');
    expect(subnets.private_a!.cidr_block).toBe('172.20.8.0/24');
    expect(subnets.private_c!.cidr_block).toBe('172.20.9.0/24');
    expect(resources(json, 'aws_network_acl').private!.ingress).toEqual(expect.arrayContaining([expect.objectContaining({ cidr_block: '172.20.0.0/20' })]));
  });

  it('writes HCL files on request: the terraform settings in main.tf, the NAT Gateway in nat.tf', async () => {
    const { hclFiles } = await synthesized({ nat: 'single' }, { hcl: true });
    expect(hclFiles!['main.tf']).toContain('  required_version = ">= 1.5.0"\n');
    expect(hclFiles!['nat.tf']).toContain('resource "aws_nat_gateway" "main_a" {');
    expect(hclFiles!['nat.tf']).toContain('  depends_on = [aws_internet_gateway.main]\n');
    expect((await synthesized({ nat: 'single' })).hclFiles).toBeUndefined();
  });
});

describe('the stack follows the NAT decision', () => {
  it.each(['ecr-pull,logs,ssm,secrets,s3', 'external-api,s3'])('names the endpoints and their security group by ADDRESSES too (--needs %s)', async (needs) => {
    const { json, config, nat: plan } = await synth({ needs, nacl: 'custom' });
    expect(plan.endpoints.s3Gateway).toBe(true);
    expect(addressesOf(json)).toEqual(expectedAddresses(config, plan));
  });

  it.each([
    ['--needs none', { needs: 'none' }, { nat: 0, eips: 0, endpoints: [] as string[] }],
    ['--needs external-api (dev)', { needs: 'external-api' }, { nat: 1, eips: 1, endpoints: [] }],
    ['--needs external-api --env prod', { needs: 'external-api', env: 'prod' }, { nat: 2, eips: 2, endpoints: [] }],
    ['--needs ecr-pull,external-api', { needs: 'ecr-pull,external-api' }, { nat: 1, eips: 1, endpoints: ['s3'] }],
    ['--needs ecr-pull,ssm --priority availability', { needs: 'ecr-pull,ssm', priority: 'availability' }, { nat: 0, eips: 0, endpoints: ['ecr_api', 'ecr_dkr', 's3', 'ssmmessages'] }],
    ['--needs external-api --tasks-subnet public', { needs: 'external-api', tasksSubnet: 'public' }, { nat: 0, eips: 0, endpoints: [] }],
  ])('%s', async (_name, answers, expected) => {
    const { json } = await synth(answers);
    expect(Object.keys(resources(json, 'aws_nat_gateway'))).toHaveLength(expected.nat);
    expect(Object.keys(resources(json, 'aws_eip'))).toHaveLength(expected.eips);
    expect(Object.keys(resources(json, 'aws_vpc_endpoint')).sort()).toEqual(expected.endpoints);
  });

  it('builds interface endpoints in the private subnets with private DNS, behind an SG open to the tasks on 443 only', async () => {
    const { json } = await synth({ needs: 'ecr-pull,logs', priority: 'availability' });
    const endpoints = resources(json, 'aws_vpc_endpoint');
    for (const [key, service] of [['ecr_api', 'ecr.api'], ['ecr_dkr', 'ecr.dkr'], ['logs', 'logs']] as const) {
      expect(endpoints[key]).toMatchObject({
        vpc_id: ref('aws_vpc.main.id'),
        service_name: `com.amazonaws.ap-northeast-1.${service}`,
        vpc_endpoint_type: 'Interface',
        subnet_ids: [ref('aws_subnet.private_a.id'), ref('aws_subnet.private_c.id')],
        security_group_ids: [ref('aws_security_group.endpoints.id')],
        private_dns_enabled: true,
        tags: { Name: `shop-dev-${service.replace('.', '-')}-endpoint`, Project: 'shop', Environment: 'dev' },
      });
    }
    expect(endpoints.s3).toMatchObject({
      service_name: 'com.amazonaws.ap-northeast-1.s3',
      vpc_endpoint_type: 'Gateway',
      route_table_ids: [ref('aws_route_table.private_a.id'), ref('aws_route_table.private_c.id')],
      tags: { Name: 'shop-dev-s3-endpoint' },
    });
    const sg = resources(json, 'aws_security_group').endpoints!;
    expect(sg).toMatchObject({ name: 'shop-dev-endpoints-sg', description: 'Security group for VPC interface endpoints', egress: [] });
    expect(sg.ingress).toEqual([expect.objectContaining({ description: 'HTTPS from ECS', protocol: 'tcp', from_port: 443, to_port: 443, security_groups: [ref('aws_security_group.ecs.id')], cidr_blocks: null })]);
    expect(json.output.vpc_endpoint_ids!.value).toEqual({
      'ecr.api': ref('aws_vpc_endpoint.ecr_api.id'),
      'ecr.dkr': ref('aws_vpc_endpoint.ecr_dkr.id'),
      logs: ref('aws_vpc_endpoint.logs.id'),
      s3: ref('aws_vpc_endpoint.s3.id'),
    });
  });

  it('has no endpoint SG and an empty endpoint map when nothing needs endpoints', async () => {
    const { json } = await synth({ needs: 'external-api' });
    expect(resources(json, 'aws_security_group').endpoints).toBeUndefined();
    expect(json.output.vpc_endpoint_ids!.value).toEqual({});
  });
});
