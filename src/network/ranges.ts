/**
 * Sets of IPv4 addresses and ports as sorted lists of closed intervals, and 2-D boxes (address ×
 * port) for rules that match both. Rules are evaluated over whole sets, not sample addresses, so
 * a rule that covers only part of the traffic is seen as such. Pure.
 */
import { cidrBlock, cidrSize, PRIVATE_RANGES } from '../core/cidr.js';

/** A closed range of integers: addresses (as unsigned 32-bit) or ports. */
export type Interval = readonly [number, number];
/** Remote addresses × destination ports. */
export interface Box {
  a: Interval;
  p: Interval;
}

const MAX_IP = 2 ** 32 - 1;
/** Every IPv4 address. */
export const ALL_ADDRESSES: Interval = [0, MAX_IP];
/** Every port. */
export const ALL_PORTS: Interval = [0, 65535];
/** The ports NAT Gateways, ELBs and clients pick as their side of a connection. */
export const EPHEMERAL: Interval = [1024, 65535];

/** The addresses of a CIDR block (host bits ignored, as AWS does); undefined when malformed. */
export function cidrRange(text: string): Interval | undefined {
  const block = cidrBlock(text);
  return block && [block.base, block.base + cidrSize(block) - 1];
}

/** The prefix length of a CIDR text (0 for 0.0.0.0/0; 32 when it is not a CIDR, e.g. a prefix list id). */
export function prefixLength(text: string): number {
  return cidrBlock(text)?.prefix ?? 32;
}

/** Whether two intervals share a value. */
export function overlaps(x: Interval, y: Interval): boolean {
  return x[0] <= y[1] && y[0] <= x[1];
}

/** Whether `inner` lies wholly inside `outer`. */
export function within(inner: Interval, outer: Interval): boolean {
  return inner[0] >= outer[0] && inner[1] <= outer[1];
}

/** The part of `x` outside `cut` (zero, one or two intervals). */
export function minus(x: Interval, cut: Interval): Interval[] {
  if (!overlaps(x, cut)) return [x];
  const out: Interval[] = [];
  if (x[0] < cut[0]) out.push([x[0], cut[0] - 1]);
  if (x[1] > cut[1]) out.push([cut[1] + 1, x[1]]);
  return out;
}

/** A set minus an interval. */
export function setMinus(set: readonly Interval[], cut: Interval): Interval[] {
  return set.flatMap((x) => minus(x, cut));
}

/** The part of a set inside an interval. */
export function setWithin(set: readonly Interval[], window: Interval): Interval[] {
  return set.flatMap((x) => (overlaps(x, window) ? [[Math.max(x[0], window[0]), Math.min(x[1], window[1])] as const] : []));
}

/** Number of values in a set. */
export function setSize(set: readonly Interval[]): number {
  return set.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
}

/** A box minus another: the pieces of `box` outside `cut`. */
export function boxMinus(box: Box, cut: Box): Box[] {
  if (!overlaps(box.a, cut.a) || !overlaps(box.p, cut.p)) return [box];
  const a: Interval = [Math.max(box.a[0], cut.a[0]), Math.min(box.a[1], cut.a[1])];
  return [...minus(box.a, cut.a).map((x) => ({ a: x, p: box.p })), ...minus(box.p, cut.p).map((p) => ({ a, p }))];
}

/** Whether two boxes share a point. */
export function boxOverlaps(x: Box, y: Box): boolean {
  return overlaps(x.a, y.a) && overlaps(x.p, y.p);
}

/** Merge touching or overlapping intervals, sorted. */
export function normalize(set: readonly Interval[]): Interval[] {
  const sorted = [...set].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Ports as text: `443`, `1024-65535`, `22, 80-90`. */
export function portsText(set: readonly Interval[]): string {
  return normalize(set)
    .map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`))
    .join(', ');
}

// Addresses that are never an internet host: private and shared ranges, "this network",
// loopback, link-local, multicast and reserved.
const NOT_INTERNET = [...PRIVATE_RANGES.map((r) => r.text), '0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/3'];

/** The public internet seen from a VPC: every address but the VPC's own and the non-public ranges. */
export function internetAddresses(vpcCidrs: readonly string[]): Interval[] {
  const cuts = [...NOT_INTERNET, ...vpcCidrs].map(cidrRange).filter((x): x is Interval => x !== undefined);
  return cuts.reduce<Interval[]>((set, cut) => setMinus(set, cut), [ALL_ADDRESSES]);
}
