// The proof that removing a task's worktree (or branch) loses nothing: every byte of its content — the tree
// of commits + uncommitted + untracked files, and the ignored files the task made — is shown to be in a
// commit the base branch reaches (a merge), in a branch that is kept, or in a saved patch that really
// reproduces it (applied in a throwaway index and compared tree for tree). Shared by clean/archive and any
// other code that removes a worktree.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TaskRecord } from '../core/task.js';
import { resolveCommit } from '../git/repo.js';
import { isAncestor, snapshotTree, treeFromPatch, treeOf } from '../git/snapshot.js';
import { findIgnored } from './ignored.js';

/** A place that holds the work: a commit on the base, on a kept branch, or a patch file with its base. */
export type SavedPlace =
  | { kind: 'merge'; base: string }
  | { kind: 'branch'; branch: string }
  | { kind: 'patch'; file: string; base: string; tree: string };

export interface SavedProof {
  saved: boolean;
  /** What holds the work, in words ("merged into main", "branch wtagents/x", "patch review/archived.patch"). */
  where: string[];
  /** Why not, one reason a line (empty when saved). */
  unsaved: string[];
}

export interface ProveOptions {
  /** Places that may hold the work (tried in order). */
  places: SavedPlace[];
  /** Where the ignored files the task made were copied (review/ignored), or undefined. */
  ignoredCopy?: string;
}

/** Does `place` hold exactly the content `tree` whose commits end at `head` (null: content not committed)? */
async function holds(repo: string, place: SavedPlace, tree: string, head: string | null): Promise<string | null> {
  if (place.kind === 'patch') {
    const made = await treeFromPatch(repo, place.file, place.base);
    return made !== null && made === tree ? `patch ${place.file}` : null;
  }
  if (head === null || (await treeOf(repo, head)) !== tree) return null; // uncommitted work: only a patch holds it
  const ref = place.kind === 'merge' ? `refs/heads/${place.base}` : `refs/heads/${place.branch}`;
  if ((await resolveCommit(repo, ref)) === null) return null;
  if (!(await isAncestor(repo, head, ref))) return null;
  return place.kind === 'merge' ? `merged into ${place.base}` : `branch ${place.branch}`;
}

/** Prove the task worktree's whole content is saved somewhere in `opts.places` (a missing worktree is trivially saved). */
export async function proveWorktreeSaved(task: TaskRecord, opts: ProveOptions): Promise<SavedProof> {
  const wt = task.worktree;
  if (!existsSync(wt) || !existsSync(path.join(wt, '.git'))) return { saved: true, where: ['no worktree'], unsaved: [] };
  const proof: SavedProof = { saved: false, where: [], unsaved: [] };
  const [tree, head] = await Promise.all([snapshotTree(wt), resolveCommit(wt, 'HEAD')]);
  let found: string | null = null;
  for (const place of opts.places) {
    found = await holds(task.repo, place, tree, head);
    if (found) break;
  }
  if (found) proof.where.push(found);
  else proof.unsaved.push(head !== null && (await treeOf(task.repo, head)) !== tree ? 'uncommitted or untracked files no patch holds' : 'commits no kept branch, merge or patch holds');
  const ignored = await findIgnored(task);
  if (ignored.entries.length > 0) {
    const missing = opts.ignoredCopy ? ignored.entries.filter((e) => !sameContent(path.join(wt, e), path.join(opts.ignoredCopy!, e))) : ignored.entries;
    if (missing.length === 0) proof.where.push(`ignored files copied to ${opts.ignoredCopy}`);
    else proof.unsaved.push(`ignored files not copied: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`);
  }
  proof.saved = proof.unsaved.length === 0;
  return proof;
}

/** Byte-for-byte equality of two files, symlinks (as links) or directory trees. */
export function sameContent(a: string, b: string): boolean {
  let sa, sb;
  try {
    sa = lstatSync(a);
    sb = lstatSync(b);
  } catch {
    return false;
  }
  if (sa.isSymbolicLink() || sb.isSymbolicLink()) return sa.isSymbolicLink() && sb.isSymbolicLink() && readlinkSync(a) === readlinkSync(b);
  if (sa.isDirectory() || sb.isDirectory()) {
    if (!sa.isDirectory() || !sb.isDirectory()) return false;
    const na = readdirSync(a).sort();
    const nb = readdirSync(b).sort();
    return na.length === nb.length && na.every((n, i) => n === nb[i] && sameContent(path.join(a, n), path.join(b, n)));
  }
  if (!sa.isFile() || !sb.isFile()) return sa.isFile() === sb.isFile();
  return sa.size === sb.size && readFileSync(a).equals(readFileSync(b));
}
