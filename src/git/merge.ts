// Merging a branch into the branch checked out in a checkout: --no-ff or squash; a conflict is aborted so
// the checkout's HEAD, index and tracked files end exactly as they were; a merge git refused is not undone (nothing to undo).
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gitWithHooks } from './hooked.js';
import { gitExec, gitOk } from './exec.js';
import { operationInProgress, statusEntries } from './checkouts.js';

export type MergeOutcome =
  | { kind: 'merged'; commit: string }
  | { kind: 'conflict'; conflicts: string[] }
  /** git refused before changing anything (e.g. untracked files would be overwritten). */
  | { kind: 'refused'; message: string };

/**
 * Conflicting paths of merging `theirs` into `ours`, computed without touching any checkout
 * (`git merge-tree --write-tree`, git ≥ 2.38). [] when clean, null when this git cannot tell.
 */
export async function predictConflicts(repo: string, ours: string, theirs: string): Promise<string[] | null> {
  const r = await gitExec(repo, ['merge-tree', '--write-tree', '--name-only', '--no-messages', ours, theirs]);
  if (r.code === 0) return [];
  if (r.code !== 1) return null;
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  return [...new Set(lines.slice(1))];
}

export interface MergeOptions {
  squash: boolean;
  message: string;
  /** How long git's hooks may take (default 60 s): past it git and the hook are killed and the checkout restored. */
  hookTimeoutMs?: number;
}

/**
 * Merge `branch` into whatever is checked out in `checkout` (which must be clean). When git refuses before
 * changing anything (staged or local changes in the way, untracked files it would overwrite), the checkout
 * is left exactly as it is: nothing is reset.
 */
export async function mergeInto(checkout: string, branch: string, opts: MergeOptions): Promise<MergeOutcome> {
  const before = (await gitOk(checkout, ['rev-parse', 'HEAD'])).trim();
  if (opts.squash) {
    // git merge --squash takes a fast-forward even over staged changes, which the squash commit would then
    // carry: refuse those ourselves (git refuses them for every other merge).
    const staged = await gitExec(checkout, ['diff', '--cached', '--quiet']);
    if (staged.code !== 0) return { kind: 'refused', message: `${checkout} has staged changes; commit or stash them there first` };
  }
  const notes = await messageFiles(checkout);
  const limit = opts.hookTimeoutMs ?? 60_000;
  const hung = () => ({ kind: 'refused' as const, message: `a git hook ran longer than ${Math.round(limit / 1000)} s (config hookTimeoutSeconds) and was killed with git; ${checkout} is as it was` });
  const args = opts.squash ? ['merge', '--squash', '--no-stat', branch] : ['merge', '--no-ff', '--no-edit', '--no-stat', '-m', opts.message, branch];
  const r = await gitWithHooks(checkout, args, limit);
  if (r.timedOut) {
    await undo(checkout, before, notes);
    return hung();
  }
  if (r.code === 0 && !opts.squash) return { kind: 'merged', commit: (await gitOk(checkout, ['rev-parse', 'HEAD'])).trim() };
  if (r.code === 0) {
    const c = await gitWithHooks(checkout, ['commit', '--quiet', '--no-edit', '-m', opts.message], limit);
    if (c.code === 0 && !c.timedOut) return { kind: 'merged', commit: (await gitOk(checkout, ['rev-parse', 'HEAD'])).trim() };
    await undo(checkout, before, notes); // our own squash result is in the index (and SQUASH_MSG)
    if (c.timedOut) return hung();
    return { kind: 'refused', message: gitReason(c.stderr || c.stdout) || 'git commit failed' };
  }
  const conflicts = (await gitOk(checkout, ['diff', '--name-only', '--diff-filter=U', '-z'])).split('\0').filter((p) => p !== '');
  const merging = (await operationInProgress(checkout)) === 'a merge';
  if (merging || conflicts.length > 0) await undo(checkout, before, notes);
  if (conflicts.length > 0) return { kind: 'conflict', conflicts };
  return { kind: 'refused', message: gitReason(r.stderr || r.stdout) || `git merge exited with code ${r.code}` };
}

/** The message files a merge or squash leaves in the git dir, and whether each was there before. */
async function messageFiles(checkout: string): Promise<{ file: string; existed: boolean }[]> {
  const out = await gitOk(checkout, ['rev-parse', '--git-path', 'SQUASH_MSG', '--git-path', 'MERGE_MSG']);
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((p) => {
      const file = path.resolve(checkout, p);
      return { file, existed: existsSync(file) };
    });
}

/**
 * Put the checkout back to `before` after a merge that started: abort it (or reset a squash), remove the
 * message files it wrote (SQUASH_MSG, MERGE_MSG), then verify: HEAD, index and tracked files as they were.
 */
export async function undo(checkout: string, before: string, notes?: { file: string; existed: boolean }[]): Promise<void> {
  if ((await operationInProgress(checkout)) === 'a merge') await gitExec(checkout, ['merge', '--abort']);
  else await gitExec(checkout, ['reset', '--quiet', '--merge']);
  for (const n of notes ?? []) if (!n.existed) rmSync(n.file, { force: true });
  const head = (await gitOk(checkout, ['rev-parse', 'HEAD'])).trim();
  const dirty = await statusEntries(checkout, { untracked: false });
  if (head !== before || dirty.length > 0) {
    throw new Error(`could not restore ${checkout} after a failed merge (HEAD ${head.slice(0, 12)}, ${dirty.length} changed files): run git merge --abort there`);
  }
}

/** git's message in one line: its first lines (a reason and the files it names), prefixes dropped. */
function gitReason(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^(fatal|error|hint): /, '').trim())
    .filter((l) => l !== '' && !/^(Please |Aborting|Merge with strategy)/.test(l));
  return lines.slice(0, 4).join(' ');
}
