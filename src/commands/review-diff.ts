// `wtagents review ID --stat` and `--patch`: git's own diffstat or patch of the task's pinned range, and nothing
// else (no file list, no evidence, nothing written). src/bin.ts runs it straight when the command line is just
// that (no command-line parser, no other command's code); `review` runs the same function otherwise. In the usual
// case git runs on `base...branch` as task.json names them, and nothing else is loaded. `review ID` on a terminal
// starts here too (this is the entry src/bin.ts loads first): git started early and the first paint, from
// review-prestart.ts.
import { load } from '../app/load.js';
import { readFileSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { diffPatch, diffStat } from '../git/diff.js';
import { findTaskDir } from '../store/task-dirs.js';
import { branches } from './review-prestart.js';
import { tuiRepo } from './tui.js';

export { prestartReview, type PaintTarget, type PrestartedReview } from './review-prestart.js';

export interface ReviewDiffArgs {
  id: string;
  mode: 'stat' | 'patch';
  repo?: string;
}

/** `review ID --stat|--patch [--repo DIR]` in any order and nothing else, or null (then the full command line parses it). */
export function reviewDiffArgs(argv: readonly string[]): ReviewDiffArgs | null {
  if (argv[0] !== 'review') return null;
  let id: string | undefined;
  let mode: ReviewDiffArgs['mode'] | undefined;
  let repo: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === '--stat' || a === '--patch') && mode === undefined) mode = a === '--stat' ? 'stat' : 'patch';
    else if (a === '--repo' && repo === undefined && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) repo = argv[++i]!;
    else if (a.startsWith('--repo=') && repo === undefined && a.length > 7) repo = a.slice(7);
    else if (!a.startsWith('-') && id === undefined && a !== '') id = a;
    else return null;
  }
  return id !== undefined && mode !== undefined ? { id, mode, ...(repo !== undefined ? { repo } : {}) } : null;
}


/**
 * Print git's --stat (or the whole patch) of the task's review range, `git diff base...branch`: when both are
 * branches (the usual case) that is the range itself, and git runs on the names task.json gives. Otherwise (a
 * base that is no branch, a branch that is gone) the task is read and its range pinned as the review does; a
 * task without its branch shows what its decision kept.
 */
export async function printReviewDiff(args: ReviewDiffArgs): Promise<void> {
  const taskDir = findTaskDir(await tuiRepo(args.repo), args.id);
  const diff = (repo: string, from: string, to: string | null) => (args.mode === 'patch' ? diffPatch(repo, from, to) : diffStat(repo, from, to));
  const named = branches(taskDir);
  let out = named ? await diff(named.repo, `refs/heads/${named.base}...refs/heads/${named.branch}`, null).catch(() => null) : null;
  if (out === null) {
    const [{ readTask }, { resolveRange }] = await Promise.all([load.storeTasks(), load.reviewRange()]);
    const task = readTask(taskDir);
    const range = await resolveRange(task);
    if (range === null) return printKept(taskDir, args);
    out = await diff(task.repo, range.from, range.tip);
  }
  if (args.mode === 'patch') return void process.stdout.write(out);
  process.stdout.write(out === '' ? '(no changes)\n' : out.endsWith('\n') ? out : `${out}\n`);
}

/** A task whose branch is gone (merged, abandoned with --delete-branch): the stat or patch its decision saved. */
async function printKept(taskDir: string, args: ReviewDiffArgs): Promise<void> {
  const [{ reviewPaths }, { readTask }] = await Promise.all([load.reviewPaths(), load.storeTasks()]);
  const p = reviewPaths(taskDir);
  const file = args.mode === 'stat' ? p.stat : p.diffPatch;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`task ${readTask(taskDir).id} has no branch and no saved ${args.mode === 'stat' ? 'review/stat.txt' : 'review/diff.patch'}`);
  }
  process.stdout.write(text);
}

/** Run it as a whole command (src/bin.ts): the exit code, and an error as one line like every command's. */
export async function runReviewDiff(args: ReviewDiffArgs): Promise<number> {
  try {
    await printReviewDiff(args);
    return 0;
  } catch (error) {
    const [{ debugEnabled, errorReport }, { errorPrefix }] = await Promise.all([load.coreErrors(), import('./conventions.js')]);
    const report = errorReport(error, { debug: debugEnabled(process.env), prefix: errorPrefix() });
    process.stderr.write(report.text);
    return report.exitCode;
  }
}
