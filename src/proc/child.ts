// Starting long-lived children (the supervisor's agent, setup and check shells) with node:child_process alone: the
// supervisor stays lean (execa and what it loads cost each running task ~9 MB of RSS; bench/scale-supervisor).
// A child gets no extra environment, its own process group when asked, stdin from a file or nothing, and
// stdout/stderr piped or appended to a file; `done` settles (never rejects) once it exited and its pipes closed.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';

export type ChildOutput = 'pipe' | { file: string; append: true };

export interface ChildOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: 'ignore' | { file: string };
  stdout: ChildOutput;
  stderr: ChildOutput;
  detached: boolean;
}

export interface ChildResult {
  exitCode: number | null;
  signal: string | null;
  /** Why it could not start (spawn's error: ENOENT, EACCES…), else undefined. */
  startError?: string;
}

export interface Child {
  pid: number | undefined;
  stdout: Readable | null;
  stderr: Readable | null;
  /** null when it never started. */
  process: ChildProcess | null;
  done: Promise<ChildResult>;
}

/** Start `file args` as `o` says. Files named for stdio are opened here and closed once the child has them. */
export function startChild(file: string, args: readonly string[], o: ChildOptions): Child {
  const fds: number[] = [];
  const open = (f: string, flags: string): number => {
    const fd = openSync(f, flags);
    fds.push(fd);
    return fd;
  };
  const out = (s: ChildOutput): 'pipe' | number => (s === 'pipe' ? 'pipe' : open(s.file, 'a'));
  let child: ChildProcess;
  try {
    const stdin = o.stdin === 'ignore' ? 'ignore' : open(o.stdin.file, 'r');
    child = spawn(file, [...args], { cwd: o.cwd, env: o.env, detached: o.detached, stdio: [stdin, out(o.stdout), out(o.stderr)] });
  } catch (error) {
    // A stdio file that cannot be opened (or spawn refusing its arguments): it never started.
    const e = error as NodeJS.ErrnoException;
    return { pid: undefined, stdout: null, stderr: null, process: null, done: Promise.resolve({ exitCode: null, signal: null, startError: `${e.code ?? 'error'}: ${e.message}` }) };
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  const done = new Promise<ChildResult>((resolve) => {
    let settled = false;
    const settle = (r: ChildResult) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Only a child that never started ends here; one that runs reports through 'close'.
      if (child.pid === undefined) settle({ exitCode: null, signal: null, startError: `${error.code ?? 'error'}: ${error.message}` });
    });
    child.once('close', (code, signal) => settle({ exitCode: code, signal }));
  });
  return { pid: child.pid, stdout: child.stdout, stderr: child.stderr, process: child, done };
}
