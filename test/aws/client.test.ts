import { afterEach, describe, expect, it } from 'vitest';
import { availableAzs, sendOptions } from '../../src/aws/client.js';
import { InterruptedError } from '../../src/core/errors.js';
import { gatherPreflight } from '../../src/preflight/gather.js';
import { resolveConfig } from '../../src/core/config.js';
import { planNat } from '../../src/core/nat-plan.js';
import { readLive, readTagged } from '../../src/verify/live/read.js';
import { startSilentServer, type SilentServer } from '../helpers/silent-server.js';

describe('a stop signal aborts the AWS calls at once', () => {
  let server: SilentServer | undefined;
  afterEach(async () => server?.close());

  it('sendOptions passes the signal as the abortSignal of a request, and nothing without one', () => {
    const signal = new AbortController().signal;
    expect(sendOptions({ signal })).toEqual({ abortSignal: signal });
    expect(sendOptions({})).toEqual({});
  });

  // Each waits on an endpoint that never answers; its time limits (3 s to connect, 10 to 15 s per
  // request, two attempts) are far beyond this test's 10 s: only the abort can end it in time.
  it.each<[string, (endpoint: string, signal: AbortSignal) => Promise<unknown>]>([
    ['the AZ lookup (wizard, preflight)', (endpoint, signal) => availableAzs({ region: 'ap-northeast-1', endpoint, signal })],
    ['the live read of the VPC (verification)', (endpoint, signal) => readLive({ vpcId: 'vpc-1', region: 'ap-northeast-1', endpoint, signal })],
    ['the tagged-resources lookup (lost resources, after destroy)', (endpoint, signal) => readTagged({ region: 'ap-northeast-1', endpoint, signal }, { project: 'p', env: 'dev' })],
    [
      'the preflight',
      (endpoint, signal) => {
        const config = resolveConfig({ project: 'p', endpoint });
        return gatherPreflight({ config, nat: planNat(config), terraform: { bin: 'terraform', version: '1.11.4', flavor: 'terraform' }, env: {}, scope: 'full', signal });
      },
    ],
  ])('%s: rejects with the stop, not a time-out', async (_name, call) => {
    server = await startSilentServer();
    const controller = new AbortController();
    const pending = call(server.endpoint, controller.signal).then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await server.connected;
    const stop = new InterruptedError('SIGINT');
    controller.abort(stop);
    expect(await pending).toBe(stop);
  });
});
