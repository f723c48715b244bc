// Facts about a repository: its root, whether it has commits, branches, refs, dirtiness, git dirs.
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { worktreeEntries } from './checkouts.js';
import { gitOk, gitTry } from './exec.js';

/** The top of the working tree that contains `dir` (real path), or a clear error. */
export async function findRepoRoot(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const out = await gitTry(abs, ['rev-parse', '--show-toplevel']);
  if (out === null || out.trim() === '') throw new UserError(`not a git repository: ${abs}`);
  return realpathSync(out.trim());
}

/** The main working tree of the repository (the first of `git worktree list`), for shared state. */
export async function mainWorktree(root: string): Promise<string> {
  const first = (await worktreeEntries(root).catch(() => []))[0];
  return first ? realpathSync(first.path) : root;
}

export async function hasCommits(root: string): Promise<boolean> {
  return (await gitTry(root, ['rev-parse', '--verify', 'HEAD^{commit}'])) !== null;
}

/** The checked-out branch's short name, or null on a detached HEAD. */
export async function currentBranch(root: string): Promise<string | null> {
  const out = await gitTry(root, ['symbolic-ref', '--short', 'HEAD']);
  return out === null ? null : out.trim();
}

/** The commit SHA a ref names, or null when it names no commit. */
export async function resolveCommit(root: string, ref: string): Promise<string | null> {
  if (ref.startsWith('-')) return null;
  const out = await gitTry(root, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  return out === null ? null : out.trim();
}

export async function branchExists(root: string, branch: string): Promise<boolean> {
  return (await gitTry(root, ['show-ref', '--verify', `refs/heads/${branch}`])) !== null;
}

/** `git rev-parse --path-format=absolute --git-dir --git-common-dir` in `worktree`: two lines, or null when git fails. */
export async function absoluteGitDirs(worktree: string): Promise<string | null> {
  return gitTry(worktree, ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir']);
}

/** The repository's common git directory (shared by all worktrees), absolute. */
export async function commonGitDir(root: string): Promise<string> {
  const out = (await gitOk(root, ['rev-parse', '--git-common-dir'])).trim();
  return path.resolve(root, out);
}

/** A new repository at `dir` on branch main, committing as `user` (a local identity, unsigned commits). */
export async function initRepo(dir: string, user: { name: string; email: string }): Promise<void> {
  await gitOk(dir, ['init', '-q', '-b', 'main']);
  for (const [key, value] of [['user.name', user.name], ['user.email', user.email], ['commit.gpgsign', 'false']] as const) await gitOk(dir, ['config', key, value]);
}
