import { describe, expect, it } from 'vitest';
import { applyProgress, initialRunState, reduceRun, type RunEvent } from '../../src/core/run-events.js';
import type { TerraformEvent } from '../../src/core/terraform-events.js';

const tf = (event: TerraformEvent, at = 0): RunEvent => ({ type: 'terraform', event, at });

describe('reduceRun', () => {
  it('follows resources from plan to apply, with elapsed time and ids', () => {
    const events: RunEvent[] = [
      { type: 'step_started', step: 'plan', at: 1 },
      tf({ type: 'planned_change', address: 'aws_vpc.main', action: 'create', resourceType: 'aws_vpc' }),
      tf({ type: 'planned_change', address: 'aws_nat_gateway.main_a', action: 'create', resourceType: 'aws_nat_gateway' }),
      tf({ type: 'change_summary', operation: 'plan', summary: { add: 2, change: 0, destroy: 0 } }),
      { type: 'step_finished', step: 'plan', at: 5, detail: '+2 ~0 -0' },
      tf({ type: 'resource_started', address: 'aws_vpc.main', action: 'create', resourceType: 'aws_vpc' }, 6),
      tf({ type: 'resource_complete', address: 'aws_vpc.main', action: 'create', elapsedSeconds: 1, id: 'vpc-1' }),
      tf({ type: 'resource_started', address: 'aws_nat_gateway.main_a', action: 'create', resourceType: 'aws_nat_gateway' }, 7),
      tf({ type: 'resource_progress', address: 'aws_nat_gateway.main_a', action: 'create', elapsedSeconds: 10 }),
    ];
    const state = events.reduce(reduceRun, initialRunState());
    expect(state.steps.plan).toEqual({ status: 'done', startedAt: 1, finishedAt: 5, detail: '+2 ~0 -0' });
    expect(state.plan).toEqual({ add: 2, change: 0, destroy: 0 });
    expect(state.resources).toEqual([
      { address: 'aws_vpc.main', action: 'create', status: 'done', startedAt: 6, elapsedSeconds: 1, id: 'vpc-1' },
      { address: 'aws_nat_gateway.main_a', action: 'create', status: 'running', startedAt: 7, elapsedSeconds: 10 },
    ]);
    expect(state.finished).toEqual(['aws_vpc.main']);
    expect(applyProgress(state)).toBe(0.5);
  });

  it('collects errors with their resource address, and failed steps', () => {
    const state = [
      tf({ type: 'resource_errored', address: 'aws_eip.nat_a', action: 'create', elapsedSeconds: 2 }),
      tf({ type: 'diagnostic', diagnostic: { severity: 'error', summary: 'creating EC2 EIP', detail: 'api error AddressLimitExceeded', address: 'aws_eip.nat_a' } }),
      { type: 'step_failed', step: 'apply', at: 9, message: 'boom' } as RunEvent,
    ].reduce(reduceRun, initialRunState());
    expect(state.resources[0]).toMatchObject({ status: 'failed' });
    expect(state.errors).toEqual(['aws_eip.nat_a: creating EC2 EIP: api error AddressLimitExceeded', 'boom']);
    expect(state.steps.apply?.status).toBe('failed');
  });

  it('does not change the state it is given', () => {
    const before = initialRunState();
    reduceRun(before, { type: 'step_started', step: 'synth', at: 0 });
    expect(before).toEqual(initialRunState());
  });
});
