// The state of each task's pull request (open, draft, merged, closed), asked of gh/glab in the background
// when the task gets a PR and every two minutes after; nothing is asked for tasks without one.
import type { PrState, TaskEntry } from '../../src/app/types.js';
import { useServices } from '../context.js';
import { useTaskFacts } from './useTaskFacts.js';

export function usePrStates(tasks: readonly TaskEntry[]): ReadonlyMap<string, PrState> {
  const services = useServices();
  return useTaskFacts(tasks, {
    fetch: (t) => services.prState(t.record),
    wanted: (t) => t.record.pr !== undefined,
    refreshMs: 120_000,
    stale: () => true,
  });
}
