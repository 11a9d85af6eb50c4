#!/usr/bin/env node
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`natter needs Node.js 22 or newer; this is ${process.versions.node}.\n`);
  process.exit(1);
}
const { main } = await import('../dist/src/app/main.js');
process.exitCode = await main(process.argv.slice(2));
