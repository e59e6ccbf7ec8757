/**
 * No key is lost: keys that come in one read (a paste, fast typing, a slow link, a script) are
 * handled one after the other, each against what the key before it left.
 */
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../../src/core/config.js';
import { QuestionsFlow } from '../../src/ui/wizard/components/QuestionsFlow.js';
import { SelectPrompt } from '../../src/ui/wizard/components/SelectPrompt.js';
import { TextPrompt } from '../../src/ui/wizard/components/TextPrompt.js';
import { KEYS as TERMINAL, unwrap, waitForFrame } from '../helpers/keys.js';

/** The keys these tests type, as a terminal sends them. */
const KEYS = { ...TERMINAL, left: '\u001B[D', right: '\u001B[C', home: '\u001B[H', end: '\u001B[F', delete: '\u001B[3~', ctrlU: '\u0015', ctrlW: '\u0017' } as const;

const UP_TO_NEEDS: Partial<NetworkConfig> = { project: 'shop', env: 'dev', region: 'ap-northeast-1', azs: ['ap-northeast-1a', 'ap-northeast-1c'], vpcCidr: '10.0.0.0/16', appPort: 3000, dbPort: 5432 };
const NEEDS_ANSWERED = '✔ What must your tasks reach outside the VPC?:';

function flow(preset: Partial<NetworkConfig> = {}) {
  let done: Partial<NetworkConfig> | undefined;
  const ui = render(<QuestionsFlow preset={preset} presetFrom={{}} onDone={(a) => (done = a)} />);
  return { ui, done: () => done };
}

/** A text prompt alone: what it shows, and what Enter submitted. */
function textPrompt(placeholder = 'my-app') {
  const submitted: string[] = [];
  const ui = render(<TextPrompt placeholder={placeholder} onSubmit={(v) => (submitted.push(v), true)} />);
  const type = (keys: string, until: string) => {
    ui.stdin.write(keys);
    return waitForFrame(ui.lastFrame, (f) => f.includes(until));
  };
  return { ui, type, submitted };
}

describe('the needs question (a multi-select) takes keys that come in one read', () => {
  it('↓ Space Enter in one write ticks the second choice and confirms it', async () => {
    const { ui } = flow(UP_TO_NEEDS);
    await waitForFrame(ui.lastFrame, (f) => f.includes('? What must your tasks reach'));
    ui.stdin.write(KEYS.down + KEYS.space + KEYS.enter);
    const frame = await waitForFrame(ui.lastFrame, (f) => f.includes(NEEDS_ANSWERED));
    expect(unwrap(frame)).toContain(`${NEEDS_ANSWERED} external-api`);
    expect(frame).toContain('? Where do the app tasks run');
    ui.unmount();
  });

  it('Space right after Enter (one write, no frame between) submits the new selection', async () => {
    const { ui } = flow(UP_TO_NEEDS);
    await waitForFrame(ui.lastFrame, (f) => f.includes('? What must your tasks reach'));
    ui.stdin.write(KEYS.down);
    await waitForFrame(ui.lastFrame, (f) => /❯ ◯ external-api/.test(f));
    ui.stdin.write(KEYS.space + KEYS.enter);
    expect(unwrap(await waitForFrame(ui.lastFrame, (f) => f.includes(NEEDS_ANSWERED)))).toContain(`${NEEDS_ANSWERED} external-api`);
    ui.unmount();
  });

  it('Space and Enter as two writes, before React has drawn the tick, submit the new selection', async () => {
    const { ui } = flow(UP_TO_NEEDS);
    await waitForFrame(ui.lastFrame, (f) => f.includes('? What must your tasks reach'));
    ui.stdin.write(KEYS.down);
    ui.stdin.write(KEYS.space);
    ui.stdin.write(KEYS.down);
    ui.stdin.write(KEYS.down);
    ui.stdin.write(KEYS.space);
    ui.stdin.write(KEYS.enter);
    const frame = unwrap(await waitForFrame(ui.lastFrame, (f) => f.includes(NEEDS_ANSWERED)));
    expect(frame).toMatch(new RegExp(`${NEEDS_ANSWERED.replace(/[?]/g, '\\?')} external-api,\\w`));
    ui.unmount();
  });
});

