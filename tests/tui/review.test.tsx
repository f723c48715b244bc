// The review screen, rendered with ink-testing-library on real services and real repositories (tasks whose
// branches hold real commits): opening, paging, files, search, evidence, help, narrow terminals.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startReviewTui as start } from '../helpers/review-tui.js';
import { taskWithWork, traceOf } from '../helpers/task.js';

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
    await tui.waitFor('lines 1–');
    f = await tui.waitFor('+3002 −1'); // the line counts come after the first diff
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
    // (the opening's files and event are written once the line counts are in, even after leaving the screen)
    await vi.waitFor(() => expect(traceOf(task.taskDir).filter((e) => e.type === 'review.opened')).toHaveLength(2), { timeout: 60_000, interval: 20 });
    // l still opens the full trace
    await tui.act('dashboard', 'trace');
    await tui.waitFor('following');
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
