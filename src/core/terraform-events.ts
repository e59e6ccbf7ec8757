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
  /** Resources taken into the state with import blocks (present only when there are). */
  import?: number;
}

/** A plan's counts in words, as terraform says them: `3 to import, 1 to add, 7 to change, 0 to destroy`. */
export function planCounts(s: ChangeSummary): string {
  return `${s.import ? `${s.import} to import, ` : ''}${s.add} to add, ${s.change} to change, ${s.destroy} to destroy`;
}

export type TerraformEvent =
  | { type: 'version'; terraform: string; ui: string }
  | { type: 'log'; level: string; message: string }
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  /** `importing`: the id an import block takes the resource in by, before the action (if any) is done to it. */
  | { type: 'planned_change'; address: string; action: ResourceAction; resourceType: string; importing?: string }
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
