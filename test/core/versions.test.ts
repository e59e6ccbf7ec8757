import { describe, expect, it } from 'vitest';
import { atLeast, compareVersions, isOlder, majorOf } from '../../src/core/versions.js';

describe('versions', () => {
  it.each([
    ['1.5.0', '1.5.0', 0],
    ['1.11.4', '1.5.0', 1],
    ['1.4.9', '1.5.0', -1],
    ['v1.6.0-beta1', '1.6.0', 0],
  ])('compares %s with %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });

  it('writes a minimum as terraform does, and tells an older release', () => {
    expect(atLeast('1.10.0')).toBe('>= 1.10.0');
    expect(isOlder('1.9.8', '1.10.0')).toBe(true);
    expect(isOlder('1.10.0', '1.10.0')).toBe(false);
  });

  it.each([
    ['1.2', 1],
    ['2.0', 2],
    ['', Number.NaN],
  ])('the major version of %j is %d', (v, major) => {
    expect(majorOf(v)).toBe(major);
  });
});
