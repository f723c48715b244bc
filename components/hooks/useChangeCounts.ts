// +added/−removed per task against its base, fetched in the background (useTaskFacts): again whenever a
// task's record changes, and, while it runs, at most every few seconds when its trace grew.
import type { ChangeCount, TaskEntry } from '../../src/app/types.js';
import { useServices } from '../context.js';
import { useTaskFacts } from './useTaskFacts.js';

const RUNNING_REFRESH_MS = 5000;

export function useChangeCounts(tasks: readonly TaskEntry[], activity: ReadonlyMap<string, number>): ReadonlyMap<string, ChangeCount> {
  const services = useServices();
  return useTaskFacts(tasks, {
    fetch: (t) => services.changeCount(t.record),
    wanted: (t) => t.record.mode === 'create' && t.state !== 'merged' && t.state !== 'abandoned',
    refreshMs: RUNNING_REFRESH_MS,
    stale: (t, fetchedAt) => t.state === 'running' && (activity.get(t.record.id) ?? 0) > fetchedAt,
  });
}
