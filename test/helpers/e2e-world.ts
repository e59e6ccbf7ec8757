import { afterAll, beforeAll } from 'vitest';
import { tempDir } from './cli.js';
import { startMoto, type Moto } from './moto.js';
import { terraformTestEnv } from './terraform-env.js';

/** What an end-to-end test file works with: its own moto, terraform's environment, a scratch folder. */
export interface E2eWorld {
  moto: Moto;
  /** Environment for the CLI and terraform: the CLI config naming the provider mirror, etc. */
  env: Record<string, string>;
  /** The provider mirror directory. */
  mirror: string;
  work: { path: string; cleanup(): Promise<void> };
}

/**
 * Start a moto on a free loopback port and find terraform's provider mirror before the file's
 * tests, and stop and clean up after them. Call at the top of a `describe.skipIf(e2eSkipReason)`.
 */
export function useE2eWorld(): E2eWorld {
  const world = {} as E2eWorld;
  let cleanupTf: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const tf = await terraformTestEnv();
    if (!tf.ok) throw new Error(tf.reason);
    cleanupTf = tf.cleanup;
    world.env = tf.env;
    world.mirror = tf.mirror;
    world.moto = await startMoto();
    world.work = await tempDir();
  });
  afterAll(async () => {
    await world.moto?.stop();
    await world.work?.cleanup();
    await cleanupTf?.();
  });
  return world;
}
