import { readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { initialRunState, reduceRun, type RunEvent, type RunState } from '../../src/core/run-events.js';
import { parseUiLine } from '../../src/terraform/json-ui.js';
import { ApplyProgress, progressBar } from '../../src/ui/wizard/components/ApplyProgress.js';

/** The recorded apply of a VPC, an EIP, a security group and an 11-second resource, as run events. */
function recorded(): RunEvent[] {
  const lines = readFileSync(new URL('../fixtures/terraform/apply.jsonl', import.meta.url), 'utf8').split('\n');
  const events = lines.flatMap((line) => {
    const event = parseUiLine(line);
    if (!event) return [];
    // Received now, as a live run would receive them.
    return [{ type: 'terraform', event, at: Date.now() } as RunEvent];
  });
  return [{ type: 'terraform', event: { type: 'change_summary', operation: 'plan', summary: { add: 4, change: 0, destroy: 0 } }, at: 0 }, ...events];
}

describe('apply progress', () => {
  it('keeps finished resources above, spins on the ones still at work with their time, and fills the bar', () => {
    const events = recorded();
    const progressAt = events.findIndex((e) => e.type === 'terraform' && e.event.type === 'resource_progress');
    let state: RunState = events.slice(0, progressAt + 1).reduce(reduceRun, initialRunState());
    const ui = render(<ApplyProgress state={state} title="Building the network" />);
    const middle = ui.lastFrame()!;
    expect(middle).toMatch(/✔ aws_vpc\.main created after \d+s \[vpc-/);
    expect(middle).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] terraform_data\.slow creating… 10s/);
    expect(middle).toMatch(/█+░+ 2\/4/);

    state = events.reduce(reduceRun, state);
    ui.rerender(<ApplyProgress state={state} title="Building the network" />);
    const end = ui.lastFrame()!;
    expect(end).not.toMatch(/creating…/);
    expect(end).toContain(`${progressBar(1)} 4/4`);
    expect(end).toMatch(/✔ terraform_data\.slow created after 11s/);
    expect(end.match(/✔ aws_vpc\.main created/g)).toHaveLength(1);
    ui.unmount();
  });

  it('marks a failed resource', () => {
    const state = [
      { type: 'terraform', event: { type: 'resource_started', address: 'aws_eip.nat_a', action: 'create', resourceType: 'aws_eip' }, at: 0 },
      { type: 'terraform', event: { type: 'resource_errored', address: 'aws_eip.nat_a', action: 'create', elapsedSeconds: 2 }, at: 2000 },
    ].reduce((s, e) => reduceRun(s, e as RunEvent), initialRunState());
    const ui = render(<ApplyProgress state={state} title="Building" />);
    expect(ui.lastFrame()).toContain('✗ aws_eip.nat_a failed after 2s');
    ui.unmount();
  });
});
