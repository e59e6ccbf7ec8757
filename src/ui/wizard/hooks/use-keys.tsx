import { useStdin, useStdout } from 'ink';
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { readKeys, type Key, type KeyReader } from '../keys.js';

/**
 * What a prompt says of a key: `done` when it has answered or left (the keys after it belong to
 * the next prompt), `kept` when it stays (a refused answer, a move, a key it does not use).
 */
export type KeyOutcome = 'done' | 'kept';

/** Handles one key against the prompt's latest state (kept in a ref, not in a render's closure). */
export type KeyHandler = (key: Key) => KeyOutcome;

/**
 * Hands the keys read from the terminal to the prompt on screen, one at a time, in order. Keys
 * that come while no prompt listens (after an answer, before the next question has mounted; while
 * a lookup runs) wait in a queue and go to the next prompt: none is lost.
 */
class KeyRouter {
  private reader: KeyReader = {};
  private current: { handler: () => KeyHandler } | undefined;
  private readonly queue: Key[] = [];

  /** A read from the terminal, as Ink delivers it (one escape sequence or a run of text). */
  push(data: string): void {
    const { keys, reader } = readKeys(data, this.reader);
    this.reader = reader;
    for (const key of keys) this.deliver(key);
  }

  /** Makes `prompt` the one that gets keys, and hands it the keys that waited. */
  register(prompt: { handler: () => KeyHandler }): () => void {
    if (this.current !== prompt) {
      this.current = prompt;
      while (this.queue.length > 0 && this.current === prompt) this.deliver(this.queue.shift()!);
    }
    return () => {
      if (this.current === prompt) this.current = undefined;
    };
  }

  private deliver(key: Key): void {
    const prompt = this.current;
    if (!prompt) {
      // A bounded wait: keys typed during a long lookup are kept, a stuck key is not a leak.
      if (this.queue.length < 10_000) this.queue.push(key);
      return;
    }
    if (prompt.handler()(key) === 'done') this.current = undefined;
  }
}

const RouterContext = createContext<KeyRouter | undefined>(undefined);

/** Reads the terminal for `router` while `active`, with Ink's raw mode. */
function useTerminalKeys(router: KeyRouter, active: boolean): void {
  // Ink's parsed `key` (useInput) merges Backspace (\x7f) and Delete (\x1b[3~) and hands a run of
  // text as one string; its input events carry the terminal's own characters, already cut at
  // escape sequences (and a lone Esc told from an arrow's first byte).
  const { internal_eventEmitter: events, setRawMode } = useStdin();
  useEffect(() => {
    if (!active) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [active, setRawMode]);
  useEffect(() => {
    if (!active) return;
    const onInput = (data: string) => router.push(data);
    events.on('input', onInput);
    return () => {
      events.removeListener('input', onInput);
    };
  }, [active, events, router]);
}

const PASTE_ON = '\u001B[?2004h';
const PASTE_OFF = '\u001B[?2004l';

/**
 * Asks the terminal to mark pastes (bracketed paste, mode 2004) while the prompts are on screen,
 * so that a pasted line break is text and only a real Enter answers; off again when they go, and
 * at exit if they never unmounted. A terminal without the mode sends a paste as typed keys.
 */
function useBracketedPaste(): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (!stdout.isTTY) return;
    const off = () => stdout.write(PASTE_OFF);
    stdout.write(PASTE_ON);
    process.once('exit', off);
    return () => {
      process.removeListener('exit', off);
      off();
    };
  }, [stdout]);
}

/** One reader of the terminal for every prompt below it (the questions), so that a key typed ahead reaches the next prompt. */
export function KeysProvider({ children }: { children: ReactNode }) {
  const [router] = useState(() => new KeyRouter());
  useTerminalKeys(router, true);
  useBracketedPaste();
  return <RouterContext.Provider value={router}>{children}</RouterContext.Provider>;
}

/**
 * Calls `handler` for every key, in order; under a KeysProvider the prompt shares its reader, else
 * it reads the terminal itself. The handler of the latest render is used.
 */
export function useKeys(handler: KeyHandler): void {
  const shared = useContext(RouterContext);
  const [own] = useState(() => new KeyRouter());
  useTerminalKeys(own, shared === undefined);
  const router = shared ?? own;
  const latest = useRef(handler);
  latest.current = handler;
  const [prompt] = useState(() => ({ handler: () => latest.current }));
  // After every commit: a prompt still on screen after saying `done` (an Esc on the first
  // question) takes keys again; on unmount it gives them up.
  useLayoutEffect(() => router.register(prompt));
}
