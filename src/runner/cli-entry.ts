// Where the wtagents CLI bundle is, so a detached supervisor can be launched from the CLI, the TUI or tests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLE = 'wtagents.js';

/**
 * The CLI entry to run `node <entry> __supervise …` with: $WTAGENTS_CLI when set, else the bundle this
 * code was loaded from (dist/wtagents.js, also from a dist/chunks/ chunk), else dist/ of the source tree
 * (tests running src/), else the script this process was started with.
 */
export function cliEntry(): string {
  const fromEnv = process.env.WTAGENTS_CLI;
  if (fromEnv && existsSync(fromEnv)) return path.resolve(fromEnv);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, BUNDLE), path.join(here, '..', BUNDLE), path.join(here, '..', '..', 'dist', BUNDLE)];
  for (const c of candidates) if (existsSync(c)) return c;
  const argv1 = process.argv[1];
  if (argv1 && existsSync(argv1)) return path.resolve(argv1);
  throw new Error(`cannot find the wtagents CLI (${BUNDLE}) to launch the supervisor: set WTAGENTS_CLI`);
}

/**
 * How to start the supervisor of `taskDir`: the lean dist/supervisor.js beside the CLI bundle (it loads only
 * what a supervisor runs), else the CLI's hidden `__supervise` command.
 */
export function supervisorArgs(taskDir: string): string[] {
  const cli = cliEntry();
  const lean = path.join(path.dirname(cli), SUPERVISOR);
  return existsSync(lean) ? [...SUPERVISOR_V8, lean, taskDir] : [cli, '__supervise', taskDir];
}

const SUPERVISOR = 'supervisor.js';
/**
 * V8 told to favour memory over speed in the supervisor, which mostly waits: a 1 MB young generation (more,
 * cheaper scavenges), size-optimised code, and no JIT at all (--jitless: the interpreter alone; no compiler
 * runs and no executable code is allocated; the supervisor parses a few agent lines a second and uses no
 * WebAssembly). Measured with bench/scale-supervisor.mjs: ~3 MB less RSS for the first two, ~10 MB for --jitless.
 */
const SUPERVISOR_V8 = ['--max-semi-space-size=1', '--optimize-for-size', '--jitless'];
