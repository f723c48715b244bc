// Opening a review: the file list first (fast, for the first frame; a quick session lists the files without
// their line counts, which are counted on request), then the seed's review files (review/diff.patch,
// review/stat.txt) and a `review.opened` event, done for the user.
import { diffTotals, type DiffFile, type DiffTotals } from '../core/diff-parse.js';
import { errorLine } from '../core/errors.js';
import type { TaskRecord } from '../core/task.js';
import { diffFileList, diffFileNames, diffPatch, diffStat } from '../git/diff.js';
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
  /** False in a quick session: the files' added/removed are not counted yet (see `count`). */
  counted: boolean;
  /** This session with every file's line counts (itself when counted; else git counts them now, once). */
  count(): Promise<ReviewSession>;
}

export interface OpenOptions {
  signal?: AbortSignal;
  cacheSize?: number;
  /** List the files without counting their lines (`--raw` only), for a first frame that cannot wait for the whole diff. */
  quick?: boolean;
}

/** The review's range and file list, and a loader for per-file diffs. Null when the branch is gone. */
export async function openSession(taskDir: string, opts: OpenOptions = {}): Promise<ReviewSession | null> {
  const task = readTask(taskDir);
  const git = opts.signal ? { signal: opts.signal } : {};
  const list = opts.quick ? diffFileNames : diffFileList;
  // The file list is the slow part: start it at once on `base...branch`, while the range is pinned to commits.
  const early = list(task.repo, `refs/heads/${task.base}...refs/heads/${task.branch}`, null, git).catch(() => null);
  const range = await resolveRange(task);
  if (range === null) return null;
  const files = (range.baseIsBranch ? await early : null) ?? (await list(task.repo, range.from, range.tip, git));
  const loader = new DiffLoader(task.repo, range.from, range.tip, files, opts.cacheSize !== undefined ? { cacheSize: opts.cacheSize } : {});
  const base = { taskDir, task, range, loader };
  if (!opts.quick) return countedSession(base, files);
  let counting: Promise<ReviewSession> | null = null;
  const count = () => (counting ??= diffFileList(task.repo, range.from, range.tip, git).then((all) => countedSession(base, all)));
  return { ...base, files, totals: diffTotals(files), counted: false, count };
}

function countedSession(base: Pick<ReviewSession, 'taskDir' | 'task' | 'range' | 'loader'>, files: DiffFile[]): ReviewSession {
  const session: ReviewSession = { ...base, files, totals: diffTotals(files), counted: true, count: () => Promise.resolve(session) };
  return session;
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
export async function writeReviewFiles(quick: ReviewSession): Promise<ReviewFiles> {
  const session = await quick.count();
  const { task, range } = session;
  const [patch, stat] = await Promise.all([diffPatch(task.repo, range.from, range.tip), diffStat(task.repo, range.from, range.tip)]);
  const p = reviewPaths(session.taskDir);
  const failed: string[] = [];
  const attempt = async (what: string, write: () => unknown) => {
    try {
      await write();
    } catch (error) {
      failed.push(`${what} (${errorLine(error)})`);
    }
  };
  await attempt('review/diff.patch', () => writeFileAtomic(p.diffPatch, patch));
  await attempt('review/stat.txt', () => writeFileAtomic(p.stat, stat));
  await attempt('the review.opened event', () =>
    appendEvent(
      { taskDir: session.taskDir, task: task.id, round: task.round },
      { type: 'review.opened', files: session.totals.files, added: session.totals.added, removed: session.totals.removed },
    ),
  );
  const warnings = failed.length > 0 ? [`could not write ${failed.join(', ')}: reviewing without them (nothing else is written until you decide)`] : [];
  return { patch, stat, ...(warnings.length > 0 ? { warnings } : {}) };
}
