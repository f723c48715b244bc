// The git reads the outside-the-worktree guard fingerprints: one command's output as text, never throwing
// (a failure becomes a short text naming it, so a change in how git fails shows as a difference too).
import { gitExec } from './exec.js';

/** git's output (run with --no-optional-locks); `git config --get` of an unset key (exit 1) is empty. */
export async function guardGitOutput(repo: string, args: string[]): Promise<string> {
  try {
    const r = await gitExec(repo, ['--no-optional-locks', ...args]);
    if (r.code === 1 && (args[0] === 'config' || args[0] === 'symbolic-ref')) return '';
    return r.code === 0 ? r.stdout : `(git ${args[0]} failed: ${r.code})`;
  } catch (error) {
    return `(git ${args[0]} failed: ${(error as Error).message})`;
  }
}
