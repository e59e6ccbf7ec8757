import { readFileSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { SynthResult } from '../../src/app/engine.js';
import { planNat } from '../../src/core/nat-plan.js';
import { resolveConfig } from '../../src/core/config.js';
import { parseUiLine } from '../../src/terraform/json-ui.js';
import type { StopSignal } from '../../src/core/errors.js';
import { App, type AppProps, type WizardRun } from '../../src/ui/wizard/App.js';
import { KEYS, unwrap, waitForFrame } from '../helpers/keys.js';

const config = resolveConfig({ project: 'shop', needs: 'external-api' });
const synthesized: SynthResult = {
  workdir: '/tmp/shop-dev',
  files: [],
  resourceCount: 22,
  resources: { aws_vpc: 1, aws_subnet: 4, aws_nat_gateway: 1 },
  nat: planNat(config),
  findings: [],
  checks: [
    { id: 'flow.internet-alb-443', title: 'internet → ALB on 443', status: 'pass', detail: 'allowed' },
    { id: 'flow.internet-rds', title: 'internet → RDS on 5432', status: 'pass', detail: 'blocked, as asked' },
  ],
};
const recordedApply = readFileSync(new URL('../fixtures/terraform/apply.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => parseUiLine(l))
  .filter((e) => e !== undefined);

function setup(run: WizardRun, save: AppProps['saveAnswers'] = async () => ({ saved: 'net-wizard.json' })) {
  const onExit = vi.fn();
  const onInterrupt = vi.fn();
  const saveAnswers = vi.fn(save);
  // Signals from outside (kill, a closed terminal), as run-wizard subscribes them.
  let deliver: (signal: StopSignal) => void = () => {};
  const signals = (handler: (signal: StopSignal) => void) => {
    deliver = handler;
    return () => (deliver = () => {});
  };
  const ui = render(<App preset={{ project: 'shop' }} presetFrom={{ project: '--project' }} run={run} onExit={onExit} onInterrupt={onInterrupt} signals={signals} saveAnswers={saveAnswers} />);
  const type = async (keys: string, until: (frame: string) => boolean) => {
    ui.stdin.write(keys);
    return waitForFrame(ui.lastFrame, until);
  };
  const enterThroughQuestions = async () => {
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Environment'));
    // Each Enter answers one question with its default: one more ✔ line each time.
    for (let answered = 1; answered <= 13; answered++) {
      ui.stdin.write(KEYS.enter);
      await waitForFrame(ui.lastFrame, (f) => (f.match(/✔ /g) ?? []).length > answered || !f.includes('esc back'));
    }
  };
  return { ui, type, onExit, onInterrupt, saveAnswers, enterThroughQuestions, signal: (s: StopSignal) => deliver(s) };
}

describe('the wizard', () => {
  it('goes from the questions through the review and the apply to the outputs and the checklist', async () => {
    const run: WizardRun = async (cfg, hooks) => {
      hooks.emit({ type: 'step_started', step: 'plan', at: Date.now() });
      const yes = await hooks.review(
        {
          changes: true,
          summary: { add: 4, change: 0, destroy: 1 },
          plannedChanges: [{ type: 'planned_change', address: 'aws_eip.old', action: 'delete', resourceType: 'aws_eip' }],
        },
        synthesized,
        synthesized.checks,
      );
      expect(yes).toBe(true);
      hooks.emit({ type: 'terraform', event: { type: 'change_summary', operation: 'plan', summary: { add: 4, change: 0, destroy: 0 } }, at: Date.now() });
      hooks.emit({ type: 'step_started', step: 'apply', at: Date.now() });
      for (const event of recordedApply) hooks.emit({ type: 'terraform', event, at: Date.now() });
      return {
        kind: 'applied',
        workdir: cfg.workdir,
        outputs: { vpc_id: 'vpc-123', nat_gateway_ids: ['nat-1'] },
        verification: [{ id: 'live.nat.count', title: 'one NAT Gateway, available, with its EIP', status: 'pass', detail: 'nat-1' }],
        nat: planNat(cfg),
      };
    };
    const { ui, type, onExit, enterThroughQuestions } = setup(run);
    await enterThroughQuestions();
    const review = unwrap(await waitForFrame(ui.lastFrame, (f) => f.includes('Apply these changes?')));
    expect(review).toContain('✔ Project name: shop (--project)');
    expect(review).toContain('Monthly cost of the way out: $50.35');
    // Summed up: one line for the traffic, every line only on demand.
    expect(review).toContain('✔ Traffic 2/2 as asked');
    expect(review).not.toContain('internet → ALB on 443');
    expect(review).toContain('v: every line');
    expect(review).toContain('Plan: +4 ~0 -1');
    expect(review).toContain('- aws_eip.old');
    const every = unwrap(await type('v', (f) => f.includes('internet → ALB on 443')));
    expect(every).toContain('✔ internet → ALB on 443');
    expect(every).toContain('v: only what needs a look');
    await type('v', (f) => !f.includes('internet → ALB on 443'));
    const done = unwrap(await type('y', (f) => f.includes('Save these answers')));
    expect(done).toContain('vpc_id = vpc-123');
    expect(done).toContain('Verification ✔ Live network 1/1 as asked');
    expect(done).not.toContain('one NAT Gateway, available, with its EIP');
    // In reading order: the answers, the plan applied, each resource as it finished (in plain words, the address beside), then the end.
    const at = (text: string) => done.indexOf(text);
    expect(at('✔ Project name: shop')).toBeGreaterThanOrEqual(0);
    expect(at('Plan: +4 ~0 -0; applying:')).toBeGreaterThan(at('✔ Network ACLs'));
    expect(done).toMatch(/✔ VPC \ds created · aws_vpc\.main \[vpc-/);
    expect(done).toMatch(/✔ ALB security group \ds created · aws_security_group\.alb \[sg-/);
    expect(done.search(/✔ VPC \ds created/)).toBeGreaterThan(at('Plan: +4 ~0 -0; applying:'));
    expect(at('Outputs')).toBeGreaterThan(at('terraform_data.slow'));
    // Next steps that fit: nothing cheaper meets external-api; no "switch NAT off".
    expect(done).toContain('Remove it all: npx net-wizard destroy --workdir .net-wizard/shop-dev');
    expect(done).not.toMatch(/Switch NAT|Save \$/);
    await type('n', () => onExit.mock.calls.length > 0);
    expect(onExit).toHaveBeenCalledWith(0, undefined);
  });

  it('a failed apply ends with what the command line says: the AWS error, the next step, the lost resources, exit 1', async () => {
    const error = Object.assign(new Error('Error: creating EC2 NAT Gateway: operation error EC2: CreateNatGateway, api error NatGatewayLimitExceeded: too many NAT Gateways\n  with aws_nat_gateway.main_a'), {
      name: 'TerraformError',
      kind: 'terraform',
      step: 'apply',
      untracked: [{ fix: 'NAT Gateway nat-9 (shop-dev-nat-a) is aws_nat_gateway.main_a, made by an earlier run that lost track of it: adopt it with terraform import aws_nat_gateway.main_a nat-9' }],
    });
    const run: WizardRun = async () => {
      throw error;
    };
    const { ui, onExit, enterThroughQuestions } = setup(run);
    await enterThroughQuestions();
    await waitForFrame(ui.lastFrame, () => onExit.mock.calls.length > 0);
    // The wizard exits right after drawing it: look through every frame drawn, not only the last.
    expect(ui.frames.some((f) => f.includes('✗ terraform apply failed; the state is kept and a rerun continues from here.'))).toBe(true);
    const [code, message] = onExit.mock.calls[0]! as [number, string];
    expect(code).toBe(1);
    expect(message).toContain('api error NatGatewayLimitExceeded: too many NAT Gateways');
    expect(message).toMatch(/Next step \(NatGatewayLimitExceeded\): .*L-FE5A380F/);
    expect(message).toContain('adopt it with terraform import aws_nat_gateway.main_a nat-9');
  });

  it('Ctrl-C during the questions leaves without running anything (exit 130)', async () => {
    const run = vi.fn<WizardRun>();
    const { type, onExit } = setup(run);
    await type(KEYS.ctrlC, () => onExit.mock.calls.length > 0);
    expect(onExit).toHaveBeenCalledWith(130, 'Left the wizard; nothing was written.');
    expect(run).not.toHaveBeenCalled();
  });

  it('Ctrl-C during the apply asks terraform to stop, then to stop at once', async () => {
    let release: () => void = () => {};
    const run: WizardRun = async (cfg, hooks) => {
      hooks.emit({ type: 'step_started', step: 'apply', at: Date.now() });
      await new Promise<void>((r) => (release = r));
      return { kind: 'interrupted', workdir: cfg.workdir };
    };
    const { ui, type, onExit, onInterrupt, enterThroughQuestions } = setup(run);
    await enterThroughQuestions();
    await waitForFrame(ui.lastFrame, (f) => f.includes('Building the network'));
    await type(KEYS.ctrlC, (f) => f.includes('Stopping terraform gracefully'));
    expect(onInterrupt).toHaveBeenLastCalledWith(1);
    ui.stdin.write(KEYS.ctrlC);
    await waitForFrame(ui.lastFrame, () => onInterrupt.mock.calls.length === 2);
    expect(onInterrupt).toHaveBeenLastCalledWith(2);
    release();
    await waitForFrame(ui.lastFrame, () => onExit.mock.calls.length > 0);
    expect(onExit.mock.calls[0]![0]).toBe(130);
    expect(onExit.mock.calls[0]![1]).toMatch(/state in .* is kept/);
  });

  it('a SIGHUP from outside during the questions leaves like Ctrl-C, with exit 129', async () => {
    const run = vi.fn<WizardRun>();
    const { ui, onExit, signal } = setup(run);
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Environment'));
    signal('SIGHUP');
    await waitForFrame(ui.lastFrame, () => onExit.mock.calls.length > 0);
    expect(onExit).toHaveBeenCalledWith(129, 'Left the wizard; nothing was written.');
    expect(run).not.toHaveBeenCalled();
  });

  it('a SIGTERM from outside during the apply reaches the run as the Ctrl-C key does; the run’s exit code and message end the wizard', async () => {
    let release: () => void = () => {};
    const run: WizardRun = async (cfg, hooks) => {
      hooks.emit({ type: 'step_started', step: 'apply', at: Date.now() });
      await new Promise<void>((r) => (release = r));
      return { kind: 'interrupted', workdir: cfg.workdir, code: 143 };
    };
    const { ui, onExit, onInterrupt, enterThroughQuestions, signal } = setup(run);
    await enterThroughQuestions();
    await waitForFrame(ui.lastFrame, (f) => f.includes('Building the network'));
    signal('SIGTERM');
    await waitForFrame(ui.lastFrame, (f) => f.includes('Stopping terraform gracefully'));
    expect(onInterrupt).toHaveBeenLastCalledWith(1, 'SIGTERM');
    signal('SIGINT');
    await waitForFrame(ui.lastFrame, () => onInterrupt.mock.calls.length === 2);
    expect(onInterrupt).toHaveBeenLastCalledWith(2, 'SIGINT');
    release();
    await waitForFrame(ui.lastFrame, () => onExit.mock.calls.length > 0);
    expect(onExit.mock.calls[0]![0]).toBe(143);
    expect(onExit.mock.calls[0]![1]).toMatch(/terraform stopped gracefully and the state in .* is kept/);
  });

  it('a stop while no terraform runs (the live verification): the run’s own message says what was stopped', async () => {
    const run: WizardRun = async (cfg) => ({ kind: 'interrupted', workdir: cfg.workdir, code: 143, message: 'net-wizard: interrupted (SIGTERM) during the live verification; its AWS reads were stopped (they change nothing) and terraform\'s state is kept. Run the same command again to continue.' });
    const { ui, onExit, enterThroughQuestions } = setup(run);
    await enterThroughQuestions();
    await waitForFrame(ui.lastFrame, () => onExit.mock.calls.length > 0);
    expect(onExit).toHaveBeenCalledWith(143, expect.stringMatching(/^net-wizard: interrupted \(SIGTERM\) during the live verification/));
  });

  it('without AWS it still writes the project, shows the review, and says what to do next', async () => {
    const run: WizardRun = async () => ({ kind: 'offline', workdir: '/tmp/shop-dev', synthesized, checks: synthesized.checks, next: ['No AWS credentials were found.'] });
    const { ui, type, saveAnswers, enterThroughQuestions } = setup(run);
    await enterThroughQuestions();
    const frame = unwrap(await waitForFrame(ui.lastFrame, (f) => f.includes('Save these answers')));
    expect(frame).toContain('Plan: not run');
    expect(frame).toContain('No AWS credentials were found.');
    expect(frame).toContain('The Terraform project is in /tmp/shop-dev.');
    // The wizard exits right after drawing it: look through every frame drawn, not only the last.
    await type('y', () => ui.frames.some((f) => f.includes('Saved the answers to net-wizard.json')));
    expect(saveAnswers).toHaveBeenCalledWith(expect.objectContaining({ project: 'shop', env: 'dev' }), false);
  });

  const offline: WizardRun = async () => ({ kind: 'offline', workdir: '/tmp/shop-dev', synthesized, checks: synthesized.checks, next: [] });

  it('asks before it overwrites an answers file that exists, and overwrites only on yes', async () => {
    const { ui, type, saveAnswers, onExit, enterThroughQuestions } = setup(offline, async (_c, overwrite) => (overwrite ? { saved: 'net-wizard.json' } : { exists: 'net-wizard.json' }));
    await enterThroughQuestions();
    await waitForFrame(ui.lastFrame, (f) => f.includes('Save these answers'));
    const asked = unwrap(await type('y', (f) => f.includes('exists already')));
    expect(asked).toContain('? net-wizard.json exists already: overwrite it with these answers? (y/N)');
    expect(saveAnswers).toHaveBeenCalledTimes(1);
    await type('y', () => onExit.mock.calls.length > 0);
    expect(saveAnswers).toHaveBeenLastCalledWith(expect.objectContaining({ project: 'shop' }), true);
    expect(onExit).toHaveBeenCalledWith(0, undefined);
  });

  it('keeps the existing answers file on no', async () => {
    const { ui, type, saveAnswers, onExit, enterThroughQuestions } = setup(offline, async () => ({ exists: 'net-wizard.json' }));
    await enterThroughQuestions();
    await waitForFrame(ui.lastFrame, (f) => f.includes('Save these answers'));
    await type('y', (f) => f.includes('exists already'));
    await type('n', () => onExit.mock.calls.length > 0);
    expect(saveAnswers).toHaveBeenCalledTimes(1);
    expect(onExit).toHaveBeenCalledWith(0, undefined);
  });

  it('reports a failed save, instead of crashing, and exits 1', async () => {
    const { ui, type, onExit, enterThroughQuestions } = setup(offline, async () => {
      throw new Error("EACCES: permission denied, open '/read-only/net-wizard.json'");
    });
    await enterThroughQuestions();
    await waitForFrame(ui.lastFrame, (f) => f.includes('Save these answers'));
    await type('y', () => onExit.mock.calls.length > 0);
    expect(onExit).toHaveBeenCalledWith(1, "Could not save the answers: EACCES: permission denied, open '/read-only/net-wizard.json'");
  });
});
