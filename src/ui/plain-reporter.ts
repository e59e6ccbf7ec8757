/**
 * Progress as plain lines (CI, pipes, --plain, and --json's stderr): one line per thing that
 * happened, nothing redrawn.
 */
import type { RunEvent, Step } from '../core/run-events.js';
import { ACTION_SIGNS, ACTION_WORDS, STEP_WORDS } from '../core/wording.js';
import { checkMark, type Check } from '../core/checks.js';

const title = (step: Step) => STEP_WORDS[step].title;

/** Turn run events into lines; `write` receives each line without its newline. */
export function createPlainReporter(write: (line: string) => void): (event: RunEvent) => void {
  const started = new Map<Step, number>();
  return (event) => {
    switch (event.type) {
      case 'step_started':
        started.set(event.step, event.at);
        write(`» ${title(event.step)}…`);
        return;
      case 'step_finished': {
        const seconds = ((event.at - (started.get(event.step) ?? event.at)) / 1000).toFixed(1);
        write(`✓ ${title(event.step)}${event.detail ? `: ${event.detail}` : ''} (${seconds}s)`);
        return;
      }
      case 'step_failed':
        write(event.message === 'stopped' ? `■ ${title(event.step)} stopped` : `✗ ${title(event.step)} failed`);
        return;
      case 'notice':
        write(event.level === 'warning' ? `warning: ${event.text}` : event.text);
        return;
      case 'checks':
        return; // results: the command prints them on stdout
      case 'terraform': {
        const e = event.event;
        if (e.type === 'planned_change' && (e.action !== 'noop' || e.importing)) {
          const imported = e.importing ? ` (imported from ${e.importing}${e.action === 'noop' || e.action === 'import' ? '' : `, then ${ACTION_WORDS[e.action].done}`})` : '';
          write(`  ${e.importing ? '←' : (ACTION_SIGNS[e.action] ?? e.action)} ${e.address}${imported}`);
        }
        else if (e.type === 'resource_started') write(`  ${e.address}: ${ACTION_WORDS[e.action].doing}…`);
        else if (e.type === 'resource_progress') write(`  ${e.address}: still ${ACTION_WORDS[e.action].doing}… (${e.elapsedSeconds}s elapsed)`);
        else if (e.type === 'resource_complete') write(`  ${e.address}: ${ACTION_WORDS[e.action].done} after ${e.elapsedSeconds}s${e.id ? ` [${e.id}]` : ''}`);
        else if (e.type === 'resource_errored') write(`  ${e.address}: failed after ${e.elapsedSeconds}s`);
        else if (e.type === 'diagnostic' && e.diagnostic.severity === 'warning') {
          write(`warning: ${e.diagnostic.address ? `${e.diagnostic.address}: ` : ''}${e.diagnostic.summary}`);
        }
        return;
      }
    }
  };
}

const CHECK_TITLES = { preflight: 'Preflight', static: 'Traffic, from the generated configuration', audit: 'Traffic, in the VPC as AWS holds it', baseline: 'Security baseline', live: 'The live network' } as const;

/** Checks as a titled checklist: ✔ passed, ✗ failed (with what differs), · a flow not asked either way, – not asked for or accepted (with why). */
export function formatChecks(kind: keyof typeof CHECK_TITLES, checks: Check[]): string[] {
  if (checks.length === 0) return [];
  const failed = checks.filter((c) => c.status === 'fail').length;
  const head =
    kind === 'baseline'
      ? `${CHECK_TITLES[kind]}: ${failed === 0 ? 'no findings' : `${failed} findings to fix (they do not fail the run)`}; – marks an accepted exception, with why`
      : `${CHECK_TITLES[kind]}: ${failed === 0 ? 'all as asked' : `${failed} not as asked`}`;
  return [head, ...checks.map((c) => `  ${checkMark(c)} ${c.title}${c.status === 'pass' ? '' : ` — ${c.detail}`}`)];
}

/** Outputs as `name = value` lines, lists one item per line. */
export function formatOutputs(outputs: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(outputs)) {
    if (Array.isArray(value)) {
      lines.push(value.length === 0 ? `${name} = []` : `${name} =`);
      for (const item of value) lines.push(`  - ${String(item)}`);
    } else {
      lines.push(`${name} = ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  }
  return lines;
}
