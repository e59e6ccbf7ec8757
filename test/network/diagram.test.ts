/**
 * The network diagram: the layout of the synthesized stack for each NAT mode, 2 and 3 AZs, custom
 * NACLs and endpoints, of an attached VPC (from AWS, and from the workdir's record) and of an
 * audited live VPC; the text within its width; the Mermaid flowchart parsed by mermaid's own
 * parser; the SVG parsed as XML and rendered by resvg.
 */
import { Resvg } from '@resvg/resvg-js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/config.js';
import { networkNames } from '../../src/core/names.js';
import { auditModel } from '../../src/network/audit.js';
import { layoutNetwork, renderMermaid, renderSvg, renderText, type DiagramLayout } from '../../src/network/diagram/index.js';
import { mermaidText } from '../../src/network/diagram/mermaid.js';
import { recordedVpcModel } from '../../src/network/diagram/recorded-vpc.js';
import { readAwsNetwork } from '../../src/network/from-aws.js';
import { readTerraformNetwork } from '../../src/network/from-terraform.js';
import type { NetworkModel } from '../../src/network/model.js';
import { synthesizeStack } from '../../src/synth/synth.js';
import { attachedPlan } from '../helpers/existing-vpc.js';
import { synthesized } from '../helpers/stack.js';
import { live, PER_AZ, snapshot } from '../verify/live/fixtures.js';

const modelOf = async (answers: Answers): Promise<NetworkModel> => readTerraformNetwork((await synthesized(answers)).json);
const layoutOf = async (answers: Answers) => layoutNetwork(await modelOf(answers));
const subnets = (layout: DiagramLayout) => layout.zones.flatMap((z) => z.subnets);
/** Each subnet as `<name> <cidr> → <where 0.0.0.0/0 goes>`. */
const exits = (layout: DiagramLayout) => subnets(layout).map((s) => `${s.label} ${s.cidr} ${s.exit.kind === 'none' ? 'none' : `→ ${s.exit.label}${s.exit.crossAz ? ` (${s.exit.crossAz})` : ''}`}`);

