/** Verification results, as the command-line contract prints them (`verification` in apply --json). */

/** One check: what was checked, whether it held, and, when not, expected vs found with the resource id. */
export interface Check {
  /** Stable id, e.g. `flow.internet-alb-443`, `sg.alb.ingress`, `nat.route.private-a`, `baseline.CKV2_AWS_12`. */
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}
