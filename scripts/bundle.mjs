// Bundles the compiled app (dist/src) into one file for the bin. Loading ~1,000 modules one
// by one (Ink alone pulls in es-toolkit's whole compat barrel) cost ~0.25 s and ~20 MB at
// every launch; the bundle also drops React's development build for good. Tests and the
// benchmark import dist/src directly; the bin runs dist/natter.mjs, and `npm run bench:frame`
// runs dist/bench/frame-cost.mjs, bundled the same way so that it measures the same frame.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// Ink's Output stage, replaced by one whose caches outlive a frame (src/ui/render/cached-output.ts
// says why). Ink's renderer.js is the one module that imports it.
const cachedOutput = {
  name: 'natter-cached-output',
  setup(bundle) {
    const replacement = fileURLToPath(new URL('../dist/src/ui/render/cached-output.js', import.meta.url));
    bundle.onResolve({ filter: /^\.\/output\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer) ? { path: replacement } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  // A native addon: loaded from node_modules at run time.
  external: ['@napi-rs/keyring'],
  alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
  plugins: [cachedOutput],
  // CommonJS dependencies (React) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __natterRequire } from 'node:module'; const require = __natterRequire(import.meta.url);" },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['dist/src/app/main.js'], outfile: 'dist/natter.mjs' }),
  build({ ...common, entryPoints: ['dist/bench/frame-cost.js'], outfile: 'dist/bench/frame-cost.mjs' }),
]);
