// Says in one message which system programs the tests need and are missing, with the
// apt-get line that installs them, and exits 1; says nothing and exits 0 when all are there.
// `npm test` runs it first (before the build), and the test run's global setup runs it with
// the programs it starts itself (test/support/global-setup.ts), so a missing program is
// never reported as "No test files found" and a stack trace.
//   node scripts/check-test-programs.mjs [PROGRAM...]   (no PROGRAM: every one below)
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Each program the tests run, and the Debian package that brings it. */
const PACKAGE_OF = {
  prosody: 'prosody',
  prosodyctl: 'prosody',
  openssl: 'openssl',
  'dbus-daemon': 'dbus',
  'gnome-keyring-daemon': 'gnome-keyring',
  'secret-tool': 'libsecret-tools',
  keyctl: 'keyutils',
  tmux: 'tmux',
  ejabberdctl: 'ejabberd',
};

function onPath(program) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, program);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

const wanted = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(PACKAGE_OF);
const unknown = wanted.filter((program) => !(program in PACKAGE_OF));
if (unknown.length > 0) {
  console.error(`check-test-programs: no package is known for ${unknown.join(', ')}: add it to PACKAGE_OF in scripts/check-test-programs.mjs`);
  process.exit(2);
}
const missing = wanted.filter((program) => !onPath(program));
if (missing.length > 0) {
  const packages = [...new Set(missing.map((program) => PACKAGE_OF[program]))];
  console.error(
    `natter's tests need ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not on PATH. Install ${packages.length > 1 ? 'them' : 'it'} (Debian/Ubuntu, as root):\n` +
      `  apt-get install -y ${packages.join(' ')}`,
  );
  process.exit(1);
}
