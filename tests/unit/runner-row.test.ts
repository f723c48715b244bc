// Where a task runs, at a glance: its dashboard row starts with `@runner`, and says `unreachable` while the
// task is interrupted because its host stopped answering (record runnerLost) — not for a plain interruption.
import { describe, expect, it } from 'vitest';
import { taskRowParts, type TaskLike } from '../../src/core/task-summary.js';
import { task } from '../helpers/plans.js';

const now = Date.parse('2026-01-01T00:05:00Z');
const row = (over: Parameters<typeof task>[0], state: TaskLike['state']) => taskRowParts({ record: task({ id: 'x', title: 'x', state, ...over }), state }, 80, now).meta;

describe('the row of a task on a runner', () => {
  it('says where it runs, and when its host is lost', () => {
    expect(row({ runner: 'box' }, 'running')).toMatch(/^@box {2}/);
    expect(row({ runner: 'box', runnerLost: { at: '2026-01-01T00:04:00Z', error: 'Connection refused' } }, 'interrupted')).toMatch(/^@box unreachable {2}/);
    expect(row({ runner: 'box' }, 'interrupted')).toMatch(/^@box {2}/);
    expect(row({}, 'running')).not.toContain('@');
  });
});
