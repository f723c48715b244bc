// The queue at a glance: FIFO positions by queue time, and the dashboard row saying `#N in queue`.
import { describe, expect, it } from 'vitest';
import { queuePositions, sortForList, taskRowParts, type TaskLike } from '../../src/core/task-summary.js';
import { task } from '../helpers/plans.js';

const entry = (id: string, state: TaskLike['state'], at?: string): TaskLike => ({ record: task({ id, title: id, state, ...(at ? { queue: { at } } : {}) }), state });

describe('queue positions', () => {
  it('orders queued tasks by the time they were queued (then id), others have none', () => {
    const tasks = [entry('c', 'queued', '2026-01-01T00:00:03Z'), entry('a', 'running'), entry('b', 'queued', '2026-01-01T00:00:01Z'), entry('d', 'queued', '2026-01-01T00:00:01Z')];
    expect([...queuePositions(tasks)]).toEqual([['b', 1], ['d', 2], ['c', 3]]);
    expect(sortForList(tasks).map((t) => t.record.id)).toEqual(['a', 'b', 'd', 'c']); // running, then queued in queue order
  });

  it('the row of a queued task starts its facts with its place in the queue', () => {
    const now = Date.parse('2026-01-01T00:05:00Z');
    expect(taskRowParts(entry('q', 'queued', 'x'), 80, now, null, undefined, undefined, 2)).toMatchObject({ glyph: '⋯', meta: expect.stringMatching(/^#2 in queue {2}/) });
    expect(taskRowParts(entry('r', 'running'), 80, now, null, undefined, undefined, 2).meta).not.toContain('queue');
  });
});
