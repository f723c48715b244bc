// A fact per task (disk held, pull request state…) fetched in the background one task at a time: when a
// task's record changes, and again every `refreshMs` for the tasks `stale` names.
import { useEffect, useRef, useState } from 'react';
import type { TaskEntry } from '../../src/app/types.js';

export interface TaskFactOptions<T> {
  fetch: (task: TaskEntry) => Promise<T | null>;
  /** Tasks this fact applies to (others are never fetched). */
  wanted?: (task: TaskEntry) => boolean;
  /** Fetch again after this long when `stale` says so. */
  refreshMs: number;
  /** `fetchedAt`: when this task's fact was last fetched (ms since epoch). */
  stale?: (task: TaskEntry, fetchedAt: number) => boolean;
}

export function useTaskFacts<T>(tasks: readonly TaskEntry[], opts: TaskFactOptions<T>): ReadonlyMap<string, T> {
  const [facts, setFacts] = useState<ReadonlyMap<string, T>>(new Map());
  const done = useRef(new Map<string, { key: string; at: number }>());
  const busy = useRef(false);
  const latest = useRef(tasks);
  latest.current = tasks;
  const options = useRef(opts);
  options.current = opts;
  const kick = useRef<() => void>(() => {});

  useEffect(() => {
    let alive = true;
    const pump = async () => {
      if (busy.current || !alive) return;
      busy.current = true;
      try {
        for (;;) {
          const now = Date.now();
          const o = options.current;
          const next = latest.current.find((t) => {
            if (o.wanted && !o.wanted(t)) return false;
            const seen = done.current.get(t.record.id);
            if (!seen || seen.key !== t.record.updatedAt) return true;
            return now - seen.at > o.refreshMs && (o.stale?.(t, seen.at) ?? false);
          });
          if (!next || !alive) break;
          done.current.set(next.record.id, { key: next.record.updatedAt, at: now });
          const value = await o.fetch(next).catch(() => null);
          if (!alive) break;
          if (value !== null) setFacts((m) => new Map(m).set(next.record.id, value));
        }
      } finally {
        busy.current = false;
      }
    };
    kick.current = () => void pump();
    const timer = setInterval(() => void pump(), Math.max(1000, options.current.refreshMs / 4));
    return () => {
      alive = false;
      kick.current = () => {};
      clearInterval(timer);
    };
  }, []);
  useEffect(() => kick.current(), [tasks]);
  return facts;
}
