/**
 * The next steps after a network is built offer only what would change something, each as the
 * apply line of this network with the one option that changes; never what is already so.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, type Answers } from '../../src/core/config.js';
import { planNat } from '../../src/core/nat-plan.js';
import { commandLine, followUps } from '../../src/core/follow-ups.js';
import type { Check } from '../../src/core/checks.js';

const steps = (answers: Answers, checks: Check[] = []) => {
  const config = resolveConfig({ project: 'shop', ...answers });
  return followUps(config, planNat(config), { workdir: config.workdir, checks });
};
const costOf = (answers: Answers) => planNat(resolveConfig({ project: 'shop', ...answers })).monthlyCostUsd;

describe('next steps that fit the state', () => {
  const cases: { name: string; answers: Answers; offer: RegExp | null }[] = [
    {
      name: 'per-az NAT in dev for an external API: one NAT Gateway does it for less',
      answers: { nat: 'per-az', needs: 'external-api' },
      offer: /^Save \$(\d+\.\d\d) a month \(one NAT Gateway for every AZ: if its AZ fails, the other AZs lose their way out too\): npx net-wizard apply --project shop --needs external-api --nat single$/,
    },
    { name: 'per-az NAT in production: kept, an AZ outage must not cut the others off', answers: { env: 'prod', nat: 'per-az', needs: 'external-api' }, offer: null },
    { name: 'a NAT Gateway that nothing needs', answers: { nat: 'single', needs: 'none' }, offer: /^Save \$(\d+\.\d\d) a month \(nothing you gave needs a way out\): npx net-wizard apply --project shop --nat none$/ },
    { name: 'a NAT Gateway where VPC endpoints would do for less', answers: { nat: 'single', needs: 'ecr-pull' }, offer: /^Save \$(\d+\.\d\d) a month \(VPC endpoints carry every need you gave; nothing reaches the internet\): npx net-wizard apply --project shop --needs ecr-pull --nat none$/ },
    { name: 'no NAT, nothing needs one: nothing to offer (no "switch NAT off")', answers: {}, offer: null },
    { name: 'the advised NAT, nothing cheaper meets the needs', answers: { needs: 'external-api' }, offer: null },
    {
      name: 'NAT off while an external API is needed: switching it on is what changes it',
      answers: { nat: 'none', needs: 'external-api' },
      offer: /^calling external APIs cannot work without a way to the internet: npx net-wizard apply --project shop --needs external-api --nat single adds one NAT Gateway \(\$(\d+\.\d\d) a month\)\.$/,
    },
  ];
  it.each(cases)('$name', ({ answers, offer }) => {
    const lines = steps(answers);
    expect(lines.at(-1)).toMatch(/^Remove it all: npx net-wizard destroy --workdir \.net-wizard\/shop-(dev|prod)$/);
    const offers = lines.slice(0, -1);
    if (offer === null) return expect(offers).toEqual([]);
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatch(offer);
    expect(lines.join('\n')).not.toMatch(/Switch NAT off/);
  });

  it('the saving is the difference of the two monthly costs', () => {
    const [offer] = steps({ nat: 'per-az', needs: 'external-api' });
    const saved = Number(/\$(\d+\.\d\d)/.exec(offer!)![1]);
    expect(saved).toBeCloseTo(costOf({ nat: 'per-az', needs: 'external-api' }) - costOf({ nat: 'single', needs: 'external-api' }), 2);
  });
});

describe('the apply line of a network', () => {
  it.each([
    [{}, 'npx net-wizard apply --project shop'],
    [{ region: 'us-east-1', azs: 'a,c', needs: 'logs', endpoint: 'http://127.0.0.1:5000' }, 'npx net-wizard apply --project shop --region us-east-1 --azs a,c --needs logs --endpoint http://127.0.0.1:5000'],
    [{ env: 'stg', nacl: 'custom', workdir: 'my net' }, "npx net-wizard apply --project shop --env stg --nacl custom --workdir 'my net'"],
  ] as [Answers, string][])('%o → %s', (answers, line) => {
    expect(commandLine('apply', resolveConfig({ project: 'shop', ...answers }))).toBe(line);
  });
});
