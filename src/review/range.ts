// What a review compares: the task branch's tip against its merge base with the task's base, pinned to
// commit ids for the whole review (`git diff base...branch`, made stable).
import type { TaskRecord } from '../core/task.js';
import { branchHeads, mergeBase } from '../git/checkouts.js';

export interface ReviewRange {
  repo: string;
  /** The base as the user knows it: a branch name, or the base commit when the base was not a branch. */
  base: string;
  /** True when `base` is a local branch (it can be merged into). */
  baseIsBranch: boolean;
  branch: string;
  /** The task branch's tip commit. */
  tip: string;
  /** The merge base of base and branch: the left side of every diff. */
  from: string;
}

/** The review range of a task, or null when its branch does not exist (dry-run, deleted after a decision). */
export async function resolveRange(task: TaskRecord): Promise<ReviewRange | null> {
  // Both lookups at once (the first frame waits on them): which branches exist, and their merge base
  // supposing the base is a branch — the usual case.
  const [heads, guess] = await Promise.all([
    branchHeads(task.repo, [task.base, task.branch]),
    mergeBase(task.repo, `refs/heads/${task.base}`, `refs/heads/${task.branch}`),
  ]);
  const tip = heads.get(task.branch);
  if (tip === undefined) return null;
  const baseIsBranch = heads.has(task.base);
  const from = (baseIsBranch ? guess : await mergeBase(task.repo, task.baseSha, tip)) ?? task.baseSha;
  return { repo: task.repo, base: baseIsBranch ? task.base : task.baseSha, baseIsBranch, branch: task.branch, tip, from };
}

/** `base...branch` as the seed's review script writes it. */
export function rangeLabel(r: ReviewRange): string {
  return `${r.baseIsBranch ? r.base : r.base.slice(0, 12)}...${r.branch}`;
}
