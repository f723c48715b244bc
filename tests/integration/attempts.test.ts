// Best of N: `new --attempts` makes one task per attempt in a group (branches <group>-1…), run under the
// queue; `compare` shows them side by side with a pick; merging one can abandon the others (patches kept).
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { runCli, runJson } from '../helpers/cli.js';
import { git, makeRepo, writeFiles } from '../helpers/repo.js';
import { trackTask, waitSettled } from '../helpers/run.js';

const agentConfig = (body: string) => ({ command: ['bash', '-c', `cat > /dev/null; ${body}`] });

describe('best of N attempts', () => {
  it('three attempts appear grouped, run under the queue, compare shows all three, merging one abandons the others', async () => {
    const repo = makeRepo();
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({
        maxParallel: 2,
        agents: {
          good: agentConfig('echo good > out.txt; git add out.txt; git commit -qm good; printf "## Merge recommendation\\nmerge\\n"'),
          big: agentConfig('seq 1 50 > out.txt; git add out.txt; git commit -qm big; printf "## Merge recommendation\\nmerge\\n"'),
          lazy: agentConfig('echo nothing to do'),
        },
      }),
    });
    const made = runJson<TaskRecord[]>(['new', 'Write out.txt', '--attempts', 'big,good,lazy', '--check', 'test -f out.txt', '--run'], { cwd: repo });
    made.forEach((t) => trackTask(t.taskDir));
    expect(made.map((t) => [t.id, t.branch, t.group, t.agent?.name])).toEqual([
      ['write-out-txt-1', 'wtagents/write-out-txt-1', { id: 'write-out-txt', index: 1, of: 3 }, 'big'],
      ['write-out-txt-2', 'wtagents/write-out-txt-2', { id: 'write-out-txt', index: 2, of: 3 }, 'good'],
      ['write-out-txt-3', 'wtagents/write-out-txt-3', { id: 'write-out-txt', index: 3, of: 3 }, 'lazy'],
    ]);
    expect(made.map((t) => t.state)).toEqual(['running', 'running', 'queued']); // maxParallel 2
    for (const t of made) await waitSettled(t.taskDir, ['done', 'failed'], 120_000);

    const c = runCli(['compare', 'write-out-txt'], { cwd: repo });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain('Group write-out-txt: 3 attempts');
    expect(c.stdout).toMatch(/ 1 +write-out-txt-1 +big +done +1\/1 +1f \+50 −0/);
    expect(c.stdout).toMatch(/★2 +write-out-txt-2 +good +done +1\/1 +1f \+1 −0/);
    expect(c.stdout).toMatch(/ 3 +write-out-txt-3 +lazy +failed +0\/1/);
    expect(c.stdout).toContain('Review first: write-out-txt-2');
    const json = runJson<{ best: { id: string }; attempts: unknown[] }>(['compare', 'write-out-txt'], { cwd: repo });
    expect([json.best.id, json.attempts.length]).toEqual(['write-out-txt-2', 3]);
    expect(runCli(['compare', 'nope'], { cwd: repo }).stderr).toContain('no attempts in group "nope"');

    const merged = runCli(['review', 'write-out-txt-2', '--merge', '--abandon-others', '--yes'], { cwd: repo });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('The other attempts of group write-out-txt:');
    expect(merged.stdout).toMatch(/abandoned write-out-txt-1: work kept in .*\.patch/);
    expect(git(repo, ['show', 'HEAD:out.txt'])).toBe('good\n');
    const states = runJson<{ id: string; state: string }[]>(['list'], { cwd: repo }).map((t) => [t.id, t.state]);
    expect(states).toEqual([['write-out-txt-1', 'abandoned'], ['write-out-txt-2', 'merged'], ['write-out-txt-3', 'abandoned']]);
  }, 240_000);

  it('--attempts 3 repeats the task\'s agent; bad specs are usage errors', () => {
    const repo = makeRepo();
    const made = runJson<TaskRecord[]>(['new', 'Same thrice', '--attempts', '3', '--agent-command', 'true'], { cwd: repo });
    expect(made.map((t) => [t.id, t.agent?.name, t.state])).toEqual([
      ['same-thrice-1', 'command', 'ready'],
      ['same-thrice-2', 'command', 'ready'],
      ['same-thrice-3', 'command', 'ready'],
    ]);
    expect(runCli(['new', 'x', '--attempts', '1'], { cwd: repo }).stderr).toContain('give 2 to 10 attempts');
    expect(runCli(['new', 'x', '--attempts', 'claude,codex', '--agent', 'claude'], { cwd: repo }).code).toBe(2);
    // A second group of the same text gets its own group id (no task id is taken twice).
    const again = runJson<TaskRecord[]>(['new', 'Same thrice', '--attempts', '2'], { cwd: repo });
    const g = again[0]!.group!.id;
    expect(g).not.toBe('same-thrice');
    expect(again.map((t) => t.id)).toEqual([`${g}-1`, `${g}-2`]);
  });
});
