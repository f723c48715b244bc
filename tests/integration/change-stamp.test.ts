// When the dashboard counts +added/−removed again: the worktree's git stamp (read from files, no git) moves
// with a commit and with `git add`, and stays put otherwise; an activity-only trace tail tells file edits
// from other events without parsing.
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeStamp } from '../../src/git/change-stamp.js';
import { TraceTail, type TailUpdate } from '../../src/store/trace-tailer.js';
import { commitAll, git, makeRepo, tempDir } from '../helpers/repo.js';
import { cliTask } from '../helpers/tasks.js';

const line = (seq: number, type: string, more: object) => `${JSON.stringify({ v: 1, ts: '2026-01-01T00:00:00Z', task: 't', seq, round: 1, type, ...more })}\n`;

describe('change stamp', () => {
  it('moves with a commit and with git add, not with nothing; null without a worktree', () => {
    const repo = makeRepo();
    const task = cliTask(repo, 'Stamp me');
    const s0 = changeStamp(task.worktree);
    expect(s0).not.toBeNull();
    expect(changeStamp(task.worktree)).toBe(s0);
    writeFileSync(path.join(task.worktree, 'a.txt'), 'a\n');
    git(task.worktree, ['add', 'a.txt']);
    const s1 = changeStamp(task.worktree);
    expect(s1).not.toBe(s0);
    commitAll(task.worktree, 'work');
    expect(changeStamp(task.worktree)).not.toBe(s1);
    expect(changeStamp(path.join(tempDir(), 'nowhere'))).toBeNull();
  });
});

describe('activity-only tail', () => {
  it('says whether the appended bytes hold a file edit', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    writeFileSync(file, '');
    const updates: TailUpdate[] = [];
    const tail = new TraceTail(file, (u) => updates.push(u), { activityOnly: true });
    tail.read();
    appendFileSync(file, line(1, 'agent.message', { text: 'thinking about agent.file_edit' }));
    tail.read();
    appendFileSync(file, line(2, 'agent.output', { text: 'x'.repeat(200_000) }) + line(3, 'agent.file_edit', { paths: ['a.ts'] }));
    tail.read();
    appendFileSync(file, line(4, 'agent.message', { text: 'done' }));
    tail.read();
    expect(updates.map((u) => u.fileEdit)).toEqual([false, true, false]);
    expect(updates.every((u) => u.events.length === 0)).toBe(true);
  });
});