describe('keys typed ahead reach the next question', () => {
  it('a whole script in one write answers question after question', async () => {
    const { ui, done } = flow();
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Project name'));
    // project, env, then Enter on every default to the end
    ui.stdin.write(`shop${KEYS.enter}stg${KEYS.enter}${KEYS.enter.repeat(20)}`);
    await waitForFrame(ui.lastFrame, () => done() !== undefined);
    expect(done()).toMatchObject({ project: 'shop', env: 'stg', region: 'ap-northeast-1', needs: [], nat: 'auto' });
    ui.unmount();
  });

  it('Enter typed while AWS is asked for the AZs answers the AZ question once it is shown', async () => {
    let answer: (azs: string[]) => void = () => {};
    const azs = new Promise<string[]>((r) => (answer = r));
    let done: Partial<NetworkConfig> | undefined;
    const ui = render(<QuestionsFlow preset={{ project: 'shop', env: 'dev', region: 'ap-northeast-1' }} presetFrom={{}} onDone={(a) => (done = a)} lookups={{ 'available-azs': () => azs }} />);
    await waitForFrame(ui.lastFrame, (f) => f.includes('Asking AWS which AZs of ap-northeast-1 are available'));
    ui.stdin.write(KEYS.enter);
    await new Promise((r) => setTimeout(r, 50));
    answer(['ap-northeast-1c', 'ap-northeast-1d']);
    const frame = await waitForFrame(ui.lastFrame, (f) => f.includes('✔ Availability zones'));
    expect(frame).toContain('✔ Availability zones: ap-northeast-1c,ap-northeast-1d');
    expect(frame).toContain('? VPC CIDR');
    expect(done).toBeUndefined();
    ui.unmount();
  });

  it('after a refused answer the keys of the same read stay with the question', async () => {
    const { ui } = flow();
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Project name'));
    ui.stdin.write(`Shop${KEYS.enter}${KEYS.backspace.repeat(4)}shop${KEYS.enter}`);
    const frame = await waitForFrame(ui.lastFrame, (f) => f.includes('✔ Project name: shop'));
    expect(frame).toContain('? Environment');
    ui.unmount();
  });

  it('Esc goes back, and the keys after it answer the question before', async () => {
    const { ui } = flow({ project: 'shop' });
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Environment'));
    ui.stdin.write(KEYS.enter);
    await waitForFrame(ui.lastFrame, (f) => f.includes('? AWS region'));
    // Ink reads a lone Esc as Esc only when nothing follows it: the script waits a beat.
    ui.stdin.write(KEYS.escape);
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Environment'));
    ui.stdin.write(`prod${KEYS.enter}`);
    expect(await waitForFrame(ui.lastFrame, (f) => f.includes('✔ Environment: prod'))).toContain('? AWS region');
    ui.unmount();
  });

  it('Esc on the first question stays there and keeps taking keys', async () => {
    const { ui } = flow();
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Project name'));
    ui.stdin.write(KEYS.escape);
    await new Promise((r) => setTimeout(r, 50));
    ui.stdin.write(`shop${KEYS.enter}`);
    expect(await waitForFrame(ui.lastFrame, (f) => f.includes('✔ Project name: shop'))).toContain('? Environment');
    ui.unmount();
  });

  it('? typed after text in the same read is text, not the help', async () => {
    const { ui } = flow();
    await waitForFrame(ui.lastFrame, (f) => f.includes('? Project name'));
    ui.stdin.write('a?');
    const frame = await waitForFrame(ui.lastFrame, (f) => f.includes('› a?▏'));
    expect(unwrap(frame)).not.toContain('lowercase letters');
    ui.unmount();
  });
});

