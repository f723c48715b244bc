// What a merge left in a checkout, for finishing an interrupted one: the commit that names a task, the
// checkout's git paths (index.lock, SQUASH_MSG, MERGE_MSG), whether the index holds staged changes.
import { gitExec, type GitExecResult } from './exec.js';

/** The newest commit in `range` whose message contains `text` (fixed string), or null. */
export async function lastCommitMentioning(repo: string, range: string, text: string): Promise<string | null> {
  const r = await gitExec(repo, ['log', '--format=%H', '-F', `--grep=${text}`, '-n', '1', range, '--']);
  const sha = r.code === 0 ? r.stdout.trim() : '';
  return sha === '' ? null : sha;
}

/** `git rev-parse --git-path name…` in `dir`: one path a line (relative to `dir` or absolute), as git ran. */
export async function gitPaths(dir: string, names: readonly string[]): Promise<GitExecResult> {
  return gitExec(dir, ['rev-parse', ...names.flatMap((n) => ['--git-path', n])]);
}

/** Whether the index of `dir` differs from HEAD (`git diff --cached --quiet` exits non-zero). */
export async function hasStagedChanges(dir: string): Promise<boolean> {
  return (await gitExec(dir, ['diff', '--cached', '--quiet'])).code !== 0;
}
