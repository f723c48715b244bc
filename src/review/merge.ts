// The merge decision (DESIGN §8): into the base branch where it is checked out (refused, with the fix, when
// that checkout is dirty or busy), or in a temporary worktree when it is checked out nowhere; --no-ff or
// squash; leftovers committed or dropped only when asked; a conflict leaves base untouched and the task
// `conflict`; after a merge the patch is kept, ignored files the task made are copied into review/ignored/,
// the worktree removed and the branch deleted.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DecisionRecord, MergeStrategy } from '../core/decision.js';
import { configStrategy } from '../core/config.js';
import { errorLine, UserError } from '../core/errors.js';
import { singleLine } from '../core/terminal-text.js';
import { shellQuote } from '../core/shell-quote.js';
import type { TaskRecord } from '../core/task.js';
import { checkoutOf, commitsAhead, deleteBranch, operationInProgress, statusEntries } from '../git/checkouts.js';
import { branchExists, currentBranch, resolveCommit } from '../git/repo.js';
import { diffPatch } from '../git/diff.js';
import { mergeInto, predictConflicts } from '../git/merge.js';
import { fastForward, rebaseCommits } from '../git/rebase.js';
import { gitExec } from '../git/exec.js';
import { commitAll, snapshotTree, treeOf } from '../git/snapshot.js';
import { checkoutWorktree, removeWorktree } from '../git/worktree.js';
import { writeFileAtomic } from '../store/atomic.js';
import { loadConfig } from '../store/config-file.js';
import { runHook } from '../store/hooks.js';
import { mergeMessage } from './merge-message.js';
import { repoPaths } from '../store/layout.js';
import { withLock, type LockWait } from '../store/lock.js';
import { effectiveState, listTasks } from '../store/tasks.js';
import { assertIgnoredFits, findIgnored, saveIgnored } from './ignored.js';
import { reviewPaths } from './paths.js';
import { baseDecision, checkTransition, recordDecision, withDecisionLock } from './record.js';
import { resolveRange } from './range.js';
import { LeftoversError } from './leftovers-error.js';
import { assertNoDanglingGitlinks, attempt, finishMerged, type MergeTaskResult } from './merge-finish.js';
import { clearPending, writePending } from './pending.js';
import { faultPoint } from '../store/fault-point.js';
import { clearSavedNested, findNested, nestedRefusal, saveNested } from './nested.js';
import { unsavedWork, type SavedPlace } from './proof.js';
import { plural } from '../core/format.js';

export { LeftoversError } from './leftovers-error.js';

export interface MergeTaskOptions {
  /** merge (--no-ff), squash, or rebase then fast-forward (default: the config's merge.strategy / merge.squash, else merge). */
  strategy?: MergeStrategy;
  /** Squash into one commit: the same as strategy 'squash' (kept for callers from before strategies). */
  squash?: boolean;
  /** What to do with uncommitted work in the task worktree; without it such work refuses the merge. */
  leftovers?: 'commit' | 'drop';
  /** The commit message (default: generated from the task: title, text, checks, the agent's summary). */
  message?: string;
  /** The branch tip the reviewer saw (the opened review's range.tip); the merge is refused if the branch has moved since. */
  reviewedTip?: string;
  /** Save nested repositories and submodule-path files in review/nested/ (without it they refuse the merge). */
  keepNested?: boolean;
  /** Told while the merge waits for another merge in the repository (who holds the lock). */
  onWait?: (wait: LockWait) => void;
  /** Stop waiting for that lock (the TUI quits). */
  signal?: AbortSignal;
}

export type { MergeTaskResult } from './merge-finish.js';

export const TEMPORARY_CHECKOUT = '(temporary worktree)';

export async function mergeTask(taskDir: string, opts: MergeTaskOptions = {}): Promise<MergeTaskResult> {
  return withDecisionLock(taskDir, async (task) => {
    checkTransition(task, 'merge');
    const repo = task.repo;
    const config = loadConfig(repo);
    const strategy: MergeStrategy = opts.strategy ?? (opts.squash === true ? 'squash' : opts.squash === false ? 'merge' : configStrategy(config));
    const hookTimeoutMs = config.hookTimeoutSeconds * 1000;
    if (!(await branchExists(repo, task.base))) {
      throw new UserError(`cannot merge: the base "${task.base}" is not a local branch; merge ${task.branch} by hand where you want it`);
    }
    // One merge into a repository at a time (two tasks with the same base must not interleave).
    return withLock(path.join(repoPaths(repo).locks, 'merge.lock'), () => mergeLocked(taskDir, task, strategy, opts, hookTimeoutMs), {
      timeoutMs: 60_000,
      what: 'another merge in this repository',
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onWait ? { onWait: opts.onWait } : {}),
    });
  });
}

