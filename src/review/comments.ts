// Line comments kept with the task (review/comments.json) until `request changes` sends them: added from the
// review screen (`c` on a diff line) or the CLI (`--comment FILE:LINE:TEXT`), edited by commenting the same
// line again (empty text removes), and moved to review/comments-sent-NN.json when a round takes them.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { CommentsFile, commentAt, lineTarget, parseCommentArg, upsertComment, type LineComment } from '../core/line-comment.js';
import { fileAtRevision } from '../git/diff.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { withLock } from '../store/lock.js';
import type { ReviewSession } from './open.js';
import { reviewPaths } from './paths.js';

const commentsPath = (taskDir: string) => path.join(reviewPaths(taskDir).dir, 'comments.json');
const lockPath = (taskDir: string) => path.join(reviewPaths(taskDir).dir, 'comments.lock');
export const sentCommentsPath = (taskDir: string, round: number) => path.join(reviewPaths(taskDir).dir, `comments-sent-${String(round).padStart(2, '0')}.json`);

/** The comments waiting for the next request changes (a broken file is a clear error, never dropped). */
export function readComments(taskDir: string): LineComment[] {
  const file = commentsPath(taskDir);
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UserError(`${file} is not valid JSON: fix or remove it`);
  }
  const parsed = CommentsFile.safeParse(json);
  if (!parsed.success) throw new UserError(`${file} is invalid at ${parsed.error.issues[0]?.path.join('.') || '(root)'}: fix or remove it`);
  return parsed.data.comments;
}

/** Add, replace (same line) or, with empty text, remove a comment; returns the list as saved. */
export async function saveComment(taskDir: string, c: LineComment): Promise<LineComment[]> {
  return withLock(lockPath(taskDir), () => {
    const next = upsertComment(readComments(taskDir), c);
    writeJsonAtomic(commentsPath(taskDir), { v: 1, comments: next });
    return next;
  }, { what: 'the line comments' });
}

/** Take the waiting comments for round `round`'s request: they move to comments-sent-NN.json. */
export async function takeComments(taskDir: string, round: number): Promise<LineComment[]> {
  return withLock(lockPath(taskDir), () => {
    const list = readComments(taskDir);
    if (list.length > 0) renameSync(commentsPath(taskDir), sentCommentsPath(taskDir, round));
    return list;
  }, { what: 'the line comments' });
}

/** A comment from `FILE:LINE:TEXT` on the review's diff (or, for a line the diff does not show, the branch's file). */
export async function commentFromArg(session: ReviewSession, arg: string): Promise<LineComment> {
  const p = parseCommentArg(arg);
  if (!p) throw new UserError(`--comment "${arg.slice(0, 80)}": write it as FILE:LINE:TEXT (e.g. src/app.ts:12:rename this)`);
  const index = session.files.findIndex((f) => f.path === p.file || f.oldPath === p.file);
  if (index === -1) {
    const names = session.files.slice(0, 5).map((f) => f.path).join(', ');
    throw new UserError(`--comment: ${p.file} is not in the diff of ${session.task.branch} (files: ${names}${session.files.length > 5 ? ', …' : ''})`);
  }
  const file = session.files[index]!;
  const { lines } = await session.loader.select(index);
  const find = (side: 'new' | 'old') => lines.findIndex((l) => {
    const t = lineTarget(l);
    return t !== null && t.side === side && t.line === p.line;
  });
  const at = p.file === file.oldPath && p.file !== file.path ? find('old') : find('new') >= 0 ? find('new') : find('old');
  if (at >= 0) return commentAt(file.path, lines, at, p.text)!;
  // A line the diff does not show: quote it from the branch's version of the file.
  const text = (await fileAtRevision(session.task.repo, session.range.tip, file.path))?.split('\n') ?? [];
  if (p.line > text.length || (p.line === text.length && text[p.line - 1] === '')) {
    throw new UserError(`--comment: ${file.path} has ${Math.max(0, text.length - 1)} lines on ${session.task.branch}, not ${p.line}`);
  }
  const now = new Date().toISOString();
  return { file: file.path, line: p.line, side: 'new', text: p.text, code: [` ${text[p.line - 1]}`], at: 0, createdAt: now, updatedAt: now };
}
