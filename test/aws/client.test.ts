import { describe, expect, it } from 'vitest';
import { endpointEnvNotice } from '../../src/aws/client.js';

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
