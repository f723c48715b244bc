// `wtagents takeover ID`: the agent's own CLI (a fake interactive script, a real process) resumed on the task's
// session in its worktree; afterwards the new commit and the leftover are traced and the task is done.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git } from '../helpers/repo.js';
import { fakeSupervisor, markRunning, markState } from '../helpers/tasks.js';
import { SESSION, takeoverTask } from '../helpers/takeover.js';
import { taskJson, traceOf } from '../helpers/task.js';

describe('wtagents takeover', () => {
  it('runs the agent CLI resumed on the session in the worktree, then records what changed; the task is done again', async () => {
    const { repo, task, notes } = await takeoverTask();
    await markState(task, 'stopped');
    const before = git(task.worktree, ['rev-parse', 'HEAD']).trim();
    const r = runCli(['takeover', task.id], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [cwd, ...argv] = readFileSync(notes, 'utf8').trim().split('\n');
    expect(argv).toEqual(['--resume', SESSION]);
    expect(cwd).toBe(task.worktree);
    expect(r.stdout).toContain(`taken over in fake: 1 new commit, 1 uncommitted file; task ${task.id} is done`);
    expect(r.stdout).toMatch(/[0-9a-f]{12} by hand: no input/);
    const t = taskJson(task.taskDir);
    expect(t.state).toBe('done');
    expect(t.stateReason).toBe('taken over in fake: 1 new commit, 1 uncommitted file');
    const events = traceOf(task.taskDir);
    expect(events.find((e) => e.type === 'takeover.started')).toMatchObject({ agent: 'fake', sessionId: SESSION, head: before });
    const finished = events.find((e) => e.type === 'takeover.finished');
    expect(finished).toMatchObject({ exitCode: 0, leftovers: ['scratch.txt'] });
    expect(finished!.commits).toEqual([{ sha: git(task.worktree, ['rev-parse', 'HEAD']).trim(), subject: 'by hand: no input' }]);
    expect(events.at(-1)).toMatchObject({ type: 'task.state', state: 'done' });
  });

  it('--print says what would run, and runs nothing', async () => {
    const { repo, task } = await takeoverTask();
    const r = runCli(['takeover', task.id, '--print'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^cd \\S+ && \\S+fake-claude --resume ${SESSION}\\n$`));
    expect(traceOf(task.taskDir).some((e) => e.type === 'takeover.started')).toBe(false);
  });

  it('refuses a running task (stop it first) and a merged one, changing nothing', async () => {
    const { repo, task, notes } = await takeoverTask();
    await markState(task, 'merged');
    const merged = runCli(['takeover', task.id], { cwd: repo });
    expect(merged.code).toBe(1);
    expect(merged.stderr).toContain('is merged: there is nothing to take over');
    const sup = await fakeSupervisor();
    try {
      await markRunning(task, sup.pid);
      const running = runCli(['takeover', task.id], { cwd: repo });
      expect(running.code).toBe(1);
      expect(running.stderr).toContain(`is running: stop it first (wtagents stop ${task.id}`);
    } finally {
      await sup.kill();
    }
    expect(() => readFileSync(notes)).toThrow();
  });
});
