// Safe reading of untrusted JSON values from agent streams: typed getters, cut strings, bounded copies.

import { cut, firstTextLine } from '../../core/terminal-text.js';

export type Obj = Record<string, unknown>;

/** The largest raw line and text field an adapter puts in one event (characters). */
export const RAW_MAX = 64 * 1024;
/** How much of a command's or tool's output an event keeps (its tail). */
export const OUTPUT_TAIL = 8 * 1024;
/** A one-row target (file path or command) is cut to this. */
export const TARGET_MAX = 200;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A finite number, or undefined (numeric strings are not numbers). */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A plausible count or cost: a number from 0 to 1e15 (so sums stay finite); anything else is undefined. */
export function count(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && n >= 0 && n <= 1e15 ? n : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The first string among the given keys of `o`. */
export function firstStr(o: Obj | undefined, ...keys: string[]): string | undefined {
  if (!o) return undefined;
  for (const k of keys) {
    const s = str(o[k]);
    if (s !== undefined) return s;
  }
  return undefined;
}

/** The head of a string, at most `max` characters; `cut` tells whether anything was dropped. */
export function head(text: string, max = RAW_MAX): { text: string; cut: boolean } {
  return text.length <= max ? { text, cut: false } : { text: text.slice(0, max), cut: true };
}

/** The tail of a string, at most `max` characters, marked when cut. */
export function tail(text: string, max = OUTPUT_TAIL): string {
  return text.length <= max ? text : `…${text.slice(text.length - max)}`;
}

/** A short one-line label: first non-empty line, cut to TARGET_MAX. */
export function shortLabel(text: string, max = TARGET_MAX): string {
  return cut(firstTextLine(text), max);
}

/**
 * A copy of a JSON value that is safe to keep in an event: depth, keys, items and strings bounded,
 * so a hostile or huge tool input can neither bloat the trace nor overflow the stack when serialized.
 */
export function bounded(value: unknown, depth = 6): unknown {
  if (typeof value === 'string') return value.length > 2048 ? `${value.slice(0, 2048)}… [cut: ${value.length} chars]` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    if (depth <= 0) return `[array of ${value.length}]`;
    const out = value.slice(0, 50).map((v) => bounded(v, depth - 1));
    if (value.length > 50) out.push(`… ${value.length - 50} more`);
    return out;
  }
  if (isObj(value)) {
    const keys = Object.keys(value);
    if (depth <= 0) return `{object with ${keys.length} keys}`;
    const out: Obj = {};
    for (const k of keys.slice(0, 50)) out[k] = bounded(value[k], depth - 1);
    if (keys.length > 50) out['…'] = `${keys.length - 50} more keys`;
    return out;
  }
  return undefined;
}

/** Text from a content value: a string, or an array of {text} / strings (Claude tool results, MCP). */
export function contentText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const parts = v.map((p) => (typeof p === 'string' ? p : firstStr(obj(p), 'text') ?? '')).filter((p) => p !== '');
    return parts.length > 0 ? parts.join('\n') : undefined;
  }
  if (isObj(v)) return firstStr(v, 'text', 'content', 'output', 'message');
  return undefined;
}

/** ISO time of a line's own timestamp (ISO string or epoch ms/s), or undefined when absent or absurd. */
export function timestampOf(v: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string' && v.length <= 64) ms = Date.parse(v);
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  // Between 2000 and 2200: anything else is a wrong field, not a time.
  if (ms < 946_684_800_000 || ms > 7_258_118_400_000) return undefined;
  return new Date(ms).toISOString();
}
