// Disk held per task (its directory and worktree), measured in the background: when a task's record
// changes, and every minute for running tasks (their worktrees grow).
import type { TaskEntry } from '../../src/app/types.js';
import { useServices } from '../context.js';
import { useTaskFacts } from './useTaskFacts.js';

export function useDiskUsage(tasks: readonly TaskEntry[]): ReadonlyMap<string, number> {
  const services = useServices();
  return useTaskFacts(tasks, { fetch: (t) => services.taskDisk(t.record), refreshMs: 60_000, stale: (t) => t.state === 'running' });
}
