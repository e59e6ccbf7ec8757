/** Verification results, as the command-line contract prints them (`verification` in apply --json). */

/** One check: what was checked, whether it held, and, when not, expected vs found with the resource id. */
export interface Check {
  /** Stable id, e.g. `flow.internet-alb-443`, `sg.alb.ingress`, `nat.route.private-a`, `baseline.CKV2_AWS_12`. */
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  /** A flow check's flow, in the contract's words. */
  flow?: FlowRecord;
  /** A baseline finding's resources: AWS ids or terraform addresses (the failing ones, then the accepted ones). */
  resources?: string[];
}

/** Where a flow starts or ends, in the contract's words. */
export type FlowEnd = 'internet' | 'alb' | 'ecs' | 'rds' | 'private-subnets' | 'public-subnets' | `endpoint:${string}`;

/** One flow as scripts read it: from where to where, on what, what the network does and what was wanted (null: not asked either way). */
export interface FlowRecord {
  from: FlowEnd;
  to: FlowEnd;
  protocol: 'tcp' | 'udp';
  port: number;
  verdict: 'open' | 'blocked';
  wanted: 'open' | 'blocked' | null;
}
