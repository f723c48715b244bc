// `i` inside tmux: the dashboard (the built CLI in a private tmux server) opens `wtagents takeover ID` in a new
// split on the worktree; the fake agent CLI there asks for a line on its own terminal, commits it and exits;
// the task is then done with the commit traced, and the dashboard shows it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { keyOf } from '../helpers/ink.js';
import { markState } from '../helpers/tasks.js';
import { SESSION, takeoverTask } from '../helpers/takeover.js';
import { taskJson, traceOf } from '../helpers/task.js';
import { waitFor } from '../helpers/run.js';
import { cliCommand, TmuxSession } from '../helpers/tmux.js';

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

describe('take over in tmux', () => {
  it('i opens the agent CLI in a split on the worktree; typing there reaches it; its commit is recorded', async () => {
    const { repo, task, notes } = await takeoverTask({ ask: true });
    await markState(task, 'stopped');
    const s = new TmuxSession({ cwd: repo, width: 160, height: 30, command: `${cliCommand()}; sleep 600` });
    sessions.push(s);
    await s.waitFor('stopped add-a');
    s.press(keyOf('dashboard', 'takeover'));
    await s.waitFor('fake is open in a tmux split on session', { target: ':0.0' });
    const panes = s.tmux(['list-panes', '-F', '#{pane_index} #{pane_current_path}']).trim().split('\n');
    expect(panes).toHaveLength(2);
    expect(panes[1]).toBe(`1 ${task.worktree}`);
    await s.waitFor('fake agent>', { target: ':0.1' });
    s.type('fixed by hand', ':0.1');
    s.press('enter', ':0.1');
    await waitFor('the takeover to be recorded', () => taskJson(task.taskDir).state === 'done');
    expect(readFileSync(notes, 'utf8').trim().split('\n')).toEqual([task.worktree, '--resume', SESSION]);
    expect(traceOf(task.taskDir).find((e) => e.type === 'takeover.finished')).toMatchObject({ exitCode: 0, commits: [{ subject: 'by hand: fixed by hand' }] });
    expect(taskJson(task.taskDir).stateReason).toBe('taken over in fake: 1 new commit, 1 uncommitted file');
    await s.waitFor('done add-a', { target: ':0.0' });
  });
});
