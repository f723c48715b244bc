// `wtagents archive`: free a task's worktree but keep its record and trace. The worktree's whole content
// (commits + uncommitted + untracked) is saved as review/archived.patch on the merge base, the ignored files
// the task made are copied into review/ignored/, the save is proven (prove-saved.ts) — only then is the
// worktree removed. The branch stays. `restoreTask` puts the worktree back exactly as it was.
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { TaskRecord } from '../core/task.js';
import { mergeBase } from '../git/checkouts.js';
import { branchExists, resolveCommit } from '../git/repo.js';
import { diffPatch } from '../git/diff.js';
import { snapshotTree } from '../git/snapshot.js';
import { checkoutWorktree, removeWorktree } from '../git/worktree.js';
import { writeFileAtomic } from '../store/atomic.js';
import { effectiveState, readTask, updateTask } from '../store/tasks.js';
import { appendTrace } from '../store/trace-writer.js';
import { assertIgnoredFits, findIgnored, saveIgnored } from './ignored.js';
import { reviewPaths } from './paths.js';
import { applyPatch, treeFromPatch } from '../git/snapshot.js';
import { proveWorktreeSaved, type SavedProof } from './prove-saved.js';
import { withDecisionLock } from './record.js';

export interface ArchiveResult {
  task: TaskRecord;
  /** False when there was no worktree to archive. */
  archived: boolean;
  proof: SavedProof;
}

export const archivedPatchPath = (taskDir: string) => path.join(reviewPaths(taskDir).dir, 'archived.patch');

/** True when the task's worktree is there (a checkout with its .git file). */
export function hasWorktree(task: TaskRecord): boolean {
  return existsSync(task.worktree) && existsSync(path.join(task.worktree, '.git'));
}

/** Save the worktree's whole content, prove it, remove the worktree; `reason` goes into the trace. */
export async function archiveTask(taskDir: string, reason = 'archived'): Promise<ArchiveResult> {
  return withDecisionLock(taskDir, async (task) => {
    const state = effectiveState(task);
    if (state === 'running') throw new UserError(`cannot archive task ${task.id}: it is running; stop it first (wtagents stop ${task.id})`);
    if (!hasWorktree(task)) return { task, archived: false, proof: { saved: true, where: ['no worktree'], unsaved: [] } };
    const repo = task.repo;
    const ignored = await findIgnored(task);
    assertIgnoredFits(ignored, task, 'archive');
    const [tree, head] = await Promise.all([snapshotTree(task.worktree), resolveCommit(task.worktree, 'HEAD')]);
    const baseRef = (await branchExists(repo, task.base)) ? `refs/heads/${task.base}` : task.baseSha;
    const patchBase = (head ? await mergeBase(repo, baseRef, head) : null) ?? task.baseSha;
    const file = archivedPatchPath(taskDir);
    writeFileAtomic(file, await diffPatch(repo, patchBase, tree, { binary: true }));
    const ignoredSaved = ignored.entries.length > 0 ? saveIgnored(taskDir, task.worktree, ignored) : undefined;
    const proof = await proveWorktreeSaved(task, {
      places: [{ kind: 'patch', file, base: patchBase, tree }],
      ...(ignoredSaved ? { ignoredCopy: path.join(taskDir, ignoredSaved) } : {}),
    });
    if (!proof.saved) throw new UserError(`cannot archive task ${task.id}: the save could not be proven (${proof.unsaved.join('; ')}); nothing was removed`);
    await removeWorktree(repo, task.worktree);
    if (existsSync(task.worktree)) throw new UserError(`archived task ${task.id}'s work in ${path.relative(taskDir, file)}, but could not remove the worktree ${task.worktree}`);
    const rel = path.relative(taskDir, file);
    const record = await updateTask(taskDir, (t) => {
      t.archived = { at: new Date().toISOString(), patch: rel, patchBase, tree, ...(ignoredSaved ? { ignoredSaved } : {}) };
    });
    await appendTrace({ taskDir, task: record.id, round: record.round }, [{ type: 'worktree.removed', path: task.worktree, reason, savedIn: [rel, ...(ignoredSaved ? [ignoredSaved] : [])] }]);
    return { task: record, archived: true, proof };
  });
}

/** Put an archived task's worktree back: its branch checked out, the saved uncommitted work on top, ignored files copied back. */
export async function restoreTask(taskDir: string): Promise<TaskRecord> {
  return withDecisionLock(taskDir, async (task) => {
    const a = task.archived;
    if (!a) throw new UserError(`task ${task.id} is not archived`);
    if (hasWorktree(task)) throw new UserError(`task ${task.id} already has its worktree ${task.worktree}`);
    const repo = task.repo;
    if (!(await branchExists(repo, task.branch))) throw new UserError(`cannot restore task ${task.id}: its branch ${task.branch} is gone; the work is in ${a.patch} (git apply it on ${a.patchBase})`);
    const tree = await treeFromPatch(repo, path.join(taskDir, a.patch), a.patchBase);
    if (tree === null) throw new UserError(`cannot restore task ${task.id}: ${a.patch} no longer applies on ${a.patchBase}`);
    const addError = await checkoutWorktree(repo, task.worktree, task.branch);
    if (addError !== null) throw new UserError(`cannot restore task ${task.id}: ${addError}`);
    // What the branch lacks of the saved tree goes back as uncommitted changes (new files untracked).
    const rest = await diffPatch(task.worktree, 'HEAD', tree, { binary: true });
    if (rest.trim() !== '') {
      const applyError = await applyPatch(task.worktree, rest);
      if (applyError !== null) throw new UserError(`restored the worktree of ${task.id} on ${task.branch}, but its uncommitted work did not apply: ${applyError}; it is in ${a.patch}`);
    }
    if (a.ignoredSaved) {
      cpSync(path.join(taskDir, a.ignoredSaved), task.worktree, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    }
    const head = (await resolveCommit(task.worktree, 'HEAD')) ?? '';
    const record = await updateTask(taskDir, (t) => {
      delete t.archived;
    });
    await appendTrace({ taskDir, task: record.id, round: record.round }, [{ type: 'worktree.created', path: task.worktree, branch: task.branch, sha: head }]);
    return readTask(taskDir);
  });
}
