// The abandon decision (DESIGN §8): keep the whole work — commits, uncommitted and untracked files — as one
// patch in review/ that `git apply` replays on the merge base, and ignored files the task made as copies in
// review/ignored/; then remove the worktree. The branch stays unless the user asks to delete it. The task
// stays listed as `abandoned`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DecisionRecord } from '../core/decision.js';
import type { TaskRecord } from '../core/task.js';
import { deleteBranch, mergeBase } from '../git/checkouts.js';
import { branchExists, resolveCommit } from '../git/repo.js';
import { diffPatch } from '../git/diff.js';
import { snapshotTree, treeOf } from '../git/snapshot.js';
import { removeWorktree } from '../git/worktree.js';
import { writeFileAtomic } from '../store/atomic.js';
import { assertIgnoredFits, findIgnored, saveIgnored } from './ignored.js';
import { reviewPaths } from './paths.js';
import { resolveRange } from './range.js';
import { baseDecision, checkTransition, recordDecision, withDecisionLock } from './record.js';

export interface AbandonOptions {
  deleteBranch?: boolean;
}

export interface AbandonResult {
  task: TaskRecord;
  decision: DecisionRecord;
  warnings: string[];
}

export async function abandonTask(taskDir: string, opts: AbandonOptions = {}): Promise<AbandonResult> {
  return withDecisionLock(taskDir, async (task) => {
    checkTransition(task, 'abandon');
    const repo = task.repo;
    const decision = baseDecision(task, 'abandon', 'abandoned');
    const warnings: string[] = [];
    const range = await resolveRange(task);
    const hasWorktree = existsSync(task.worktree) && existsSync(path.join(task.worktree, '.git'));
    if (range) decision.branchTip = range.tip;
    const ignored = hasWorktree ? await findIgnored(task) : null;
    if (ignored) assertIgnoredFits(ignored, task, 'abandon');

    // The work as one tree: the worktree's full content when there is one, else the branch tip.
    let tree: string | null = null;
    if (hasWorktree) tree = await snapshotTree(task.worktree);
    else if (range) tree = await treeOf(repo, range.tip);
    if (tree !== null) {
      // The patch applies on the merge base of the task's base and what the worktree has checked out.
      const head = hasWorktree ? await resolveCommit(task.worktree, 'HEAD') : range!.tip;
      const baseRef = (await branchExists(repo, task.base)) ? `refs/heads/${task.base}` : task.baseSha;
      const base = (head ? await mergeBase(repo, baseRef, head) : null) ?? task.baseSha;
      const p = reviewPaths(taskDir).abandonedPatch;
      writeFileAtomic(p, await diffPatch(repo, base, tree, { binary: true }));
      decision.patch = path.relative(taskDir, p);
      decision.patchBase = base;
      decision.tree = tree;
    }
    decision.leftovers = hasWorktree ? 'saved' : 'none';

    if (ignored && ignored.entries.length > 0) {
      decision.ignored = ignored.entries;
      decision.ignoredSaved = saveIgnored(taskDir, task.worktree, ignored); // a failure stops here: nothing removed yet
    }
    if (hasWorktree) {
      await removeWorktree(repo, task.worktree);
      decision.worktreeRemoved = !existsSync(task.worktree);
      if (!decision.worktreeRemoved) warnings.push(`could not remove the worktree ${task.worktree}`);
    }
    if (opts.deleteBranch && (await branchExists(repo, task.branch))) {
      const error = await deleteBranch(repo, task.branch);
      decision.branchDeleted = error === null;
      if (error) warnings.push(`could not delete ${task.branch}: ${error}`);
    } else {
      decision.branchDeleted = false;
    }
    if (warnings.length > 0) decision.warnings = warnings;
    const kept = decision.patch ? `work saved in ${decision.patch}` : 'no work to save';
    const branch = decision.branchDeleted ? `branch ${task.branch} deleted` : `branch ${task.branch} kept`;
    const record = await recordDecision(taskDir, { decision, event: 'abandon', detail: `${kept}; ${branch}` });
    return { task: record, decision, warnings };
  });
}
