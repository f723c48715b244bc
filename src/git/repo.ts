// Facts about a repository: its root, whether it has commits, branches, refs, dirtiness, git dirs.
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { parseStatusZ } from '../core/git-status.js';
import { gitRaw, gitTry } from './git.js';

/** The top of the working tree that contains `dir` (real path), or a clear error. */
export async function findRepoRoot(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const out = await gitTry(abs, ['rev-parse', '--show-toplevel']);
  if (out === null || out.trim() === '') throw new UserError(`not a git repository: ${abs}`);
  return realpathSync(out.trim());
}

/** The main working tree of the repository (the first of `git worktree list`), for shared state. */
export async function mainWorktree(root: string): Promise<string> {
  const out = await gitTry(root, ['worktree', 'list', '--porcelain', '-z']);
  const first = out?.split('\0').find((f) => f.startsWith('worktree '));
  return first ? realpathSync(first.slice('worktree '.length)) : root;
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

/** Paths with uncommitted changes (staged, unstaged or untracked), excluding wtagents' own directory. */
export async function dirtyPaths(root: string): Promise<string[]> {
  const out = await gitRaw(root, ['status', '--porcelain=v1', '-z', '--untracked-files=normal']);
  return parseStatusZ(out).map((e) => e.path);
}

/** The repository's common git directory (shared by all worktrees), absolute. */
export async function commonGitDir(root: string): Promise<string> {
  const out = (await gitRaw(root, ['rev-parse', '--git-common-dir'])).trim();
  return path.resolve(root, out);
}
