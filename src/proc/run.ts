// Running a program to completion and reading what it printed: the one way src/ does it (git, gh/glab, tmux
// and git over ssh all come here; long-lived children with their own process group use ./child.ts). Never
// rejects for what the program did: a non-zero exit, a kill or a program that could not start are in the result.
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  /** The whole environment of the program (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Text written to its stdin (none: stdin is closed). */
  input?: string;
  /** Kill it (SIGTERM) after this long; the result then says `timedOut`. */
  timeoutMs?: number;
  /** Aborting kills it; the promise then rejects with the signal's AbortError. */
  signal?: AbortSignal;
}

export interface RunResult {
  /** The exit code; 127 when it could not start, 128 + n when killed by signal n (or 128 when unknown). */
  code: number;
  stdout: string;
  stderr: string;
  /** The signal that ended it, if one did. */
  killedBy?: NodeJS.Signals;
  timedOut?: boolean;
  /** Why it could not start (ENOENT, EACCES…), if it could not. */
  startError?: string;
}

/** Run `file args…` to completion (no shell) and collect its output. */
export function runProcess(file: string, args: readonly string[], o: RunOptions = {}): Promise<RunResult> {
  o.signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
      env: o.env ?? process.env,
      stdio: [o.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = o.timeoutMs !== undefined ? setTimeout(() => ((timedOut = true), child.kill('SIGTERM')), o.timeoutMs) : null;
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      if (o.signal?.aborted) return reject(o.signal.reason);
      if (child.pid === undefined) resolve({ code: 127, stdout: '', stderr: error.message, startError: error.code ?? error.message });
    });
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (child.pid === undefined) return; // told by 'error'
      if (o.signal?.aborted) return reject(o.signal.reason);
      resolve({
        code: code ?? 128,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(signal ? { killedBy: signal } : {}),
        ...(timedOut ? { timedOut } : {}),
      });
    });
    if (o.input !== undefined) {
      child.stdin!.on('error', () => {}); // it may exit before reading all of it; its exit code says how it went
      child.stdin!.end(o.input);
    }
  });
}
