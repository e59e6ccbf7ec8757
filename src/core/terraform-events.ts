/**
 * Typed events turned out of terraform's machine-readable UI (`-json`).
 * The runner yields these; front-ends (Ink, plain lines, JSON) only render them.
 */

/** What terraform does to one resource. */
export type ResourceAction = 'create' | 'read' | 'update' | 'replace' | 'delete' | 'noop' | 'move' | 'import' | 'forget';

/** A diagnostic as terraform printed it; `address` is the resource it is about, when terraform says. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
  address?: string;
}

/** Counts of a plan or an apply. */
export interface ChangeSummary {
  add: number;
  change: number;
  destroy: number;
}

export type TerraformEvent =
  | { type: 'version'; terraform: string; ui: string }
  | { type: 'log'; level: string; message: string }
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  | { type: 'planned_change'; address: string; action: ResourceAction; resourceType: string }
  | { type: 'change_summary'; operation: 'plan' | 'apply' | 'destroy'; summary: ChangeSummary }
  | { type: 'resource_started'; address: string; action: ResourceAction; resourceType: string }
  | { type: 'resource_progress'; address: string; action: ResourceAction; elapsedSeconds: number }
  | { type: 'resource_complete'; address: string; action: ResourceAction; elapsedSeconds: number; id?: string }
  | { type: 'resource_errored'; address: string; action: ResourceAction; elapsedSeconds: number }
  | { type: 'outputs'; outputs: Record<string, { value: unknown; sensitive: boolean }> }
  /** Terraform found a change made outside of it (seen during plan's refresh). */
  | { type: 'resource_drift'; address: string; action: ResourceAction; resourceType: string }
  | { type: 'refresh_started'; address: string; id?: string }
  | { type: 'refresh_complete'; address: string; id?: string };
