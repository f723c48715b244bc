// Re-reading the task list (every few seconds, and on any task.json event) with nothing changed keeps the
// dashboard's state object itself (React renders nothing); a changed task gets a new entry, the others keep
// theirs (their rows are memoised on their text and are not rendered again).
import { describe, expect, it } from 'vitest';
import { dashboardReducer, initialDashboard, type DashboardState } from '../../components/state/dashboard.js';
import type { TaskState } from '../../src/core/lifecycle.js';
import type { TaskRecord } from '../../src/core/task.js';
import type { TaskEntry } from '../../src/store/tasks.js';

const t = (id: string, state: TaskState, updatedAt = 'u1'): TaskEntry => ({
  record: { id, title: id, createdAt: `2026-01-01T00:00:0${id.length}Z`, updatedAt } as TaskRecord,
  state,
});
const load = (s: DashboardState, tasks: TaskEntry[]) => dashboardReducer(s, { type: 'tasks', tasks });

describe('dashboard re-reads', () => {
  it('keep the same state when nothing changed, and the same entries for unchanged tasks', () => {
    const s1 = load(initialDashboard, [t('a', 'running'), t('bb', 'done')]);
    const s2 = load(s1, [t('a', 'running'), t('bb', 'done')]); // fresh objects, equal content
    expect(s2).toBe(s1);
    const s3 = load(s2, [t('a', 'running', 'u2'), t('bb', 'done')]);
    expect(s3).not.toBe(s2);
    const a = s3.tasks.find((x) => x.record.id === 'a')!;
    const b = s3.tasks.find((x) => x.record.id === 'bb')!;
    expect(a.record.updatedAt).toBe('u2');
    expect(b).toBe(s1.tasks.find((x) => x.record.id === 'bb'));
  });
});
