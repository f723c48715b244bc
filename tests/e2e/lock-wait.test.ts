// A lock wait never freezes the screen, in a real terminal: a second real process holds the repository's
// merge lock while the TUI (the built CLI in tmux) merges; the screen says who holds it, and ctrl-c quits.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyOf } from '../helpers/ink.js';
import { holdLock } from '../helpers/lock.js';
import { tempDir } from '../helpers/repo.js';
import { taskJson, taskWithWork } from '../helpers/task.js';
import { cliCommand, TmuxSession } from '../helpers/tmux.js';

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

describe('a held merge lock in a real terminal', () => {
  it('m then y: "waiting for … held by pid N" is drawn and ctrl-c quits at once', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'new\n' });
    const holder = await holdLock(tempDir('holder-'), path.join(repo, '.wtagents', 'locks', 'merge.lock'));
    try {
      const s = new TmuxSession({ cwd: repo, width: 120, height: 24, command: `${cliCommand()}; echo "EXITED:$?"; sleep 600` });
      sessions.push(s);
      await s.waitFor(task.id);
      s.press(keyOf('dashboard', 'open'));
      await s.waitFor('lines 1–');
      s.press(keyOf('review', 'merge'));
      await s.waitFor(`Merge ${task.branch} into main`);
      s.press(keyOf('confirm', 'yes'));
      // Drawn after the wait began: the event loop runs (a busy-wait on the lock would leave the question up).
      await s.waitFor(`waiting for another merge in this repository held by pid ${holder.pid}…`);
      expect(taskJson(task.taskDir).state).toBe('ready');
      s.press('ctrl+c');
      const end = await s.waitFor(/EXITED:\d+/, { timeoutMs: 10_000 });
      expect(end).not.toContain('merged ');
      // Nothing merged: the wait was given up, the task is as it was.
      expect(taskJson(task.taskDir).state).toBe('ready');
    } finally {
      await holder.release();
    }
  });
});
