// The one way to find the repository around a directory: read from the file system without starting git
// (the TUI's first frame should not wait for two git processes): walk up to `.git`, follow a linked
// worktree's gitdir/commondir. Anything unusual is left to git itself (loaded only then).
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RepoLocation {
  /** The working tree containing the directory. */
  root: string;
  /** The repository's main working tree (shared state lives there). */
  main: string;
}

/** The main working tree of the repository around `dir` (where its tasks live): from its files, else from git. */
export async function findRepo(dir: string): Promise<string> {
  const fast = findRepoFast(dir);
  if (fast) return fast.main;
  const { findRepoRoot, mainWorktree } = await import('./repo.js');
  return mainWorktree(await findRepoRoot(dir));
}

/** The repository around `dir` read from the file system, or null when git itself should be asked. */
export function findRepoFast(dir: string, env: NodeJS.ProcessEnv = process.env): RepoLocation | null {
  // These change where git looks: leave such setups to git.
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_COMMON_DIR || env.GIT_CEILING_DIRECTORIES) return null;
  let current: string;
  try {
    current = realpathSync(path.resolve(dir));
  } catch {
    return null;
  }
  for (;;) {
    const dotGit = path.join(current, '.git');
    if (existsSync(dotGit)) return locate(current, dotGit);
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function locate(root: string, dotGit: string): RepoLocation | null {
  try {
    if (statSync(dotGit).isDirectory()) {
      return isGitDir(dotGit) && !hasWorktreeConfig(dotGit) ? { root, main: root } : null;
    }
    // A linked worktree (or a submodule): `.git` is a file naming the git directory.
    const m = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!m) return null;
    const gitDir = path.resolve(root, m[1]!.trim());
    const commonFile = path.join(gitDir, 'commondir');
    if (!existsSync(commonFile)) return null; // a submodule or something else: ask git
    const common = realpathSync(path.resolve(gitDir, readFileSync(commonFile, 'utf8').trim()));
    if (path.basename(common) !== '.git' || !isGitDir(common) || hasWorktreeConfig(common)) return null;
    return { root, main: path.dirname(common) };
  } catch {
    return null;
  }
}

function isGitDir(dir: string): boolean {
  return existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'));
}

/** core.worktree or core.bare in the config move the working tree: not for the fast path. */
function hasWorktreeConfig(gitDir: string): boolean {
  try {
    return /^\s*(worktree|bare\s*=\s*true)/im.test(readFileSync(path.join(gitDir, 'config'), 'utf8'));
  } catch {
    return true;
  }
}
