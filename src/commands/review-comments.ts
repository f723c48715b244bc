// `wtagents review ID --comment FILE:LINE:TEXT` (repeatable): line comments saved with the task, each quoted
// with its code in the next request changes (alone, or in the same command as --request-changes).
import { load } from '../app/load.js';
import { UserError } from '../core/errors.js';
import { commentPlace, type LineComment } from '../core/line-comment.js';
import { plural } from '../core/format.js';
import { print } from './common.js';

/** Save each `FILE:LINE:TEXT` as a line comment (the same line again replaces it; empty text removes it). */
export async function addComments(taskDir: string, args: readonly string[], { quiet = false } = {}): Promise<void> {
  const [{ openSession }, { commentFromArg, saveComment }] = await Promise.all([load.reviewOpen(), load.reviewComments()]);
  const session = await openSession(taskDir);
  if (!session) throw new UserError('--comment: the task branch is gone, so there is no diff to comment on');
  // Every argument is checked before any is saved: a typo saves nothing.
  const made = [];
  for (const a of args) made.push(await commentFromArg(session, a));
  let list: LineComment[] = [];
  for (const c of made) list = await saveComment(taskDir, c);
  if (quiet) return;
  print(`${plural(list.length, 'line comment')} waiting for the next request changes:`);
  for (const c of list) print(`  ${commentPlace(c)}  ${c.text.replace(/\s*\n\s*/g, ' ')}`);
}
