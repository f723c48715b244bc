// Running one git command and getting its exit code too (simple-git only hands back stdout),
// with an optional AbortSignal (kills the git process), stdin text and extra GIT_* environment.
import { existsSync, statSync } from 'node:fs';
import { GitPluginError, simpleGit } from 'simple-git';
import { UserError } from '../core/errors.js';

export interface GitExecOptions {
  /** Aborting kills the git process; the promise then rejects with an AbortError. */
  signal?: AbortSignal;
  /** Text written to git's stdin. */
  input?: string;
  /** Extra environment (e.g. GIT_INDEX_FILE), added to the process environment. */
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
export async function gitExec(dir: string, args: string[], opts: GitExecOptions = {}): Promise<GitExecResult> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`no such directory: ${dir}`);
  if (opts.signal?.aborted) throw new GitAbortError();
  let code = 0;
  let stderr = '';
  const envNames = Object.keys(opts.env ?? {});
  const git = simpleGit({
    baseDir: dir,
    trimmed: false,
    ...(opts.signal ? { abort: opts.signal } : {}),
    ...(opts.input !== undefined ? { input: () => opts.input } : {}),
    ...(envNames.length > 0 ? { allowEnvironment: envNames } : {}),
    errors: (error, result) => {
      code = result.exitCode;
      stderr = Buffer.concat(result.stdErr).toString('utf8');
      // git ran and said no: that is a result here, not an error (simple-git has already made it a GitError).
      // Spawn failures and kills (abort) stay errors.
      if (result.exitCode > 0 && !(error instanceof GitPluginError)) return undefined;
      return error instanceof Error ? error : undefined;
    },
  });
  if (opts.env) git.env({ ...unguardedEnv(), ...opts.env });
  try {
    const stdout = await git.raw(args);
    return { code, stdout, stderr };
  } catch (error) {
    if (opts.signal?.aborted) throw new GitAbortError();
    throw error;
  }
}

/** Like gitExec, but a non-zero exit rejects with git's own first stderr line. */
export async function gitOk(dir: string, args: string[], opts: GitExecOptions = {}): Promise<string> {
  const r = await gitExec(dir, args, opts);
  if (r.code !== 0) throw new Error(r.stderr.trim() || `git ${args[0] ?? ''} exited with code ${r.code}`);
  return r.stdout;
}

/** Names simple-git refuses in an explicit environment unless allowed (it drops them from the ambient one). */
const GUARDED = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);

/** process.env without the variables simple-git guards, as simple-git itself would pass it on. */
function unguardedEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    const key = k.toLowerCase().trim();
    if (v === undefined || key.startsWith('git_') || GUARDED.has(key)) continue;
    out[k] = v;
  }
  return out;
}
