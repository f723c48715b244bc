// The new-task form offers existing branches to start from: the task's branch then starts at that branch's
// tip, with the chosen base as its merge target.
import { afterEach, describe, expect, it } from 'vitest';
import { commitAll, git, makeRepo, writeFiles } from '../helpers/repo.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import type { TuiServices } from '../../src/app/services.js';
import { listTasks } from '../../src/store/tasks.js';

let open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

describe('new task from a branch', () => {
  it('the From field lists branches; picking one starts the task there', async () => {
    const repo = makeRepo();
    git(repo, ['checkout', '-q', '-b', 'feature']);
    writeFiles(repo, { 'f.txt': 'f\n' });
    const tip = commitAll(repo, 'feature work');
    git(repo, ['checkout', '-q', 'main']);
    const { services } = testServices(repo);
    const tui = await renderTui(app(services), { columns: 100, rows: 24 });
    open.push({ tui, services });
    await tui.act('dashboard', 'new');
    await tui.waitFor(/Base\s+main/);
    await tui.type('Finish the feature');
    await tui.act('newTask', 'prev'); // from the text, back round to the last field: From
    let f = await tui.waitFor('the branch feature');
    expect(f).toContain('a fresh branch at the base');
    await tui.press('down');
    await tui.press('enter');
    f = await tui.waitFor(/From\s+feature/);
    // the agent: the command agent, doing nothing
    await tui.act('newTask', 'next');
    await tui.act('newTask', 'next');
    await tui.press('enter');
    await tui.waitFor('Command');
    await tui.type('true');
    await tui.press('enter');
    await tui.waitFor('created finish-the-feature');
    const t = listTasks(repo)[0]!.record;
    expect(t.from).toMatchObject({ kind: 'branch', ref: 'feature', sha: tip });
    expect(git(t.worktree, ['rev-parse', 'HEAD']).trim()).toBe(tip);
  });
});
