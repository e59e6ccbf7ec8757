/**
 * The versions net-wizard needs, each stated once: the oldest terraform and OpenTofu (without and
 * with S3 native locking), the AWS provider line, and the major version of terraform's
 * machine-readable UI. The stack writes them as terraform constraints; the preflight and the
 * `-json` parser check them with the comparisons below. Pure.
 */

/** The oldest releases the generated configuration runs on (OpenTofu's first release is compatible). */
export const MIN_VERSION = { terraform: '1.5.0', tofu: '1.6.0' } as const;
/** With a state bucket: S3 native state locking (`use_lockfile`, no DynamoDB) came with terraform 1.10 and OpenTofu 1.10. */
export const MIN_VERSION_S3_LOCKFILE = { terraform: '1.10.0', tofu: '1.10.0' } as const;
/** The AWS provider versions the generated configuration accepts: 5.100 and the 6.x line. */
export const AWS_PROVIDER_CONSTRAINT = '>= 5.100.0, < 7.0.0';
/** The major version of terraform's machine-readable UI (`-json`) that the parser reads. */
export const UI_MAJOR = 1;

/** A minimum as terraform's `required_version` writes it: `>= 1.5.0`. */
export function atLeast(min: string): string {
  return `>= ${min}`;
}

/** Compare dotted versions (`v` and a pre-release or build suffix ignored): negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.replace(/^v/, '').split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Whether `version` is older than `min`. */
export function isOlder(version: string, min: string): boolean {
  return compareVersions(version, min) < 0;
}

/** The major version of a dotted version (`1.2` → 1); NaN when it does not start with a number. */
export function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}
