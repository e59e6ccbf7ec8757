import { describe, expect, it } from 'vitest';
import { hostReach, parseEndpoint } from '../../src/core/endpoint.js';
import { resolveConfig } from '../../src/core/config.js';
import { formatProblem, UsageError } from '../../src/core/errors.js';

describe('hostReach: this machine, the user\'s network, or anywhere', () => {
  it.each([
    ['localhost', 'loopback'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['[fc00::1]', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['[::ffff:c0a8:114]', 'private'],
    ['moto', 'private'],
    ['localstack', 'private'],
    ['172.15.0.1', 'public'],
    ['172.32.0.1', 'public'],
    ['192.169.0.1', 'public'],
    ['11.0.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['0.0.0.0', 'public'],
    ['[2001:db8::1]', 'public'],
    ['[fe80::1]', 'public'],
    ['[::]', 'public'],
    ['emulator.example.com', 'public'],
    ['localhost.example.com', 'public'],
    ['moto.', 'public'],
  ])('%s is %s', (host, reach) => {
    expect(hostReach(host)).toBe(reach);
  });
});

describe('parseEndpoint', () => {
  it.each([
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['http://127.0.0.1:5000/', 'http://127.0.0.1:5000'],
    ['http://localhost:4566', 'http://localhost:4566'],
    ['http://moto:5000', 'http://moto:5000'],
    ['http://[::1]:5000', 'http://[::1]:5000'],
    ['http://192.168.0.10:4566', 'http://192.168.0.10:4566'],
    ['https://emulator.example.com', 'https://emulator.example.com'],
    ['https://8.8.8.8:4566', 'https://8.8.8.8:4566'],
  ])('takes %s as %s', (text, origin) => {
    expect(parseEndpoint(text)).toMatchObject({ ok: true, origin });
  });

  it.each([
    ['http://emulator.example.com', /over plain http to emulator\.example\.com, which is not a loopback or private address: use https \(https:\/\/emulator\.example\.com\)/],
    ['http://8.8.8.8:4566', /use https \(https:\/\/8\.8\.8\.8:4566\)/],
    ['http://[2001:db8::1]:5000', /use https \(https:\/\/\[2001:db8::1\]:5000\)/],
    ['localhost:5000', /not an http or https URL/],
    ['ftp://127.0.0.1', /not an http or https URL/],
    ['not a url', /is not a URL/],
    ['http://127.0.0.1:5000/api', /has a path/],
    ['http://127.0.0.1:5000?x=1', /has a path/],
    ['http://user:secret@127.0.0.1:5000', /holds a user name or password/],
    ['http://a${b}c:5000', /"a\$\{b\}c" is not a host name/],
    ['http://a"b:5000', /is not a host name/],
  ])('refuses %s', (text, message) => {
    const parsed = parseEndpoint(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('is the --endpoint question: refused with the option named', () => {
    try {
      resolveConfig({ project: 'shop', endpoint: 'http://emulator.example.com' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).problems.map(formatProblem)[0]).toMatch(/^--endpoint: "http:\/\/emulator\.example\.com" would send every AWS call/);
    }
  });
});
