// Disk held per task (its directory and worktree), measured in the background for the tasks whose rows are
// on screen: when a task's record changes (or its row comes into view), and every five minutes for running
// tasks (their worktrees grow). Each measure walks a whole tree; walking every task, or every running one
// each minute, cost the dashboard more than drawing it (bench/scale-dashboard.mjs).
import { useMemo } from 'react';
import type { TaskEntry } from '../../src/app/types.js';
import { useServices } from '../context.js';
import { useTaskFacts } from './useTaskFacts.js';

export const DISK_REFRESH_MS = 300_000;

export function useDiskUsage(visible: readonly TaskEntry[]): ReadonlyMap<string, number> {
  const services = useServices();
  // A new list only when the rows shown (or their records) change: that is when to look for work.
  const key = visible.map((t) => `${t.record.id}@${t.record.updatedAt}`).join('\n');
  const tasks = useMemo(() => visible, [key]);
  return useTaskFacts(tasks, { fetch: (t) => services.taskDisk(t.record), refreshMs: DISK_REFRESH_MS, stale: (t) => t.state === 'running' });
}
