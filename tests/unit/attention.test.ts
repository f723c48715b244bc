// Attention, coalescing and task summaries: the pure parts behind the bell, frames and the task list.
import { describe, expect, it } from 'vitest';
import { attentionMessage, finishedRuns, stateChanges } from '../../src/core/attention.js';
import { coalesce } from '../../src/core/coalesce.js';
import { countByState, sortForList, taskRowParts, tmuxStatus } from '../../src/core/task-summary.js';
import type { TaskState } from '../../src/core/lifecycle.js';
import type { TaskRecord } from '../../src/core/task.js';

const task = (id: string, state: TaskState, createdAt = '2026-01-01T00:00:00.000Z', extra: Partial<TaskRecord> = {}) => ({
  record: { id, title: `Title ${id}`, createdAt, updatedAt: createdAt, ...extra } as TaskRecord,
  state,
});

describe('attention', () => {
  it('rings for runs that finished or failed, not for new or other changes', () => {
    const before = new Map<string, TaskState>([['a', 'running'], ['b', 'running'], ['c', 'ready'], ['d', 'running']]);
    const after = [
      { id: 'a', title: 'A', state: 'done' as const },
      { id: 'b', title: 'B', state: 'failed' as const },
      { id: 'c', title: 'C', state: 'running' as const },
      { id: 'd', title: 'D', state: 'stopped' as const },
      { id: 'e', title: 'E', state: 'done' as const },
    ];
    const changes = stateChanges(before, after);
    expect(changes.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const finished = finishedRuns(changes);
    expect(finished.map((c) => c.id)).toEqual(['a', 'b']);
    expect(attentionMessage(finished)).toBe('wtagents: a done, b failed');
    expect(attentionMessage(finished.slice(1))).toBe('wtagents: b failed');
    expect(stateChanges(new Map([['a', 'done']]), [{ id: 'a', title: 'A', state: 'done' }])).toEqual([]);
  });
});

describe('coalesce', () => {
  it('turns a burst of requests into at most two calls, the last after the burst', async () => {
    let calls = 0;
    const c = coalesce(() => calls++, 50);
    for (let i = 0; i < 1000; i++) c.request();
    const deadline = Date.now() + 5000;
    while (calls < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(1);
    c.request();
    c.request();
    while (calls < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(2);
    c.request();
    c.cancel();
    await new Promise((r) => setTimeout(r, 120));
    expect(calls).toBe(2);
  });
});

describe('task summary', () => {
  it('counts in lifecycle order, sorts running first then newest, and prints the tmux status', () => {
    const tasks = [task('old', 'done', '2026-01-01T00:00:00Z'), task('new', 'failed', '2026-01-03T00:00:00Z'), task('run', 'running', '2026-01-02T00:00:00Z'), task('r2', 'ready')];
    expect(countByState(tasks)).toEqual([['ready', 1], ['running', 1], ['done', 1], ['failed', 1]]);
    expect(sortForList(tasks).map((t) => t.record.id)).toEqual(['run', 'new', 'old', 'r2']);
    expect(tmuxStatus(tasks)).toBe('◇1 ▶1 ✓1 ✗1');
    expect(tmuxStatus([task('m', 'merged'), task('d', 'draft')])).toBe('');
  });

  it('builds a row: age, +added −removed, tokens and cost, dropping facts when narrow', () => {
    const now = Date.parse('2026-01-01T00:05:00Z');
    const t = task('a', 'done', '2026-01-01T00:00:00Z', { title: 'Fix \u001b[2Jit', usage: { inputTokens: 12_000, outputTokens: 300, costUsd: 0.4 } });
    expect(taskRowParts(t, 100, now, { added: 12, removed: 3 })).toEqual({ glyph: '✓', title: 'Fix it', meta: '5m  +12 −3  12k $0.40' });
    expect(taskRowParts(t, 24, now, { added: 12, removed: 3 }).meta).toBe('5m  +12 −3');
    expect(taskRowParts(t, 10, now, { added: 12, removed: 3 }).meta).toBe('5m');
    expect(taskRowParts(t, 100, now, { added: 0, removed: 0 }).meta).toBe('5m  12k $0.40');
  });

  it('says where a task runs when that is an SSH runner (first, kept when narrow), not for local tasks', () => {
    const now = Date.parse('2026-01-01T00:05:00Z');
    const remote = task('a', 'running', '2026-01-01T00:00:00Z', { runner: 'box' });
    expect(taskRowParts(remote, 100, now).meta).toBe('@box  5m');
    expect(taskRowParts(remote, 10, now).meta).toBe('@box');
    expect(taskRowParts(task('b', 'running', '2026-01-01T00:00:00Z', { runner: 'local' }), 100, now).meta).toBe('5m');
  });
});
