// `i` on the dashboard outside tmux (ink-testing-library, real services): Ink steps aside, the fake agent CLI
// (a real script) runs resumed on the task's session in its worktree and commits; back on the dashboard the
// task is done with what changed. A running task is stopped first when the user says yes; a task with nothing to take over says why.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { fakeSupervisor, markRunning, markState } from '../helpers/tasks.js';
import { SESSION, takeoverTask } from '../helpers/takeover.js';
import { taskJson, traceOf } from '../helpers/task.js';

const open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

async function start(repo: string): Promise<Tui> {
  const { services } = testServices(repo);
  const tui = await renderTui(app(services), { columns: 140, rows: 20 });
  open.push({ tui, services });
  return tui;
}

describe('take over from the dashboard', () => {
  it('i runs the agent CLI in this terminal, resumed on the session; the task comes back done with its new commit', async () => {
    const { repo, task, notes } = await takeoverTask();
    await markState(task, 'failed');
    const tui = await start(repo);
    await tui.waitFor('add-a');
    await tui.act('dashboard', 'takeover');
    await tui.waitFor('add-a: taken over in fake: 1 new commit, 1 uncommitted file; ready for review');
    expect(readFileSync(notes, 'utf8').trim().split('\n')).toEqual([task.worktree, '--resume', SESSION]);
    expect(taskJson(task.taskDir).state).toBe('done');
    expect(traceOf(task.taskDir).find((e) => e.type === 'takeover.finished')).toMatchObject({ commits: [{ subject: 'by hand: no input' }], leftovers: ['scratch.txt'] });
    await tui.waitFor('✓ 1 done'); // the list follows the record
  });

  it('i on a running task asks to stop it first; y stops it, then takes it over', async () => {
    const { repo, task, notes } = await takeoverTask();
    const sup = await fakeSupervisor();
    await markRunning(task, sup.pid);
    const tui = await start(repo);
    await tui.waitFor('▶ 1 running');
    const f = await tui.act('dashboard', 'takeover');
    expect(f).toContain('add-a is running: stop it, then take it over in its agent CLI?');
    expect(() => readFileSync(notes)).toThrow(); // asked first: nothing ran
    await tui.act('confirm', 'yes');
    await tui.waitFor('add-a: taken over in fake: 1 new commit, 1 uncommitted file; ready for review', 20_000);
    expect(sup.alive()).toBe(false);
    expect(readFileSync(notes, 'utf8').trim().split('\n')).toEqual([task.worktree, '--resume', SESSION]);
    expect(taskJson(task.taskDir).state).toBe('done');
  });

  it('i on a merged task says there is nothing to take over, and runs nothing', async () => {
    const { repo, task, notes } = await takeoverTask();
    await markState(task, 'merged');
    const tui = await start(repo);
    await tui.waitFor('add-a');
    await tui.act('dashboard', 'takeover');
    await tui.waitFor('add-a is merged: there is no agent session to take over');
    expect(() => readFileSync(notes)).toThrow();
  });
});
