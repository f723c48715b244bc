// +added/−removed per task against its base, counted in the background, never per trace burst: when a task
// is first seen or changes state, when its worktree's git stamp changes (HEAD moved, index written: read
// from files every few seconds, no git) or after a file edit in its trace; those two at most once per few
// seconds per task, and at most two git counts at once (components/state/change-schedule.ts decides).
import { useEffect, useRef, useState } from 'react';
import { ChangeSchedule, type CountCandidate } from '../state/change-schedule.js';
import { useServices } from '../context.js';
import type { ChangeCount, TaskEntry } from '../../src/app/types.js';

const STAMP_POLL_MS = 2000;

const countable = (t: TaskEntry) => t.record.mode === 'create' && t.state !== 'merged' && t.state !== 'abandoned';

export function useChangeCounts(tasks: readonly TaskEntry[], edits: ReadonlyMap<string, number>): ReadonlyMap<string, ChangeCount> {
  const services = useServices();
  const [counts, setCounts] = useState<ReadonlyMap<string, ChangeCount>>(new Map());
  const latest = useRef(tasks);
  latest.current = tasks;
  const kick = useRef<() => void>(() => {});

  useEffect(() => {
    let alive = true;
    const schedule = new ChangeSchedule(2);
    const pump = () => {
      if (!alive) return;
      const now = Date.now();
      const list = latest.current.filter(countable);
      schedule.keep(new Set(list.map((t) => t.record.id)));
      const candidates = new Map<string, { c: CountCandidate; t: TaskEntry }>();
      for (const t of list) {
        const c: CountCandidate = { id: t.record.id, state: t.state, stamp: services.changeStamp(t.record) };
        const e = edits.get(t.record.id);
        if (e !== undefined) c.editedAt = e;
        candidates.set(c.id, { c, t });
      }
      for (const id of schedule.due([...candidates.values()].map((x) => x.c), now)) {
        const { c, t } = candidates.get(id)!;
        schedule.started(c, now);
        void services
          .changeCount(t.record)
          .catch(() => null)
          .then((n) => {
            schedule.finished(id);
            if (!alive) return;
            if (n) setCounts((m) => (same(m.get(id), n) ? m : new Map(m).set(id, n)));
            pump(); // the next one waiting, if any
          });
      }
    };
    kick.current = pump;
    const timer = setInterval(pump, STAMP_POLL_MS);
    return () => {
      alive = false;
      kick.current = () => {};
      clearInterval(timer);
    };
  }, [services, edits]);
  useEffect(() => kick.current(), [tasks]);
  return counts;
}

function same(a: ChangeCount | undefined, b: ChangeCount): boolean {
  return a !== undefined && a.added === b.added && a.removed === b.removed && a.files === b.files;
}
