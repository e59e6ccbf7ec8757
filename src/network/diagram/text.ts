/**
 * The network drawn for a terminal: the VPC and its internet gateway, one box-drawn column per AZ
 * with its subnets in tiers (public above private, aligned across the AZs), each with its CIDR,
 * what runs in it, its route table and where 0.0.0.0/0 goes, its NACL when it has its own; then
 * the NAT Gateways, endpoints, NACLs and the security group chain as lines. Fits `width` columns
 * (80 holds two AZs, 120 three); narrower, the AZs go in fewer columns a row, down to one. Pure.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { chainTitle, type DiagramLayout, type Exit, type SubnetBox } from './layout.js';

/** The narrowest AZ column; below it the AZs go in fewer columns a row. */
const MIN_COLUMN = 30;
/** The widest: a wide terminal gets no wider boxes, only room beside them. */
const MAX_COLUMN = 48;
const GAP = 1;

/** Control characters of a Name tag would move the cursor or colour the screen: shown as `?`. */
export const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

const WORKLOADS: Record<SubnetBox['workloads'][number], string> = { alb: 'ALB', ecs: 'ECS tasks', rds: 'RDS' };

/** Where 0.0.0.0/0 goes, in words: `→ shop-dev-nat-a (in ap-northeast-1a)`, `no way out`. */
export function exitText(exit: Exit): string {
  const hole = exit.blackhole ? ' (blackhole)' : '';
  switch (exit.kind) {
    case 'none':
      return 'no route out';
    case 'igw':
      return `→ ${exit.label}${hole}`;
    case 'nat':
      // The column's heading names the AZ in full; `1a` says which other one.
      return `→ ${exit.label}${exit.crossAz ? ` (in ${exit.crossAz.replace(/^[a-z]+-[a-z]+-/, '')})` : ''}${hole}`;
    case 'eni':
      return `→ network interface ${exit.label}${hole}`;
    default:
      return `→ ${exit.label}${hole}`;
  }
}

/** The lines of one subnet, before wrapping (the SVG draws the same). */
export function subnetLines(s: SubnetBox): string[] {
  const runs = [...s.workloads.map((w) => WORKLOADS[w]), ...s.nats.map((n) => `NAT ${n}`)];
  return [
    `${s.tier} ${s.label}${s.inApp ? '' : ' (not used)'}`,
    s.cidr,
    ...(runs.length > 0 ? [runs.join(' · ')] : []),
    ...(s.endpoints.length > 0 ? [`endpoints ${s.endpoints.join(', ')}`] : []),
    `rt ${s.routeTable.label}${s.routeTable.main ? ' (main)' : ''}`,
    s.exit.kind === 'none' ? 'no 0.0.0.0/0 route' : `0.0.0.0/0 ${exitText(s.exit)}`,
    ...(s.nacl.custom ? [`NACL ${s.nacl.label}`] : []),
  ];
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - stringWidth(text)));
const wrap = (text: string, width: number) => wrapAnsi(printable(text), Math.max(1, width), { hard: true, trim: true }).split('\n');

/** One row of AZ columns, side by side, tiers aligned. */
function columns(zones: DiagramLayout['zones'], columnWidth: number): string[] {
  const inner = columnWidth - 4;
  const sections = Math.max(...zones.map((z) => z.subnets.length), 1);
  const wrapped = zones.map((z) => z.subnets.map((s) => subnetLines(s).flatMap((line) => wrap(line, inner))));
  const heights = Array.from({ length: sections }, (_, i) => Math.max(1, ...wrapped.map((w) => w[i]?.length ?? 0)));
  const column = (zoneIndex: number): string[] => {
    const zone = zones[zoneIndex]!;
    const title = wrap(zone.az, columnWidth - 5)[0]!;
    const lines = [`┌─ ${title} ${'─'.repeat(Math.max(0, columnWidth - 5 - stringWidth(title)))}┐`];
    heights.forEach((height, i) => {
      if (i > 0) lines.push(`├${'─'.repeat(columnWidth - 2)}┤`);
      const body = wrapped[zoneIndex]![i] ?? [];
      for (let k = 0; k < height; k++) lines.push(`│ ${pad(body[k] ?? '', inner)} │`);
    });
    lines.push(`└${'─'.repeat(columnWidth - 2)}┘`);
    return lines;
  };
  const drawn = zones.map((_, i) => column(i));
  return drawn[0]!.map((_, row) => drawn.map((c) => c[row]).join(' '.repeat(GAP)).trimEnd());
}

