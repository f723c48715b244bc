// `wtagents review ID` on a terminal, before anything else loads (src/bin.ts, through review-diff.ts): git starts
// on the review's file list, range lookups and first file's diff, as the review screen's opening will ask for
// them (it takes these runs), and the first file's diff is painted on the terminal the moment git has it
// (src/core/first-paint.ts), unless the TUI has stopped that because it draws now.
import { readFileSync } from 'node:fs';
import { streamColorEnabled } from '../core/color.js';
import { parseDiffList, parseUnifiedDiff, type DiffFile } from '../core/diff-parse.js';
import { FIRST_PAINT_LEAVE, firstPaint, paintable, type FirstPaintInput } from '../core/first-paint.js';
import { branchHeadsArgs } from '../git/checkouts.js';
import { diffFileNamesArgs, diffOneFileArgs } from '../git/diff.js';
import { prestartGit } from '../git/prestart.js';
import type { RunResult } from '../proc/run.js';
import { taskJsonPath } from '../store/layout.js';
import { findTaskDir } from '../store/task-dirs.js';
import { holdKeystrokes, tuiRepo } from './tui.js';

/** The base and branch task.json names, read before the task store (and its validation) is loaded; null when odd. */
export function branches(taskDir: string): { repo: string; base: string; branch: string; task: FirstPaintInput['task'] } | null {
  try {
    const t = JSON.parse(readFileSync(taskJsonPath(taskDir), 'utf8')) as Record<string, unknown>;
    if (typeof t.repo !== 'string' || typeof t.base !== 'string' || typeof t.branch !== 'string') return null;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const task = { id: text(t.id), base: t.base, branch: t.branch, state: text(t.state), round: typeof t.round === 'number' ? t.round : 1, title: text(t.title) };
    return { repo: t.repo, base: t.base, branch: t.branch, task };
  } catch {
    return null;
  }
}

/** Where the first paint goes (the terminal: process.stdout). */
export interface PaintTarget {
  write(text: string): unknown;
  columns?: number;
  rows?: number;
  isTTY?: boolean;
}

/** `review ID`'s early start: git running, and the first paint on its way. */
export interface PrestartedReview {
  /** Settles once git has the first file's diff (or could not start it). */
  firstDiff: Promise<void>;
  /** Settles once the first paint is on the terminal (true), or will not be (false). */
  painted: Promise<boolean>;
  /** The TUI is about to draw: nothing is painted after this. True when the paint is on the terminal. */
  stop(): boolean;
  /** The TUI never came up: the paint is taken off the terminal (normal screen, cursor, cooked mode back). */
  undo(): void;
}

/**
 * `review ID` on a terminal: start git on the review's file list and range lookups now, as the review screen's
 * opening (src/review/open.ts, quick) will ask for them, before the command line and the TUI are evaluated. With
 * `paintTo`, the first file's diff is drawn there the moment git has it (src/core/first-paint.ts), unless the TUI
 * has stopped that. Nothing fails here: the command runs as usual and takes these runs when they match.
 */
export async function prestartReview(id: string, dir?: string, paintTo?: PaintTarget): Promise<PrestartedReview | null> {
  try {
    const named = branches(findTaskDir(await tuiRepo(dir), id));
    if (named === null) return null;
    const first = startFirstDiff(named);
    return { firstDiff: first.then(() => {}), ...paintWhenThere(first, named.task, paintTo) };
  } catch {
    return null; // no repository or no such task: the command says so itself
  }
}

/** The file list and range lookups, then the first file's diff as the loader asks for it (merge base to tip). */
function startFirstDiff(named: { repo: string; base: string; branch: string }): Promise<{ files: DiffFile[]; diff: RunResult } | null> {
  const [base, branch] = [`refs/heads/${named.base}`, `refs/heads/${named.branch}`];
  const list = prestartGit(named.repo, diffFileNamesArgs(`${base}...${branch}`, null));
  const heads = prestartGit(named.repo, branchHeadsArgs([named.base, named.branch]));
  const mergeBase = prestartGit(named.repo, ['merge-base', base, branch]);
  return Promise.all([list, heads, mergeBase])
    .then(async ([l, h, m]) => {
      const tip = h.stdout.split('\n').find((line) => line.endsWith(` ${branch}`))?.split(' ')[0];
      const files = l.code === 0 ? parseDiffList(l.stdout).map((f) => ({ ...f, uncounted: true as const })) : [];
      if (!tip || files.length === 0 || m.code !== 0) return null;
      return { files, diff: await prestartGit(named.repo, diffOneFileArgs(m.stdout.trim(), tip, files[0]!)) };
    })
    .catch(() => null);
}

/** The first paint on `target` as soon as `first` is there, unless the TUI has stopped it by then. */
function paintWhenThere(first: ReturnType<typeof startFirstDiff>, task: FirstPaintInput['task'], target: PaintTarget | undefined): Omit<PrestartedReview, 'firstDiff'> {
  const size = { columns: target?.columns ?? 80, rows: target?.rows ?? 24 };
  if (!target || !paintable(size.columns, size.rows)) return { painted: Promise.resolve(false), stop: () => false, undo: () => {} };
  let state: 'waiting' | 'painted' | 'stopped' = 'waiting';
  let cooked = () => {};
  const painted = first.then((f) => {
    if (state !== 'waiting' || !f || f.diff.code !== 0) return false;
    const text = firstPaint({ ...size, task, files: f.files, lines: parseUnifiedDiff(f.diff.stdout), color: streamColorEnabled(target) });
    if (text === null) return false;
    cooked = holdKeystrokes(); // a key pressed now waits for the TUI, unechoed
    target.write(text);
    state = 'painted';
    return true;
  });
  return {
    painted,
    stop: () => {
      if (state === 'waiting') state = 'stopped';
      return state === 'painted';
    },
    undo: () => {
      if (state !== 'painted') return;
      state = 'stopped';
      target.write(FIRST_PAINT_LEAVE);
      cooked();
    },
  };
}
