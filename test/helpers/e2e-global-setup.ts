import { e2eSkipReason } from './terraform-env.js';

/** Vitest globalSetup for the e2e project: checks the tools once, before the workers start. */
export default async function setup(): Promise<void> {
  await e2eSkipReason();
}
