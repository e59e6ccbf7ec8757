/**
 * What happens during a run, as events, and the state they add up to. Every front-end (plain
 * lines, JSON, the Ink wizard) reads this one state; the engine only emits events. Pure.
 */
import type { ChangeSummary, ResourceAction, TerraformEvent } from './terraform-events.js';
import type { Check } from './checks.js';

/** The steps of a run, in order. */
export type Step = 'attach' | 'audit' | 'preflight' | 'synth' | 'init' | 'plan' | 'apply' | 'outputs' | 'destroy' | 'verify';

export type RunEvent =
  | { type: 'step_started'; step: Step; at: number }
  | { type: 'step_finished'; step: Step; at: number; detail?: string }
  | { type: 'step_failed'; step: Step; at: number; message: string }
  | { type: 'terraform'; event: TerraformEvent; at: number }
  | { type: 'notice'; level: 'info' | 'warning'; text: string; at: number }
  /** Verification results: static flows, security baseline, or the live network. */
  | { type: 'checks'; kind: 'preflight' | 'static' | 'baseline' | 'live'; checks: Check[]; at: number };

/** Where one resource is in an apply or destroy. */
export interface ResourceState {
  address: string;
  action: ResourceAction;
  status: 'planned' | 'running' | 'done' | 'failed';
  startedAt?: number;
  elapsedSeconds?: number;
  id?: string;
}

/** The state of a run, built by `reduceRun` from its events. */
export interface RunState {
  steps: Partial<Record<Step, { status: 'running' | 'done' | 'failed'; startedAt: number; finishedAt?: number; detail?: string }>>;
  plan?: ChangeSummary;
  applied?: ChangeSummary;
  /** Resources in the order terraform first mentioned them. */
  resources: ResourceState[];
  /** Addresses of finished (done or failed) resources, in the order they finished: only ever appended to. */
  finished: string[];
  errors: string[];
  warnings: string[];
  checks: Partial<Record<'preflight' | 'static' | 'baseline' | 'live', Check[]>>;
}

/** The state before any event. */
export function initialRunState(): RunState {
  return { steps: {}, resources: [], finished: [], errors: [], warnings: [], checks: {} };
}

/** Fold one event into the state (returns a new state; the old one is not changed). */
export function reduceRun(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'step_started':
      return { ...state, steps: { ...state.steps, [event.step]: { status: 'running', startedAt: event.at } } };
    case 'step_finished':
    case 'step_failed': {
      const previous = state.steps[event.step];
      const status = event.type === 'step_finished' ? 'done' : 'failed';
      const detail = event.type === 'step_finished' ? event.detail : event.message;
      const steps = { ...state.steps, [event.step]: { status, startedAt: previous?.startedAt ?? event.at, finishedAt: event.at, detail } };
      return event.type === 'step_failed' ? { ...state, steps, errors: [...state.errors, event.message] } : { ...state, steps };
    }
    case 'notice':
      return event.level === 'warning' ? { ...state, warnings: [...state.warnings, event.text] } : state;
    case 'checks':
      return { ...state, checks: { ...state.checks, [event.kind]: event.checks } };
    case 'terraform':
      return reduceTerraform(state, event.event, event.at);
  }
}

function reduceTerraform(state: RunState, event: TerraformEvent, at: number): RunState {
  const upsert = (address: string, change: Partial<ResourceState> & { action?: ResourceAction }): RunState => {
    const index = state.resources.findIndex((r) => r.address === address);
    const resources = [...state.resources];
    if (index === -1) resources.push({ address, action: change.action ?? 'noop', status: 'planned', ...change });
    else resources[index] = { ...resources[index]!, ...change };
    return { ...state, resources };
  };
  switch (event.type) {
    case 'planned_change':
      return upsert(event.address, { action: event.action, status: 'planned' });
    case 'change_summary':
      return event.operation === 'plan' ? { ...state, plan: event.summary } : { ...state, applied: event.summary };
    case 'resource_started':
      return upsert(event.address, { action: event.action, status: 'running', startedAt: at, elapsedSeconds: 0 });
    case 'resource_progress':
      return upsert(event.address, { status: 'running', elapsedSeconds: event.elapsedSeconds });
    case 'resource_complete':
      return finish(upsert(event.address, { status: 'done', elapsedSeconds: event.elapsedSeconds, id: event.id }), event.address);
    case 'resource_errored':
      return finish(upsert(event.address, { status: 'failed', elapsedSeconds: event.elapsedSeconds }), event.address);
    case 'diagnostic': {
      const d = event.diagnostic;
      const text = `${d.address ? `${d.address}: ` : ''}${d.summary}${d.detail ? `: ${d.detail}` : ''}`;
      return d.severity === 'error' ? { ...state, errors: [...state.errors, text] } : { ...state, warnings: [...state.warnings, text] };
    }
    default:
      return state;
  }
}

function finish(state: RunState, address: string): RunState {
  return state.finished.includes(address) ? state : { ...state, finished: [...state.finished, address] };
}

/** Share of the planned resource changes that are finished, 0 to 1. */
export function applyProgress(state: RunState): number {
  const total = state.plan ? state.plan.add + state.plan.change + state.plan.destroy : 0;
  if (total === 0) return state.applied ? 1 : 0;
  const done = state.resources.filter((r) => r.status === 'done' && r.action !== 'read' && r.action !== 'noop').length;
  return Math.min(1, done / total);
}
