// Bundles the compiled CLI (dist/src) into dist/bundle: one module graph in a few files starts far
// faster than ~200 separate files (the first frame of the wizard). Libraries that load only when
// needed stay outside, loaded from node_modules: CDKTF's core (cdktf, constructs) and the AWS SDK.
// The AWS provider's classes the stacks use are bundled in (a dozen of @cdktf/provider-aws's
// ~1500 modules), so that the published package does not depend on its 360 MB.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';

/**
 * yoga-layout (Ink's layout engine) loads its WebAssembly from a base64 `data:` URL with fetch()
 * whenever fetch exists, and in Node the first fetch() loads undici: ~45 ms before the first
 * frame. Without fetch it decodes the same bytes itself. Fails the build if the code it rewrites
 * is not there any more (a new yoga-layout), rather than let the start-up slow down unnoticed.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const probe = '"function"!=typeof fetch';
      const count = text.split(probe).length - 1;
      if (count !== 2) throw new Error(`yoga-without-fetch: expected 2 fetch probes in ${args.path}, found ${count}; check the yoga-layout upgrade`);
      return { contents: text.replaceAll(probe, 'true'), loader: 'js' };
    });
  },
};

/**
 * Every `import 'string-width'` gets the fast path of fast-string-width.mjs in front of the copy
 * it would have had; the copy itself answers whatever the fast path does not.
 */
const FAST_WIDTH = new URL('./fast-string-width.mjs', import.meta.url).pathname;
const stringWidthFastPath = {
  name: 'string-width-fast-path',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      // require() of it (CommonJS users) keeps the copy as it is: the front is an ES module.
      if (args.pluginData?.real || args.kind !== 'import-statement') return undefined;
      const real = await b.resolve('string-width', { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'fast-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, (args) => ({
      contents: `import stringWidth from ${JSON.stringify(args.path)};\nimport { narrowWidth } from ${JSON.stringify(FAST_WIDTH)};\nexport default function fastStringWidth(input, options) { return narrowWidth(input, options) ?? stringWidth(input, options); }\n`,
      loader: 'js',
      resolveDir: new URL('.', import.meta.url).pathname,
    }));
  },
};

/** The runtime packages the bundle leaves to node_modules; each is a dependency in package.json. */
const EXTERNAL = ['cdktf', 'constructs', 'react-devtools-core'];

await rm(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: [new URL('../dist/src/cli.js', import.meta.url).pathname],
  outdir: new URL('../dist/bundle', import.meta.url).pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  plugins: [yogaWithoutFetch, stringWidthFastPath],
  // Less to parse before the first frame. Names are kept: error names (`err.name`) and the
  // classes cdktf's tokens print stay readable.
  minify: true,
  keepNames: true,
  // React's production build; CommonJS dependencies inside an ES module need a require().
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __netWizardRequire } from 'node:module'; const require = __netWizardRequire(import.meta.url);" },
  // Source maps stay out of the bundle's directory listing for node, and out of the package (files in package.json).
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
