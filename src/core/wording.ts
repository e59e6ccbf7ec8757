/**
 * The words for a run's steps and terraform's resource actions, written once for every
 * front-end: the plain lines (ui/plain-reporter.ts), the Ink screens (ui/wizard) and the failure
 * messages (app/failure.ts). Pure.
 */
import type { Step } from './run-events.js';
import type { ResourceAction } from './terraform-events.js';

/** How a step is named. */
export interface StepWords {
  /** The plain lines' title: `» title…`, `✓ title (1.2s)`, `✗ title failed`. */
  title: string;
  /** The wizard's spinner line, where it says it differently. @default title */
  screen?: string;
  /** Where a signal stopped the run, for the failure message; absent when terraform's own stop speaks for it. */
  stoppedAt?: string;
}

/** Every step's words. */
export const STEP_WORDS: Record<Step, StepWords> = {
  attach: { title: 'Reading the existing VPC', stoppedAt: 'while reading the existing VPC' },
  audit: { title: 'Reading and analysing the VPC', stoppedAt: 'while reading the VPC' },
  preflight: { title: 'Checking terraform, the AWS credentials and quotas', stoppedAt: 'during the preflight' },
  synth: { title: 'Synthesizing the Terraform project', screen: 'Writing the Terraform project', stoppedAt: 'while writing the Terraform project' },
  init: { title: 'terraform init', stoppedAt: 'during terraform init' },
  plan: { title: 'terraform plan', stoppedAt: 'during terraform plan' },
  apply: { title: 'terraform apply' },
  outputs: { title: 'Reading outputs', screen: 'Reading the outputs', stoppedAt: 'while reading the outputs' },
  destroy: { title: 'terraform destroy' },
  verify: { title: 'Verifying', screen: 'Verifying the live network', stoppedAt: 'during the live verification' },
};

/** Places a run stops at that are not steps of its own. */
export const PAUSE_WORDS = {
  confirm: { stoppedAt: 'at the confirmation prompt' },
  lookup: { stoppedAt: 'while looking for resources tagged for this network' },
} as const;

/** A resource action as a verb: while at work, and once done. */
export const ACTION_WORDS: Record<ResourceAction, { doing: string; done: string }> = {
  create: { doing: 'creating', done: 'created' },
  read: { doing: 'reading', done: 'read' },
  update: { doing: 'updating', done: 'updated' },
  replace: { doing: 'replacing', done: 'replaced' },
  delete: { doing: 'destroying', done: 'destroyed' },
  noop: { doing: 'checking', done: 'unchanged' },
  move: { doing: 'moving', done: 'moved' },
  import: { doing: 'importing', done: 'imported' },
  forget: { doing: 'forgetting', done: 'forgotten' },
};

/** A planned change's sign, as terraform prints it (`+`, `~`, `-/+`, `-`, `<=`); absent for the others. */
export const ACTION_SIGNS: Partial<Record<ResourceAction, string>> = { create: '+', update: '~', replace: '-/+', delete: '-', read: '<=' };
