import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { clientConfig, LiveReadError, readLive } from '../../../src/verify/live/read.js';
import { freePort } from '../../helpers/moto.js';

describe('clientConfig', () => {
  it('an endpoint: that URL, the region of the config, dummy credentials, time limits that throw', () => {
    const c = clientConfig({ vpcId: 'vpc-1', region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000', env: { AWS_ACCESS_KEY_ID: 'AKIAREAL', AWS_SECRET_ACCESS_KEY: 'real' } });
    expect(c).toMatchObject({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    expect(c.requestHandler).toMatchObject({ connectionTimeout: expect.any(Number), requestTimeout: expect.any(Number), throwOnRequestTimeout: true });
  });

  it('no endpoint: credentials from the given environment, else its profile, else the default chain', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' };
    expect(clientConfig({ vpcId: 'vpc-1', region: 'ap-northeast-1', env })).toMatchObject({ credentials: { accessKeyId: 'AKIA1', secretAccessKey: 's', sessionToken: 't' } });
    const profiled = clientConfig({ vpcId: 'vpc-1', region: 'ap-northeast-1', env: { AWS_PROFILE: 'ops' } });
    expect(profiled).toMatchObject({ profile: 'ops' });
    expect(profiled.credentials).toBeUndefined();
    const chain = clientConfig({ vpcId: 'vpc-1', region: 'ap-northeast-1', env: {} });
    expect(chain.credentials).toBeUndefined();
    expect(chain.endpoint).toBeUndefined();
  });
});

describe('readLive against a dead endpoint', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('a refused connection fails at once, naming the endpoint, the call and the error code', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const error = await readLive({ vpcId: 'vpc-1', region: 'ap-northeast-1', endpoint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveReadError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', where: endpoint });
    expect((error as Error).message).toMatch(new RegExp(`^cannot read the network from ${endpoint}: DescribeVpcs failed with ECONNREFUSED`));
  }, 30_000);

  it('a server that never answers fails after the time limit, with TimeoutError', async () => {
    const server = createServer(() => {}).listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const started = Date.now();
    const error = await readLive({ vpcId: 'vpc-1', region: 'ap-northeast-1', endpoint, timeouts: { connection: 500, request: 500 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LiveReadError', code: 'TimeoutError', where: endpoint });
    expect((error as Error).message).toContain(`cannot read the network from ${endpoint}: DescribeVpcs failed with TimeoutError`);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
