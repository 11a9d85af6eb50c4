// Bundles the compiled app (dist/src) into one file for the bin. Loading ~1,000 modules one
// by one (Ink alone pulls in es-toolkit's whole compat barrel) cost ~0.25 s and ~20 MB at
// every launch; the bundle also drops React's development build for good. Tests and the
// benchmark import dist/src directly; the bin runs dist/natter.mjs, and `npm run bench:frame`
// runs dist/bench/frame-cost.mjs, bundled the same way so that it measures the same frame.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// Two stages of Ink replaced by natter's (src/ui/render/ says why): the Output, whose caches
// outlive a frame, and the log-update, which writes only the rows that changed, each at its
// place on the alternate screen. Each is imported by one module of Ink.
const replacements = new Map([
  ['renderer.js ./output.js', 'cached-output.js'],
  ['ink.js ./log-update.js', 'screen-update.js'],
]);
const inkStages = {
  name: 'natter-ink-stages',
  setup(bundle) {
    const used = new Set();
    bundle.onResolve({ filter: /^\.\/(output|log-update)\.js$/ }, (args) => {
      const importer = args.importer.replaceAll('\\', '/');
      if (!importer.includes('/node_modules/ink/build/')) return undefined;
      const key = `${importer.split('/').at(-1)} ${args.path}`;
      const module = replacements.get(key);
      if (module === undefined) return undefined;
      used.add(key);
      return { path: fileURLToPath(new URL(`../dist/src/ui/render/${module}`, import.meta.url)) };
    });
    // An Ink release that moves these stages must fail the build, not ship Ink's own silently.
    bundle.onEnd(() => {
      const missed = [...replacements.keys()].filter((key) => !used.has(key));
      if (missed.length > 0) throw new Error(`Ink's ${missed.join(', ')} was not found: update src/ui/render/ for this Ink`);
    });
  },
};

