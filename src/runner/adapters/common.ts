// The frame every JSON stream adapter shares: line → JSON object → events, raw line and time stamped, never a throw.
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter, AdapterSummary } from '../types.js';
import { UsageMeter } from './usage.js';
import { head, isObj, RAW_MAX, timestampOf, type Obj } from './values.js';

/** The final message (the agent's report) is kept up to this many characters. */
export const FINAL_MAX = 1024 * 1024;

/** What one CLI's adapter knows how to read: a parsed JSON object line at a time. */
export interface JsonHandler {
  /** Events for one JSON object line. `at` is the line's own time, or its arrival time; `line` the raw text. */
  object(o: Obj, at: string, line: string): NewTraceEvent[];
  /** The stream ended: flush anything held back. */
  end?(): NewTraceEvent[];
  summary(): AdapterSummary;
}

/**
 * Wrap a handler into an Adapter. Rules for every JSON CLI:
 * - stderr lines, non-JSON stdout lines (banners, noise, truncated JSON) and JSON that is not an
 *   object (`null`, arrays, numbers) become `agent.output`; blank stdout lines are dropped;
 * - JSON objects of types the handler does not know produce no event (the supervisor's raw log keeps them);
 * - each event gets `ts` (the line's own timestamp if it has one, else arrival time), and the first
 *   event of a line that has no `raw` yet gets the raw line, cut to RAW_MAX with `truncated: true`;
 * - any exception inside the handler turns the line into `agent.output` instead of escaping.
 */
export function jsonAdapter(handler: JsonHandler): Adapter {
  return {
    line(text, stream) {
      const arrival = new Date().toISOString();
      try {
        if (stream === 'stderr') return [outputEvent(text, stream, arrival)];
        const value = parseObjectLine(text);
        if (value === 'blank') return [];
        if (value === undefined) return [outputEvent(text, stream, arrival)];
        const at = timestampOf(value.timestamp) ?? arrival;
        return stamp(handler.object(value, at, text), text, at);
      } catch {
        return safeOutput(text, stream, arrival);
      }
    },
    end() {
      try {
        const at = new Date().toISOString();
        return (handler.end?.() ?? []).map((e) => (e.ts ? e : { ...e, ts: at }));
      } catch {
        return [];
      }
    },
    summary() {
      try {
        return handler.summary();
      } catch {
        return { usage: { inputTokens: 0, outputTokens: 0 } };
      }
    },
  };
}

/** A JSON object, 'blank' for an empty line, undefined for anything else. Cheap on long non-JSON lines. */
function parseObjectLine(text: string): Obj | 'blank' | undefined {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r' || text[i] === '\uFEFF')) i++;
  if (i === text.length) return 'blank';
  if (text[i] !== '{') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObj(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function stamp(events: NewTraceEvent[], line: string, at: string): NewTraceEvent[] {
  // The raw line is kept once: in logs/ always, in the trace only when the events do not already carry
  // most of it (a message's text, a tool's result), so a trace is not twice the agent's output.
  const carried = events.reduce((n, e) => n + payloadLength(e), 0);
  let rawGiven = carried * 2 >= line.length;
  return events.map((e) => {
    const out = e.ts ? e : { ...e, ts: at };
    if (rawGiven || out.raw !== undefined) return out;
    rawGiven = true;
    const raw = head(line, RAW_MAX);
    return raw.cut ? { ...out, raw: raw.text, truncated: true } : { ...out, raw: raw.text };
  });
}

/** Characters of the agent's content an event carries (its text, output, result, input). */
function payloadLength(e: NewTraceEvent): number {
  let n = 0;
  for (const key of ['text', 'output', 'result', 'message', 'cmd'] as const) {
    const v = (e as Record<string, unknown>)[key];
    if (typeof v === 'string') n += v.length;
  }
  const input = (e as { input?: unknown }).input;
  if (input !== undefined) n += typeof input === 'string' ? input.length : (JSON.stringify(input)?.length ?? 0);
  return n;
}

/** One line kept as text (`agent.output`), cut to RAW_MAX. */
export function outputEvent(text: string, stream: 'stdout' | 'stderr', ts?: string): NewTraceEvent {
  const h = head(text, RAW_MAX);
  return { type: 'agent.output', text: h.text, stream, ...(ts ? { ts } : {}), ...(h.cut ? { truncated: true } : {}) };
}

function safeOutput(text: unknown, stream: 'stdout' | 'stderr', ts: string): NewTraceEvent[] {
  try {
    return [outputEvent(typeof text === 'string' ? text : String(text), stream, ts)];
  } catch {
    return [];
  }
}

/** A text-bearing event (`agent.message`, `agent.reasoning`) with its text cut to RAW_MAX. */
export function textEvent(type: 'agent.message' | 'agent.reasoning', text: string): NewTraceEvent {
  const h = head(text, RAW_MAX);
  return { type, text: h.text, ...(h.cut ? { truncated: true } : {}) };
}

export function errorEvent(message: string): NewTraceEvent {
  const h = head(message, 8 * 1024);
  return { type: 'agent.error', message: h.text, ...(h.cut ? { truncated: true } : {}) };
}

/** What an adapter has learned: session, model, report, error flag and usage. */
export class StreamState {
  sessionId: string | undefined;
  model: string | undefined;
  finalMessage: string | undefined;
  isError = false;
  readonly usage = new UsageMeter();

  /** Note a session id and/or model; an `agent.session` event when the session id is new or changed. */
  session(id: unknown, model?: unknown): NewTraceEvent[] {
    const newModel = typeof model === 'string' && model !== '' && model !== this.model;
    if (newModel) this.model = model;
    if (typeof id !== 'string' || id === '' || id.length > 512 || id === this.sessionId) return [];
    this.sessionId = id;
    return [{ type: 'agent.session', sessionId: id, ...(this.model ? { model: this.model } : {}) }];
  }

  /** A model learned after the session was announced: `agent.session` again, now with the model. */
  modelLearned(model: unknown): NewTraceEvent[] {
    if (typeof model !== 'string' || model === '' || model.length > 512 || model === this.model) return [];
    this.model = model;
    return this.sessionId ? [{ type: 'agent.session', sessionId: this.sessionId, model }] : [];
  }

  /** The report: the agent's final message, kept up to FINAL_MAX. */
  setFinal(text: unknown): void {
    if (typeof text !== 'string' || text.trim() === '') return;
    this.finalMessage = head(text, FINAL_MAX).text;
  }

  summary(): AdapterSummary {
    return {
      usage: this.usage.totals(),
      ...(this.sessionId ? { sessionId: this.sessionId } : {}),
      ...(this.model ? { model: this.model } : {}),
      ...(this.finalMessage !== undefined ? { finalMessage: this.finalMessage.trim() } : {}),
      ...(this.isError ? { isError: true } : {}),
    };
  }
}
