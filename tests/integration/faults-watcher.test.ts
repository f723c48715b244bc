// Finding 11: the task watcher under load. A task directory appears before its task.json (that is how `new`
// makes one); on a busy machine chokidar reports the directory while task.json is not written yet, and the
// watcher used to watch task.json only when it existed at that moment: the new task and its later changes
// were never reported. Here the slow machine is made deterministic: the directory first, task.json later.
// And in a repository with no task yet, tasks/ appearing was never seen (chokidar reports only a missing path's
// ancestor appearing): the first task was noticed by luck, the second never.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPaths } from '../../src/store/layout.js';
import { readTask } from '../../src/store/tasks.js';
import { TaskWatcher } from '../../src/store/task-watcher.js';
import { makeRepo } from '../helpers/repo.js';
import { cliTask, markState } from '../helpers/tasks.js';

async function until(what: string, test: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`${what}: not seen in time`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('TaskWatcher (finding 11)', () => {
  it('reports a task whose task.json is written after its directory appeared, and its later changes', async () => {
    const repo = makeRepo();
    const first = cliTask(repo, 'Already there');
    let changes = 0;
    const w = new TaskWatcher(repo, () => changes++);
    try {
      await w.start();
      await until('the ready event', () => changes >= 1);
      // A second task, made the slow way: its directory is reported before task.json exists.
      const dir = path.join(repoPaths(repo).tasks, 'slow-task');
      let seen = changes;
      mkdirSync(dir);
      await until('the new task directory', () => changes > seen);
      const record = { ...readTask(first.taskDir), id: 'slow-task', taskDir: dir, title: 'Slow task' };
      seen = changes;
      writeFileSync(path.join(dir, 'task.json.tmp'), JSON.stringify(record));
      renameSync(path.join(dir, 'task.json.tmp'), path.join(dir, 'task.json'));
      await until('task.json written into the new directory', () => changes > seen);
      seen = changes;
      await markState(readTask(dir), 'failed');
      await until('a state change of the new task', () => changes > seen);
      expect(readTask(dir).state).toBe('failed');
    } finally {
      await w.close();
    }
  });
  it('in a repository with no tasks yet: reports the first task (tasks/ made after it started) and its changes', async () => {
    const repo = makeRepo();
    let changes = 0;
    const w = new TaskWatcher(repo, () => changes++);
    try {
      await w.start();
      await until('the ready event', () => changes >= 1);
      let seen = changes;
      const t = cliTask(repo, 'First ever'); // makes .wtagents/tasks/ and the task inside it at once
      await until('the first task', () => changes > seen);
      // The watch of the new tasks/ holds once its own ready came; a second task is then reported too.
      seen = changes;
      await markState(t, 'failed');
      await until('a state change of the first task', () => changes > seen);
      seen = changes;
      const second = cliTask(repo, 'Second ever');
      await until('the second task', () => changes > seen);
      seen = changes;
      await markState(second, 'done');
      await until('a state change of the second task', () => changes > seen);
    } finally {
      await w.close();
    }
  });

  it("watches each existing task.json by its own watch (not its directory, where the trace grows): every rewrite, a removal and a return are reported", async () => {
    const repo = makeRepo();
    const a = cliTask(repo, 'Busy one');
    const b = cliTask(repo, 'Other one');
    const json = (t: { taskDir: string }) => path.join(t.taskDir, 'task.json');
    let changes = 0;
    const w = new TaskWatcher(repo, () => changes++);
    try {
      await w.start();
      await until('the ready event', () => changes >= 1);
      expect(w.watching()).toEqual({ own: [json(a), json(b)].sort(), waitedFor: [] });
      // Atomic rewrites replace the file each time: each one is reported, and the watch follows the new file.
      for (const state of ['failed', 'done', 'failed'] as const) {
        const seen = changes;
        await markState(readTask(a.taskDir), state);
        await until(`a rewrite to ${state}`, () => changes > seen);
        await until('the own watch on the new file', () => w.watching().own.includes(json(a)));
      }
      // Gone: waited for through chokidar; back: reported, and its own watch again.
      const record = readFileSync(json(b), 'utf8');
      let seen = changes;
      rmSync(json(b));
      await until('the removal', () => changes > seen && w.watching().waitedFor.includes(json(b)));
      seen = changes;
      writeFileSync(json(b), record);
      await until('the return', () => changes > seen && w.watching().own.includes(json(b)));
      expect(w.watching().waitedFor).toEqual([]);
    } finally {
      await w.close();
    }
    expect(w.watching().own).toEqual([]);
  });
});
