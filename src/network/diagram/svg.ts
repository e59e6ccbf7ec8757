/**
 * The network as a standalone SVG image: the internet and its gateway above the VPC, one column
 * per AZ with its subnets in tiers (public green, private blue, aligned across the AZs) and the
 * same words as the text diagram, then the NAT Gateways, endpoints and NACLs as lines and the
 * security group chain as boxes with the ports on its arrows. Valid XML: every text is escaped,
 * and characters XML cannot hold are dropped. Text is laid out at an estimated width per
 * character (no font metrics without a renderer). Pure.
 */
import { chainTitle, type DiagramLayout } from './layout.js';
import { subnetLines } from './text.js';

const MARGIN = 16;
const COLUMN = 250;
const GAP = 16;
const LINE = 16;
const FONT = 12;
/** An estimate of one character's width at FONT px, generous so that text stays in its box. */
const CHAR = 7.2;
const PAD = 8;

/** Text for an XML text node or attribute. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Lines of at most `chars` characters, broken at spaces, and inside words that are longer. */
function wrapChars(text: string, chars: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const pieces = word.match(new RegExp(`.{1,${Math.max(1, chars)}}`, 'gu')) ?? [word];
    for (const piece of pieces) {
      if (current === '') current = piece;
      else if (current.length + 1 + piece.length <= chars) current += ` ${piece}`;
      else {
        lines.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') lines.push(current);
  return lines.length > 0 ? lines : [''];
}

const FILL = { public: '#e8f5e9', private: '#e3f2fd' } as const;
const STROKE = { public: '#2e7d32', private: '#1565c0' } as const;

/** The network as an SVG document. */
export function renderSvg(layout: DiagramLayout): string {
  const body: string[] = [];
  const text = (x: number, y: number, content: string, attrs = '') => body.push(`<text x="${x}" y="${y}"${attrs}>${xmlText(content)}</text>`);
  const rect = (x: number, y: number, w: number, h: number, attrs: string) => body.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" ${attrs}/>`);
  const arrow = (x1: number, y1: number, x2: number, y2: number, attrs = '') => body.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#555" stroke-width="1.5" marker-end="url(#arrow)"${attrs}/>`);

  const zones = layout.zones;
  const columns = Math.max(1, zones.length);
  const chars = Math.floor((COLUMN - 2 * PAD - 8) / CHAR);
  const vpcWidth = columns * COLUMN + (columns - 1) * GAP + 2 * PAD;

  // The security group chain, laid out first: it may be wider than the VPC.
  const { groups, links } = layout.chain;
  const main = links.filter((l) => l.to !== 'endpoints');
  const chainNodes = main.length > 0 ? [main[0]!.from, ...main.map((l) => l.to)] : [];
  const nodeTitle = (role: string) => (role === 'internet' ? 'internet' : chainTitle(groups.find((g) => g.role === role)!));
  const nodeLines = (role: string): string[] => {
    const g = groups.find((x) => x.role === role);
    const words = role === 'internet' || !g ? ['internet'] : [g.title, g.group ?? '(no security group found)'];
    return words.flatMap((w) => wrapChars(w, 30));
  };
  const nodeWidth = (role: string) => Math.max(80, Math.ceil(Math.max(...nodeLines(role).map((l) => l.length)) * CHAR) + 2 * PAD);
  const arrowWidth = (ports: string) => Math.max(70, Math.ceil((ports || 'nothing').length * CHAR) + 16);
  const chainWidth = chainNodes.reduce((w, role) => w + nodeWidth(role), 0) + main.reduce((w, l) => w + arrowWidth(l.ports), 0);

  const width = Math.max(vpcWidth, chainWidth, 480) + 2 * MARGIN;
  let y = MARGIN;

  // The VPC's title, the internet and the internet gateway.
  text(MARGIN, y + FONT, `VPC ${layout.vpc.label} ${layout.vpc.cidrs.join(', ')}`, ' font-weight="bold" font-size="14"');
  y += 28;
  const centre = MARGIN + vpcWidth / 2;
  body.push(`<ellipse cx="${centre}" cy="${y + 14}" rx="50" ry="14" fill="#fff8e1" stroke="#f9a825"/>`);
  text(centre, y + 18, 'internet', ' text-anchor="middle"');
  y += 28;
  const igws = layout.internetGateways.filter((g) => g.attached);
  if (igws.length > 0) {
    arrow(centre, y, centre, y + 16);
    y += 18;
    const label = `${igws.map((g) => g.label).join(', ')} (internet gateway)`;
    const w = Math.min(vpcWidth, Math.ceil(label.length * CHAR) + 2 * PAD);
    rect(centre - w / 2, y, w, 24, 'rx="12" fill="#fff8e1" stroke="#f9a825"');
    text(centre, y + 16, label, ' text-anchor="middle"');
    y += 24;
    arrow(centre, y, centre, y + 16);
    y += 18;
  } else {
    text(centre, y + 14, 'no internet gateway', ' text-anchor="middle" fill="#b71c1c"');
    y += 22;
  }

  // The VPC with its AZ columns, tiers aligned.
  const wrapped = zones.map((z) => z.subnets.map((s) => subnetLines(s).flatMap((l) => wrapChars(l, chars))));
  const sections = Math.max(1, ...zones.map((z) => z.subnets.length));
  const heights = Array.from({ length: sections }, (_, i) => Math.max(1, ...wrapped.map((w) => w[i]?.length ?? 0)) * LINE + 2 * PAD);
  const columnHeight = 28 + heights.reduce((a, h) => a + h + PAD, 0);
  const vpcTop = y;
  const vpcHeight = columnHeight + 2 * PAD;
  rect(MARGIN, vpcTop, vpcWidth, vpcHeight, 'rx="6" fill="none" stroke="#616161" stroke-dasharray="6 3"');
  zones.forEach((zone, zi) => {
    const x = MARGIN + PAD + zi * (COLUMN + GAP);
    const top = vpcTop + PAD;
    rect(x, top, COLUMN, columnHeight, 'rx="4" fill="#fafafa" stroke="#9e9e9e"');
    text(x + PAD, top + 18, zone.az, ' font-weight="bold"');
    let sy = top + 28;
    zone.subnets.forEach((s, si) => {
      const h = heights[si]!;
      rect(x + 4, sy, COLUMN - 8, h, `rx="3" fill="${FILL[s.tier]}" stroke="${STROKE[s.tier]}"${s.inApp ? '' : ' stroke-dasharray="4 2"'}`);
      wrapped[zi]![si]!.forEach((l, li) => text(x + 4 + PAD, sy + PAD + FONT + li * LINE, l, li === 0 ? ' font-weight="bold"' : ''));
      sy += h + PAD;
    });
  });
  y = vpcTop + vpcHeight + 20;

  // NAT Gateways, endpoints and NACLs, as lines.
  const lines = (title: string, items: string[]) => {
    if (items.length === 0) return;
    text(MARGIN, y + FONT, title, ' font-weight="bold"');
    y += LINE + 2;
    for (const item of items) {
      for (const l of wrapChars(item, Math.floor((width - 2 * MARGIN - 16) / CHAR))) {
        text(MARGIN + 16, y + FONT, l);
        y += LINE;
      }
    }
    y += 8;
  };
  lines('NAT Gateways', layout.nats.length === 0 ? ['none'] : layout.nats.map((n) => `${n.label} in ${n.subnetLabel ?? 'no subnet'}${n.eips.length ? `, EIP ${n.eips.join(', ')}` : ''}; used by ${n.usedBy.map((t) => t.label).join(', ') || 'no route table'}`));
  lines('Endpoints', layout.endpoints.map((e) => `${e.service} (${e.type})${e.where.length ? `${e.type === 'gateway' ? ' on' : ' in'} ${e.where.join(', ')}` : ''}`));
  lines('NACLs', layout.nacls.filter((n) => n.subnets.length > 0 || !n.isDefault).map((n) => `${n.label}, ${n.inbound} in / ${n.outbound} out: ${n.subnets.join(', ') || 'no subnet'}`));

  // The security group chain: boxes, and the ports on the arrows between them.
  if (chainNodes.length > 0) {
    text(MARGIN, y + FONT, 'Security groups', ' font-weight="bold"');
    y += LINE + 8;
    let x = MARGIN;
    const boxHeight = Math.max(...chainNodes.map((role) => nodeLines(role).length)) * LINE + 2 * PAD;
    chainNodes.forEach((role, i) => {
      const w = nodeWidth(role);
      const titleLines = nodeLines(role);
      rect(x, y, w, boxHeight, `rx="4" fill="${role === 'internet' ? '#fff8e1' : '#f3e5f5'}" stroke="${role === 'internet' ? '#f9a825' : '#6a1b9a'}"`);
      titleLines.forEach((l, li) => text(x + w / 2, y + PAD + FONT + li * LINE, l, ' text-anchor="middle"'));
      x += w;
      const link = main[i];
      if (link) {
        const aw = arrowWidth(link.ports);
        arrow(x + 2, y + boxHeight / 2, x + aw - 4, y + boxHeight / 2, link.ports ? '' : ' stroke-dasharray="4 2"');
        text(x + aw / 2, y + boxHeight / 2 - 6, link.ports || 'nothing', ' text-anchor="middle" font-size="11"');
        x += aw;
      }
    });
    y += boxHeight + 8;
    for (const l of links.filter((k) => k.to === 'endpoints')) {
      text(MARGIN, y + FONT, `${nodeTitle(l.from)} → ${nodeTitle(l.to)}: ${l.ports || 'nothing'}`);
      y += LINE;
    }
  }
  const height = Math.ceil(y + MARGIN);
  const w = Math.ceil(width);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" font-family="Helvetica, Arial, DejaVu Sans, sans-serif" font-size="${FONT}">`,
    `<title>${xmlText(`${layout.vpc.label}: the network`)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>`,
    `<rect x="0" y="0" width="${w}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
