import { describe, expect, it } from 'vitest';
import { describeFailure, EXIT, signalExitCode } from '../../src/app/failure.js';
import { InterruptedError, UsageError, type StopSignal } from '../../src/core/errors.js';

/** An error of one of the failure kinds, as its class makes it (its name and its kind). */
const KIND_OF: Record<string, string> = { StateLockedError: 'state-locked', BackendChangeError: 'backend-change', TerraformError: 'terraform', PreflightError: 'preflight', LiveReadError: 'live-read' };
const named = (name: string, fields: Record<string, unknown> = {}, message = '') => Object.assign(new Error(message), { name, kind: KIND_OF[name], ...fields });

describe('what a failed run tells the user, and its exit code', () => {
  it.each<[string, unknown, number, RegExp]>([
    ['bad input', new UsageError([{ option: '--nat', message: '"two" is not one of auto, none, single, per-az', example: 'auto' }]), EXIT.usage, /^net-wizard: invalid input; nothing was run or written\.\n {2}--nat: "two" is not one of/],
    ['a held lock', named('StateLockedError', { step: 'plan' }, 'Held by: ci@runner'), EXIT.failure, /^net-wizard: terraform plan could not lock the state\.\n {2}Held by: ci@runner/],
    ["the state's place changed", named('BackendChangeError', {}, 'kept in s3://b/k'), EXIT.failure, /terraform was not run and the state is kept\.\n {2}kept in s3:\/\/b\/k/],
    ['an interrupted terraform', named('TerraformError', { step: 'apply', interrupted: true }), EXIT.interrupted, /stopped gracefully and the state is kept/],
    ['an AWS error in apply', named('TerraformError', { step: 'apply' }, 'api error AddressLimitExceeded: too many'), EXIT.failure, /rerun continues from here\.\n {2}api error AddressLimitExceeded: too many\nNext step \(AddressLimitExceeded\): .*L-0263D0A3/s],
    ['a failed preflight', named('PreflightError', { failed: [{ id: 'preflight.eips', title: 'room for the Elastic IPs', status: 'fail', detail: 'Fix: --nat single' }] }), EXIT.failure, /^net-wizard: preflight failed; nothing was changed\.\n {2}✗ room for the Elastic IPs — Fix: --nat single\n$/],
    ['AWS unreadable for verification', named('LiveReadError', {}, 'ECONNREFUSED'), EXIT.failure, /run net-wizard verify again once AWS answers/],
    ['anything else', new Error('boom'), EXIT.failure, /^net-wizard: Error: boom/],
  ])('%s', (_name, error, code, text) => {
    const failure = describeFailure(error);
    expect(failure.code).toBe(code);
    expect(failure.text).toMatch(text);
    expect(failure.text.endsWith('\n')).toBe(true);
  });

  it('lists what AWS holds that the state lost, one per line, after the next step', () => {
    const error = named('TerraformError', { step: 'apply', untracked: [{ fix: 'NAT Gateway nat-1 … adopt it' }, { fix: 'Elastic IP eipalloc-2 … delete it' }] }, 'api error Resource.AlreadyAssociated: Resource 1.2.3.4 is already associated.');
    expect(describeFailure(error).text).toMatch(/Next step \(Resource\.AlreadyAssociated\).*\nAWS holds 2 resources tagged for this network that the state does not record; a rerun would make them again or fail on them:\n {2}- NAT Gateway nat-1 … adopt it\n {2}- Elastic IP eipalloc-2 … delete it\n$/s);
  });

  it.each<[StopSignal, number, RegExp]>([
    ['SIGINT', 130, /^net-wizard: interrupted; terraform stopped gracefully and the state is kept\. Run the same command again to continue\.\n$/],
    ['SIGTERM', 143, /^net-wizard: interrupted \(SIGTERM\); terraform stopped gracefully and the state is kept\./],
    ['SIGHUP', 129, /^net-wizard: interrupted \(SIGHUP\); terraform stopped gracefully and the state is kept\./],
  ])('terraform stopped by %s: exit %i, the state kept', (signal, code, text) => {
    const failure = describeFailure(named('TerraformError', { step: 'apply', interrupted: true }), { interruptedBy: signal });
    expect(failure).toEqual({ code, text: expect.stringMatching(text) });
    expect(signalExitCode(signal)).toBe(code);
  });

  it.each<[string, InterruptedError, number, RegExp]>([
    ['during the preflight', new InterruptedError('SIGTERM', 'preflight'), 143, /^net-wizard: interrupted \(SIGTERM\) during the preflight; nothing was changed\. Run the same command again to continue\.\n$/],
    ['at the confirmation prompt', new InterruptedError('SIGHUP', 'confirm'), 129, /^net-wizard: interrupted \(SIGHUP\) at the confirmation prompt; nothing was changed\./],
    ['during the live verification', new InterruptedError('SIGINT', 'verify'), 130, /^net-wizard: interrupted during the live verification; its AWS reads were stopped \(they change nothing\) and terraform's state is kept\./],
    ['before any step', new InterruptedError('SIGINT'), 130, /^net-wizard: interrupted; nothing was changed\./],
  ])('a stop with no terraform running, %s: what was stopped, what was changed', (_name, error, code, text) => {
    expect(describeFailure(error)).toEqual({ code, text: expect.stringMatching(text) });
  });

  it('a stop that cut short the look after a failed apply: the failure first, then the stop', () => {
    const failed = named('TerraformError', { step: 'apply' }, 'api error AddressLimitExceeded: too many');
    const { code, text } = describeFailure(new InterruptedError('SIGINT', 'lookup', { cause: failed }));
    expect(code).toBe(130);
    expect(text).toMatch(/^net-wizard: terraform apply failed; the state is kept[^]*AddressLimitExceeded[^]*\nnet-wizard: interrupted while looking for resources tagged for this network; its AWS reads were stopped/);
  });

  it('names the profile in the login command', () => {
    expect(describeFailure(named('TerraformError', { step: 'plan' }, 'api error ExpiredToken: expired'), { profile: 'dev-sso' }).text).toContain('aws sso login --profile dev-sso');
  });
});
