// Bundles the compiled CLI (dist/src) into dist/bundle: one module graph in a few files starts far
// faster than ~200 separate files (the first frame of the wizard). Heavy libraries that load only
// when needed (CDKTF, the provider bindings, the AWS SDK) stay outside, loaded from node_modules.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: [new URL('../dist/src/cli.js', import.meta.url).pathname],
  outdir: new URL('../dist/bundle', import.meta.url).pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['cdktf', 'constructs', '@cdktf/*', '@aws-sdk/*', 'react-devtools-core'],
  // React's production build; CommonJS dependencies inside an ES module need a require().
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __netWizardRequire } from 'node:module'; const require = __netWizardRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
