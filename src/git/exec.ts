// The one way wtagents runs git: `git args…` in a directory as a child process (../proc/run.ts), resolving to its exit
// code and output ({code, stdout, stderr}, whatever the code), cancellable through an AbortSignal; `gitOk`
// and `gitTry` are the two ways to read it. No library in between: simple-git added 50 ms after every
// command that printed nothing, and 1.7–4.3× the time per call (bench/git-exec.mjs).
import { existsSync, statSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { runProcess, type RunResult } from '../proc/run.js';
import { takePrestarted } from './prestart.js';

export interface GitExecOptions {
  /** Aborting kills the git process; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Text written to git's stdin. */
  input?: string;
  /** Extra environment (e.g. GIT_INDEX_FILE), over the process environment without its GIT_* variables. */
  env?: Record<string, string>;
}

export interface GitExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An error thrown when a git command was cancelled through its AbortSignal. */
export class GitAbortError extends Error {
  constructor() {
    super('git command cancelled');
    this.name = 'AbortError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Run `git args…` in `dir`; resolves with the exit code and output whatever the exit code. */
export async function gitExec(dir: string, args: readonly string[], opts: GitExecOptions = {}): Promise<GitExecResult> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`no such directory: ${dir}`);
  if (opts.signal?.aborted) throw new GitAbortError();
  let r: RunResult;
  // A run started early is taken as it is; aborting stops the wait for it (it ends by itself).
  const early = opts.env === undefined && opts.input === undefined ? takePrestarted(dir, args) : undefined;
  try {
    r = early ? await untilAborted(early, opts.signal) : await runProcess('git', args, {
      cwd: dir,
      env: opts.env ? { ...withoutGitEnv(), ...opts.env } : process.env,
      ...(opts.input !== undefined ? { input: opts.input } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (error) {
    if (opts.signal?.aborted) throw new GitAbortError();
    throw error;
  }
  if (r.startError === 'ENOENT') throw new UserError('git was not found on PATH: install git');
  if (r.startError !== undefined) throw new Error(r.stderr);
  return { code: r.code, stdout: r.stdout, stderr: r.killedBy ? `${r.stderr}git killed by ${r.killedBy}` : r.stderr };
}

function untilAborted<T>(run: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return run;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new GitAbortError());
    signal.addEventListener('abort', onAbort, { once: true });
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** stdout of `git args…`; a non-zero exit rejects with git's own message (its stderr). */
export async function gitOk(dir: string, args: readonly string[], opts: GitExecOptions = {}): Promise<string> {
  const r = await gitExec(dir, args, opts);
  if (r.code !== 0) throw new Error(r.stderr.trim() || `git ${args[0] ?? ''} exited with code ${r.code}`);
  return r.stdout;
}

/** stdout of `git args…`, or null when git exits non-zero (or cannot run there at all). */
export async function gitTry(dir: string, args: readonly string[], opts: GitExecOptions = {}): Promise<string | null> {
  try {
    const r = await gitExec(dir, args, opts);
    return r.code === 0 ? r.stdout : null;
  } catch (error) {
    if (isAbortError(error)) throw error;
    return null;
  }
}

/** process.env without GIT_* (a hook's GIT_DIR or GIT_INDEX_FILE must not leak into a command given its own). */
function withoutGitEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.toUpperCase().startsWith('GIT_')) out[k] = v;
  return out;
}
