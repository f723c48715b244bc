// The dashboard measures the disk a task holds (a walk of its whole worktree) only for the tasks whose rows
// are on screen: with more tasks than rows, the hidden ones are never walked until they scroll into view.
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { makeRepo } from '../helpers/repo.js';
import { cliTask } from '../helpers/tasks.js';

const open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

describe('dashboard disk usage', () => {
  it('walks only the tasks on screen; a task scrolled into view is walked then', async () => {
    const repo = makeRepo();
    const tasks = Array.from({ length: 8 }, (_, i) => cliTask(repo, `Disk task ${i + 1}`));
    const { services } = testServices(repo);
    const walked: string[] = [];
    const taskDisk = services.taskDisk.bind(services);
    services.taskDisk = (record) => {
      walked.push(record.id);
      return taskDisk(record);
    };
    // 9 rows: header, 6 list rows, status line and footer (one column below 80 columns: half the body).
    const tui = await renderTui(app(services), { columns: 120, rows: 9 });
    open.push({ tui, services });
    await tui.waitFor('Disk task 8');
    const shownIds = () => tasks.filter((t) => tui.frame().includes(`Disk task ${t.title.split(' ').at(-1)}`)).map((t) => t.id);
    const shown = shownIds();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(tasks.length);
    // Every row shown has its figure (⛁): a walker going on down the list would have started the next walk
    // in the same turn as it stored the last figure, before this frame.
    await tui.waitFor(() => tui.lines().filter((l) => l.includes('Disk task')).every((l) => l.includes('⛁')), 30_000);
    expect(shown.every((id) => walked.includes(id))).toBe(true);
    expect(walked.filter((id) => !shown.includes(id))).toEqual([]);

    // Down to the last task: the list scrolls, and the tasks now shown are walked.
    for (let i = 0; i < tasks.length; i++) await tui.press('down', { change: false });
    await tui.waitFor('Disk task 1');
    const later = shownIds().filter((id) => !shown.includes(id));
    expect(later.length).toBeGreaterThan(0);
    await tui.waitFor(() => later.every((id) => walked.includes(id)), 30_000);
  }, 120_000);
});
