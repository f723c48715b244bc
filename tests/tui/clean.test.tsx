// Clean-up from the dashboard: disk per task in the list, `A` archives the selected task (asks first), `C`
// frees every finished task's worktree (asks first, saying how much), through the same engine as the CLI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/repo.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { cliTask, markState } from '../helpers/tasks.js';
import type { TuiServices } from '../../src/app/services.js';
import { readTask } from '../../src/store/tasks.js';

let open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

async function start(repo: string) {
  const { services } = testServices(repo);
  const tui = await renderTui(app(services), { columns: 120, rows: 24 });
  open.push({ tui, services });
  return tui;
}

describe('clean-up in the dashboard', () => {
  it('shows the disk each task holds, and A archives the selected task after a yes', async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Big worktree');
    writeFileSync(path.join(t.worktree, 'data.bin'), Buffer.alloc(300 * 1024, 7));
    await markState(t, 'stopped');
    const tui = await start(repo);
    await tui.waitFor(/Big worktree .*⛁\d/);
    await tui.act('dashboard', 'archive');
    await tui.waitFor('Archive big-worktree: save its whole worktree as a patch');
    await tui.act('confirm', 'yes');
    await tui.waitFor('archived big-worktree: worktree freed');
    expect(existsSync(t.worktree)).toBe(false);
    expect(readTask(t.taskDir).archived?.patch).toBe('review/archived.patch');
    // The saved patch holds the untracked file.
    expect(readFileSync(path.join(t.taskDir, 'review/archived.patch'), 'utf8')).toContain('data.bin');
  });

  it('C says how much it frees, and on yes removes finished worktrees only', async () => {
    const repo = makeRepo();
    const done = cliTask(repo, 'Abandoned one');
    const keep = cliTask(repo, 'Still in review');
    await markState(done, 'abandoned');
    await markState(keep, 'done');
    const tui = await start(repo);
    await tui.waitFor('Still in review');
    await tui.act('dashboard', 'clean');
    await tui.waitFor(/Free \S+: remove the worktrees of 1 finished task \(abandoned-one\)/);
    await tui.act('confirm', 'yes');
    await tui.waitFor(/cleaned 1 task: \S+ freed/);
    expect(existsSync(done.worktree)).toBe(false);
    expect(existsSync(keep.worktree)).toBe(true);
  });
});