describe('the text prompt edits anywhere in the line', () => {
  afterEach(() => {
    chalk.level = 0;
  });

  it('types, moves with ← ← and inserts there, goes Home and End, and submits the line', async () => {
    const { ui, type, submitted } = textPrompt();
    await type('sop', '› sop▏');
    await type(KEYS.left + KEYS.left, '› s▏op');
    await type('h', '› sh▏op');
    await type(KEYS.home, '› ▏shop');
    await type('my-', '› my-▏shop');
    await type(KEYS.end, '› my-shop▏');
    await type(KEYS.enter, '› my-shop▏');
    await waitForFrame(ui.lastFrame, () => submitted.length > 0);
    expect(submitted).toEqual(['my-shop']);
    ui.unmount();
  });

  it('every Home and End a terminal sends', async () => {
    const { type, ui } = textPrompt();
    await type('ab', '› ab▏');
    for (const [home, end] of [['\u001B[H', '\u001B[F'], ['\u001B[1~', '\u001B[4~'], ['\u001BOH', '\u001BOF'], ['\u0001', '\u0005']]) {
      await type(home!, '› ▏ab');
      await type(end!, '› ab▏');
    }
    ui.unmount();
  });

  it('Backspace and Delete in the middle, Ctrl-U to the start, Ctrl-W a word', async () => {
    const { type, ui, submitted } = textPrompt();
    await type('ecr-pulll logs', '› ecr-pulll logs▏');
    await type(KEYS.left.repeat(5), '› ecr-pulll▏ logs');
    await type(KEYS.backspace, '› ecr-pull▏ logs');
    await type(KEYS.left.repeat(4) + KEYS.delete, '› ecr-▏ull logs');
    await type('p', '› ecr-p▏ull logs');
    await type(KEYS.ctrlU, '› ▏ull logs');
    await type(KEYS.end + ' ssm' + KEYS.ctrlW, '› ull logs ▏');
    await type(KEYS.ctrlW + KEYS.ctrlW, '› my-app▏'); // nothing left: the placeholder
    await type(`dns${KEYS.enter}`, '› dns▏');
    await waitForFrame(ui.lastFrame, () => submitted.length > 0);
    expect(submitted).toEqual(['dns']);
    ui.unmount();
  });

  it('a word pasted in one write is inserted whole, at the cursor', async () => {
    const { type, ui } = textPrompt();
    await type('-dev', '› -dev▏');
    await type(KEYS.home, '› ▏-dev');
    await type('my-app', '› my-app▏-dev');
    ui.unmount();
  });

  it('a bracketed paste is inserted and does not submit, even with a line break at its end; Enter does', async () => {
    const { type, ui, submitted } = textPrompt();
    await type('\u001B[200~10.1.0.0/16\r\u001B[201~', '› 10.1.0.0/16▏');
    await new Promise((r) => setTimeout(r, 50));
    expect(submitted).toEqual([]);
    await type(KEYS.enter, '› 10.1.0.0/16▏');
    await waitForFrame(ui.lastFrame, () => submitted.length > 0);
    expect(submitted).toEqual(['10.1.0.0/16']);
    ui.unmount();
  });

  it('shows the placeholder until something is typed, and Enter on nothing submits nothing typed', async () => {
    const { ui, submitted } = textPrompt('10.0.0.0/16');
    expect(ui.lastFrame()).toContain('› 10.0.0.0/16▏');
    ui.stdin.write(KEYS.enter);
    await waitForFrame(ui.lastFrame, () => submitted.length > 0);
    expect(submitted).toEqual(['']);
    ui.unmount();
  });

  it('in colour the character under the cursor is drawn inverse', async () => {
    chalk.level = 1;
    const { type, ui } = textPrompt();
    await type('shop', 'shop');
    const frame = await type(KEYS.left, '\u001B[7mp\u001B[27m');
    expect(frame).toContain('sho\u001B[7mp\u001B[27m');
    ui.unmount();
  });
});

describe('the single select', () => {
  it('↓ ↓ Enter in one write chooses the third', async () => {
    const chosen: string[][] = [];
    const choices = ['a', 'b', 'c'].map((v) => ({ value: v, label: v }));
    const ui = render(<SelectPrompt choices={choices} initial={['a']} multiple={false} onSubmit={(v) => (chosen.push(v), true)} />);
    ui.stdin.write(KEYS.down + KEYS.down + KEYS.enter);
    await waitForFrame(ui.lastFrame, () => chosen.length > 0);
    expect(chosen).toEqual([['c']]);
    expect(ui.lastFrame()).toContain('❯ c');
    ui.unmount();
  });
});
