// +added/−removed per task against its base, computed in the background one git call at a time:
// again whenever a task's record changes, and, while it runs, at most every few seconds when its trace grew.
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../context.js';
import type { ChangeCount, TaskEntry } from '../../src/app/types.js';

const RUNNING_REFRESH_MS = 5000;

export function useChangeCounts(tasks: readonly TaskEntry[], activity: ReadonlyMap<string, number>): ReadonlyMap<string, ChangeCount> {
  const services = useServices();
  const [counts, setCounts] = useState<ReadonlyMap<string, ChangeCount>>(new Map());
  const done = useRef(new Map<string, { key: string; at: number }>());
  const busy = useRef(false);
  const latest = useRef(tasks);
  latest.current = tasks;
  const kick = useRef<() => void>(() => {});

  useEffect(() => {
    let alive = true;
    const pump = async () => {
      if (busy.current || !alive) return;
      busy.current = true;
      try {
        for (;;) {
          const now = Date.now();
          const next = latest.current.find((t) => {
            if (t.record.mode !== 'create' || t.state === 'merged' || t.state === 'abandoned') return false;
            const seen = done.current.get(t.record.id);
            if (!seen || seen.key !== t.record.updatedAt) return true;
            return t.state === 'running' && now - seen.at > RUNNING_REFRESH_MS && (activity.get(t.record.id) ?? 0) > seen.at;
          });
          if (!next || !alive) break;
          done.current.set(next.record.id, { key: next.record.updatedAt, at: now });
          const c = await services.changeCount(next.record).catch(() => null);
          if (!alive) break;
          if (c) setCounts((m) => new Map(m).set(next.record.id, c));
        }
      } finally {
        busy.current = false;
      }
    };
    kick.current = () => void pump();
    const timer = setInterval(() => void pump(), RUNNING_REFRESH_MS);
    return () => {
      alive = false;
      kick.current = () => {};
      clearInterval(timer);
    };
  }, [services]);
  useEffect(() => kick.current(), [tasks]);
  return counts;
}
