// The review screen, rendered with ink-testing-library on real services, real repositories (tasks whose
// branches hold real commits) and, for request changes, a real runner.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { createTask } from '../../src/store/create-task.js';
import { ServicesProvider } from '../../components/context.js';
import { App } from '../../components/App.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { commitAll, git, makeRepo, writeFiles } from '../helpers/repo.js';
import { gitState, readJson, taskJson, taskWithWork, traceOf } from '../helpers/task.js';

let open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

async function start(repo: string, opts: { columns?: number; rows?: number; review?: string } = {}) {
  const { services } = testServices(repo);
  const tree = opts.review ? (
    <ServicesProvider services={services}>
      <App review={opts.review} />
    </ServicesProvider>
  ) : (
    app(services)
  );
  const tui = await renderTui(tree, { columns: opts.columns ?? 100, rows: opts.rows ?? 24 });
  open.push({ tui, services });
  return tui;
}

/** A second task with committed work in an existing repo. */
async function addTask(repo: string, text: string, work: Record<string, string>) {
  const { record } = await createTask({ repo, cwd: repo, text });
  writeFiles(record.worktree, work);
  commitAll(record.worktree, `work for ${text}`);
  return record;
}

/** The frame's rows joined by spaces (the status rows wrap a long line at spaces). */
const joined = (frame: string) => frame.split('\n').map((l) => l.trimEnd()).join(' ');

const BIG = Array.from({ length: 3000 }, (_, i) => `big line ${i + 1}`).join('\n') + '\n';
const DIFF_ROWS = 24 - 4; // rows minus header, pane title, status row, footer

