/** Checks summed up by group for the screens: one line each, only what failed listed, every line with verbose. */
import { describe, expect, it } from 'vitest';
import { checkMark, summarizeChecks, type Check } from '../../src/core/checks.js';

const check = (id: string, status: Check['status'], extra: Partial<Check> = {}): Check => ({ id, title: id, status, detail: '', ...extra });
const flow = (wanted: 'open' | 'blocked' | null) => ({ from: 'internet', to: 'rds', protocol: 'tcp', port: 5432, verdict: 'blocked', wanted }) as const;

describe('summarizeChecks', () => {
  const checks = [
    check('flow.internet-alb-443', 'pass'),
    check('flow.internet-rds-5432', 'fail'),
    check('flow.private-internet-5432', 'skip', { flow: flow(null) }),
    check('live.vpc', 'pass'),
    check('live.nat.count', 'pass'),
    check('baseline.CKV2_AWS_12', 'pass'),
    check('baseline.CKV2_AWS_11', 'fail'),
    check('baseline.CKV_AWS_260', 'skip'),
    check('baseline.CKV_AWS_232', 'skip'),
  ];
  it.each([
    [false, [['traffic', 'Traffic 2/3 as asked', ['flow.internet-rds-5432']], ['live', 'Live network 2/2 as asked', []], ['baseline', 'Baseline 1 finding, 2 accepted', ['baseline.CKV2_AWS_11']]]],
    [true, [['traffic', 'Traffic 2/3 as asked', ['flow.internet-alb-443', 'flow.internet-rds-5432', 'flow.private-internet-5432']], ['live', 'Live network 2/2 as asked', ['live.vpc', 'live.nat.count']], ['baseline', 'Baseline 1 finding, 2 accepted', ['baseline.CKV2_AWS_12', 'baseline.CKV2_AWS_11', 'baseline.CKV_AWS_260', 'baseline.CKV_AWS_232']]]],
  ] as const)('verbose %s', (verbose, expected) => {
    expect(summarizeChecks(checks, verbose).map((g) => [g.group, g.line, g.shown.map((c) => c.id)])).toEqual(expected);
  });

  it.each([
    [[check('baseline.a', 'pass')], 'Baseline no findings'],
    [[check('baseline.a', 'fail'), check('baseline.b', 'fail')], 'Baseline 2 findings'],
    [[check('preflight.credentials', 'pass'), check('preflight.quota', 'fail')], 'Preflight 1/2 passed'],
    [[check('sg.alb.ingress', 'pass')], 'Live network 1/1 as asked'],
  ] as [Check[], string][])('%j → %s', (cs, line) => {
    expect(summarizeChecks(cs).map((g) => g.line)).toEqual([line]);
  });

  it('leaves empty groups out and keeps the order preflight, traffic, live, baseline', () => {
    expect(summarizeChecks([check('baseline.x', 'pass'), check('flow.y', 'pass')]).map((g) => g.group)).toEqual(['traffic', 'baseline']);
    expect(summarizeChecks([])).toEqual([]);
  });
});

describe('checkMark', () => {
  it.each([
    [check('flow.a', 'pass', { flow: flow('blocked') }), '✔'],
    [check('flow.a', 'fail', { flow: flow('open') }), '✗'],
    [check('flow.a', 'skip', { flow: flow(null) }), '·'],
    [check('baseline.a', 'skip'), '–'],
  ] as [Check, string][])('%j → %s', (c, mark) => expect(checkMark(c)).toBe(mark));
});
