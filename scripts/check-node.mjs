// Fails fast when an npm script runs on a Node other than the pinned development one
// (e.g. after `npm ci --omit=optional`, the Node 24 package of package.json's
// optionalDependencies is missing and npm falls back to the system Node).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `natter: this script runs on Node ${process.versions.node}, but development pins Node 24.\n` +
      'Run `npm ci` (with optional dependencies) so node_modules/.bin/node exists, and start\n' +
      'scripts through `npm run ...` or `npx ...`, not node_modules/.bin/* directly.',
  );
  process.exit(1);
}
