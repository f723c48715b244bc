// A best-of-N group's comparison, loaded through the engine when the compare screen opens and again whenever
// one of the group's attempts changes on disk (its state or record); a slower load never overwrites a newer one.
import { useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { TaskEntry } from '../../src/app/types.js';
import { errorLine } from '../../src/core/errors.js';
import { useServices } from '../context.js';
import { compareReducer, compareStamp, startCompare, type CompareAction, type CompareState } from '../state/compare.js';

/** The group of `task` (an attempt), with `tasks` to see changes in; the ids are the engine's (not `--all`'s `repo/id`). */
export function useComparison(task: TaskEntry, tasks: readonly TaskEntry[]): [CompareState, Dispatch<CompareAction>] {
  const services = useServices();
  const [state, dispatch] = useReducer(compareReducer, task.record.group?.index ?? null, startCompare);
  const record = task.record;
  const group = record.group?.id ?? record.id;
  const stamp = compareStamp(tasks, record.repo, group);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    services.compareGroup(record).then(
      (comparison) => {
        if (mine === seq.current) dispatch({ type: 'loaded', comparison });
      },
      (e: unknown) => {
        if (mine === seq.current) dispatch({ type: 'failed', error: errorLine(e) });
      },
    );
  }, [services, record.repo, group, stamp]);
  return [state, dispatch];
}
