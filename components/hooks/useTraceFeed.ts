// Live traces: the selected task's trace is read and parsed into a bounded ring of rows; other running
// tasks are only watched for activity and file edits (nothing parsed); finished tasks that are not selected are
// unwatched. Only the selected task's new lines cause a frame, coalesced to at most one per FRAME_MS.
import { useEffect, useRef, useState } from 'react';
import { coalesce } from '../../src/core/coalesce.js';
import { TraceBuffer } from '../state/trace-buffer.js';
import { useServices } from '../context.js';
import type { TailStats, TaskEntry } from '../../src/app/types.js';

export const FRAME_MS = 50;
const POLL_MS = 1000;

interface Followed {
  taskDir: string;
  full: boolean;
  buffer: TraceBuffer | null;
  stats: TailStats;
  stop: () => void;
}

export interface TraceFeed {
  buffer: TraceBuffer | null;
  stats: TailStats | null;
  /** When each watched task's trace last grew (ms since epoch). */
  activity: ReadonlyMap<string, number>;
  /** When each watched task's trace last showed a file edit (ms since epoch): change counts follow these. */
  edits: ReadonlyMap<string, number>;
  /** Changes whenever the selected task's rows change. */
  version: number;
}

export function useTraceFeed(tasks: readonly TaskEntry[], selectedId: string | null, capacity = 500): TraceFeed {
  const services = useServices();
  const followed = useRef(new Map<string, Followed>());
  const activity = useRef(new Map<string, number>());
  const edits = useRef(new Map<string, number>());
  const [version, setVersion] = useState(0);
  const [frame] = useState(() => coalesce(() => setVersion((v) => v + 1), FRAME_MS));

  useEffect(() => {
    const want = new Map(tasks.filter((t) => t.state === 'running' || t.record.id === selectedId).map((t) => [t.record.id, t.record.taskDir]));
    const map = followed.current;
    for (const [id, f] of map) {
      if (want.get(id) !== f.taskDir || f.full !== (id === selectedId)) {
        f.stop();
        map.delete(id);
      }
    }
    for (const [id, taskDir] of want) {
      if (map.has(id)) continue;
      const full = id === selectedId;
      const buffer = full ? new TraceBuffer(capacity) : null;
      const { stop, stats } = services.followTrace(
        taskDir,
        (u) => {
          activity.current.set(id, Date.now());
          if (u.fileEdit || u.events.some((e) => e.type === 'agent.file_edit')) edits.current.set(id, Date.now());
          if (!buffer) return;
          if (u.reset) buffer.clear();
          buffer.push(u.events);
          frame.request();
        },
        { activityOnly: !full },
      );
      map.set(id, { taskDir, full, buffer, stats, stop });
    }
    for (const id of activity.current.keys()) if (!want.has(id)) activity.current.delete(id);
    for (const id of edits.current.keys()) if (!want.has(id)) edits.current.delete(id);
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
  return { buffer: f?.buffer ?? null, stats: f?.stats ?? null, activity: activity.current, edits: edits.current, version };
}
