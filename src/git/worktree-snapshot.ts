// What a read-only step (plan, review, summary) changed in the worktree: HEAD and `git status` before and
// after the step; any difference is an edit the review flags.
import { gitTry } from './exec.js';

export interface WorktreeSnapshot {
  head: string | null;
  /** `git status --porcelain -uall` lines (path with its status code). */
  status: string[];
}

export async function snapshotWorktree(worktree: string): Promise<WorktreeSnapshot> {
  const [head, status] = await Promise.all([gitTry(worktree, ['rev-parse', 'HEAD']), gitTry(worktree, ['status', '--porcelain=v1', '-uall'])]);
  return { head: head?.trim() || null, status: (status ?? '').split('\n').filter((l) => l.trim() !== '').sort() };
}

/** The paths that differ between two snapshots (new commits' files, and status lines that changed). */
export async function editedSince(worktree: string, before: WorktreeSnapshot): Promise<string[]> {
  const after = await snapshotWorktree(worktree);
  const paths = new Set<string>();
  if (before.head !== after.head && before.head && after.head) {
    const names = await gitTry(worktree, ['diff', '--name-only', before.head, after.head]);
    for (const n of (names ?? '').split('\n')) if (n.trim() !== '') paths.add(n.trim());
    if (paths.size === 0) paths.add(`(new commit ${after.head.slice(0, 12)})`);
  }
  const was = new Set(before.status);
  const now = new Set(after.status);
  for (const line of [...after.status.filter((l) => !was.has(l)), ...before.status.filter((l) => !now.has(l))]) {
    paths.add(line.slice(3).replace(/^.* -> /, ''));
  }
  return [...paths].sort();
}
