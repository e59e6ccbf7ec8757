/**
 * IPv4 CIDR arithmetic and the subnet layout net-wizard carves from the VPC CIDR.
 * Pure: no I/O.
 */

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parse a dotted-quad IPv4 address; undefined when malformed. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Format an unsigned 32-bit integer as a dotted quad. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Why a CIDR text is not a usable network block, or the block. */
export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; problem: string };

/** A CIDR text's address and prefix, host bits as they are written. */
function readCidr(text: string): { ok: true; address: number; prefix: number } | { ok: false; problem: string } {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match) return { ok: false, problem: 'is not of the form a.b.c.d/n' };
  const address = parseIpv4(match[1]!);
  if (address === undefined) return { ok: false, problem: `has a malformed address "${match[1]}"` };
  const prefix = Number(match[2]);
  if (prefix > 32) return { ok: false, problem: `has a prefix /${prefix} beyond /32` };
  return { ok: true, address, prefix };
}

/** Parse `a.b.c.d/n`, refusing host bits set (AWS rejects them). */
export function parseCidr(text: string): CidrParse {
  const read = readCidr(text);
  if (!read.ok) return read;
  const { address: base, prefix } = read;
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) {
    const network = base - (base % size);
    return { ok: false, problem: `has host bits set (the network of this block is ${formatIpv4(network)}/${prefix})` };
  }
  return { ok: true, cidr: { base, prefix } };
}

/** The block a CIDR text names, host bits cleared (as AWS reads a rule's or a route's CIDR); undefined when malformed. */
export function cidrBlock(text: string): Cidr | undefined {
  const read = readCidr(text);
  if (!read.ok) return undefined;
  const size = 2 ** (32 - read.prefix);
  return { base: read.address - (read.address % size), prefix: read.prefix };
}

/** Format a CIDR block. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`;
}

/** Number of addresses in the block. */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** Whether block `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + cidrSize(inner) <= outer.base + cidrSize(outer);
}

/** Whether two blocks share any address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

/** The `index`-th block of prefix `parent.prefix + newBits` inside `parent` (like terraform's cidrsubnet). */
export function cidrSubnet(parent: Cidr, newBits: number, index: number): Cidr {
  const prefix = parent.prefix + newBits;
  if (prefix > 32) throw new RangeError(`cannot extend /${parent.prefix} by ${newBits} bits`);
  if (index < 0 || index >= 2 ** newBits) throw new RangeError(`index ${index} out of range for ${newBits} new bits`);
  return { base: parent.base + index * 2 ** (32 - prefix), prefix };
}

/** The private address ranges a VPC should use (RFC 1918, plus the shared range AWS accepts). */
export const PRIVATE_RANGES: readonly { cidr: Cidr; text: string }[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(
  (text) => ({ text, cidr: (parseCidr(text) as { ok: true; cidr: Cidr }).cidr }),
);

/** AWS limits for VPC and subnet blocks. */
export const VPC_PREFIX_MIN = 16;
export const VPC_PREFIX_MAX = 28;
export const SUBNET_PREFIX_MAX = 28;

/** How many equal slots the VPC is cut into: half for public subnets, half for private. */
export const LAYOUT_SLOTS_BITS = 4;

/** A subnet's tier: public (a route to the internet gateway) or private. */
export type Tier = 'public' | 'private';

/** One subnet of the layout. */
export interface CarvedSubnet {
  tier: Tier;
  azIndex: number;
  cidr: string;
}

/** The result of carving: subnets, or why it cannot be done. */
export type Carving = { ok: true; newBits: number; subnets: CarvedSubnet[] } | { ok: false; problem: string };

/**
 * Carve one public and one private subnet per AZ from the VPC block.
 *
 * Layout (deterministic, documented in the README): the VPC is cut into 16 equal slots
 * (4 more prefix bits, so a /16 gives /20 subnets of 4,096 addresses). Public subnets take
 * slots 0, 1, 2… in AZ order; private subnets take slots 8, 9, 10…, the upper half. When the
 * VPC is too small for 16 slots of at least /28, it is cut into as many as fit (never smaller
 * than /28, AWS's minimum), still public in the lower half and private in the upper half.
 */
export function carveSubnets(vpc: Cidr, azCount: number): Carving {
  const newBits = Math.min(LAYOUT_SLOTS_BITS, SUBNET_PREFIX_MAX - vpc.prefix);
  const half = newBits > 0 ? 2 ** (newBits - 1) : 0;
  if (azCount > half) {
    const needBits = Math.ceil(Math.log2(Math.max(2, azCount))) + 1;
    const widest = SUBNET_PREFIX_MAX - needBits;
    return {
      ok: false,
      problem: `/${vpc.prefix} is too small for ${azCount} AZs: each AZ needs a public and a private subnet of at least /${SUBNET_PREFIX_MAX}; use /${widest} or larger`,
    };
  }
  const subnets: CarvedSubnet[] = [];
  for (let i = 0; i < azCount; i++) subnets.push({ tier: 'public', azIndex: i, cidr: formatCidr(cidrSubnet(vpc, newBits, i)) });
  for (let i = 0; i < azCount; i++) subnets.push({ tier: 'private', azIndex: i, cidr: formatCidr(cidrSubnet(vpc, newBits, half + i)) });
  return { ok: true, newBits, subnets };
}