async function mergeLocked(taskDir: string, task: TaskRecord, strategy: MergeStrategy, opts: MergeTaskOptions, hookTimeoutMs: number): Promise<MergeTaskResult> {
  const repo = task.repo;
  const range = await resolveRange(task);
  if (range === null) throw new UserError(`cannot merge: the task branch ${task.branch} does not exist`);
  if (opts.reviewedTip !== undefined && range.tip !== opts.reviewedTip) {
    throw new UserError(`cannot merge: the branch ${task.branch} changed since you reviewed it (${opts.reviewedTip.slice(0, 12)}, now ${range.tip.slice(0, 12)}): review again`);
  }
  const checkout = await checkoutOf(repo, task.base);
  if (checkout) await assertCleanCheckout(repo, task.base, checkout.path);

  const hasWorktree = existsSync(task.worktree) && existsSync(path.join(task.worktree, '.git'));
  // Nested repositories first: as leftovers they would be committed as gitlinks to commits main never gets.
  const nested = hasWorktree ? await findNested(task.worktree) : [];
  if (nested.length > 0 && !opts.keepNested) throw nestedRefusal('merge', task.id, nested);
  const nestedPaths = new Set(nested.map((n) => n.path));
  const leftovers = hasWorktree ? (await statusEntries(task.worktree)).filter((l) => !nestedPaths.has(l.path.replace(/\/$/, ''))) : [];
  if (hasWorktree) {
    const on = await currentBranch(task.worktree);
    if (on !== task.branch) throw new UserError(`cannot merge: the task worktree is on ${on ?? 'a detached HEAD'}, not ${task.branch}: check out ${task.branch} in ${task.worktree} first`);
  }
  if (leftovers.length > 0 && !opts.leftovers) {
    const names = leftovers.slice(0, 3).map((l) => l.path).join(', ') + (leftovers.length > 3 ? ', …' : '');
    throw new LeftoversError(
      `cannot merge: the task worktree has ${plural(leftovers.length, 'uncommitted or untracked file')} (${names}): commit them with --commit-leftovers, or drop them with --drop-leftovers (a patch is kept)`,
      leftovers,
    );
  }
  const ignored = hasWorktree ? await findIgnored(task) : null;
  if (ignored) assertIgnoredFits(ignored, task, 'merge');
  const willCommit = leftovers.length > 0 && opts.leftovers === 'commit';
  if (!willCommit && (await commitsAhead(repo, `refs/heads/${task.base}`, range.tip)) === 0) {
    throw new UserError(`nothing to merge: ${task.branch} has no commits that ${task.base} lacks; abandon the task instead`);
  }

  // The repository's own gate (config hooks.beforeMerge): a failure refuses the merge with its output.
  const gate = await runHook('beforeMerge', loadConfig(repo), task, { WTAGENTS_BRANCH_TIP: range.tip });
  if (gate && gate.code !== 0) {
    const why = gate.timedOut ? `timed out after ${loadConfig(repo).hookTimeoutSeconds}s` : `exit ${gate.code}`;
    throw new UserError(`the beforeMerge hook refused the merge (${why}): ${singleLine(gate.output.split('\n').slice(-3).join(' | ')) || gate.cmd}; nothing changed (its output is in logs/hooks.log)`);
  }

  // Checks done: from here on things change, and every change is recorded.
  const decision = baseDecision(task, 'merge', 'merged');
  decision.into = task.base;
  const squash = strategy === 'squash';
  decision.squash = squash;
  decision.strategy = strategy;
  decision.leftovers = leftovers.length === 0 ? 'none' : opts.leftovers === 'commit' ? 'committed' : 'dropped';
  let tip = range.tip;
  const rp = reviewPaths(taskDir);
  if (nested.length > 0) decision.nested = await saveNested(taskDir, task.worktree, nested); // a failure stops here: nothing changed
  let worktreeTree: string | null = null;
  if (willCommit) tip = await commitAll(task.worktree, `wtagents: commit work left uncommitted in task ${task.id}`, [...nestedPaths]);
  else if (leftovers.length > 0) {
    worktreeTree = await snapshotTree(task.worktree);
    writeFileAtomic(rp.leftoversPatch, await diffPatch(repo, tip, worktreeTree, { binary: true }));
    decision.leftoversPatch = path.relative(taskDir, rp.leftoversPatch);
  }
  decision.branchTip = tip;
  await assertNoDanglingGitlinks(repo, range.from, tip, task);

  const predicted = await predictConflicts(repo, `refs/heads/${task.base}`, tip);
  if (predicted && predicted.length > 0) return conflict(taskDir, decision, checkout?.path ?? TEMPORARY_CHECKOUT, predicted);
  if (strategy === 'rebase') {
    // The rebased commits are made before anything moves: a kill after this leaves the base as it was, or at them.
    const rebased = await rebaseCommits(repo, `refs/heads/${task.base}`, tip, hookTimeoutMs);
    if (rebased.kind === 'conflict') return conflict(taskDir, decision, checkout?.path ?? TEMPORARY_CHECKOUT, rebased.conflicts);
    if (rebased.kind === 'refused') throw new UserError(`cannot rebase ${task.branch} on ${task.base} (nothing changed): ${rebased.message}`);
    decision.rebasedTip = rebased.tip;
  }

  // The patch is written before the merge: a merge that happened always has its patch.
  writeFileAtomic(rp.mergedPatch, await diffPatch(repo, range.from, tip, { binary: true }));
  const warnings: string[] = [];
  const temp = checkout ? null : await temporaryCheckout(repo, task.base);
  const where = checkout?.path ?? temp!.path;
  decision.patch = path.relative(taskDir, rp.mergedPatch);
  decision.patchBase = range.from;
  try {
    decision.checkout = checkout?.path ?? TEMPORARY_CHECKOUT;
    decision.baseBefore = (await resolveCommit(repo, `refs/heads/${task.base}`)) ?? undefined;
    // Intent first: a kill from here on leaves a pending decision that the next command finishes or rolls back.
    writePending(taskDir, decision, { checkout: where });
    faultPoint('merge.before-git');
    const message = opts.message ?? mergeMessage(task, squash);
    const outcome = decision.rebasedTip ? await fastForward(where, decision.rebasedTip, hookTimeoutMs) : await mergeInto(where, tip, { squash, message, hookTimeoutMs });
    if (outcome.kind === 'conflict') return await conflict(taskDir, decision, decision.checkout, outcome.conflicts);
    if (outcome.kind === 'refused') throw new UserError(`git refused the merge into ${task.base} (nothing changed): ${outcome.message}`);
    decision.baseAfter = outcome.commit;
  } finally {
    if (decision.baseAfter === undefined) {
      rmSync(rp.mergedPatch, { force: true }); // not merged: no merged patch
      clearPending(taskDir); // nothing changed: the intent goes (a conflict has recorded its own decision)
    }
    if (temp) await attempt(warnings, `remove the temporary worktree ${temp.path}`, 'remove it with: git worktree prune', () => temp.remove());
  }

  faultPoint('merge.after-git');
  return finishMerged(taskDir, task, decision, { from: range.from, tip, worktreeTree, hasWorktree, warnings });
}

