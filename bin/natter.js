#!/usr/bin/env node
// This file runs on whatever Node the shell finds, Debian's Node 20 too: keep it to syntax
// that Node 14.8 parses (top-level await in a module, ?? and ?.).
//
// V8 lets the young generation grow to 64 MB (two 32 MB semi-spaces; Node runs without
// pointer compression), nearly all of it garbage between two scavenges: a third of natter's
// peak memory in a message flood. With 4 MB semi-spaces the flood costs no more CPU (npm run
// bench, A/B against 8 and 2 MB), scavenges are shorter and ~35 MB less is resident.
// V8's pool of background threads (compilers, concurrent GC) has 4 by default: with 1, natter's
// peak memory is ~5 MB lower (each thread's malloc arena and stack) at the same CPU and echo
// (npm run bench, A/B of 3 x 3 runs against 2 and 4), and it takes less of a small server's cores.
// The heap is sized when the process starts, so natter starts itself again with the flags
// (the same process: execve keeps its PID, terminal and environment; ~20 ms). A flag given
// by the person (node --max-semi-space-size=N, NODE_OPTIONS) is left as it is.
const FLAGS = ['--max-semi-space-size=4', '--v8-pool-size=1'];
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const missing = FLAGS.filter((flag) => !given.some((g) => g.startsWith(flag.slice(0, flag.indexOf('=')))));
// natter needs node:sqlite without a flag: Node 22.13, 23.4 and later. On an older Node
// (Debian's 20) it runs on the Node 24 its install brought, started with the flags at once;
// this process waits for it and ends as it ends (bin/bundled-node.js).
const [major, minor] = process.versions.node.split('.').map(Number);
if (!(major > 23 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13))) {
  const { runOnBundledNode } = await import('./bundled-node.js');
  await runOnBundledNode([...missing, ...process.execArgv]);
}
if (missing.length > 0 && typeof process.execve === 'function') {
  try {
    process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)]);
  } catch {
    // Not allowed here (a sandbox): run with V8's default sizes.
  }
}
// V8 keeps the compiled bundle on disk (Node >= 22.1; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off): later launches skip parsing and compiling ~60,000 lines.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
// One bundle (scripts/bundle.mjs), built with React's and Ink's production code.
// Ink's layout engine (yoga) loads its WebAssembly with fetch() on a data: URL when fetch
// exists, which loads Node's whole HTTP client first (~55 ms before the first frame); without
// fetch it decodes the same bytes itself. Nothing else in the bundle uses fetch while it loads.
const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
delete globalThis.fetch;
// Ink (is-in-ci) and chalk (supports-color) decide while they load whether they write to a
// terminal, and take a CI variable for "no": Ink then paints only the last frame and chalk
// drops every style, the cursor's too. On a terminal natter knows better, so they do not see
// those variables; hooks and other programs natter starts get the environment unchanged.
const ciVariables = process.stdin.isTTY && process.stdout.isTTY ? Object.keys(process.env).filter((key) => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) : [];
const hidden = ciVariables.map((key) => [key, process.env[key]]);
for (const key of ciVariables) delete process.env[key];
let main;
try {
  ({ main } = await import('../dist/natter.mjs'));
} finally {
  if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  for (const [key, value] of hidden) process.env[key] = value;
}
const code = await main(process.argv.slice(2));
process.exitCode = code;
// main has finished its work (sessions closed, history written): a library timer left
// behind (an xmpp.js IQ timeout, a socket still closing) must not keep the shell waiting.
// Exit once stdout and stderr have been handed their last bytes.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
