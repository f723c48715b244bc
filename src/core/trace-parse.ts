// Parsing trace.jsonl lines: valid events out, malformed and unknown lines counted, never a throw.
import { TRACE_TYPES, TraceEvent, MAX_TRACE_LINE, type TraceType } from './trace-schema.js';

export type ParsedLine =
  | { kind: 'event'; event: TraceEvent }
  | { kind: 'unknown'; type: string }
  | { kind: 'malformed'; reason: string };

const KNOWN = new Set<string>(TRACE_TYPES);

/** Parse one line of trace.jsonl (without its newline). */
export function parseTraceLine(line: string): ParsedLine {
  if (line.length > MAX_TRACE_LINE) return { kind: 'malformed', reason: 'line over 1 MiB' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'malformed', reason: 'not an object' };
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return { kind: 'malformed', reason: 'no type' };
  if (!KNOWN.has(type)) return { kind: 'unknown', type };
  const parsed = TraceEvent.safeParse(value);
  if (!parsed.success) return { kind: 'malformed', reason: `bad ${type as TraceType}` };
  return { kind: 'event', event: parsed.data };
}

export interface TraceParseResult {
  events: TraceEvent[];
  malformed: number;
  unknown: number;
}

/** One more line of a trace into `out`: its event, or a malformed or unknown line counted (blank lines are nothing). */
export function addTraceLine(out: TraceParseResult, line: string): void {
  if (line.trim() === '') return;
  const p = parseTraceLine(line);
  if (p.kind === 'event') out.events.push(p.event);
  else if (p.kind === 'unknown') out.unknown++;
  else out.malformed++;
}
