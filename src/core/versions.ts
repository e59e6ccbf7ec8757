/**
 * The versions net-wizard needs, each stated once: the oldest terraform and OpenTofu (without and
 * with S3 native locking), the AWS provider line, and the major version of terraform's
 * machine-readable UI. The stack writes them as terraform constraints; the preflight and the
 * `-json` parser check them with semver. Pure.
 */
import semver from 'semver';

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

/** The release a version text names (`v1.6.0-beta1` → 1.6.0: pre-release and build ignored); null when there is none. */
const release = (version: string) => semver.coerce(version);

/** Compare versions (`v` and a pre-release or build suffix ignored): negative when a < b. */
export function compareVersions(a: string, b: string): number {
  return semver.compare(release(a) ?? '0.0.0', release(b) ?? '0.0.0');
}

/** Whether `version` is older than `min` (a version that names no release is). */
export function isOlder(version: string, min: string): boolean {
  const v = release(version);
  return v === null || semver.lt(v, min);
}

/** The major version of a version text (`1.2` → 1); NaN when it names none. */
export function majorOf(version: string): number {
  return release(version)?.major ?? Number.NaN;
}
