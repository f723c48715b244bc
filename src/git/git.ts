// The one way src/ talks to git: simple-git instances rooted at a directory, plus small raw helpers.
import { existsSync, statSync } from 'node:fs';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../core/errors.js';

/**
 * A simple-git instance for `dir`; a missing directory is a clear user error.
 * Note: simple-git waits 50 ms after a command that printed nothing at all (its completion plugin),
 * so queries here avoid `--quiet`: success prints the answer, failure prints git's error.
 */
export function gitAt(dir: string): SimpleGit {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`no such directory: ${dir}`);
  return simpleGit({ baseDir: dir, trimmed: false, maxConcurrentProcesses: 4, errors: strictErrors });
}

/**
 * simple-git only fails a command that exits non-zero *and* writes to stderr; `--quiet` commands
 * (show-ref, rev-parse --verify) fail silently. Here every non-zero exit is a failure.
 */
function strictErrors(error: Buffer | Error | undefined, result: { exitCode: number; stdErr: Buffer[] }): Buffer | Error | undefined {
  if (error) return error;
  if (result.exitCode === 0) return undefined;
  const stderr = Buffer.concat(result.stdErr).toString('utf8').trim();
  return new Error(stderr || `git exited with code ${result.exitCode}`);
}

/** Run `git args…` in `dir` and return stdout; a git failure rejects with git's own message. */
export async function gitRaw(dir: string, args: string[]): Promise<string> {
  return gitAt(dir).raw(args);
}

/** Like gitRaw, but a failing command yields null instead of an error. */
export async function gitTry(dir: string, args: string[]): Promise<string | null> {
  try {
    return await gitRaw(dir, args);
  } catch {
    return null;
  }
}

/** The first line of a git error message, without git's `fatal: ` prefix. */
export function gitMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.replace(/^(fatal|error): /, '').trim();
}
