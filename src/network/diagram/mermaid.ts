/**
 * The network as a Mermaid flowchart, for a README or a pull request: `flowchart TB`, the VPC a
 * subgraph with one subgraph per AZ holding its subnets and NAT Gateways (each named by its AWS
 * name, with its CIDR), the internet gateway and the internet above, each subnet's 0.0.0.0/0 an
 * edge to where it goes, the endpoints, and the security group chain with its ports on the edges.
 * Node ids are made here (letters, digits, underscores); every label is quoted and escaped with
 * Mermaid's entity codes, so no name can break the chart. Pure.
 */
import { chainTitle, type DiagramLayout } from './layout.js';

/** A label inside `"…"`: Mermaid's entity codes for what would end the string or read as markup. */
export function mermaidText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\|/g, '#124;');
}

/** A quoted label of several lines. */
const label = (...lines: string[]) => `"${lines.filter((l) => l !== '').map(mermaidText).join('<br/>')}"`;

/** Node ids: a prefix of their kind and the model's id (without its terraform type) with anything but letters and digits made `_`, unique. */
function idMaker(): (kind: string, id: string) => string {
  const given = new Map<string, string>();
  const used = new Set<string>();
  return (kind, id) => {
    const key = `${kind}\u0000${id}`;
    const known = given.get(key);
    if (known) return known;
    const base = `${kind}_${id.replace(/^aws_[a-z0-9_]+\./, '').replace(/[^A-Za-z0-9]+/g, '_')}`.replace(/_+$/, '');
    let made = base;
    for (let n = 2; used.has(made); n++) made = `${base}_${n}`;
    used.add(made);
    given.set(key, made);
    return made;
  };
}

/** The network as Mermaid flowchart text. */
export function renderMermaid(layout: DiagramLayout): string {
  const id = idMaker();
  const out: string[] = ['flowchart TB'];
  const line = (depth: number, text: string) => out.push(`${'  '.repeat(depth)}${text}`);
  const internet = 'internet';
  line(1, `${internet}(("internet"))`);
  for (const g of layout.internetGateways) {
    line(1, `${id('igw', g.id)}(["${mermaidText(g.label)}<br/>internet gateway"])`);
    if (g.attached) line(1, `${internet} <--> ${id('igw', g.id)}`);
  }
  line(1, `subgraph ${id('vpc', layout.vpc.id)}[${label(`VPC ${layout.vpc.label}`, layout.vpc.cidrs.join(', '))}]`);
  line(2, 'direction TB');
  for (const zone of layout.zones) {
    line(2, `subgraph ${id('az', zone.az)}[${label(zone.az)}]`);
    line(3, 'direction TB');
    for (const s of zone.subnets) {
      const runs = s.workloads.map((w) => ({ alb: 'ALB', ecs: 'ECS tasks', rds: 'RDS' })[w]).join(', ');
      line(3, `${id('subnet', s.id)}[${label(`${s.tier} subnet${s.inApp ? '' : ' (not used)'}`, s.label, s.cidr, runs, s.nacl.custom ? `NACL ${s.nacl.label}` : '')}]`);
      for (const nat of layout.nats.filter((n) => n.subnet === s.id)) {
        line(3, `${id('nat', nat.id)}{{${label(nat.label, nat.public ? 'NAT Gateway' : 'private NAT Gateway', nat.eips.join(', '))}}}`);
      }
    }
    line(2, 'end');
  }
  // NAT Gateways whose subnet is not in the model stay inside the VPC, outside any AZ.
  for (const nat of layout.nats.filter((n) => !layout.zones.some((z) => z.subnets.some((s) => s.id === n.subnet)))) {
    line(2, `${id('nat', nat.id)}{{${label(nat.label, 'NAT Gateway')}}}`);
  }
  for (const e of layout.endpoints) line(2, `${id('endpoint', e.id)}[(${label(e.label === e.id ? e.service : e.label, `${e.service} ${e.type} endpoint`)})]`);
  line(1, 'end');

  // Each subnet's way out, named by its route table.
  const known = new Set(layout.internetGateways.map((g) => g.id));
  const others = new Set<string>();
  for (const s of layout.zones.flatMap((z) => z.subnets)) {
    const via = `"${mermaidText(`0.0.0.0/0 (${s.routeTable.label})`)}"`;
    if (s.exit.kind === 'igw' && s.exit.target && known.has(s.exit.target)) line(1, `${id('subnet', s.id)} -->|${via}| ${id('igw', s.exit.target)}`);
    else if (s.exit.kind === 'nat' && s.exit.target && layout.nats.some((n) => n.id === s.exit.target)) line(1, `${id('subnet', s.id)} -->|${via}| ${id('nat', s.exit.target)}`);
    else if (s.exit.kind !== 'none' && s.exit.target) {
      // Another target (a network interface, a peering, a transit gateway): a node of its own, declared once.
      if (!others.has(s.exit.target)) line(1, `${id('target', s.exit.target)}[${label(s.exit.label ?? s.exit.target)}]`);
      others.add(s.exit.target);
      line(1, `${id('subnet', s.id)} -->|${via}| ${id('target', s.exit.target)}`);
    }
  }
  // A NAT Gateway goes out through its subnet's route (the internet gateway).
  for (const nat of layout.nats) {
    const subnet = layout.zones.flatMap((z) => z.subnets).find((s) => s.id === nat.subnet);
    if (subnet?.exit.kind === 'igw' && subnet.exit.target && known.has(subnet.exit.target)) line(1, `${id('nat', nat.id)} --> ${id('igw', subnet.exit.target)}`);
  }
  for (const e of layout.endpoints) {
    const users = layout.zones.flatMap((z) => z.subnets).filter((s) => (e.type === 'gateway' ? e.where.includes(s.routeTable.label) : e.where.includes(s.label)));
    for (const s of users) line(1, `${id('subnet', s.id)} -.-> ${id('endpoint', e.id)}`);
  }

  // The security group chain, ports on its edges.
  const { groups, links } = layout.chain;
  line(1, `subgraph security_groups[${label('security groups')}]`);
  line(2, 'direction LR');
  line(2, `sg_internet(("internet"))`);
  for (const g of groups) line(2, `${id('sg', g.role)}[${label(chainTitle(g))}]`);
  line(1, 'end');
  const node = (role: string) => (role === 'internet' ? 'sg_internet' : id('sg', role));
  for (const l of links) line(1, l.ports ? `${node(l.from)} -->|${label(l.ports)}| ${node(l.to)}` : `${node(l.from)} -.-x|${label('nothing')}| ${node(l.to)}`);
  return `${out.join('\n')}\n`;
}
