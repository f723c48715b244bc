// Everything in a worktree as one git tree (commits + uncommitted + untracked, ignored files excepted),
// built in a throwaway index so the worktree and its real index are never touched.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitExec, gitOk } from './run.js';

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
