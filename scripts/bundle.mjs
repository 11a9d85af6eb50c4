// Bundles the compiled app (dist/src) into one file for the bin. Loading ~1,000 modules one
// by one (Ink alone pulls in es-toolkit's whole compat barrel) cost ~0.25 s and ~20 MB at
// every launch; the bundle also drops React's development build for good. Tests and the
// benchmark import dist/src directly; the bin runs dist/natter.mjs.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/app/main.js'],
  outfile: 'dist/natter.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  // A native addon: loaded from node_modules at run time.
  external: ['@napi-rs/keyring'],
  alias: { 'react-devtools-core': './scripts/devtools-stub.js' },
  // CommonJS dependencies (React) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __natterRequire } from 'node:module'; const require = __natterRequire(import.meta.url);" },
  logLevel: 'warning',
});