async function conflict(taskDir: string, decision: DecisionRecord, checkout: string, conflicts: string[]): Promise<MergeTaskResult> {
  decision.outcome = 'conflict';
  decision.checkout = checkout;
  decision.conflicts = conflicts;
  if (decision.leftovers === 'dropped') decision.leftovers = 'saved'; // kept in the worktree, and in the patch
  delete decision.baseAfter;
  const record = await recordDecision(taskDir, { decision, event: 'merge-conflict', detail: `conflict in ${conflicts.join(', ')}; ${decision.into} unchanged` });
  return { outcome: 'conflict', task: record, decision, conflicts, warnings: [] };
}

/** Refuse (saying why and what to do) unless the base checkout can take a merge without risk to its work. */
async function assertCleanCheckout(repo: string, base: string, dir: string): Promise<void> {
  const op = await operationInProgress(dir);
  if (op) throw new UserError(`cannot merge into ${base}: its checkout ${dir} has ${op} in progress; finish or abort it there, then merge again`);
  const dirty = await statusEntries(dir, { untracked: false });
  if (dirty.length > 0) {
    const names = dirty.slice(0, 3).map((d) => d.path).join(', ') + (dirty.length > 3 ? ', …' : '');
    throw new UserError(`cannot merge into ${base}: its checkout ${dir} has uncommitted changes (${names}); commit or stash them there, then merge again`);
  }
  const busy = listTasks(repo).find((t) => t.record.worktree === dir && effectiveState(t.record) === 'running');
  if (busy) throw new UserError(`cannot merge into ${base}: it is checked out in the worktree of task ${busy.record.id}, which is running; wait for it or stop it`);
}

/** Check out `branch` (checked out nowhere) in a throwaway worktree, to merge there. */
async function temporaryCheckout(repo: string, branch: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'wtagents-merge-'));
  const dir = path.join(parent, 'checkout');
  const addError = await checkoutWorktree(repo, dir, branch);
  if (addError !== null) {
    rmSync(parent, { recursive: true, force: true });
    throw new UserError(`cannot merge into ${branch}: could not check it out in a temporary worktree: ${addError}`);
  }
  return {
    path: dir,
    remove: async () => {
      await removeWorktree(repo, dir);
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