/** A heading and its items, each wrapped under itself. */
function section(title: string, items: string[], width: number): string[] {
  if (items.length === 0) return [];
  return [title, ...items.flatMap((item) => wrap(item, width - 4).map((line, i) => (i === 0 ? `  ${line}` : `    ${line}`)))];
}

/** The network as text for a terminal of `width` columns. @default width 80 */
export function renderText(layout: DiagramLayout, width = 80): string {
  const w = Math.max(20, width);
  const lines: string[] = [];
  lines.push(...wrap(`VPC ${layout.vpc.label} ${layout.vpc.cidrs.join(', ')}`, w));
  const igws = layout.internetGateways.filter((g) => g.attached);
  lines.push(...wrap(igws.length > 0 ? `internet ⇅ ${igws.map((g) => g.label).join(', ')} (internet gateway)` : 'no internet gateway: nothing reaches the internet', w));

  const zones = layout.zones;
  if (zones.length > 0) {
    const perRow = Math.max(1, Math.min(zones.length, Math.floor((w + GAP) / (MIN_COLUMN + GAP))));
    const columnWidth = Math.min(MAX_COLUMN, Math.max(12, Math.floor((w - (perRow - 1) * GAP) / perRow)));
    for (let i = 0; i < zones.length; i += perRow) lines.push(...columns(zones.slice(i, i + perRow), columnWidth));
  }

  lines.push(
    ...section(
      'NAT Gateways',
      layout.nats.map((n) => {
        const where = n.subnetLabel ? ` in ${n.subnetLabel}${n.az ? ` (${n.az})` : ''}` : '';
        const eips = n.eips.length > 0 ? `, EIP ${n.eips.join(', ')}` : '';
        const used = n.usedBy.length > 0 ? `; used by ${n.usedBy.map((t) => t.label).join(', ')}` : '; no route table uses it';
        return `${n.label}${n.public ? '' : ' (private NAT)'}${where}${eips}${used}`;
      }),
      w,
    ),
  );
  if (layout.nats.length === 0) lines.push('NAT Gateways: none');
  lines.push(
    ...section(
      'Endpoints',
      layout.endpoints.map((e) => {
        const where = e.where.length === 0 ? '' : e.type === 'gateway' ? ` on ${e.where.join(', ')}` : ` in ${e.where.join(', ')}`;
        const sgs = e.securityGroups.length > 0 ? `; SG ${e.securityGroups.join(', ')}` : '';
        return `${e.service} (${e.type})${where}${sgs}`;
      }),
      w,
    ),
  );
  lines.push(
    ...section(
      'NACLs',
      layout.nacls.filter((n) => n.subnets.length > 0 || !n.isDefault).map((n) => `${n.label}${n.isDefault && !n.implicit ? ' (the VPC default)' : ''}, ${n.inbound} in / ${n.outbound} out: ${n.subnets.join(', ') || 'no subnet'}`),
      w,
    ),
  );
  const { groups, links } = layout.chain;
  const title = (role: string) => (role === 'internet' ? 'internet' : chainTitle(groups.find((g) => g.role === role)!));
  const arrow = (ports: string) => ` ─${ports || 'nothing'}→ `;
  const main = links.filter((l) => l.to !== 'endpoints');
  const chain = main.length > 0 ? [title(main[0]!.from) + main.map((l) => `${arrow(l.ports)}${title(l.to)}`).join('')] : [];
  const side = links.filter((l) => l.to === 'endpoints').map((l) => `${title(l.from)}${arrow(l.ports)}${title(l.to)}`);
  lines.push(...section('Security groups', [...chain, ...side], w));
  if (layout.notes.length > 0) lines.push(...section('Not drawn (could not be read)', layout.notes, w));
  return `${lines.join('\n')}\n`;
}
