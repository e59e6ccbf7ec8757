import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../../src/core/config.js';
import { QuestionsFlow } from '../../src/ui/wizard/components/QuestionsFlow.js';
import { KEYS, unwrap, waitForFrame } from '../helpers/keys.js';

function start(preset: Partial<NetworkConfig> = {}, presetFrom = {}) {
  let done: Partial<NetworkConfig> | undefined;
  const ui = render(<QuestionsFlow preset={preset} presetFrom={presetFrom} onDone={(a) => (done = a)} />);
  const type = async (text: string, until: (frame: string) => boolean) => {
    ui.stdin.write(text);
    return waitForFrame(ui.lastFrame, until);
  };
  return { ui, type, done: () => done };
}

describe('the questions', () => {
  it('Enter all the way through gives a working dev network with the defaults', async () => {
    const { ui, type, done } = start({ project: 'shop' }, { project: '--project' });
    expect(ui.lastFrame()).toContain('✔ Project name: shop (--project)');
    expect(ui.lastFrame()).toContain('? Environment');
    await type(KEYS.enter, (f) => f.includes('? AWS region'));
    await type(KEYS.enter, (f) => f.includes('? Availability zones'));
    await type(KEYS.enter, (f) => f.includes('? VPC CIDR') && f.includes('Subnets carved from 10.0.0.0/16'));
    expect(ui.lastFrame()).toMatch(/private\s+ap-northeast-1c\s+10\.0\.144\.0\/20/);
    for (const next of ['Container port', 'Database port', 'What must your tasks reach', 'Where do the app tasks run', 'Cost first', 'Outbound traffic', 'Tasks running at once', 'NAT Gateways', 'Network ACLs']) {
      await type(KEYS.enter, (f) => f.includes(`? ${next}`));
    }
    await type(KEYS.enter, () => done() !== undefined);
    expect(done()).toEqual({
      project: 'shop', env: 'dev', region: 'ap-northeast-1', azs: ['ap-northeast-1a', 'ap-northeast-1c'], vpcCidr: '10.0.0.0/16', appPort: 3000, dbPort: 5432,
      needs: [], tasksSubnet: 'private', priority: 'cost', trafficGb: 20, tasks: 2, nat: 'auto', nacl: 'default',
    });
  });

  it('refuses a bad value with the model\'s message and keeps asking', async () => {
    const { ui, type } = start();
    await type('Shop', (f) => f.includes('Shop'));
    const frame = await type(KEYS.enter, (f) => f.includes('✗'));
    expect(unwrap(frame)).toContain('✗ --project: "Shop" may hold only lowercase letters, digits and hyphens (example: my-app)');
    expect(frame).toContain('? Project name');
    for (let i = 4; i > 0; i--) await type(KEYS.backspace, (f) => f.includes(`› ${'Shop'.slice(0, i - 1)}▏`));
    await type('shop', (f) => f.includes('› shop') && !f.includes('✗'));
    await type(KEYS.enter, (f) => f.includes('✔ Project name: shop'));
    ui.unmount();
  });

  it('shows the help behind ? and goes back a step with Esc', async () => {
    const { ui, type } = start({ project: 'shop' });
    await type('?', (f) => unwrap(f).includes('Which copy of the network this is'));
    await type(KEYS.enter, (f) => f.includes('? AWS region'));
    await type(KEYS.escape, (f) => f.includes('? Environment'));
    expect(ui.lastFrame()).not.toContain('✔ Environment');
    ui.unmount();
  });

  it('ticks needs in a multi-select and shows the NAT advice with its cost table before the NAT question', async () => {
    const { ui, type } = start({ project: 'shop', env: 'dev', region: 'ap-northeast-1', azs: ['ap-northeast-1a', 'ap-northeast-1c'], vpcCidr: '10.0.0.0/16', appPort: 3000, dbPort: 5432 });
    await waitForFrame(ui.lastFrame, (f) => f.includes('? What must your tasks reach'));
    // external-api is the second choice
    await type(KEYS.down, (f) => /❯ ◯ external-api/.test(f));
    await type(KEYS.space, (f) => /❯ ◉ external-api/.test(f));
    await type(KEYS.enter, (f) => unwrap(f).includes('✔ What must your tasks reach outside the VPC?: external-api'));
    await type(KEYS.enter, (f) => f.includes('? Cost first'));
    await type(KEYS.enter, (f) => f.includes('? Outbound traffic'));
    await type(KEYS.enter, (f) => f.includes('? Tasks running at once'));
    const frame = await type(KEYS.enter, (f) => f.includes('? NAT Gateways'));
    expect(unwrap(frame)).toContain('Recommended: one NAT Gateway for the VPC — $50.35/month');
    expect(frame).toMatch(/one NAT Gateway per AZ\s+\$99\.06/);
    ui.unmount();
  });
});

describe('the AZs', () => {
  const preset = { project: 'shop', env: 'dev', region: 'ap-northeast-1' };

  it('offers only the AZs AWS says are available, and ticks the first two of them', async () => {
    const ui = render(<QuestionsFlow preset={preset} presetFrom={{}} onDone={() => {}} lookups={{ 'available-azs': async () => ['ap-northeast-1c', 'ap-northeast-1d'] }} />);
    const frame = await waitForFrame(ui.lastFrame, (f) => f.includes('? Availability zones'));
    expect(frame).toContain('the AZs AWS says are available to this account');
    expect(frame).toContain('◉ ap-northeast-1c');
    expect(frame).toContain('◉ ap-northeast-1d');
    expect(frame).not.toContain('ap-northeast-1a');
    ui.unmount();
  });

  it('falls back to the known AZs, saying so, when AWS cannot be asked', async () => {
    const ui = render(<QuestionsFlow preset={preset} presetFrom={{}} onDone={() => {}} lookups={{ 'available-azs': async () => Promise.reject(new Error('ExpiredToken')) }} />);
    const frame = unwrap(await waitForFrame(ui.lastFrame, (f) => f.includes('? Availability zones')));
    expect(frame).toContain('AWS did not say which AZs are available');
    expect(frame).toContain('◉ ap-northeast-1a ◉ ap-northeast-1c ◯ ap-northeast-1d');
    ui.unmount();
  });
});
