// Git for repositories nested in a worktree: the worktree's untracked and staged entries, a nested
// repository's HEAD and dirtiness, and saving its commits as a bundle (made and verified).
import { gitExec, type GitExecResult } from './exec.js';

/** `git ls-files --others --exclude-standard -z` in `worktree` (a nested repository shows as "dir/"). */
export async function untrackedEntriesZ(worktree: string): Promise<string> {
  return (await gitExec(worktree, ['ls-files', '--others', '--exclude-standard', '-z'])).stdout;
}

/** `git ls-files -s -z` in `worktree`: the index entries with mode and sha (gitlinks are mode 160000). */
export async function indexEntriesZ(worktree: string): Promise<string> {
  return (await gitExec(worktree, ['ls-files', '-s', '-z'])).stdout;
}

/** Whether `git status --porcelain` in `dir` lists anything. */
export async function hasStatusEntries(dir: string): Promise<boolean> {
  return (await gitExec(dir, ['status', '--porcelain', '-z'])).stdout !== '';
}

/** The commit HEAD of `dir` names, or null (no commits, not a repository, git failed). */
export async function headCommit(dir: string): Promise<string | null> {
  const r = await gitExec(dir, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']).catch(() => null);
  return r && r.code === 0 ? r.stdout.trim() : null;
}

/** `git bundle create bundle --all` in `dir`. */
export async function createBundle(dir: string, bundle: string): Promise<GitExecResult> {
  return gitExec(dir, ['bundle', 'create', bundle, '--all']);
}

/** Whether `git bundle verify bundle` in `dir` succeeds. */
export async function bundleVerifies(dir: string, bundle: string): Promise<boolean> {
  return (await gitExec(dir, ['bundle', 'verify', bundle])).code === 0;
}
