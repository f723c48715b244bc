// A best-of-N group's comparison, loaded through the engine when the compare screen opens and again whenever
// one of the group's attempts changes on disk (its state or record); a slower load never overwrites a newer one.
import { useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { TaskEntry } from '../../src/app/types.js';
import { errorLine } from '../../src/core/errors.js';
import { useServices } from '../context.js';
import { compareReducer, compareStamp, startCompare, type CompareAction, type CompareState } from '../state/compare.js';

export function useComparison(group: string, tasks: readonly TaskEntry[], selectedId: string | null): [CompareState, Dispatch<CompareAction>] {
  const services = useServices();
  const [state, dispatch] = useReducer(compareReducer, selectedId, startCompare);
  const stamp = compareStamp(tasks, group);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    services.compareGroup(group).then(
      (comparison) => {
        if (mine === seq.current) dispatch({ type: 'loaded', comparison });
      },
      (e: unknown) => {
        if (mine === seq.current) dispatch({ type: 'failed', error: errorLine(e) });
      },
    );
  }, [services, group, stamp]);
  return [state, dispatch];
}
