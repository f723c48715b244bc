// Reading history for a report: the commit a checkout is on, and the commits made since another.
import { gitExec } from './exec.js';

/** The commit `dir` has checked out, or null (no commits, not a checkout). */
export async function headOf(dir: string): Promise<string | null> {
  const r = await gitExec(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return r.code === 0 ? r.stdout.trim() : null;
}

/** The commits of HEAD that `since` lacks, newest first: sha and subject. */
export async function commitsSince(dir: string, since: string): Promise<{ sha: string; subject: string }[]> {
  const r = await gitExec(dir, ['log', '--format=%H%x00%s', `${since}..HEAD`]);
  if (r.code !== 0) return [];
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [sha, subject] = l.split('\0');
      return { sha: sha!, subject: subject ?? '' };
    });
}
