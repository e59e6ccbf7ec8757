import { requireE2eTools } from './terraform-env.js';

/**
 * Vitest globalSetup of the e2e and harness projects: checks the tools once, before the workers
 * start, and fails the run when one is missing (npm test cannot go green without its end-to-end
 * tests; `npm run test:unit` runs the unit project alone and needs none of them).
 */
export default async function setup(): Promise<void> {
  await requireE2eTools();
}
