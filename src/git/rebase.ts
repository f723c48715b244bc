// Rebase-then-fast-forward, the third merge strategy: the branch's commits replayed on the base's tip in a
// throwaway detached worktree (no branch and no checkout of the user's moves), then the base fast-forwarded
// to the result where it is checked out. A conflict aborts the rebase and changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { plural } from '../core/format.js';
import { gitExec, gitOk, gitTry } from './exec.js';
import { gitWithHooks } from './hooked.js';

export type RebaseOutcome =
  | { kind: 'rebased'; tip: string }
  | { kind: 'conflict'; conflicts: string[] }
  /** Not rebased and nothing changed (merge commits on the branch, a hook, git refused). */
  | { kind: 'refused'; message: string };

/** The commits of `tip` that `base` lacks, replayed on `base`'s tip: the new tip (no ref moves). */
export async function rebaseCommits(repo: string, base: string, tip: string, timeoutMs = 60_000): Promise<RebaseOutcome> {
  const merges = (await gitOk(repo, ['rev-list', '--merges', '--count', `${base}..${tip}`])).trim();
  if (merges !== '0') return { kind: 'refused', message: `the branch has ${plural(Number(merges), 'merge commit')}, which a rebase would flatten: choose merge or squash` };
  const parent = mkdtempSync(path.join(os.tmpdir(), 'wtagents-rebase-'));
  const dir = path.join(parent, 'checkout');
  try {
    const add = await gitExec(repo, ['worktree', 'add', '--detach', '--', dir, tip]);
    if (add.code !== 0) return { kind: 'refused', message: `could not check out the branch in a temporary worktree: ${add.stderr.trim().split('\n')[0]}` };
    const r = await gitWithHooks(dir, ['rebase', '--no-autosquash', '--no-update-refs', base], timeoutMs);
    if (r.code === 0 && !r.timedOut) return { kind: 'rebased', tip: (await gitOk(dir, ['rev-parse', 'HEAD'])).trim() };
    const conflicts = (await gitTry(dir, ['diff', '--name-only', '--diff-filter=U', '-z']))?.split('\0').filter((p) => p !== '') ?? [];
    await gitExec(dir, ['rebase', '--abort']);
    if (conflicts.length > 0) return { kind: 'conflict', conflicts };
    const why = r.timedOut ? 'a git hook ran too long and was killed' : (r.stderr || r.stdout).trim().split('\n')[0] ?? `git rebase exited with ${r.code}`;
    return { kind: 'refused', message: why };
  } finally {
    await gitTry(repo, ['worktree', 'remove', '--force', '--force', dir]);
    await gitTry(repo, ['worktree', 'prune']);
    rmSync(parent, { recursive: true, force: true });
  }
}

/** Fast-forward what `checkout` has checked out to `commit`; git's reason when it cannot. */
export async function fastForward(checkout: string, commit: string, timeoutMs = 60_000): Promise<{ kind: 'merged'; commit: string } | { kind: 'refused'; message: string }> {
  const r = await gitWithHooks(checkout, ['merge', '--ff-only', '--no-stat', commit], timeoutMs);
  if (r.code === 0 && !r.timedOut) return { kind: 'merged', commit: (await gitOk(checkout, ['rev-parse', 'HEAD'])).trim() };
  return { kind: 'refused', message: r.timedOut ? 'a git hook ran too long and was killed' : (r.stderr || r.stdout).trim().split('\n')[0] || 'git merge --ff-only failed' };
}

/** True when `commit` is `ref` or one of its ancestors. */
export async function isAncestor(repo: string, commit: string, ref: string): Promise<boolean> {
  return (await gitExec(repo, ['merge-base', '--is-ancestor', commit, ref])).code === 0;
}
