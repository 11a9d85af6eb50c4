#!/usr/bin/env node
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`natter needs Node.js 22 or newer; this is ${process.versions.node}.\n`);
  process.exit(1);
}
// React and Ink pick their build when first loaded: the production one, whatever NODE_ENV the
// user's shell has. The development build times every component render with
// performance.measure (a structuredClone each) and keeps the entries: 2x the CPU of a message
// flood and a heap that grows with every frame. Hooks get the user's NODE_ENV back.
const userNodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
const { main } = await import('../dist/src/app/main.js');
if (userNodeEnv === undefined) delete process.env.NODE_ENV;
else process.env.NODE_ENV = userNodeEnv;
const code = await main(process.argv.slice(2));
process.exitCode = code;
// main has finished its work (sessions closed, history written): a library timer left
// behind (an xmpp.js IQ timeout, a socket still closing) must not keep the shell waiting.
// Exit once stdout and stderr have been handed their last bytes.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
