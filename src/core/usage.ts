// Tokens and cost: the one sum over a trace's `agent.usage` events (supervisor, evidence and the live
// dashboard row all use it) and the one way to add two totals.
import type { Usage } from './task.js';
import type { TraceEvent } from './trace-schema.js';

type UsageEvent = Extract<TraceEvent, { type: 'agent.usage' }>;

/**
 * Tokens and cost of `events`' agent.usage events without double counting: per round and step, the last
 * run total wins over partial (per-turn) counts. Null when there is none.
 */
export function sumUsage(events: readonly TraceEvent[]): Usage | null {
  const groups = new Map<string, UsageEvent[]>();
  for (const e of events) {
    if (e.type !== 'agent.usage') continue;
    const key = `${e.round}/${e.step ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  let usage: Usage | null = null;
  for (const list of groups.values()) {
    const runs = list.filter((e) => e.scope === 'run');
    for (const e of runs.length > 0 ? [runs.at(-1)!] : list) {
      usage = addUsage(usage, { inputTokens: e.inputTokens ?? 0, outputTokens: e.outputTokens ?? 0, ...(e.costUsd !== undefined ? { costUsd: e.costUsd } : {}) });
    }
  }
  return usage;
}

/** a + b (a cost only when either has one); null + null is null. */
export function addUsage(a: Usage | null | undefined, b: Usage | null | undefined): Usage | null {
  if (!a) return b ? { ...b } : null;
  if (!b) return { ...a };
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    ...(a.costUsd !== undefined || b.costUsd !== undefined ? { costUsd: (a.costUsd ?? 0) + (b.costUsd ?? 0) } : {}),
  };
}
