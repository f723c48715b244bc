// Opening a review: the file list first (fast, for the first frame), then the seed's review files
// (review/diff.patch, review/stat.txt) and a `review.opened` event, done for the user.
import { diffTotals, type DiffFile, type DiffTotals } from '../core/diff-parse.js';
import { errorLine, UserError } from '../core/errors.js';
import type { TaskRecord } from '../core/task.js';
import { diffFileList, diffPatch, diffStat } from '../git/diff.js';
import { writeFileAtomic } from '../store/atomic.js';
import { readTask } from '../store/tasks.js';
import { appendEvent } from '../store/trace-writer.js';
import { DiffLoader } from './diff-loader.js';
import { reviewPaths } from './paths.js';
import { resolveRange, type ReviewRange } from './range.js';

export interface ReviewSession {
  taskDir: string;
  task: TaskRecord;
  range: ReviewRange;
  files: DiffFile[];
  totals: DiffTotals;
  loader: DiffLoader;
}

/** The review's range and file list, and a loader for per-file diffs. Null when the branch is gone. */
export async function openSession(taskDir: string, opts: { signal?: AbortSignal; cacheSize?: number } = {}): Promise<ReviewSession | null> {
  const task = readTask(taskDir);
  const git = opts.signal ? { signal: opts.signal } : {};
  // The file list is the slow part: start it at once on `base...branch`, while the range is pinned to commits.
  const early = diffFileList(task.repo, `refs/heads/${task.base}...refs/heads/${task.branch}`, null, git).catch(() => null);
  const range = await resolveRange(task);
  if (range === null) return null;
  const files = (range.baseIsBranch ? await early : null) ?? (await diffFileList(task.repo, range.from, range.tip, git));
  const loader = new DiffLoader(task.repo, range.from, range.tip, files, opts.cacheSize !== undefined ? { cacheSize: opts.cacheSize } : {});
  return { taskDir, task, range, files, totals: diffTotals(files), loader };
}

/** Like openSession, but a missing branch is a clear error. */
export async function requireSession(taskDir: string): Promise<ReviewSession> {
  const s = await openSession(taskDir);
  if (s) return s;
  const task = readTask(taskDir);
  throw new UserError(`task ${task.id} has no branch ${task.branch} to review${task.mode === 'dry-run' && task.state === 'draft' ? ' (a dry-run task: make its worktree first)' : ''}`);
}

export interface ReviewFiles {
  /** The whole diff as written to review/diff.patch. */
  patch: string;
  stat: string;
  /** What could not be written (a read-only or full disk): the review goes on without those copies. */
  warnings?: string[];
}

/**
 * Write review/diff.patch and review/stat.txt (the seed's review script) and trace `review.opened`. These are
 * copies for the user: on a read-only or full disk the review works without them, saying so.
 */
export async function writeReviewFiles(session: ReviewSession): Promise<ReviewFiles> {
  const { task, range } = session;
  const [patch, stat] = await Promise.all([diffPatch(task.repo, range.from, range.tip), diffStat(task.repo, range.from, range.tip)]);
  const p = reviewPaths(session.taskDir);
  const failed: string[] = [];
  const attempt = (what: string, write: () => unknown) => {
    try {
      write();
    } catch (error) {
      failed.push(`${what} (${errorLine(error)})`);
    }
  };
  attempt('review/diff.patch', () => writeFileAtomic(p.diffPatch, patch));
  attempt('review/stat.txt', () => writeFileAtomic(p.stat, stat));
  attempt('the review.opened event', () =>
    appendEvent(
      { taskDir: session.taskDir, task: task.id, round: task.round },
      { type: 'review.opened', files: session.totals.files, added: session.totals.added, removed: session.totals.removed },
    ),
  );
  const warnings = failed.length > 0 ? [`could not write ${failed.join(', ')}: reviewing without them (nothing else is written until you decide)`] : [];
  return { patch, stat, ...(warnings.length > 0 ? { warnings } : {}) };
}
