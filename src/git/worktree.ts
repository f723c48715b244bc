// Task worktrees and branches: create, list, remove; and the info/exclude entry for .wtagents/.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { gitExec, gitMessage, gitOk, gitTry } from './exec.js';
import { commonGitDir } from './repo.js';

/** Make branch `branch` at `sha` and check it out in a new worktree at `worktree`. */
export async function addWorktree(root: string, worktree: string, branch: string, sha: string): Promise<void> {
  try {
    await gitOk(root, ['worktree', 'add', '-b', branch, '--', worktree, sha]);
  } catch (error) {
    throw new UserError(`could not create worktree ${worktree}: ${gitMessage(error)}`);
  }
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
