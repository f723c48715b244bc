// Proofs for the two removals `wtagents clean` makes beyond worktrees: deleting a task branch (its tip's
// content must be merged into the base or held by a saved patch — one is written and verified if need be)
// and deleting a whole task directory (every patch or copy saved in it must be redundant: its content
// reachable from the base or the kept branch).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TaskRecord } from '../core/task.js';
import { mergeBase } from '../git/checkouts.js';
import { branchExists, resolveCommit } from '../git/repo.js';
import { diffPatch } from '../git/diff.js';
import { writeFileAtomic } from '../store/atomic.js';
import { reviewPaths } from './paths.js';
import { isAncestor, reachableTree, treeFromPatch, treeOf } from '../git/snapshot.js';
import { readDecision } from './evidence.js';

/** Saved patches of the task directory with the commit each applies on. */
export function savedPatches(task: TaskRecord, taskDir: string): { file: string; base: string }[] {
  const d = readDecision(taskDir);
  const out: { file: string; base: string }[] = [];
  const add = (rel: string | undefined, base: string | undefined) => {
    if (rel && base && existsSync(path.join(taskDir, rel))) out.push({ file: path.join(taskDir, rel), base });
  };
  if (d?.decision === 'abandon') add(d.patch, d.patchBase);
  if (d?.leftoversPatch) add(d.leftoversPatch, d.branchTip);
  if (task.archived) add(task.archived.patch, task.archived.patchBase);
  if (task.branchPatch) add(task.branchPatch.file, task.branchPatch.base);
  return out;
}

/** A proof that the task branch can be deleted: where its tip's content lives (writing review/branch.patch if nothing holds it). */
export async function proveBranchSaved(task: TaskRecord, taskDir: string): Promise<{ where: string; branchPatch?: TaskRecord['branchPatch'] }> {
  const repo = task.repo;
  const tip = await resolveCommit(repo, `refs/heads/${task.branch}`);
  if (tip === null) return { where: 'no branch' };
  const baseRef = `refs/heads/${task.base}`;
  if ((await branchExists(repo, task.base)) && (await isAncestor(repo, tip, baseRef))) return { where: `merged into ${task.base}` };
  const tipTree = await treeOf(repo, tip);
  for (const p of savedPatches(task, taskDir)) {
    if ((await treeFromPatch(repo, p.file, p.base)) === tipTree) return { where: path.relative(taskDir, p.file) };
  }
  const base = (await mergeBase(repo, (await branchExists(repo, task.base)) ? baseRef : task.baseSha, tip)) ?? task.baseSha;
  const file = path.join(reviewPaths(taskDir).dir, 'branch.patch');
  writeFileAtomic(file, await diffPatch(repo, base, tip, { binary: true }));
  if ((await treeFromPatch(repo, file, base)) !== tipTree) throw new Error(`the patch of ${task.branch} does not reproduce its tip (a file git cannot diff as text?)`);
  const rel = path.relative(taskDir, file);
  return { where: rel, branchPatch: { file: rel, base, tree: tipTree, branchTip: tip } };
}


/** Why the task directory may not be deleted (empty: every byte it keeps is also elsewhere). */
export async function taskDirKeeps(task: TaskRecord, taskDir: string): Promise<string[]> {
  const repo = task.repo;
  const why: string[] = [];
  if (existsSync(task.worktree)) why.push('its worktree is still there');
  const ignored = reviewPaths(taskDir).ignored;
  if (existsSync(ignored) && readdirSync(ignored).length > 0) why.push('review/ignored/ holds the only copy of ignored files the task made');
  const refs = [`refs/heads/${task.base}`, `refs/heads/${task.branch}`];
  const live: string[] = [];
  for (const ref of refs) if ((await resolveCommit(repo, ref)) !== null) live.push(ref);
  for (const p of savedPatches(task, taskDir)) {
    const tree = await treeFromPatch(repo, p.file, p.base);
    let found = false;
    for (const ref of live) if (tree !== null && (await reachableTree(repo, ref, tree))) found = true;
    if (!found) why.push(`${path.relative(taskDir, p.file)} holds work no branch has`);
  }
  const d = readDecision(taskDir);
  if (d?.outcome === 'merged' && d.baseAfter) {
    const ok = (await branchExists(repo, task.base)) && (await isAncestor(repo, d.baseAfter, `refs/heads/${task.base}`));
    if (!ok) why.push(`the merge ${d.baseAfter.slice(0, 12)} is no longer on ${task.base}`);
  } else if (!task.archived && !d && (await resolveCommit(repo, `refs/heads/${task.branch}`)) === null && task.mode === 'create') {
    why.push('no merge, branch or patch holds its work');
  }
  return why;
}
