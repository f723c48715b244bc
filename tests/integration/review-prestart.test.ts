// `review ID` on a terminal starts git on the review's file list and range lookups before the command line and
// the TUI load (src/bin.ts → prestartReview): the review screen's opening takes exactly those runs (no git run
// twice, none left over), and its file list and first diff are the same as without them.
import { describe, expect, it } from 'vitest';
import { prestartReview } from '../../src/commands/review-prestart.js';
import { gitExec } from '../../src/git/exec.js';
import { prestartedCount, prestartGit } from '../../src/git/prestart.js';
import { openSession } from '../../src/review/open.js';
import { makeRepo } from '../helpers/repo.js';
import { taskWithWork } from '../helpers/task.js';
import { FIRST_PAINT_ENTER, FIRST_PAINT_LEAVE } from '../../src/core/first-paint.js';

describe('git runs started early', () => {
  it('are taken once by the same run in the same directory, and only by that', async () => {
    const repo = makeRepo();
    prestartGit(repo, ['rev-parse', 'HEAD']);
    expect(prestartedCount()).toBe(1);
    expect((await gitExec(repo, ['rev-parse', '--verify', 'HEAD'])).code).toBe(0); // other arguments: not taken
    expect(prestartedCount()).toBe(1);
    const early = await gitExec(repo, ['rev-parse', 'HEAD']);
    expect(prestartedCount()).toBe(0);
    expect(early.stdout).toBe((await gitExec(repo, ['rev-parse', 'HEAD'])).stdout);
  });

  it("are the ones the review screen's opening runs: all taken, same files and first diff", async () => {
    const { repo, task } = await taskWithWork({ 'b.txt': 'bee\n', 'a.txt': 'first marker line\n' });
    await (await prestartReview(task.id, repo))!.firstDiff;
    expect(prestartedCount()).toBe(4); // file list, branch heads, merge base, then the first file's diff
    const early = (await openSession(task.taskDir, { quick: true }))!;
    expect(prestartedCount()).toBe(1); // the opening asked for exactly the first three
    const a = await early.loader.select(0);
    expect(prestartedCount()).toBe(0); // and the loader for the fourth
    const plain = (await openSession(task.taskDir, { quick: true }))!;
    expect(early.files).toEqual(plain.files);
    expect(early.range).toEqual(plain.range);
    const b = await plain.loader.select(0);
    expect(a.lines).toEqual(b.lines);
    expect(a.lines.some((l) => l.text.includes('first marker line'))).toBe(true);
    early.loader.dispose();
    plain.loader.dispose();
  });

  it('start nothing for a task that is not there (the command says so itself)', async () => {
    const repo = makeRepo();
    await prestartReview('no-such-task', repo);
    expect(prestartedCount()).toBe(0);
  });

  it('paint the first file’s diff on the terminal as soon as git has it, unless the TUI stopped that first', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'first marker line\n', 'b.txt': 'bee\n' });
    const terminal = (written: string[]) => ({ write: (text: string) => written.push(text), columns: 100, rows: 20, isTTY: true });
    const written: string[] = [];
    const early = (await prestartReview(task.id, repo, terminal(written)))!;
    expect(await early.painted).toBe(true);
    expect(written).toHaveLength(1);
    expect(written[0]!.startsWith(FIRST_PAINT_ENTER)).toBe(true);
    expect(written[0]).toContain('+first marker line');
    expect(early.stop()).toBe(true); // the TUI draws over it
    early.undo(); // (when the TUI never came up)
    expect(written.at(-1)).toBe(FIRST_PAINT_LEAVE);
    await openSession(task.taskDir, { quick: true }).then((s) => s!.loader.select(0).then(() => s!.loader.dispose())); // take the runs

    const none: string[] = [];
    const stopped = (await prestartReview(task.id, repo, terminal(none)))!;
    expect(stopped.stop()).toBe(false); // the TUI came first: no paint after it
    expect(await stopped.painted).toBe(false);
    stopped.undo();
    expect(none).toEqual([]);
    await openSession(task.taskDir, { quick: true }).then((s) => s!.loader.select(0).then(() => s!.loader.dispose()));
    expect(prestartedCount()).toBe(0);
  });
});
