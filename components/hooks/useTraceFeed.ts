// Live traces: running tasks and the selected one are followed (each into a bounded ring of rows);
// finished tasks that are not selected are unwatched. Only the selected task's new lines cause a frame,
// and bursts are coalesced into at most one frame per FRAME_MS.
import { useEffect, useRef, useState } from 'react';
import { coalesce } from '../../src/core/coalesce.js';
import type { TailStats } from '../../src/store/trace-tailer.js';
import type { TaskEntry } from '../../src/store/tasks.js';
import { TraceBuffer } from '../state/trace-buffer.js';
import { useServices } from '../context.js';

export const FRAME_MS = 50;
const POLL_MS = 1000;

interface Followed {
  taskDir: string;
  buffer: TraceBuffer;
  stats: TailStats;
  stop: () => void;
}

export interface TraceFeed {
  buffer: TraceBuffer | null;
  stats: TailStats | null;
  /** Changes whenever the selected task's rows change. */
  version: number;
}

export function useTraceFeed(tasks: readonly TaskEntry[], selectedId: string | null, capacity = 500): TraceFeed {
  const services = useServices();
  const followed = useRef(new Map<string, Followed>());
  const selected = useRef(selectedId);
  selected.current = selectedId;
  const [version, setVersion] = useState(0);
  const [frame] = useState(() => coalesce(() => setVersion((v) => v + 1), FRAME_MS));

  useEffect(() => {
    const want = new Map(tasks.filter((t) => t.state === 'running' || t.record.id === selectedId).map((t) => [t.record.id, t.record.taskDir]));
    const map = followed.current;
    for (const [id, f] of map) {
      if (want.get(id) !== f.taskDir) {
        f.stop();
        map.delete(id);
      }
    }
    for (const [id, taskDir] of want) {
      if (map.has(id)) continue;
      const buffer = new TraceBuffer(capacity);
      const { stop, stats } = services.followTrace(taskDir, (u) => {
        if (u.reset) buffer.clear();
        buffer.push(u.events);
        if (selected.current === id) frame.request();
      });
      map.set(id, { taskDir, buffer, stats, stop });
    }
    frame.request();
  }, [tasks, selectedId, services, capacity, frame]);

  useEffect(() => {
    const poll = setInterval(() => services.pollTraces(), POLL_MS);
    const map = followed.current;
    return () => {
      clearInterval(poll);
      frame.cancel();
      for (const f of map.values()) f.stop();
      map.clear();
    };
  }, [services, frame]);

  const f = selectedId === null ? undefined : followed.current.get(selectedId);
  return { buffer: f?.buffer ?? null, stats: f?.stats ?? null, version };
}