describe('review screen', () => {
  it('opens on enter, pages a 3,000-line diff, moves between files, searches, shows the evidence, goes back', async () => {
    const { repo, task } = await taskWithWork(
      { 'a.txt': 'one\nTWO\nthree\n', 'big.txt': BIG, 'src/util.ts': 'export const needle = 1;\n' },
      { repo: { files: { 'a.txt': 'one\ntwo\nthree\n' } }, text: 'Rework the files' },
    );
    writeFileSync(path.join(task.taskDir, 'report.md'), '## Summary of changes\nReworked.\n\n## Merge recommendation\nmerge: the checks pass\n');
    const tui = await start(repo, { columns: 120 });
    await tui.waitFor('Rework the files');
    let f = await tui.act('dashboard', 'open');
    f = await tui.waitFor('lines 1–');
    expect(f.split('\n')[0]).toMatch(/^review rework-the-files · main\.\.\.wtagents\/rework-the-files · 3 files \+3002 −1 · ready · round 1/);
    expect(f).toMatch(/›M a\.txt +\+1 −1/);
    expect(f).toMatch(/ A big\.txt +\+3000 −0/);
    expect(f).toContain('-two');
    expect(f).toContain('+TWO');
    expect(tui.lines()).toHaveLength(24);

    // ] to the big file: only the visible rows are on screen, paging moves one page less a line.
    await tui.act('review', 'nextFile');
    f = await tui.waitFor(`lines 1–${DIFF_ROWS} of 3006`);
    expect(f).toContain('+big line 1');
    expect(f).not.toContain('big line 100');
    f = await tui.act('review', 'pageDown');
    expect(f).toContain(`lines ${DIFF_ROWS}–${2 * DIFF_ROWS - 1} of 3006`);
    for (let i = 0; i < 5; i++) await tui.press('pgdn');
    await tui.act('review', 'pageUp');
    f = await tui.act('review', 'bottom'); // the list has the focus: G goes to the last file
    f = await tui.waitFor('src/util.ts +1 −0 · lines 1–');
    await tui.act('review', 'prevFile');
    await tui.waitFor(/big\.txt \+3000 −0 · lines 1–/); // cached: back at its top
    await tui.act('review', 'focus');
    f = await tui.act('review', 'bottom');
    expect(f).toContain('+big line 3000');
    expect(f).toContain(`lines ${3006 - DIFF_ROWS + 1}–3006 of 3006`);
    await tui.act('review', 'down', { change: false }); // at the end: nothing moves
    f = await tui.act('review', 'top');
    expect(f).toContain('lines 1–');
    f = await tui.press('jjj'); // keys that arrive merged are taken one by one
    expect(f).toContain(`lines 4–${DIFF_ROWS + 3} of 3006`);

    // / search: typed on the status row, enter jumps to the first match, n to the next.
    await tui.act('review', 'search');
    await tui.type('line 2999');
    f = await tui.press('enter');
    f = await tui.waitFor('/line 2999: 1 of 1');
    expect(f).toContain('+big line 2999');
    await tui.press('esc'); // clears the search first
    f = await tui.waitFor((x) => !x.includes('/line 2999'));
    expect(f.split('\n')[0]).toContain('review rework-the-files');

    // e: the evidence tab, then back to the diff.
    f = await tui.act('review', 'evidence');
    f = await tui.waitFor('Usage:');
    expect(f).toContain('Checks: none ran');
    expect(f).toContain('Risk flags: none');
    expect(f).toContain('Leftovers: none (everything is committed)');
    expect(f).toContain('Recommendation: merge — merge: the checks pass');
    expect(f).toContain('1 round');
    expect(f).toMatch(/no checks ran · no risk flags · agent recommends merge/);
    await tui.act('review', 'evidence');
    await tui.waitFor(`lines ${3006 - DIFF_ROWS + 1}–3006 of 3006`); // where the search left it

    // Opening wrote the review files and one review.opened event, however much was paged.
    const review = path.join(task.taskDir, 'review');
    expect(readFileSync(path.join(review, 'diff.patch'), 'utf8')).toContain('+big line 3000');
    expect(readFileSync(path.join(review, 'stat.txt'), 'utf8')).toContain('big.txt');
    expect(traceOf(task.taskDir).filter((e) => e.type === 'review.opened')).toHaveLength(1);

    // ? lists the review keys; q goes back; opening again is a second opening.
    f = await tui.act('review', 'help');
    expect(f).toContain('Keys: review');
    expect(f).toContain('merge the task’s branch into its base');
    await tui.press('esc');
    await tui.waitFor('big.txt +3000');
    await tui.press('q');
    await tui.waitFor('j/k move');
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    await tui.press('esc');
    await tui.waitFor('j/k move');
    expect(traceOf(task.taskDir).filter((e) => e.type === 'review.opened')).toHaveLength(2);
    // l still opens the full trace
    await tui.act('dashboard', 'trace');
    await tui.waitFor('following');
  });

  it('m then y merges: base advanced, task merged, worktree gone, a line on the dashboard', async () => {
    const { repo, task, tip } = await taskWithWork({ 'feature.txt': 'new\n' });
    const before = git(repo, ['rev-parse', 'main']).trim();
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    let f = await tui.act('review', 'merge');
    expect(f).toContain('Merge wtagents/change-the-files into main (--no-ff), then remove its worktree and delete the branch?');
    expect(f.split('\n').at(-1)).toBe('y yes  any other key no');
    f = await tui.press('x'); // any other key: nothing happens
    expect(f).not.toContain('Merge wtagents/');
    expect(taskJson(task.taskDir).state).toBe('ready');
    await tui.act('review', 'merge');
    await tui.press('y');
    f = await tui.waitFor(/merged wtagents\/change-the-files into main at [0-9a-f]{12}; worktree removed, branch deleted/);
    expect(f).toContain('j/k move'); // the dashboard
    expect(git(repo, ['rev-parse', 'main^1']).trim()).toBe(before);
    expect(git(repo, ['rev-parse', 'main^2']).trim()).toBe(tip);
    expect(readFileSync(path.join(repo, 'feature.txt'), 'utf8')).toBe('new\n');
    expect(taskJson(task.taskDir).state).toBe('merged');
    expect(existsSync(task.worktree)).toBe(false);
    expect(git(repo, ['branch', '--list', task.branch]).trim()).toBe('');
  });

  it('m on a dirty base checkout shows the engine’s reason and fix in one line; nothing changes', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'new\n' });
    writeFileSync(path.join(repo, 'README.md'), 'edited, not committed\n');
    const before = gitState(repo);
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    await tui.act('review', 'merge');
    await tui.press('y');
    const f = await tui.waitFor('cannot merge into main');
    // The reason and the fix, whole (the status row wraps), the footer back to the review keys.
    expect(joined(f)).toContain(`cannot merge into main: its checkout ${repo} has uncommitted changes (README.md); commit or stash them there, then merge again`);
    expect(tui.lines()).toHaveLength(24);
    expect(tui.lines().at(-1)).toMatch(/^j\/k move/);
    expect(f).toContain('review change-the-files'); // still on the review
    expect(gitState(repo)).toEqual(before);
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(path.join(task.taskDir, 'review/decision.json'))).toBe(false);
  });

  it('uncommitted leftovers: the refusal offers commit or drop; another key cancels, c then y commits and merges', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'new\n' });
    writeFileSync(path.join(task.worktree, 'notes.txt'), 'left behind\n');
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    await tui.act('review', 'merge');
    await tui.press('y');
    let f = await tui.waitFor('Cannot merge yet');
    expect(joined(f)).toContain('Cannot merge yet: the worktree has 1 uncommitted or untracked file (notes.txt). Commit them to the branch, or drop them?');
    expect(f.split('\n').at(-1)).toBe('c commit, then merge  d drop (a patch is kept), then merge  any other key cancels');
    f = await tui.press('z');
    expect(f).not.toContain('Cannot merge yet');
    expect(taskJson(task.taskDir).state).toBe('ready');
    await tui.act('review', 'merge');
    await tui.press('y');
    await tui.waitFor('Cannot merge yet');
    f = await tui.act('review', 'commitLeftovers');
    expect(joined(f)).toContain('Commit the 1 uncommitted or untracked file to wtagents/change-the-files, then merge it into main?');
    await tui.press('y');
    await tui.waitFor(/merged wtagents\/change-the-files into main at [0-9a-f]{12} \(leftovers committed\)/);
    expect(readFileSync(path.join(repo, 'notes.txt'), 'utf8')).toBe('left behind\n');
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ outcome: 'merged', leftovers: 'committed' });

    // d then y drops them instead (a patch of them is kept) and merges the committed work only.
    const other = await addTask(repo, 'Other work', { 'other.txt': 'other\n' });
    writeFileSync(path.join(other.worktree, 'scratch.txt'), 'not wanted\n');
    await tui.waitFor('Other work');
    await tui.act('dashboard', 'up'); // the new task is listed first; the merged one stays selected
    await tui.waitFor('ready other-work');
    await tui.press('enter');
    await tui.waitFor('review other-work');
    await tui.act('review', 'merge');
    await tui.press('y');
    await tui.waitFor('Cannot merge yet');
    f = await tui.act('review', 'dropLeftovers');
    expect(joined(f)).toContain('Drop the 1 uncommitted or untracked file (a patch of them is kept in review/), then merge wtagents/other-work into main?');
    await tui.press('y');
    await tui.waitFor(/merged wtagents\/other-work into main at [0-9a-f]{12} \(leftovers dropped, kept in review\/dropped-leftovers\.patch\)/);
    expect(readFileSync(path.join(repo, 'other.txt'), 'utf8')).toBe('other\n');
    expect(existsSync(path.join(repo, 'scratch.txt'))).toBe(false);
    expect(readFileSync(path.join(other.taskDir, 'review/dropped-leftovers.patch'), 'utf8')).toContain('+not wanted');
  });

  it('r: esc leaves nothing changed; feedback + enter records it and round 2 really runs', async () => {
    const { repo, task } = await taskWithWork(
      { 'a.txt': 'a\n' },
      { task: { agent: { name: 'command', command: 'cat > /dev/null; echo second > round2.txt' } }, text: 'Write files' },
    );
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    let f = await tui.act('review', 'request');
    expect(f).toContain('Changes for round 2:');
    expect(f.split('\n').at(-1)).toBe('enter send  esc cancel');
    await tui.type('m');
    f = await tui.press('esc');
    expect(f).not.toContain('Changes for round 2');
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(path.join(task.taskDir, 'review/decision.json'))).toBe(false);

    await tui.act('review', 'request');
    await tui.type('Also add a test for the empty case');
    await tui.press('enter');
    await tui.waitFor('changes requested on write-files: round 2 started', 20_000);
    const packet = path.join(task.taskDir, 'packets/02-request-changes.md');
    expect(readFileSync(packet, 'utf8')).toContain('Also add a test for the empty case');
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ decision: 'request-changes', feedback: 'Also add a test for the empty case' });
    await expect.poll(() => traceOf(task.taskDir).some((e) => e.type === 'agent.exited' && e.round === 2), { timeout: 20_000 }).toBe(true);
    expect(traceOf(task.taskDir).some((e) => e.type === 'agent.started' && e.round === 2)).toBe(true);
    await expect.poll(() => existsSync(path.join(task.worktree, 'round2.txt')), { timeout: 20_000 }).toBe(true);
  });

  it('a then y abandons and keeps the branch; a, D, y deletes it too; other keys cancel', async () => {
    const { repo, task } = await taskWithWork({ 'one.txt': '1\n' }, { text: 'First task' });
    const second = await addTask(repo, 'Second task', { 'two.txt': '2\n' });
    const tui = await start(repo, { columns: 120 });
    await tui.waitFor('Second task');
    await tui.press('enter'); // the newest task is selected
    await tui.waitFor('review second-task');
    let f = await tui.act('review', 'abandon');
    expect(joined(f)).toContain('Abandon second-task: keep its work as a patch in review/, remove its worktree, keep wtagents/second-task?');
    expect(f.split('\n').at(-1)).toBe('y yes  D yes, and delete the branch too  any other key no');
    f = await tui.press('n');
    expect(f).not.toContain('Abandon second-task');
    await tui.act('review', 'abandon');
    await tui.press('y');
    await tui.waitFor('abandoned second-task: work kept in review/abandoned.patch; branch wtagents/second-task kept');
    expect(git(repo, ['branch', '--list', second.branch]).trim()).not.toBe('');
    expect(taskJson(second.taskDir).state).toBe('abandoned');
    expect(existsSync(second.worktree)).toBe(false);
    expect(git(repo, ['branch', '--list', second.branch]).trim()).not.toBe('');

    await tui.act('dashboard', 'down');
    await tui.waitFor('ready first-task');
    await tui.press('enter');
    await tui.waitFor('review first-task');
    await tui.act('review', 'abandon');
    f = await tui.act('review', 'deleteBranch');
    expect(joined(f)).toContain('Abandon first-task and delete its branch wtagents/first-task (the work is kept as a patch in review/)?');
    await tui.press('y');
    await tui.waitFor('abandoned first-task: work kept in review/abandoned.patch; branch wtagents/first-task deleted');
    expect(git(repo, ['branch', '--list', task.branch]).trim()).toBe('');
  });

  it('opens straight on a review (wtagents review ID), tells a gone branch apart, and fits a narrow terminal', async () => {
    const { repo, task } = await taskWithWork({ 'wide.txt': `${'日本語'.repeat(40)}\n${'x'.repeat(20_000)}\n` });
    const tui = await start(repo, { columns: 60, rows: 16, review: task.id });
    let f = await tui.waitFor('wide.txt');
    expect(f).toContain('Files (1)'); // narrow: the list alone until tab
    f = await tui.act('review', 'focus');
    f = await tui.waitFor('lines 1–');
    for (const line of tui.lines()) expect([...line].length).toBeLessThanOrEqual(60);
    expect(tui.lines()).toHaveLength(16);
    await tui.act('review', 'abandon');
    await tui.act('review', 'deleteBranch');
    await tui.press('y');
    await tui.waitFor('abandoned change-the-files');
    await tui.press('enter');
    f = await tui.waitFor('is not there any more');
    expect(f).toContain('wtagents/change-the-files is not there any more (abandoned)');
    f = await tui.act('review', 'evidence');
    await tui.waitFor('Decision: abandon → abandoned');
    await tui.act('review', 'merge');
    await tui.press('y');
    await tui.waitFor('cannot merge a task that is abandoned');
    // The task removed by another process while its review is up: back to a working dashboard.
    rmSync(task.taskDir, { recursive: true, force: true });
    await tui.waitFor('No tasks yet');
    await tui.act('dashboard', 'new');
    await tui.waitFor('New task');
  });
});
