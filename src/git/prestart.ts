// Git runs started early, before the code that asks for them has loaded (src/bin.ts starts the review's file
// list and range lookups before the command line and the TUI are evaluated): each is taken once, by the first
// gitExec in the same directory with the same arguments (and no input or env of its own).
import { runProcess, type RunResult } from '../proc/run.js';

const started = new Map<string, Promise<RunResult>>();
const key = (dir: string, args: readonly string[]) => `${dir}\0${args.join('\0')}`;

/** Start `git args…` in `dir` now; a later gitExec of the same takes its result instead of running git again. */
export function prestartGit(dir: string, args: readonly string[]): Promise<RunResult> {
  const k = key(dir, args);
  const known = started.get(k);
  if (known) return known;
  const run = runProcess('git', args, { cwd: dir, env: process.env });
  run.catch(() => {}); // taken or not, never an unhandled rejection
  started.set(k, run);
  return run;
}

/** The early run of `git args…` in `dir`, if one was started and not taken yet (it is taken now). */
export function takePrestarted(dir: string, args: readonly string[]): Promise<RunResult> | undefined {
  const k = key(dir, args);
  const run = started.get(k);
  started.delete(k);
  return run;
}

/** How many early runs wait to be taken (for tests). */
export function prestartedCount(): number {
  return started.size;
}
