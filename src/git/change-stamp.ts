// Whether a worktree's git state moved, read from its files (no git process): what the dashboard polls to
// know when a task's change count is worth redoing.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Each worktree's git directory (from its `.git` file), found once. */
const gitDirs = new Map<string, string>();

function worktreeGitDir(worktree: string): string | null {
  const known = gitDirs.get(worktree);
  if (known !== undefined) return known;
  const dotGit = path.join(worktree, '.git');
  try {
    const dir = statSync(dotGit).isDirectory() ? dotGit : /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (!dir) return null;
    const abs = path.resolve(worktree, dir);
    gitDirs.set(worktree, abs);
    return abs;
  } catch {
    return null;
  }
}

/**
 * A cheap fingerprint of a worktree's git state, read from its files (no git process): its HEAD, HEAD's reflog
 * and its index. It changes when the branch moves (commit, reset, checkout) or the index is written (add,
 * commit): the moments a change count is worth redoing, besides file edits. Null when there is no worktree.
 */
export function changeStamp(worktree: string): string | null {
  const dir = worktreeGitDir(worktree);
  if (dir === null) return null;
  const parts: string[] = [];
  for (const f of ['HEAD', 'logs/HEAD', 'index']) {
    try {
      const s = statSync(path.join(dir, f));
      parts.push(`${s.mtimeMs}:${s.size}`);
    } catch {
      parts.push('-');
    }
  }
  if (parts[0] === '-') {
    gitDirs.delete(worktree); // the worktree went (or moved): look again next time
    return null;
  }
  return parts.join('|');
}
