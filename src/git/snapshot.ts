// Everything in a worktree as one git tree (commits + uncommitted + untracked, ignored files excepted),
// built in a throwaway index so the worktree and its real index are never touched.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitExec, gitOk } from './exec.js';

/** The tree object of the worktree's full current content (written to the object database). */
export async function snapshotTree(worktree: string): Promise<string> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wtagents-index-'));
  const index = path.join(tmp, 'index');
  try {
    const real = path.resolve(worktree, (await gitOk(worktree, ['rev-parse', '--git-path', 'index'])).trim());
    const env = { GIT_INDEX_FILE: index };
    // Starting from a copy of the real index keeps its stat cache: only changed files are hashed again.
    if (existsSync(real)) copyFileSync(real, index);
    else await gitOk(worktree, ['read-tree', 'HEAD'], { env });
    await gitOk(worktree, ['add', '--all', '--', '.'], { env });
    return (await gitOk(worktree, ['write-tree'], { env })).trim();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The tree of a commit. */
export async function treeOf(repo: string, commit: string): Promise<string> {
  return (await gitOk(repo, ['rev-parse', '--verify', `${commit}^{tree}`])).trim();
}

/** Commit everything in the worktree (uncommitted + untracked, but the `exclude` paths) on its branch; returns the new commit. */
export async function commitAll(worktree: string, message: string, exclude: readonly string[] = []): Promise<string> {
  await gitOk(worktree, ['add', '--all', '--', '.', ...exclude.map((p) => `:(exclude,literal)${p}`)]);
  const r = await gitExec(worktree, ['commit', '--quiet', '--no-verify', '-m', message]);
  if (r.code !== 0) throw new Error(r.stderr.trim() || r.stdout.trim() || `git commit exited with code ${r.code}`);
  return (await gitOk(worktree, ['rev-parse', 'HEAD'])).trim();
}

/** True when commit `a` is `b` or an ancestor of it. */
export async function isAncestor(repo: string, a: string, b: string): Promise<boolean> {
  return (await gitExec(repo, ['merge-base', '--is-ancestor', a, b])).code === 0;
}

/** The tree `git apply --cached --binary patch` makes on `base`, in a throwaway index; null when it does not apply. */
export async function treeFromPatch(repo: string, patchFile: string, base: string): Promise<string | null> {
  if (!existsSync(patchFile)) return null;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wtagents-prove-'));
  const env = { GIT_INDEX_FILE: path.join(tmp, 'index') };
  try {
    if ((await gitExec(repo, ['read-tree', base], { env })).code !== 0) return null;
    const empty = readFileSync(patchFile).length === 0;
    if (!empty && (await gitExec(repo, ['apply', '--cached', '--binary', '--', patchFile], { env })).code !== 0) return null;
    return (await gitOk(repo, ['write-tree'], { env })).trim();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Is `tree` the tree of a commit `ref` reaches (its last 5,000 commits)? */
export async function reachableTree(repo: string, ref: string, tree: string): Promise<boolean> {
  const r = await gitExec(repo, ['log', '--format=%T', '-n', '5000', ref, '--']);
  return r.code === 0 && r.stdout.split('\n').includes(tree);
}

/** Apply `patch` (git apply --binary) to the worktree `dir`; git's first error line, or null when it applied. */
export async function applyPatch(dir: string, patch: string): Promise<string | null> {
  const r = await gitExec(dir, ['apply', '--binary', '-'], { input: patch });
  return r.code === 0 ? null : r.stderr.trim().split('\n')[0] || `git apply exited with code ${r.code}`;
}
