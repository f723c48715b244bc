// Runs and review decisions on the same task at the same time: a run cannot start while a merge is under
// way (the merge is held half-way by a real git hook); no decision while an interrupted task's orphaned
// agent still runs.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';
import { fixture, newTask, psGroup, readRecord, traceEvents, waitFor } from '../helpers/run.js';
import { taskJson, taskWithWork } from '../helpers/task.js';

/** Make every merge in `repo` wait in its pre-merge-commit hook until `release()` (60 s at most). */
function pauseMerges(repo: string): { reached: () => boolean; release: () => void } {
  const dir = tempDir('hooks-');
  const reached = path.join(dir, 'reached');
  const go = path.join(dir, 'go');
  mkdirSync(path.join(dir, 'hooks'));
  const hook = path.join(dir, 'hooks', 'pre-merge-commit');
  writeFileSync(hook, `#!/bin/sh\ntouch '${reached}'\ni=0\nwhile [ ! -e '${go}' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n`);
  chmodSync(hook, 0o755);
  git(repo, ['config', 'core.hooksPath', path.join(dir, 'hooks')]);
  return { reached: () => existsSync(reached), release: () => writeFileSync(go, '') };
}

describe('a run and a decision on the same task', () => {
  it('`wtagents run` is refused while a merge of the task is under way; the merge completes', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'f\n' }, { task: { agent: { name: 'command', command: fixture('edit-commit.sh') } } });
    const pause = pauseMerges(repo);
    const merge = startCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    await waitFor('the merge to reach its hook', () => pause.reached());

    const run = runCli(['run', task.id], { cwd: repo });
    // The refusal names the lock, then its owner (pid, age) and where to look if that owner is gone.
    expect(run.stderr.startsWith(`wtagents: cannot run task ${task.id}: a decision on ${task.id} is in progress (${path.join(task.taskDir, 'review/decision.lock')}); try again when it is done (held by pid `)).toBe(true);
    expect(run.stderr).toMatch(/old; if no wtagents command is at work on it, see: wtagents doctor\)\n$/);
    expect(run.code).toBe(1);
    expect(readRecord(task.taskDir)).toMatchObject({ state: 'ready', processes: {} });

    pause.release();
    const merged = await merge.done;
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(taskJson(task.taskDir).state).toBe('merged');
    expect(git(repo, ['show', 'main:feature.txt'])).toBe('f\n');
  });
});

describe('a decision on an interrupted task', () => {
  it('is refused while the orphaned agent still runs (merge and abandon); once it is gone, abandon records interrupted first', async () => {
    // Unsandboxed: an orphaned agent outlives its supervisor only there (bwrap's --die-with-parent ends it).
    const repo = makeRepo({ files: { 'README.md': '# test\n', '.wtagents/config.json': '{"sandbox":"none"}' } });
    const pids = path.join(tempDir(), 'pids');
    const t = newTask(repo, ['Orphaned', '--agent-command', fixture('sleeper.sh', pids), '--run']);
    const agent = await waitFor('the agent to be recorded', () => readRecord(t.taskDir).processes.agent?.pid);
    await waitFor('the sleeper to start its child', () => existsSync(pids));
    writeFileSync(path.join(t.worktree, 'work.txt'), 'the agent is still writing this\n');
    git(t.worktree, ['add', '-A']);
    git(t.worktree, ['commit', '-q', '-m', 'work']);
    process.kill(readRecord(t.taskDir).processes.supervisor!.pid, 'SIGKILL');
    await waitFor('the supervisor to be gone', () => psGroup(readRecord(t.taskDir).processes.supervisor!.pid).length === 0);

    const refusal = `wtagents: task ${t.id} was interrupted but its agent (process group ${agent}) is still running in the worktree: stop it first (wtagents stop ${t.id}), then decide\n`;
    for (const decision of ['--merge', '--abandon']) {
      const r = runCli(['review', t.id, decision, '--yes'], { cwd: repo });
      expect(r.stderr).toBe(refusal);
      expect(r.code).toBe(1);
    }
    expect(existsSync(path.join(t.worktree, 'work.txt'))).toBe(true);
    expect(psGroup(agent).length).toBeGreaterThan(0);
    expect(readRecord(t.taskDir).state).toBe('running');

    process.kill(-agent, 'SIGKILL'); // the agent ends by itself
    await waitFor('the agent group to be gone', () => psGroup(agent).length === 0);
    const r = runCli(['review', t.id, '--abandon', '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readRecord(t.taskDir)).toMatchObject({ state: 'abandoned', processes: {} });
    const states = traceEvents(t.taskDir).filter((e) => e.type === 'task.state').map((e) => (e as { state: string }).state);
    expect(states.slice(-2)).toEqual(['interrupted', 'abandoned']);
  });
});
