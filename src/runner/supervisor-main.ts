// dist/supervisor.js: the detached supervisor's own entry, so that each running task carries only what it
// runs (no command line, no React, no Ink, no review engine): `node dist/supervisor.js <taskDir>`. The
// launching CLI already checked the Node version. `wtagents __supervise <taskDir>` does the same through the CLI.
import nodeModule from 'node:module';

try {
  nodeModule.enableCompileCache?.();
} catch {
  // no cache: a slower start
}

const taskDir = process.argv[2];
if (!taskDir) {
  process.stderr.write('usage: supervisor.js <taskDir>\n');
  process.exit(2);
}
const { supervise } = await import('./supervisor.js');
process.exit(await supervise(taskDir)); // everything is written synchronously; leave no stray handle running
