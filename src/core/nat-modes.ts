/**
 * The NAT vocabulary, from the flag to the resource, defined once: the NAT topologies the stack
 * can build, the `--nat` modes (a topology, or `auto`: take the advice), and the advisor's ways
 * out (a topology, or a way that needs no NAT Gateway). Pure.
 */

/** How many NAT Gateways a network has: none, one for the VPC, or one per AZ. */
export const NAT_TOPOLOGIES = ['none', 'single', 'per-az'] as const;
/** The NAT topology of a network (terraform-aws-vpc: enable_nat_gateway, single_nat_gateway, one_nat_gateway_per_az). */
export type NatTopology = (typeof NAT_TOPOLOGIES)[number];

/** Each NAT topology in words, for the `--nat` choices and the advisor's options. */
export const NAT_TOPOLOGY_WORDS: Readonly<Record<NatTopology, string>> = {
  none: 'no NAT Gateway',
  single: 'one NAT Gateway for the VPC',
  'per-az': 'one NAT Gateway per AZ',
};

/** The `--nat` answers: `auto` takes the advice, a topology forces it. */
export const NAT_MODES = ['auto', ...NAT_TOPOLOGIES] as const;
/** How private subnets reach the internet: decided from the needs (`auto`), or forced. */
export type NatMode = (typeof NAT_MODES)[number];

/** Each `--nat` answer as its choice reads: `single: one NAT Gateway for the VPC`. */
export function natModeLabel(mode: NatMode): string {
  return `${mode}: ${mode === 'auto' ? 'take the advice' : NAT_TOPOLOGY_WORDS[mode]}`;
}

/** Ways out that need no NAT Gateway: VPC endpoints, or tasks in public subnets with public IPs. */
export const NAT_FREE_WAYS = ['endpoints', 'public-subnets'] as const;
/**
 * The NAT instance: one small EC2 instance doing NAT for the VPC (the fck-nat pattern). The
 * advice prices it beside the NAT Gateways; it recommends it only once `instance` is a NAT
 * topology the stack builds (natInstanceBuildable).
 */
export const NAT_INSTANCE = 'instance' as const;

/** The ways a private network can reach what it needs: a NAT topology, the NAT instance, or a way without NAT. */
export type EgressOption = NatTopology | (typeof NAT_FREE_WAYS)[number] | typeof NAT_INSTANCE;

/** Whether the stack can build the NAT instance (`--nat instance`); until then the advice only prices it. */
export function natInstanceBuildable(): boolean {
  return (NAT_TOPOLOGIES as readonly string[]).includes(NAT_INSTANCE);
}

/** Whether a `--nat` mode or a way out is a NAT topology. */
export function isNatTopology(value: string): value is NatTopology {
  return (NAT_TOPOLOGIES as readonly string[]).includes(value);
}

/** The NAT topology a way out builds: the ways without NAT build none. */
export function natTopologyOf(egress: EgressOption): NatTopology {
  return isNatTopology(egress) ? egress : 'none';
}

/** The AZs that host a NAT Gateway: none, the first, or every one. */
export function natGatewayAzs(topology: NatTopology, azs: readonly string[]): string[] {
  return topology === 'none' ? [] : topology === 'single' ? azs.slice(0, 1) : [...azs];
}