describe('layoutNetwork on the synthesized stack', () => {
  it.each([
    {
      answers: { nat: 'none', azs: 'a,c' },
      zones: ['ap-northeast-1a', 'ap-northeast-1c'],
      exits: [
        'shop-dev-public-subnet-a 10.0.0.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-a 10.0.128.0/20 none',
        'shop-dev-public-subnet-c 10.0.16.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-c 10.0.144.0/20 none',
      ],
      nats: [],
    },
    {
      answers: { nat: 'single', azs: 'a,c' },
      zones: ['ap-northeast-1a', 'ap-northeast-1c'],
      exits: [
        'shop-dev-public-subnet-a 10.0.0.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-a 10.0.128.0/20 → shop-dev-nat-a',
        'shop-dev-public-subnet-c 10.0.16.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-c 10.0.144.0/20 → shop-dev-nat-a (ap-northeast-1a)',
      ],
      nats: ['shop-dev-nat-a in shop-dev-public-subnet-a, EIP shop-dev-nat-eip-a: shop-dev-private-rt-a, shop-dev-private-rt-c'],
    },
    {
      answers: { nat: 'per-az', azs: 'a,c' },
      zones: ['ap-northeast-1a', 'ap-northeast-1c'],
      exits: [
        'shop-dev-public-subnet-a 10.0.0.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-a 10.0.128.0/20 → shop-dev-nat-a',
        'shop-dev-public-subnet-c 10.0.16.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-c 10.0.144.0/20 → shop-dev-nat-c',
      ],
      nats: ['shop-dev-nat-a in shop-dev-public-subnet-a, EIP shop-dev-nat-eip-a: shop-dev-private-rt-a', 'shop-dev-nat-c in shop-dev-public-subnet-c, EIP shop-dev-nat-eip-c: shop-dev-private-rt-c'],
    },
    {
      answers: { nat: 'single', azs: 'a,c,d' },
      zones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
      exits: [
        'shop-dev-public-subnet-a 10.0.0.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-a 10.0.128.0/20 → shop-dev-nat-a',
        'shop-dev-public-subnet-c 10.0.16.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-c 10.0.144.0/20 → shop-dev-nat-a (ap-northeast-1a)',
        'shop-dev-public-subnet-d 10.0.32.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-d 10.0.160.0/20 → shop-dev-nat-a (ap-northeast-1a)',
      ],
      nats: ['shop-dev-nat-a in shop-dev-public-subnet-a, EIP shop-dev-nat-eip-a: shop-dev-private-rt-a, shop-dev-private-rt-c, shop-dev-private-rt-d'],
    },
    {
      answers: { nat: 'per-az', azs: 'a,c,d', vpcCidr: '10.20.0.0/16' },
      zones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
      exits: [
        'shop-dev-public-subnet-a 10.20.0.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-a 10.20.128.0/20 → shop-dev-nat-a',
        'shop-dev-public-subnet-c 10.20.16.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-c 10.20.144.0/20 → shop-dev-nat-c',
        'shop-dev-public-subnet-d 10.20.32.0/20 → shop-dev-igw',
        'shop-dev-private-subnet-d 10.20.160.0/20 → shop-dev-nat-d',
      ],
      nats: [
        'shop-dev-nat-a in shop-dev-public-subnet-a, EIP shop-dev-nat-eip-a: shop-dev-private-rt-a',
        'shop-dev-nat-c in shop-dev-public-subnet-c, EIP shop-dev-nat-eip-c: shop-dev-private-rt-c',
        'shop-dev-nat-d in shop-dev-public-subnet-d, EIP shop-dev-nat-eip-d: shop-dev-private-rt-d',
      ],
    },
  ] as { answers: Answers; zones: string[]; exits: string[]; nats: string[] }[])('--nat $answers.nat --azs $answers.azs: AZ columns, tiers, where 0.0.0.0/0 goes, the NATs and who uses them', async ({ answers, zones, exits: expected, nats }) => {
    const layout = await layoutOf(answers);
    expect(layout.vpc.label).toBe('shop-dev-vpc');
    expect(layout.internetGateways).toEqual([{ id: 'aws_internet_gateway.main', label: 'shop-dev-igw', attached: true }]);
    expect(layout.zones.map((z) => z.az)).toEqual(zones);
    expect(layout.zones.map((z) => z.subnets.map((s) => s.tier))).toEqual(zones.map(() => ['public', 'private']));
    expect(exits(layout)).toEqual(expected);
    expect(layout.nats.map((n) => `${n.label} in ${n.subnetLabel}, EIP ${n.eips.join(', ')}: ${n.usedBy.map((t) => t.label).join(', ')}`)).toEqual(nats);
    // The workloads where the tutorial puts them; NATs drawn in their public subnets.
    expect(subnets(layout).map((s) => `${s.tier}: ${s.workloads.join(',')}`)).toEqual(zones.flatMap(() => ['public: alb', 'private: ecs,rds']));
    expect(subnets(layout).flatMap((s) => s.nats)).toEqual(nats.map((n) => n.split(' ')[0]));
    expect(subnets(layout).every((s) => !s.nacl.custom && s.nacl.label === "the VPC's default NACL")).toBe(true);
  });

  it('takes the ports of the chain from the security group rules (--app-port, --db-port)', async () => {
    const layout = await layoutOf({ appPort: '8080', dbPort: '3306' });
    expect(layout.chain.links).toEqual([
      { from: 'internet', to: 'alb', ports: 'tcp 80, 443' },
      { from: 'alb', to: 'ecs', ports: 'tcp 80, 8080' },
      { from: 'ecs', to: 'rds', ports: 'tcp 3306' },
    ]);
    expect(layout.chain.groups.map((g) => `${g.title} ${g.group}`)).toEqual(['ALB shop-dev-alb-sg', 'ECS tasks shop-dev-ecs-sg', 'RDS shop-dev-rds-sg']);
  });

  it('--nacl custom: each subnet with its own NACL, and the NACLs with their subnets', async () => {
    const layout = await layoutOf({ nat: 'single', nacl: 'custom' });
    expect(subnets(layout).map((s) => `${s.label}: ${s.nacl.label}${s.nacl.custom ? ' (custom)' : ''}`)).toEqual([
      'shop-dev-public-subnet-a: shop-dev-public-nacl (custom)',
      'shop-dev-private-subnet-a: shop-dev-private-nacl (custom)',
      'shop-dev-public-subnet-c: shop-dev-public-nacl (custom)',
      'shop-dev-private-subnet-c: shop-dev-private-nacl (custom)',
    ]);
    const nacls = Object.fromEntries(layout.nacls.map((n) => [n.label, n]));
    expect(nacls['shop-dev-public-nacl']).toMatchObject({ isDefault: false, subnets: ['shop-dev-public-subnet-a', 'shop-dev-public-subnet-c'] });
    expect(nacls['shop-dev-private-nacl']).toMatchObject({ isDefault: false, subnets: ['shop-dev-private-subnet-a', 'shop-dev-private-subnet-c'] });
    expect(nacls['shop-dev-public-nacl']!.inbound).toBeGreaterThan(0);
    expect(renderText(layout, 80)).toContain('│ NACL shop-dev-public-nacl');
  });

  it('endpoints: the S3 gateway on the private route tables, interface endpoints in the private subnets behind their SG', async () => {
    const layout = await layoutOf({ nat: 'none', needs: 'ecr-pull,logs', priority: 'availability' });
    const byService = Object.fromEntries(layout.endpoints.map((e) => [e.service, e]));
    expect(Object.keys(byService).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
    expect(byService.s3).toMatchObject({ type: 'gateway', label: 'shop-dev-s3-endpoint', where: ['shop-dev-private-rt-a', 'shop-dev-private-rt-c'] });
    expect(byService['ecr.api']).toMatchObject({ type: 'interface', where: ['shop-dev-private-subnet-a', 'shop-dev-private-subnet-c'], securityGroups: ['shop-dev-endpoints-sg'] });
    expect(subnets(layout).map((s) => s.endpoints)).toEqual([[], ['ecr.api', 'ecr.dkr', 'logs'], [], ['ecr.api', 'ecr.dkr', 'logs']]);
    expect(layout.routeTables.filter((t) => t.label.includes('private')).map((t) => t.endpoints)).toEqual([['s3'], ['s3']]);
    expect(layout.chain.links.at(-1)).toEqual({ from: 'ecs', to: 'endpoints', ports: 'tcp 443' });
  });

  it('--tasks-subnet public puts the ECS tasks in the public subnets', async () => {
    const layout = layoutNetwork(await modelOf({ tasksSubnet: 'public', nat: 'none' }), { tasksSubnet: 'public' });
    expect(subnets(layout).map((s) => `${s.tier}: ${s.workloads.join(',')}`)).toEqual(['public: alb,ecs', 'private: rds', 'public: alb,ecs', 'private: rds']);
  });
});

describe('layoutNetwork on an attached VPC', () => {
  it('draws the existing subnets by their own names and ids, and the NAT net-wizard adds; the record gives the same picture as AWS', async () => {
    const plan = attachedPlan({ nat: 'single', needs: 'ecr-pull' });
    const { json } = await synthesizeStack(plan.config, plan.nat, { existing: plan.existing });
    const fromAws = layoutNetwork(readTerraformNetwork(json, { base: plan.base }));
    expect(fromAws.vpc).toMatchObject({ id: 'vpc-0a1b2c3d4e5f60718', label: 'app-vpc' });
    expect(exits(fromAws)).toEqual([
      'app-public-1a 10.0.1.0/24 → igw-1',
      'app-private-1a 10.0.11.0/24 → shop-dev-nat-a',
      'app-public-1c 10.0.2.0/24 → igw-1',
      'app-private-1c 10.0.12.0/24 → shop-dev-nat-a (ap-northeast-1a)',
    ]);
    expect(subnets(fromAws).map((s) => s.id)).toEqual(['subnet-pa', 'subnet-qa', 'subnet-pc', 'subnet-qc']);
    expect(fromAws.nats.map((n) => `${n.label} in ${n.subnetLabel}: ${n.usedBy.map((t) => t.label).join(', ')}`)).toEqual(['shop-dev-nat-a in app-public-1a: app-private-rt-1a, app-private-rt-1c']);
    const fromRecord = layoutNetwork(readTerraformNetwork(json, { base: recordedVpcModel(plan.existing) }));
    expect(exits(fromRecord)).toEqual(exits(fromAws));
    expect(fromRecord.chain).toEqual(fromAws.chain);
  });
});

describe('layoutNetwork on an audited live VPC', () => {
  it('draws AWS ids by their Name tags, the NAT per AZ and the chain from the live rules', () => {
    const model = readAwsNetwork(snapshot(live(PER_AZ)), { names: networkNames('shop', 'dev') });
    const audited = auditModel(model, {});
    if (!audited.ok) throw new Error('audit refused the fixture');
    const layout = layoutNetwork(audited.audited.model);
    expect(exits(layout)).toEqual([
      'shop-dev-public-subnet-a 10.0.0.0/20 → igw-1',
      'shop-dev-private-subnet-a 10.0.128.0/20 → shop-dev-nat-a',
      'shop-dev-public-subnet-c 10.0.16.0/20 → igw-1',
      'shop-dev-private-subnet-c 10.0.144.0/20 → shop-dev-nat-c',
    ]);
    expect(layout.nats.map((n) => n.eips)).toEqual([['shop-dev-nat-eip-a'], ['shop-dev-nat-eip-c']]);
    expect(layout.chain.links.map((l) => l.ports)).toEqual(['tcp 80, 443', 'tcp 80, 3000', 'tcp 5432']);
    expect(subnets(layout).map((s) => s.nacl.custom)).toEqual([true, true, true, true]);
  });
});

describe('renderText', () => {
  const widest = (text: string) => Math.max(...text.trimEnd().split('\n').map((l) => stringWidth(l)));
  const azRows = (text: string) => text.split('\n').filter((l) => l.startsWith('┌─ ')).map((l) => (l.match(/ap-northeast-1\w/g) ?? []).join(' '));

  it.each([
    { azs: 'a,c', width: 80, rows: ['ap-northeast-1a ap-northeast-1c'] },
    { azs: 'a,c,d', width: 120, rows: ['ap-northeast-1a ap-northeast-1c ap-northeast-1d'] },
    { azs: 'a,c,d', width: 80, rows: ['ap-northeast-1a ap-northeast-1c', 'ap-northeast-1d'] },
    { azs: 'a,c', width: 60, rows: ['ap-northeast-1a', 'ap-northeast-1c'] },
    { azs: 'a,c', width: 30, rows: ['ap-northeast-1a', 'ap-northeast-1c'] },
  ])('--azs $azs in $width columns: AZ columns $rows, no line wider', async ({ azs, width, rows }) => {
    const text = renderText(await layoutOf({ azs, nat: 'per-az', nacl: 'custom' }), width);
    expect(azRows(text)).toEqual(rows);
    expect(widest(text)).toBeLessThanOrEqual(width);
    // Every subnet and NAT is named, whatever the width.
    for (const az of azs.split(',')) {
      for (const name of [`shop-dev-public-subnet-${az}`, `shop-dev-private-subnet-${az}`, `shop-dev-nat-${az}`]) expect(text.replace(/\s*│\s*/g, '')).toContain(name);
    }
  });

  it('aligns the tiers across the AZs and ends with the SG chain', async () => {
    const text = renderText(await layoutOf({ nat: 'single' }), 80);
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('├'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('private shop-dev-private-subnet-a'))).toMatch(/│ private shop-dev-private-subnet-a\s+│ │ private shop-dev-private-subnet-c\s+│/);
    expect(text).toContain('NAT Gateways\n  shop-dev-nat-a in shop-dev-public-subnet-a (ap-northeast-1a)');
    expect(text).toContain('Security groups\n  internet ─tcp 80, 443→ ALB (shop-dev-alb-sg) ─tcp 80, 3000→ ECS tasks');
  });

  it('shows control characters of a Name tag as ?, so a tag cannot move the cursor', async () => {
    const model = await modelOf({ nat: 'none' });
    model.subnets.get('aws_subnet.public_a')!.name = 'evil\u001b[2Jname';
    const text = renderText(layoutNetwork(model), 80);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil?[2Jname');
  });
});

describe('renderMermaid, parsed by mermaid', () => {
  type Db = { getVertices(): Map<string, { id: string; text: string }>; getEdges(): { start: string; end: string; text: string }[]; getSubGraphs(): { id: string; title: string; nodes: string[] }[] };
  let parse: (text: string) => Promise<Db>;
  beforeAll(async () => {
    // mermaid sanitizes labels with DOMPurify, which needs a DOM: jsdom's, in this test only.
    const { JSDOM } = await import('jsdom');
    const { window } = new JSDOM('');
    Object.assign(globalThis, { window, document: window.document });
    const { default: mermaid } = await import('mermaid');
    parse = async (text) => {
      await mermaid.parse(text);
      return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as Db;
    };
  }, 60_000);
  const decode = (text: string) => text.replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCharCode(Number(n))).replace(/ﬂ°(\w+)¶ß/g, (_, name) => ({ quot: '"', amp: '&', lt: '<', gt: '>' })[name as string] ?? name);

  it.each([
    { nat: 'none', azs: 'a,c' },
    { nat: 'single', azs: 'a,c', nacl: 'custom' },
    { nat: 'per-az', azs: 'a,c,d', needs: 's3' },
    { nat: 'none', azs: 'a,c', needs: 'ecr-pull,logs', priority: 'availability' },
  ] as Answers[])('--nat $nat --azs $azs: a flowchart naming every subnet and NAT, one subgraph per AZ, edges between declared nodes', async (answers) => {
    const layout = await layoutOf(answers);
    const text = renderMermaid(layout);
    expect(text.startsWith('flowchart TB\n')).toBe(true);
    const db = await parse(text);
    const vertices = [...db.getVertices().values()];
    const labels = vertices.map((v) => decode(v.text));
    for (const s of subnets(layout)) expect(labels.some((l) => l.includes(s.label) && l.includes(s.cidr))).toBe(true);
    for (const n of layout.nats) expect(labels.some((l) => l.includes(n.label))).toBe(true);
    const ids = new Set(vertices.map((v) => v.id));
    for (const e of db.getEdges()) expect([ids.has(e.start), ids.has(e.end)]).toEqual([true, true]);
    const graphs = db.getSubGraphs();
    for (const zone of layout.zones) {
      const graph = graphs.find((g) => g.title === zone.az)!;
      expect(graph.nodes.length).toBe(zone.subnets.length + layout.nats.filter((n) => n.az === zone.az).length);
    }
    // Each subnet's way out is an edge named by its route table.
    const ways = db.getEdges().filter((e) => e.text.startsWith('0.0.0.0/0'));
    expect(ways).toHaveLength(subnets(layout).filter((s) => s.exit.kind !== 'none').length);
    expect(db.getEdges().map((e) => e.text)).toEqual(expect.arrayContaining(['tcp 80, 443', 'tcp 80, 3000', 'tcp 5432']));
  });

  it('a group that admits nothing from the one before, and a role without a group, are drawn as such', async () => {
    const model = await modelOf({ nat: 'none' });
    model.securityGroups.get('aws_security_group.rds')!.rules = [];
    delete model.roles.alb;
    const layout = layoutNetwork(model);
    expect(layout.chain.links.map((l) => l.ports)).toEqual(['', '', '']);
    expect(layout.chain.groups[0]).toEqual({ role: 'alb', title: 'ALB' });
    expect(subnets(layout).flatMap((s) => s.workloads)).not.toContain('alb');
    expect(renderText(layout, 120).replace(/\n\s+/g, ' ')).toContain('internet ─nothing→ ALB (no security group found) ─nothing→ ECS tasks (shop-dev-ecs-sg) ─nothing→ RDS (shop-dev-rds-sg)');
    const db = await parse(renderMermaid(layout));
    expect(db.getEdges().filter((e) => e.text === 'nothing')).toHaveLength(3);
    expect(XMLValidator.validate(renderSvg(layout))).toBe(true);
  });

  it('a route to another kind of target (a NAT instance\'s interface) is an edge to a node declared once', async () => {
    const model = await modelOf({ nat: 'none' });
    for (const az of ['a', 'c']) {
      model.routeTables.get(`aws_route_table.private_${az}`)!.routes.push({ destination: '0.0.0.0/0', range: [0, 2 ** 32 - 1], targetKind: 'eni', target: 'eni-0nat', declaredBy: `aws_route.x_${az}` });
    }
    const layout = layoutNetwork(model);
    expect(exits(layout).filter((e) => e.includes('private'))).toEqual(['shop-dev-private-subnet-a 10.0.128.0/20 → eni-0nat', 'shop-dev-private-subnet-c 10.0.144.0/20 → eni-0nat']);
    const text = renderMermaid(layout);
    expect(text.match(/target_eni_0nat\[/g)).toHaveLength(1);
    const db = await parse(text);
    expect(db.getEdges().filter((e) => e.end === 'target_eni_0nat')).toHaveLength(2);
    expect(renderText(layout, 120)).toContain('│ 0.0.0.0/0 → network interface eni-0nat');
  });

  it('escapes every name: quotes, #, <, >, |, brackets and backticks in Name tags still parse', async () => {
    const model = await modelOf({ nat: 'single' });
    model.subnets.get('aws_subnet.public_a')!.name = 'a "quoted" #1 <b>|x|</b> [y] {z} `md` end';
    model.natGateways.get('aws_nat_gateway.main_a')!.name = 'nat"]\n  evil --> x';
    model.vpc.name = 'subgraph end';
    const db = await parse(renderMermaid(layoutNetwork(model)));
    const labels = [...db.getVertices().values()].map((v) => decode(v.text));
    expect(labels.some((l) => l.includes('a "quoted" #1 <b>|x|</b> [y] {z} `md` end'))).toBe(true);
    expect(labels.some((l) => l.includes('nat"]   evil --> x'))).toBe(true);
    expect([...db.getVertices().keys()]).not.toContain('evil');
    expect(mermaidText('#"&<>`|')).toBe('#35;#quot;#amp;#lt;#gt;#96;#124;');
  });
});

describe('renderSvg, parsed as XML and rendered', () => {
  const render = (svg: string) => {
    const image = new Resvg(svg, { background: 'white', font: { loadSystemFonts: true } }).render();
    const pixels = image.pixels;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) ink++;
    return { width: image.width, height: image.height, ink, png: image.asPng() };
  };

  it.each([
    { nat: 'single', azs: 'a,c' },
    { nat: 'per-az', azs: 'a,c,d', nacl: 'custom' },
    { nat: 'none', azs: 'a,c', needs: 'ecr-pull,logs', priority: 'availability' },
  ] as Answers[])('--nat $nat --azs $azs: valid XML naming every subnet and NAT; renders at its size, not blank', async (answers) => {
    const layout = await layoutOf(answers);
    const svg = renderSvg(layout);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as { svg: { width: string; height: string; text: (string | { '#text': string })[] } };
    const texts = doc.svg.text.map((t) => (typeof t === 'string' ? t : t['#text']));
    for (const s of subnets(layout)) expect(texts.some((t) => String(t).includes(s.label))).toBe(true);
    for (const n of layout.nats) expect(texts.some((t) => String(t).includes(n.label))).toBe(true);
    const image = render(svg);
    expect([image.width, image.height]).toEqual([Number(doc.svg.width), Number(doc.svg.height)]);
    expect(image.width).toBeGreaterThanOrEqual(layout.zones.length * 250);
    expect(image.png.subarray(1, 4).toString()).toBe('PNG');
    // Boxes, arrows and words: a good part of the picture is drawn on.
    expect(image.ink / (image.width * image.height)).toBeGreaterThan(0.02);
  });

  it('escapes names for XML: markup and characters XML cannot hold in a Name tag', async () => {
    const model = await modelOf({ nat: 'single' });
    model.subnets.get('aws_subnet.public_a')!.name = `<script>alert("x")</script> & 'q' \u0001`;
    const svg = renderSvg(layoutNetwork(model));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;');
    expect(render(svg).ink).toBeGreaterThan(0);
  });
});
