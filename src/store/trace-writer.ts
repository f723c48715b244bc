// Appending events to a task's trace.jsonl: stamped (v, ts, task, seq, round), one line each, under a lock.
// Every append starts on a record boundary: a trace left ending in a partial line (a write cut short by a
// full disk, a kill) gets a newline first, so the next event is never glued onto it. Past the task's trace
// cap only the events that make the record (states, exits, checks, decisions) are kept, and one
// `trace.truncated` event says so.
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { MAX_TRACE_LINE, type NewTraceEvent, type TraceEvent } from '../core/trace-schema.js';
import { withFileBytes } from './file-bytes.js';
import { withLock } from './lock.js';
import { taskPaths } from './layout.js';

interface SeqCache {
  size: number;
  seq: number;
}
/** Per trace file: its size and last seq after our own last append, so appends need not re-read it. */
const cache = new Map<string, SeqCache>();

/** Default per-task trace cap (config `traceCapMiB`). */
export const DEFAULT_TRACE_CAP = 64 * 1024 * 1024;
/** Events written past the cap: what a reader needs to know how the run went. */
const ESSENTIAL = new Set(['task.created', 'packet.written', 'worktree.created', 'agent.started', 'agent.session', 'agent.exited', 'agent.error', 'check.started', 'check.finished', 'review.opened', 'review.decision', 'task.state', 'trace.truncated', 'guard.violation', 'budget.exceeded', 'agent.denied', 'step.output', 'runner.status', 'pr.opened', 'worktree.removed', 'takeover.started', 'takeover.finished']);
/** Trace files this process has already marked truncated. */
const truncatedNoted = new Set<string>();

export interface TraceContext {
  taskDir: string;
  task: string;
  round: number;
  step?: string;
  /** The trace cap in bytes (default DEFAULT_TRACE_CAP). */
  capBytes?: number;
}

/** Per trace file: the append under way in this process (appends of one process land in call order). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Append events to the trace; resolves to them as written. Safe against other writing processes (the
 * trace lock is waited for without blocking the event loop); this process's appends keep their call order.
 */
export function appendTrace(ctx: TraceContext, events: readonly NewTraceEvent[]): Promise<TraceEvent[]> {
  if (events.length === 0) return Promise.resolve([]);
  const p = taskPaths(ctx.taskDir);
  const before = queues.get(p.trace) ?? Promise.resolve();
  const append = () => withLock(p.traceLock, () => writeLocked(p.trace, ctx, events), { what: `the trace of ${ctx.task}` });
  const mine = before.then(append, append);
  const settled = mine.catch(() => {});
  queues.set(p.trace, settled);
  void settled.then(() => {
    if (queues.get(p.trace) === settled) queues.delete(p.trace);
  });
  return mine;
}

function writeLocked(trace: string, ctx: TraceContext, events: readonly NewTraceEvent[]): TraceEvent[] {
  const size = existsSync(trace) ? statSync(trace).size : 0;
  let seq = lastSeq(trace, size);
  const kept = capped(trace, size, ctx.capBytes ?? DEFAULT_TRACE_CAP, events);
  const written: TraceEvent[] = [];
  const lines = kept.map((e) => {
    const step = (e as { step?: string }).step ?? ctx.step;
    const stamps = {
      v: 1,
      ts: e.ts ?? new Date().toISOString(),
      task: ctx.task,
      seq: ++seq,
      round: e.round ?? ctx.round,
      ...(step !== undefined ? { step } : {}),
    };
    // Stamps first (so every line starts v, ts, task, seq …), then the event, then stamps win.
    const full = { ...stamps, ...e, ...stamps } as TraceEvent;
    written.push(full);
    return fitLine(full);
  });
  if (lines.length === 0) return written;
  const boundary = size > 0 && !endsWithNewline(trace, size) ? '\n' : '';
  try {
    appendFileSync(trace, boundary + lines.join('\n') + '\n');
  } catch (error) {
    cache.delete(trace); // part of it may be there: the next append checks the boundary
    throw error;
  }
  cache.set(trace, { size: statSync(trace).size, seq });
  return written;
}

/** The events to write: all of them under the cap; past it, the essential ones and one `trace.truncated`. */
function capped(file: string, size: number, cap: number, events: readonly NewTraceEvent[]): NewTraceEvent[] {
  if (size < cap) return [...events];
  const kept = events.filter((e) => ESSENTIAL.has(e.type as string));
  if (kept.length === events.length || truncatedNoted.has(file)) return kept;
  truncatedNoted.add(file);
  const reason = `the trace reached its cap of ${formatCap(cap)}: from here on only states, exits, checks and decisions are traced (the agent's output stays in logs/)`;
  return [{ type: 'trace.truncated', capBytes: cap, reason }, ...kept];
}

function formatCap(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} bytes`;
}

/** True when the file's last byte is a newline (from the cache when the file is as we left it). */
function endsWithNewline(file: string, size: number): boolean {
  if (cache.get(file)?.size === size) return true;
  return withFileBytes(file, (f) => f.read(size - 1, 1)[0] === 0x0a) ?? true;
}

/** One event: append it. */
export async function appendEvent(ctx: TraceContext, event: NewTraceEvent): Promise<TraceEvent> {
  return (await appendTrace(ctx, [event]))[0]!;
}

/** The seq of the trace's last event (0 for none), from the cache when the file is as we left it. */
function lastSeq(file: string, size: number): number {
  if (size === 0) return 0;
  const hit = cache.get(file);
  if (hit && hit.size === size) return hit.seq;
  return readLastSeq(file, size);
}

/** Scan back from the end for the last line that carries a seq. */
function readLastSeq(file: string, size: number): number {
  return (
    withFileBytes(file, (f) => {
      const chunk = 64 * 1024;
      let end = size;
      let carry = '';
      while (end > 0) {
        const start = Math.max(0, end - chunk);
        const text = f.read(start, end - start).toString('utf8') + carry;
        const lines = text.split('\n');
        carry = start > 0 ? (lines.shift() ?? '') : '';
        for (let i = lines.length - 1; i >= 0; i--) {
          const m = /"seq":(\d+)/.exec(lines[i]!);
          if (m) return Number(m[1]);
        }
        if (start === 0 && carry !== '') break;
        end = start;
        if (size - end > 4 * MAX_TRACE_LINE) break; // nothing readable near the end: restart numbering from 0
      }
      return 0;
    }) ?? 0
  );
}

const CUTTABLE = ['raw', 'text', 'output', 'result', 'logTail', 'input'] as const;

/** Serialize an event to one line no longer than MAX_TRACE_LINE bytes, cutting its long fields if needed. */
export function fitLine(event: TraceEvent): string {
  let line = JSON.stringify(event);
  if (Buffer.byteLength(line) <= MAX_TRACE_LINE) return line;
  const copy: Record<string, unknown> = { ...event, truncated: true };
  for (const field of CUTTABLE) {
    const value = copy[field];
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    copy[field] = `${text.slice(0, 64 * 1024)}… [cut: ${text.length} chars]`;
    line = JSON.stringify(copy);
    if (Buffer.byteLength(line) <= MAX_TRACE_LINE) return line;
  }
  return JSON.stringify({ v: 1, ts: event.ts, task: event.task, seq: event.seq, round: event.round, type: 'agent.error', message: 'event too large to record', truncated: true });
}
