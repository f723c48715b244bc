// A decision's intent (DESIGN §8): before a merge touches git, review/decision.json says `pending`, with what
// is expected (base, its commit before, the tip, the checkout), and the record it replaces. A kill at any point
// then leaves a true record: the next command that takes the decision lock finds it and either finishes the
// decision (the merge is in the base: recorded as merged, cleaned up) or rolls it back (the base checkout
// restored exactly, the previous decision.json back), so nothing is merged twice or recorded as abandoned.
import { isAncestor } from '../git/rebase.js';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { DecisionRecord } from '../core/decision.js';
import { operationInProgress } from '../git/checkouts.js';
import { resolveCommit as commitOf } from '../git/repo.js';
import { gitPaths, hasStagedChanges, lastCommitMentioning } from '../git/merge-state.js';
import { snapshotTree } from '../git/snapshot.js';
import { undo } from '../git/merge.js';
import { removeWorktree } from '../git/worktree.js';
import { writeJsonAtomic } from '../store/atomic.js';
import type { TaskRecord } from '../core/task.js';
import { readTask } from '../store/tasks.js';
import { recordDecision } from './record.js';
import { finishMerged } from './merge-finish.js';
import { reviewPaths } from './paths.js';

interface Pending extends DecisionRecord {
  pending: true;
  /** Where git merges (the base's checkout, or the temporary worktree's path). */
  pendingCheckout: string;
  /** The decision.json this one replaces (restored on rollback). */
  previous?: unknown;
}

export function writePending(taskDir: string, decision: DecisionRecord, expect: { checkout: string }): void {
  const file = reviewPaths(taskDir).decision;
  const previous = readJson(file);
  const record: Pending = { ...decision, pending: true, pendingCheckout: expect.checkout, ...(previous !== undefined ? { previous } : {}) };
  writeJsonAtomic(file, record);
}

/** Drop the intent (nothing happened): the previous decision.json back, or none. */
export function clearPending(taskDir: string): void {
  const file = reviewPaths(taskDir).decision;
  const current = readJson(file) as Partial<Pending> | undefined;
  if (!current?.pending) return;
  if (current.previous !== undefined) writeJsonAtomic(file, current.previous);
  else rmSync(file, { force: true });
}

function readPending(taskDir: string): Pending | null {
  const json = readJson(reviewPaths(taskDir).decision) as Partial<Pending> | undefined;
  if (!json?.pending || typeof json.pendingCheckout !== 'string') return null;
  const parsed = DecisionRecord.safeParse(json);
  return parsed.success ? { ...parsed.data, pending: true, pendingCheckout: json.pendingCheckout, previous: json.previous } : null;
}

/**
 * Settle a pending decision (call it holding the decision lock); returns what was done, in one line, or null
 * when there was nothing pending.
 */
export async function settlePending(taskDir: string): Promise<string | null> {
  const p = readPending(taskDir);
  if (p === null) return null;
  const task = readTask(taskDir);
  if (p.decision === 'abandon') return settleAbandon(taskDir, task, p);
  if (p.decision !== 'merge' || !p.into || !p.branchTip) {
    clearPending(taskDir);
    return 'dropped an unfinished decision record';
  }
  const merged = p.rebasedTip ? ((await isAncestor(task.repo, p.rebasedTip, `refs/heads/${p.into}`)) ? p.rebasedTip : null) : await mergeCommit(task.repo, p.into, p.baseBefore, task.id);
  if (merged !== null) {
    const { pending: _, pendingCheckout: __, previous: ___, ...decision } = p;
    decision.baseAfter = merged;
    if (p.pendingCheckout !== p.checkout) await removeTemporary(task.repo, p.pendingCheckout);
    const hasWorktree = existsSync(task.worktree) && existsSync(path.join(task.worktree, '.git'));
    const worktreeTree = decision.leftoversPatch && hasWorktree ? await snapshotTree(task.worktree) : null;
    const warnings = ['this merge was interrupted after git merged it: finished now'];
    await finishMerged(taskDir, task, decision, { from: p.patchBase ?? task.baseSha, tip: p.branchTip, worktreeTree, hasWorktree, warnings });
    return `finished an interrupted merge: ${task.branch} is in ${p.into} at ${merged.slice(0, 12)}`;
  }
  // Not merged: restore the checkout where git was at work, then forget the intent.
  if (p.pendingCheckout === p.checkout && existsSync(p.pendingCheckout) && p.baseBefore) {
    await removeLockSince(p.pendingCheckout, Date.parse(p.at)); // git killed mid-command left it
    const head = await commitOf(p.pendingCheckout, 'HEAD');
    if (head === p.baseBefore && ((await operationInProgress(p.pendingCheckout)) !== null || (await staged(p.pendingCheckout)))) {
      await undo(p.pendingCheckout, p.baseBefore, await squashNotes(p.pendingCheckout));
    }
  } else await removeTemporary(task.repo, p.pendingCheckout);
  if (p.patch) rmSync(path.join(taskDir, p.patch), { force: true });
  clearPending(taskDir);
  return `rolled back an interrupted merge: ${p.into} unchanged`;
}

/** An abandon killed while removing the worktree: finished when the worktree is gone (the saved patch is the work), else rolled back. */
async function settleAbandon(taskDir: string, task: TaskRecord, p: Pending): Promise<string> {
  if (existsSync(task.worktree) && existsSync(path.join(task.worktree, '.git'))) {
    clearPending(taskDir);
    return 'rolled back an interrupted abandon: the worktree is still there';
  }
  await removeWorktree(task.repo, task.worktree).catch(() => {}); // prune a half-removed one
  const { pending: _, pendingCheckout: __, previous: ___, ...decision } = p;
  decision.worktreeRemoved = true;
  decision.branchDeleted = false;
  decision.warnings = [...(decision.warnings ?? []), 'this abandon was interrupted after the worktree was removed: finished now'];
  await recordDecision(taskDir, { decision, event: 'abandon', detail: `work saved in ${decision.patch ?? '(nothing)'}; branch ${task.branch} kept` });
  return `finished an interrupted abandon: the work is in ${decision.patch ?? 'no patch (there was none)'}`;
}

/** The commit on `base` since `before` that merged task `id` (its message names it), or null. */
async function mergeCommit(repo: string, base: string, before: string | undefined, id: string): Promise<string | null> {
  const range = before ? `${before}..refs/heads/${base}` : `refs/heads/${base}`;
  return lastCommitMentioning(repo, range, `wtagents task ${id}`);
}

/** index.lock made since the intent was written: the killed merge's own (no git of ours runs any more). */
async function removeLockSince(dir: string, since: number): Promise<void> {
  const r = await gitPaths(dir, ['index.lock']);
  const lock = path.resolve(dir, r.stdout.trim());
  if (r.code === 0 && existsSync(lock) && statSync(lock).mtimeMs >= since - 1000) rmSync(lock, { force: true });
}

async function staged(dir: string): Promise<boolean> {
  return hasStagedChanges(dir);
}

/** SQUASH_MSG / MERGE_MSG as our merge left them (they were not there before: the checkout was clean). */
async function squashNotes(dir: string): Promise<{ file: string; existed: boolean }[]> {
  const r = await gitPaths(dir, ['SQUASH_MSG', 'MERGE_MSG']);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => ({ file: path.resolve(dir, l), existed: false }));
}

async function removeTemporary(repo: string, dir: string): Promise<void> {
  if (!dir.includes('wtagents-merge-')) return;
  await removeWorktree(repo, dir).catch(() => {});
  rmSync(path.dirname(dir), { recursive: true, force: true });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
