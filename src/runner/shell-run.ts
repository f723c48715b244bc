// Running one shell command of wtagents' own (setup, checks) in the worktree: its own process group
// (so stop can kill it), combined output appended to a log file, the tail kept for the trace.
import { withFileBytes } from '../store/file-bytes.js';
import { killGroup } from '../store/process-group.js';
import { startChild } from '../proc/child.js';
import type { StopControl } from './stop-control.js';

export interface ShellResult {
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  logTail: string;
  /** The command ran past `timeoutMs` and its process group was killed. */
  timedOut: boolean;
}

export interface ShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  stop: StopControl;
  /** Wraps the shell's argv (the sandbox); default none. */
  wrap?: (argv: readonly string[]) => string[];
  /** Kill the command's process group (SIGTERM, SIGKILL after the stop grace) once it has run this long. */
  timeoutMs?: number;
}

const TAIL_LINES = 30;
const TAIL_BYTES = 8 * 1024;

export async function runShell(cmd: string, o: ShellOptions): Promise<ShellResult> {
  const started = performance.now();
  const argv = o.wrap ? o.wrap(['/bin/sh', '-c', cmd]) : ['/bin/sh', '-c', cmd];
  const sub = startChild(argv[0]!, argv.slice(1), {
    cwd: o.cwd,
    env: o.env,
    stdin: 'ignore',
    stdout: { file: o.logFile, append: true },
    stderr: { file: o.logFile, append: true },
    detached: true,
  });
  if (sub.pid !== undefined) o.stop.track(sub.pid);
  let timedOut = false;
  let killing: Promise<unknown> | null = null;
  const timer =
    o.timeoutMs !== undefined && sub.pid !== undefined
      ? setTimeout(() => {
          timedOut = true;
          killing = killGroup(sub.pid!, o.stop.grace);
        }, Math.min(o.timeoutMs, 2 ** 31 - 1))
      : null;
  const r = await sub.done;
  if (timer) clearTimeout(timer);
  // The shell is gone; what it started in its group goes with it (killGroup returns once the group is empty).
  if (killing) await killing;
  o.stop.untrack();
  await o.stop.settled();
  const exitCode = r.exitCode;
  const startError = r.startError ? `${r.startError}\n` : '';
  return {
    exitCode,
    signal: r.signal,
    durationMs: Math.round(performance.now() - started),
    logTail: startError + logTail(o.logFile),
    timedOut,
  };
}

/** The last lines of a log file (at most TAIL_BYTES read). */
export function logTail(file: string, lines = TAIL_LINES): string {
  const tail = withFileBytes(file, (f) => {
    const len = Math.min(f.size, TAIL_BYTES);
    const all = f.read(f.size - len, len).toString('utf8').replace(/\n$/, '').split('\n');
    if (len < f.size) all.shift(); // a partial first line
    return all.slice(-lines).join('\n');
  });
  return tail ?? '';
}
