import { afterEach, describe, expect, it } from 'vitest';
import { availableAzs, endpointEnvNotice, sendOptions, vpcExists } from '../../src/aws/client.js';
import { InterruptedError } from '../../src/core/errors.js';
import { gatherPreflight, identify } from '../../src/preflight/gather.js';
import { resolveConfig } from '../../src/core/config.js';
import { planNat } from '../../src/core/nat-plan.js';
import { readLive, readTagged } from '../../src/verify/live/read.js';
import { startSilentServer, type SilentServer } from '../helpers/silent-server.js';

describe('endpointEnvNotice: where the environment sends AWS calls', () => {
  it.each([
    [{}, []],
    [{ AWS_ENDPOINT_URL: '' }, []],
    [{ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URLS: 'x' }, []],
    [
      { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
      [
        'net-wizard: the environment sends AWS calls elsewhere than AWS, signed with your credentials:',
        "  AWS_ENDPOINT_URL=http://127.0.0.1:4566: every AWS call of this run, terraform's and net-wizard's, goes there",
        '  Unset AWS_ENDPOINT_URL to reach AWS; or, for an emulator there, pass --endpoint http://127.0.0.1:4566 (dummy credentials).',
      ],
    ],
    [
      { AWS_ENDPOINT_URL_EC2: 'https://ec2.proxy.example.com', AWS_ENDPOINT_URL: 'http://aws.example.com' },
      [
        'net-wizard: the environment sends AWS calls elsewhere than AWS, signed with your credentials:',
        "  AWS_ENDPOINT_URL=http://aws.example.com: every AWS call of this run, terraform's and net-wizard's (but EC2), goes there, over plain http, to a host neither on this machine nor on a private network",
        '  AWS_ENDPOINT_URL_EC2=https://ec2.proxy.example.com: every EC2 call goes there',
        '  Unset AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2 to reach AWS; or, for an emulator there, pass --endpoint http://aws.example.com (dummy credentials).',
      ],
    ],
    [
      { AWS_ENDPOINT_URL_STS: 'http://moto:5000' },
      [
        'net-wizard: the environment sends AWS calls elsewhere than AWS, signed with your credentials:',
        '  AWS_ENDPOINT_URL_STS=http://moto:5000: every STS call goes there',
        '  Unset AWS_ENDPOINT_URL_STS to reach AWS; or, for an emulator there, pass --endpoint http://moto:5000 (dummy credentials).',
      ],
    ],
  ] as [NodeJS.ProcessEnv, string[]][])('%j', (env, lines) => {
    expect(endpointEnvNotice(env)).toEqual(lines);
  });

  it('for a command on a recorded workdir, says that the workdir\'s endpoint wins', () => {
    expect(endpointEnvNotice({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }, { recorded: true })[0]).toMatch(/\(unless this workdir was applied with --endpoint\):$/);
  });
});

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
    ['who the credentials are (the workdir\'s target check)', (endpoint, signal) => identify({ config: { region: 'ap-northeast-1', endpoint }, env: {}, signal })],
    ['whether the workdir\'s VPC answers at a moved endpoint', (endpoint, signal) => vpcExists({ region: 'ap-northeast-1', endpoint, signal }, 'vpc-1')],
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