// Lines of dependencies changed as they are bundled. Each must be found as written, or the
// build fails: a release that moves one must be looked at, not shipped unpatched.
const sourcePatches = [
  {
    // Ink throttles its frames (maxFps) and then, separately, its writes to the terminal (a
    // zero-delay throttle), except in debug mode. natter's store already holds traffic to 20
    // frames a second (src/store/create-store.ts); Ink's throttles only held back a keystroke's
    // frame when another frame had been drawn in the same turn of the event loop, until a
    // timer, while the flood behind the key was read and handled (echo p99 40 ms). Frames are
    // written as they come: src/ui/render/screen-update.ts wraps each in a synchronized
    // update, as Ink's throttled writer did.
    file: /[\\/]node_modules[\\/]ink[\\/]build[\\/]ink\.js$/,
    from: 'const isUnthrottled = options.debug || this.isScreenReaderEnabled;',
    to: 'const isUnthrottled = true;',
  },
  {
    // meow's bundled dependencies run normalize-package-data (semver, hosted-git-info, the SPDX
    // license tables) as they load, for a function natter never calls (it reads no cli.pkg):
    // ~10 ms of every start. It now loads on its first call.
    file: /[\\/]node_modules[\\/]meow[\\/]build[\\/]dependencies\.js$/,
    from: 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
    to: 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
  },
  {
    // xmpp.js parses the from and to of every stanza it receives; each parse asks whether the
    // local part holds XEP-0106 escapes with ten replaceAll calls: 4 % of natter's CPU in a
    // flood (--cpu-prof). A local part with none of the characters an escape or an unescaped
    // special can start with gives the same answer (false) at once.
    file: /[\\/]node_modules[\\/]@xmpp[\\/]jid[\\/]lib[\\/]escaping\.js$/,
    from: '  // Remove all escaped sequences\n  const tmp = local',
    to: '  if (!/[ "&\'/:<>@\\\\]/.test(local)) return false;\n\n  // Remove all escaped sequences\n  const tmp = local',
  },
  {
    // Ink sanitizes every text node's text at every frame (a full ANSI tokenizing for any text
    // with a colour): in a flood, ~90 nodes a frame whose text did not change. The sanitized
    // text is remembered by the text it came from in natter's GenerationCache (2,000 texts of
    // up to 1,000 characters a generation: what is on screen stays, what scrolled away goes).
    file: /[\\/]node_modules[\\/]ink[\\/]build[\\/]squash-text-nodes\.js$/,
    edits: [
      {
        from: 'const squashTextNodes = (node) => {',
        to: `import { GenerationCache } from ${JSON.stringify(fileURLToPath(new URL('../dist/src/ui/render/generation-cache.js', import.meta.url)))};
const sanitized = new GenerationCache(2000);
const clean = (text) => sanitizeAnsi(text.replaceAll('\\r\\n', '\\n'));
const sanitizeOnce = (text) => (text.length > 1000 ? clean(text) : sanitized.get(text, clean));
const squashTextNodes = (node) => {`,
      },
      { from: "text = sanitizeAnsi(text.replaceAll('\\r\\n', '\\n'));", to: 'text = sanitizeOnce(text);' },
    ],
  },
  {
    // Ink measures each text node's width twice a frame: in layout through measureText, which
    // remembers 4,096 texts, and again when it draws the node, with widestLine, which measures
    // every character (string-width's emoji and grapheme tests) each time. In a hostile flood
    // with the XML console open that second measuring was 4.5 % of natter's time (--cpu-prof,
    // 3,000 stanzas): it now asks measureText, the same width, remembered.
    file: /[\\/]node_modules[\\/]ink[\\/]build[\\/]render-node-to-output\.js$/,
    edits: [
      { from: "import widestLine from 'widest-line';", to: "import measureText from './measure-text.js';" },
      { from: 'const currentWidth = widestLine(text);', to: 'const currentWidth = measureText(text).width;' },
    ],
  },
  {
    // Terminal focus reports (DECSET 1004, on while natter's screen is: src/app/screen/run-ui.tsx)
    // are taken out of Ink's input after its parser has joined what came in split reads, and
    // told to natter (src/ui/input/focus-reports.ts) for Client State Indication; Ink would
    // drop them, silently. Every other event passes as it was.
    file: /[\\/]node_modules[\\/]ink[\\/]build[\\/]components[\\/]App\.js$/,
    edits: [
      {
        from: "import { getRawModeStream } from '../stream.js';",
        to: `import { getRawModeStream } from '../stream.js';
import { withoutFocusReport as natterWithoutFocusReport } from ${JSON.stringify(fileURLToPath(new URL('../dist/src/ui/input/focus-reports.js', import.meta.url)))};`,
      },
      {
        from: "            if (typeof event === 'string') {\n                // Protocol replies are consumed here; bracketed paste stays literal.",
        to: "            if (typeof event === 'string') {\n                event = natterWithoutFocusReport(event);\n                if (event === '') return;\n                // Protocol replies are consumed here; bracketed paste stays literal.",
      },
    ],
  },
];
const patchSources = {
  name: 'natter-source-patches',
  setup(bundle) {
    for (const patch of sourcePatches) {
      bundle.onLoad({ filter: patch.file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        let contents = source;
        for (const { from, to } of patch.edits ?? [patch]) {
          if (!contents.includes(from)) throw new Error(`"${from.split('\n')[0]}" was not found in ${args.path}: update scripts/bundle.mjs for this release`);
          contents = contents.replace(from, to);
        }
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    }
  },
};

// conf imports ajv and ajv-formats for its schema option, which natter does not use (the
// schema is compiled at build time: src/config/validate-config.generated.ts). Their 280 KB
// would still be read and run at every start; a stub that fails loudly takes their place.
const confWithoutAjv = {
  name: 'natter-conf-without-ajv',
  setup(bundle) {
    const stub = fileURLToPath(new URL('./ajv-stub.mjs', import.meta.url));
    bundle.onResolve({ filter: /^ajv(\/dist\/2020\.js|-formats)?$/ }, (args) =>
      args.importer.replaceAll('\\', '/').includes('/node_modules/conf/') ? { path: stub } : undefined,
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
  plugins: [inkStages, patchSources, confWithoutAjv],
  // CommonJS dependencies (React) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __natterRequire } from 'node:module'; const require = __natterRequire(import.meta.url);" },
  logLevel: 'warning',
};

// V8 holds a script's source as long as its functions live, in one byte a character only if
// every character fits: one "§" in a kept comment made the bundle's 2 MB source take 4 MB of
// heap. esbuild escapes non-ASCII in code (charset 'ascii'); comments keep theirs, so they are
// escaped here, and anything outside a comment fails the build.
async function asciiOnly(file) {
  const source = await readFile(file, 'utf8');
  const lines = source.split('\n').map((line, index) => {
    if (!/[\u0080-\u{10ffff}]/u.test(line)) return line;
    if (!/^\s*(\/\/|\/\*|\*)/.test(line)) throw new Error(`${file}:${index + 1}: a character beyond ASCII outside a comment`);
    return line.replace(/[\u0080-\u{10ffff}]/gu, (character) => `\\u{${character.codePointAt(0).toString(16)}}`);
  });
  await writeFile(file, lines.join('\n'));
}

const outputs = ['dist/natter.mjs', 'dist/bench/frame-cost.mjs'];
await Promise.all([
  build({ ...common, entryPoints: ['dist/src/app/main.js'], outfile: outputs[0] }),
  build({ ...common, entryPoints: ['dist/bench/frame-cost.js'], outfile: outputs[1] }),
]);
await Promise.all(outputs.map(asciiOnly));
