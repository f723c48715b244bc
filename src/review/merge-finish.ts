// What a merge does once git has merged (and what finishing an interrupted merge redoes): the ignored files
// the task made copied, the proof that every byte of the worktree is merged or saved, the worktree removed,
// the branch deleted, the decision recorded. From here on a failure is a warning that says what to clean up.
// Also the checks and pieces the merge shares with it: dangling gitlinks, the commit message, cleanup steps.
import { existsSync } from 'node:fs';
import type { DecisionRecord } from '../core/decision.js';
import { errorLine, UserError } from '../core/errors.js';
import { singleLine } from '../core/terminal-text.js';
import { shellQuote } from '../core/shell-quote.js';
import type { TaskRecord } from '../core/task.js';
import { deleteBranch } from '../git/checkouts.js';
import { gitmodulesAt, rawDiffZ } from '../git/diff.js';
import { treeOf } from '../git/snapshot.js';
import { removeWorktree } from '../git/worktree.js';
import { loadConfig } from '../store/config-file.js';
import { runHook } from '../store/hooks.js';
import { findIgnored, saveIgnored } from './ignored.js';
import { clearSavedNested } from './nested.js';
import { reviewPaths } from './paths.js';
import { unsavedWork, type SavedPlace } from './proof.js';
import { recordDecision } from './record.js';

export interface MergeTaskResult {
  outcome: 'merged' | 'conflict';
  task: TaskRecord;
  decision: DecisionRecord;
  /** The new commit on the base branch (merged). */
  commit?: string;
  conflicts?: string[];
  warnings: string[];
}

export interface Merged {
  /** The review range's base commit and the tip that was merged. */
  from: string;
  tip: string;
  /** The worktree's whole content when its leftovers were dropped (the leftovers patch makes it). */
  worktreeTree: string | null;
  hasWorktree: boolean;
  warnings: string[];
}

export function mergeMessage(task: TaskRecord, squash: boolean): string {
  return squash
    ? `${task.title}\n\nSquashed from ${task.branch} (wtagents task ${task.id}).`
    : `Merge ${task.branch}: ${task.title}\n\nwtagents task ${task.id}, reviewed before merge.`;
}

/** Finish a merge that is in the base: clean up what is proven saved, record the decision. */
export async function finishMerged(taskDir: string, task: TaskRecord, decision: DecisionRecord, m: Merged): Promise<MergeTaskResult> {
  const repo = task.repo;
  const rp = reviewPaths(taskDir);
  const warnings = m.warnings;
  const ignored = m.hasWorktree ? await findIgnored(task) : null;
  let keepWorktree = false;
  if (ignored && ignored.entries.length > 0) {
    decision.ignored = ignored.entries;
    const fix = `the worktree ${task.worktree} is kept: take what you need from it, then remove it with: ${removeCommand(task.worktree)}`;
    keepWorktree = !(await attempt(warnings, 'copy the ignored files', fix, async () => {
      decision.ignoredSaved = saveIgnored(taskDir, task.worktree, ignored);
    }));
  }
  if (m.hasWorktree && !keepWorktree) {
    // Proof first: every byte of the worktree is in the base now, or in a saved patch (or review/ignored, review/nested).
    const places: SavedPlace[] = [{ kind: 'merge', base: task.base }, { kind: 'patch', file: rp.mergedPatch, base: m.from, tree: await treeOf(repo, m.tip) }];
    if (decision.leftoversPatch && m.worktreeTree) places.push({ kind: 'patch', file: rp.leftoversPatch, base: m.tip, tree: m.worktreeTree });
    const unsaved = decision.nested ? await clearSavedNested(taskDir, task.worktree, decision.nested) : [];
    if (unsaved.length === 0) unsaved.push(...(await unsavedWork(taskDir, task, { ...decision, nested: [] }, places)));
    if (unsaved.length > 0) {
      keepWorktree = true;
      warnings.push(`the worktree ${task.worktree} is kept: not everything in it is proven saved (${unsaved.join('; ')})`);
    }
  }
  if (m.hasWorktree && !keepWorktree) {
    await attempt(warnings, `remove the worktree ${task.worktree}`, `remove it with: ${removeCommand(task.worktree)}`, async () => {
      await removeWorktree(repo, task.worktree);
      if (existsSync(task.worktree)) throw new Error('it is still there');
    });
  }
  decision.worktreeRemoved = !existsSync(task.worktree);
  decision.branchDeleted = await attempt(warnings, `delete ${task.branch}`, `delete it with: git branch -D ${shellQuote(task.branch)}`, async () => {
    const error = await deleteBranch(repo, task.branch);
    if (error) throw new Error(error);
  });
  if (warnings.length > 0) decision.warnings = warnings;
  const how = decision.strategy === 'rebase' ? 'rebased and fast-forwarded' : decision.squash ? 'squashed' : 'merged (--no-ff)';
  const record = await recordDecision(taskDir, { decision, event: 'merge', detail: `${how} into ${task.base} at ${decision.baseAfter?.slice(0, 12)}` });
  const after = await runHook('afterMerge', loadConfig(repo), record, { WTAGENTS_MERGE_COMMIT: decision.baseAfter ?? '', WTAGENTS_BRANCH_TIP: m.tip });
  if (after && after.code !== 0) warnings.push(`the afterMerge hook ${after.timedOut ? 'timed out' : `failed (exit ${after.code})`}: ${singleLine(after.output.split('\n').at(-1) ?? '')} (logs/hooks.log)`);
  return { outcome: 'merged', task: record, decision, ...(decision.baseAfter ? { commit: decision.baseAfter } : {}), warnings };
}

/**
 * A gitlink the branch adds or moves that no .gitmodules declares is a repository of its own committed into
 * the task: its commits are nowhere in this repository, and merging would put a link to a missing commit on
 * the base. Refused, saying how to take it out.
 */
export async function assertNoDanglingGitlinks(repo: string, from: string, tip: string, task: TaskRecord): Promise<void> {
  const raw = await rawDiffZ(repo, from, tip);
  const fields = raw.split('\0');
  const links: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = fields[i]!.split(' ');
    if (meta[1] === '160000' && !/D$/.test(meta[4] ?? '')) links.push(fields[i + 1]!);
  }
  if (links.length === 0) return;
  const modules = await gitmodulesAt(repo, tip);
  const declared = modules !== null ? [...modules.matchAll(/^\s*path\s*=\s*(.+?)\s*$/gm)].map((m) => m[1]) : [];
  const dangling = links.filter((l) => !declared.includes(l));
  if (dangling.length === 0) return;
  throw new UserError(
    `cannot merge: ${task.branch} commits ${dangling.slice(0, 3).join(', ')} as a link to a repository of its own (no .gitmodules declares it; its commits are not in this repository): merging would put a link to a missing commit on ${task.base}. Take it out of the branch (in ${task.worktree}: git rm --cached <path>, then commit), or abandon with --keep-nested to keep its files and commits`,
  );
}

/** Run a cleanup step; a failure becomes a warning naming what failed and how to finish it by hand (false). */
export async function attempt(warnings: string[], what: string, fix: string, step: () => Promise<void>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    const why = error instanceof Error ? singleLine(error.message.split('\n')[0] ?? '') : errorLine(error);
    warnings.push(`could not ${what} (${why}): ${fix}`);
    return false;
  }
}

const removeCommand = (worktree: string) => `git worktree remove --force --force ${shellQuote(worktree)}`;

