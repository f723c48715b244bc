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
import { findNested, nestedRefusal, saveNested } from './nested.js';
import { unsavedWork, type SavedPlace } from './proof.js';
import { writePending } from './pending.js';
import { resolveRange } from './range.js';
import { faultPoint } from '../store/fault-point.js';
import { baseDecision, checkTransition, recordDecision, withDecisionLock } from './record.js';

export interface AbandonOptions {
  deleteBranch?: boolean;
  /** Save nested repositories and submodule-path files in review/nested/ (without it they refuse the abandon). */
  keepNested?: boolean;
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
    const nested = hasWorktree ? await findNested(task.worktree) : [];
    if (nested.length > 0 && !opts.keepNested) throw nestedRefusal('abandon', task.id, nested);

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
    if (nested.length > 0) decision.nested = await saveNested(taskDir, task.worktree, nested); // a failure stops here
    if (hasWorktree) {
      // Proof first: every byte of the worktree is in the saved patch (and review/ignored, review/nested).
      const places: SavedPlace[] = decision.patch && decision.patchBase && tree ? [{ kind: 'patch', file: path.join(taskDir, decision.patch), base: decision.patchBase, tree }] : [];
      const unsaved = await unsavedWork(taskDir, task, decision, places);
      if (unsaved.length > 0) {
        decision.worktreeRemoved = false;
        warnings.push(`the worktree ${task.worktree} is kept: not everything in it is proven saved (${unsaved.join('; ')})`);
      } else {
        // Intent first: a kill after this leaves a pending record that the next command completes (the worktree is
        // gone, the saved patch is the work) instead of abandoning again from the branch alone.
        writePending(taskDir, decision, { checkout: task.worktree });
        await removeWorktree(repo, task.worktree);
        faultPoint('abandon.after-remove');
        decision.worktreeRemoved = !existsSync(task.worktree);
        if (!decision.worktreeRemoved) warnings.push(`could not remove the worktree ${task.worktree}`);
      }
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
