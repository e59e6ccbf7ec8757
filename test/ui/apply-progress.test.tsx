import { readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { initialRunState, reduceRun, type RunEvent, type RunState } from '../../src/core/run-events.js';
import { resourceWords } from '../../src/core/resource-words.js';
import { parseUiLine } from '../../src/terraform/json-ui.js';
import { ApplyProgress, FinishedResource, progressBar } from '../../src/ui/wizard/components/ApplyProgress.js';

/** The recorded apply of a VPC, an EIP, a security group and an 11-second resource, as run events. */
function recorded(): RunEvent[] {
  const lines = readFileSync(new URL('../fixtures/terraform/apply.jsonl', import.meta.url), 'utf8').split('\n');
  const events = lines.flatMap((line) => {
    const event = parseUiLine(line);
    if (!event) return [];
    // Received now, as a live run would receive them.
    return [{ type: 'terraform', event, at: Date.now() } as RunEvent];
  });
  return [
    { type: 'terraform', event: { type: 'change_summary', operation: 'plan', summary: { add: 4, change: 0, destroy: 0 } }, at: 0 },
    { type: 'step_started', step: 'apply', at: Date.now() },
    ...events,
  ];
}

const describe_ = (address: string) => resourceWords(address, { azs: ['ap-northeast-1a', 'ap-northeast-1c'], names: { 'aws_vpc.main': 'shop-dev-vpc' } });

describe('apply progress', () => {
  it('spins on the resources still at work, in plain words with the address beside, and fills the bar with the time since the apply began', () => {
    const events = recorded();
    const progressAt = events.findIndex((e) => e.type === 'terraform' && e.event.type === 'resource_progress');
    let state: RunState = events.slice(0, progressAt + 1).reduce(reduceRun, initialRunState());
    const ui = render(<ApplyProgress state={state} title="Building the network" describe={describe_} />);
    const middle = ui.lastFrame()!;
    expect(middle).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] terraform_data\.slow creating… 10s\n/);
    expect(middle).toMatch(/█+░+ 2\/4 · \d+s elapsed · still running: 1/);
    // Finished resources are not repeated here: the wizard keeps them above, in the order they finished.
    expect(middle).not.toMatch(/aws_vpc\.main/);

    state = events.reduce(reduceRun, state);
    ui.rerender(<ApplyProgress state={state} title="Building the network" describe={describe_} />);
    const end = ui.lastFrame()!;
    expect(end).not.toMatch(/creating…/);
    expect(end).toContain(`${progressBar(1)} 4/4`);
    expect(end).not.toContain('still running');
    ui.unmount();
  });

  it('a finished resource: what it is, its Name, how long it took, and dim beside it what terraform did to which address', () => {
    const state = recorded().reduce(reduceRun, initialRunState());
    const vpc = state.resources.find((r) => r.address === 'aws_vpc.main')!;
    const ui = render(<FinishedResource resource={vpc} describe={describe_} />);
    expect(ui.lastFrame()).toMatch(/^✔ VPC \(shop-dev-vpc\) \d+s created · aws_vpc\.main \[vpc-[0-9a-f]+\]$/);
    ui.unmount();
  });

  it('marks a failed resource', () => {
    const state = [
      { type: 'terraform', event: { type: 'resource_started', address: 'aws_eip.nat_a', action: 'create', resourceType: 'aws_eip' }, at: 0 },
      { type: 'terraform', event: { type: 'resource_errored', address: 'aws_eip.nat_a', action: 'create', elapsedSeconds: 2 }, at: 2000 },
    ].reduce((s, e) => reduceRun(s, e as RunEvent), initialRunState());
    const ui = render(<FinishedResource resource={state.resources[0]!} describe={describe_} />);
    expect(ui.lastFrame()).toBe('✗ Elastic IP of the NAT in ap-northeast-1a 2s creating failed · aws_eip.nat_a');
    ui.unmount();
  });
});
