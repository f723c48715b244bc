// Ignored files in a worktree (`git ls-files --others --ignored --exclude-standard --directory`): what no
// commit, status or patch holds, so removing the worktree would lose it.
import { gitOk } from './exec.js';

/** Ignored paths in `worktree`, a wholly ignored directory as one entry ending in "/". */
export async function ignoredEntries(worktree: string): Promise<string[]> {
  const out = await gitOk(worktree, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
  return out.split('\0').filter((p) => p !== '').sort();
}
