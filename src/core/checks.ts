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

/** The groups checks are shown in: by the first word of their id. */
export type CheckGroup = 'preflight' | 'traffic' | 'live' | 'baseline';

const GROUP_OF: Record<string, CheckGroup> = { preflight: 'preflight', flow: 'traffic', live: 'live', baseline: 'baseline' };
const GROUP_WORDS: Record<CheckGroup, string> = { preflight: 'Preflight', traffic: 'Traffic', live: 'Live network', baseline: 'Baseline' };
const GROUP_ORDER: CheckGroup[] = ['preflight', 'traffic', 'live', 'baseline'];

/** The group of a check; a check of an unknown kind counts as a live one (what AWS holds). */
export function checkGroup(check: Check): CheckGroup {
  return GROUP_OF[check.id.split('.')[0]!] ?? 'live';
}

/** ✔ as asked, ✗ not as asked, · a flow not asked either way, – not checked here or an accepted exception. */
export function checkMark(check: Check): '✔' | '✗' | '·' | '–' {
  if (check.status === 'fail') return '✗';
  if (check.flow && check.flow.wanted === null) return '·';
  return check.status === 'pass' ? '✔' : '–';
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One group of checks as the screens show it: a line that sums it up, and the checks shown under it. */
export interface CheckSummary {
  group: CheckGroup;
  /** `Traffic 14/14 as asked`, `Live network 19/20 as asked`, `Baseline 2 findings, 5 accepted`. */
  line: string;
  /** Something needs the user's eye: a flow or live check not as asked, a baseline finding. */
  failed: boolean;
  /** The checks to list under the line: the failed ones (every one with `verbose`). */
  shown: Check[];
}

/**
 * Checks summed up by group, in the order preflight, traffic, live network, baseline: one line
 * each, with only what failed expanded (every check with `verbose`). Empty groups are left out.
 */
export function summarizeChecks(checks: Check[], verbose = false): CheckSummary[] {
  return GROUP_ORDER.flatMap((group) => {
    const mine = checks.filter((c) => checkGroup(c) === group);
    if (mine.length === 0) return [];
    const failed = mine.filter((c) => c.status === 'fail');
    const accepted = mine.filter((c) => c.status === 'skip').length;
    const line =
      group === 'baseline'
        ? `${GROUP_WORDS[group]} ${failed.length === 0 ? 'no findings' : count(failed.length, 'finding')}${accepted ? `, ${accepted} accepted` : ''}`
        : `${GROUP_WORDS[group]} ${mine.length - failed.length}/${mine.length} ${group === 'preflight' ? 'passed' : 'as asked'}`;
    return [{ group, line, failed: failed.length > 0, shown: verbose ? mine : failed }];
  });
}
