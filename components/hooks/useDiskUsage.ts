// Disk held per task (its directory and worktree), measured in the background one task at a time: when a
// task's record changes, and every minute for running tasks (their worktrees grow).
import { useEffect, useRef, useState } from 'react';
import type { TaskEntry } from '../../src/store/tasks.js';
import { useServices } from '../context.js';

const RUNNING_REFRESH_MS = 60_000;

export function useDiskUsage(tasks: readonly TaskEntry[]): ReadonlyMap<string, number> {
  const services = useServices();
  const [sizes, setSizes] = useState<ReadonlyMap<string, number>>(new Map());
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
            const seen = done.current.get(t.record.id);
            if (!seen || seen.key !== t.record.updatedAt) return true;
            return t.state === 'running' && now - seen.at > RUNNING_REFRESH_MS;
          });
          if (!next || !alive) break;
          done.current.set(next.record.id, { key: next.record.updatedAt, at: now });
          const bytes = await services.taskDisk(next.record).catch(() => null);
          if (!alive) break;
          if (bytes !== null) setSizes((m) => new Map(m).set(next.record.id, bytes));
        }
      } finally {
        busy.current = false;
      }
    };
    kick.current = () => void pump();
    const timer = setInterval(() => void pump(), RUNNING_REFRESH_MS / 4);
    return () => {
      alive = false;
      kick.current = () => {};
      clearInterval(timer);
    };
  }, [services]);
  useEffect(() => kick.current(), [tasks]);
  return sizes;
}
