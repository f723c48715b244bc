// Runs and review decisions on the same task at the same time: a run cannot start while a merge is under
// way (the merge is held half-way by a real git hook), request changes still starts its round.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { git, tempDir } from '../helpers/repo.js';
import { fixture, readRecord, waitFor } from '../helpers/run.js';
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
    expect(run.stderr).toBe(`wtagents: cannot run task ${task.id}: a decision on ${task.id} is in progress (${path.join(task.taskDir, 'review/decision.lock')}); try again when it is done\n`);
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
