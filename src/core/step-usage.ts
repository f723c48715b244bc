// Tokens and cost per agent step run (round, step, agent, model), read from the trace without double
// counting: each `agent.started` opens a run; in it `run`-scoped usage events are totals so far (the last
// wins) and `turn`/`step`/`call` ones add up. Pure; the review's table and the live budget both use it.
import type { TraceEvent } from './trace-schema.js';

export interface StepUsage {
  round: number;
  step: string;
  agent: string;
  model?: string;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  /** The run reported usage at all (else its figures are unknown, not zero). */
  reported: boolean;
}

type UsageEvent = Extract<TraceEvent, { type: 'agent.usage' }>;

/** Accumulates one step run's usage events. */
export class UsageMeter {
  private runTotal: { inputTokens: number; outputTokens: number; costUsd?: number } | null = null;
  private added = { inputTokens: 0, outputTokens: 0 } as { inputTokens: number; outputTokens: number; costUsd?: number };

  add(e: Pick<UsageEvent, 'scope' | 'inputTokens' | 'outputTokens' | 'costUsd'>): void {
    const u = { inputTokens: e.inputTokens ?? 0, outputTokens: e.outputTokens ?? 0, ...(e.costUsd !== undefined ? { costUsd: e.costUsd } : {}) };
    if (e.scope === 'run') this.runTotal = u;
    else {
      this.added.inputTokens += u.inputTokens;
      this.added.outputTokens += u.outputTokens;
      if (u.costUsd !== undefined) this.added.costUsd = (this.added.costUsd ?? 0) + u.costUsd;
    }
  }

  /** The run's usage so far: its last run total when it reported one, else the sum of the partial counts. */
  get total(): { inputTokens: number; outputTokens: number; costUsd?: number } {
    return this.runTotal ?? this.added;
  }
}

/** One row per agent step run that reported usage (or started), in order. */
export function stepUsage(events: readonly TraceEvent[]): StepUsage[] {
  const rows: { row: StepUsage; meter: UsageMeter; seen: boolean }[] = [];
  const open = new Map<string, number>();
  for (const e of events) {
    const key = `${e.round}/${e.step ?? ''}`;
    if (e.type === 'agent.started') {
      open.set(key, rows.length);
      rows.push({ row: { round: e.round, step: e.step ?? '', agent: e.agent, ...(e.model ? { model: e.model } : {}), inputTokens: 0, outputTokens: 0, reported: false }, meter: new UsageMeter(), seen: false });
      continue;
    }
    if (e.type === 'agent.session' && e.model) {
      const i = open.get(key);
      if (i !== undefined && rows[i]!.row.model === undefined) rows[i]!.row.model = e.model;
      continue;
    }
    if (e.type !== 'agent.usage') continue;
    let i = open.get(key);
    if (i === undefined) {
      // usage without a start event (an old trace): its own row
      i = rows.length;
      open.set(key, i);
      rows.push({ row: { round: e.round, step: e.step ?? '', agent: '?', inputTokens: 0, outputTokens: 0, reported: false }, meter: new UsageMeter(), seen: false });
    }
    rows[i]!.meter.add(e);
    rows[i]!.seen = true;
  }
  return rows.map(({ row, meter, seen }) => {
    const t = meter.total;
    return { ...row, inputTokens: t.inputTokens, outputTokens: t.outputTokens, ...(t.costUsd !== undefined ? { costUsd: t.costUsd } : {}), reported: seen };
  });
}

/** The sum of the rows that reported usage (cost only when some row has one); null when none did. */
export function sumUsage(rows: readonly Pick<StepUsage, 'inputTokens' | 'outputTokens' | 'costUsd' | 'reported'>[]): { inputTokens: number; outputTokens: number; costUsd?: number } | null {
  const reported = rows.filter((r) => r.reported);
  if (reported.length === 0) return null;
  const out: { inputTokens: number; outputTokens: number; costUsd?: number } = { inputTokens: 0, outputTokens: 0 };
  for (const r of reported) {
    out.inputTokens += r.inputTokens;
    out.outputTokens += r.outputTokens;
    if (r.costUsd !== undefined) out.costUsd = (out.costUsd ?? 0) + r.costUsd;
  }
  return out;
}
