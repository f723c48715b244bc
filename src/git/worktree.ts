// Task worktrees and branches: create, list, remove; and the info/exclude entry for .wtagents/.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { gitExec, gitOk, gitTry } from './exec.js';
import { commonGitDir } from './repo.js';

/** Make branch `branch` at `sha` and check it out in a new worktree at `worktree`. */
export async function addWorktree(root: string, worktree: string, branch: string, sha: string): Promise<void> {
  const r = await gitExec(root, ['worktree', 'add', '-b', branch, '--', worktree, sha]);
  if (r.code === 0) return;
  // git's whole message (its first line is often just "Preparing worktree …"), a line each.
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const reason = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.at(-1) ?? `git worktree add exited with code ${r.code}`;
  throw new UserError(`could not create worktree ${worktree}: ${reason.replace(/^(fatal|error): /, '')}`).withDetails(lines.map((l) => `git: ${l}`));
}

/** Check out the existing `branch` in a new worktree at `dir` (stale worktree records pruned first); git's first error line, or null. */
export async function checkoutWorktree(root: string, dir: string, branch: string): Promise<string | null> {
  await gitTry(root, ['worktree', 'prune']);
  const r = await gitExec(root, ['worktree', 'add', '--', dir, branch]);
  return r.code === 0 ? null : r.stderr.trim().split('\n')[0] || `git worktree add exited with code ${r.code}`;
}

/** Remove a worktree (forcefully: callers have saved what must be kept) and prune its record. */
export async function removeWorktree(root: string, worktree: string): Promise<void> {
  if (existsSync(worktree)) await gitTry(root, ['worktree', 'remove', '--force', '--force', worktree]);
  await gitTry(root, ['worktree', 'prune']);
}

/** `git worktree prune`: drop the records of worktrees whose directory is gone (git's exit code not checked). */
export async function pruneWorktrees(root: string): Promise<void> {
  await gitExec(root, ['worktree', 'prune']);
}

export const EXCLUDE_ENTRY = '.wtagents/';

/** Add `.wtagents/` to the repository's info/exclude unless a line already says so. */
export async function ensureExcluded(root: string): Promise<boolean> {
  const file = path.join(await commonGitDir(root), 'info', 'exclude');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = current.split(/\r?\n/).map((l) => l.trim());
  if (lines.includes(EXCLUDE_ENTRY) || lines.includes('/.wtagents/') || lines.includes('.wtagents')) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  writeFileSync(file, `${current}${sep}# wtagents task directories\n${EXCLUDE_ENTRY}\n`);
  return true;
}
