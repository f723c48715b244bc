// Feeding recorded agent streams to adapters in tests, and checking every event is a valid trace event.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { createAdapter } from '../../src/runner/adapters/index.js';
import { TraceEvent, type NewTraceEvent } from '../../src/core/trace-schema.js';
import type { AdapterSummary, StreamFormat } from '../../src/runner/types.js';

export const STREAMS = path.resolve(import.meta.dirname, '../fixtures/streams');

export function fixture(name: string): string {
  return readFileSync(path.join(STREAMS, name), 'utf8');
}

export interface Fed {
  events: NewTraceEvent[];
  summary: AdapterSummary;
}

/** Feed text (split on newlines, a trailing newline ignored) as stdout lines, then end the stream. */
export function feed(format: StreamFormat, text: string | string[], stream: 'stdout' | 'stderr' = 'stdout'): Fed {
  const adapter = createAdapter(format);
  const lines = Array.isArray(text) ? text : text.replace(/\n$/, '').split('\n');
  const events: NewTraceEvent[] = [];
  for (const line of lines) events.push(...adapter.line(line, stream));
  events.push(...adapter.end());
  return { events, summary: adapter.summary() };
}

export const types = (events: readonly NewTraceEvent[]) => events.map((e) => e.type);
export const ofType = <T extends string>(events: readonly NewTraceEvent[], type: T) =>
  events.filter((e) => e.type === type) as (NewTraceEvent & Record<string, unknown>)[];

/** Every event, once stamped as the trace writer would, parses as a trace event and fits one trace line. */
export function expectValidEvents(events: readonly NewTraceEvent[]): void {
  events.forEach((e, i) => {
    expect(typeof e.ts, `event ${i} has ts`).toBe('string');
    expect(Number.isNaN(Date.parse(e.ts!)), `event ${i} ts is a time`).toBe(false);
    const line = JSON.stringify({ v: 1, task: 't', seq: i + 1, round: 1, ...e });
    expect(line.length, `event ${i} size`).toBeLessThan(512 * 1024);
    const parsed = TraceEvent.safeParse(JSON.parse(line));
    expect(parsed.success, `event ${i} (${e.type}) is valid: ${parsed.success ? '' : parsed.error.issues[0]?.message}`).toBe(true);
  });
}
