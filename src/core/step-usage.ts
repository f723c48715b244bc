// Tokens and cost per agent step run (round, step, agent, model), read from the trace without double
// counting: each `agent.started` opens a run; in it `run`-scoped usage events are totals so far (the last
// wins) and `turn`/`step`/`call` ones add up. Pure; the review's table and the live budget both use it.
import type { Usage } from './task.js';
import type { TraceEvent } from './trace-schema.js';

export interface StepUsage {
  round: number;
  step: string;
  agent: string;
  model?: string;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  /** costUsd is estimated from config prices (the agent reported no cost). */
  costEstimated?: boolean;
  /** The run reported usage at all (else its figures are unknown, not zero). */
  reported: boolean;
}

type UsageEvent = Extract<TraceEvent, { type: 'agent.usage' }>;

type Figures = { inputTokens: number; outputTokens: number; cachedTokens?: number; costUsd?: number; estimated?: boolean };

/** Accumulates one step run's usage events. */
export class UsageMeter {
  private runTotal: Figures | null = null;
  private added: Figures = { inputTokens: 0, outputTokens: 0 };

  add(e: Pick<UsageEvent, 'scope' | 'inputTokens' | 'outputTokens' | 'cachedTokens' | 'costUsd' | 'estimated'>): void {
    const u: Figures = { inputTokens: e.inputTokens ?? 0, outputTokens: e.outputTokens ?? 0, ...(e.cachedTokens !== undefined ? { cachedTokens: e.cachedTokens } : {}), ...(e.costUsd !== undefined ? { costUsd: e.costUsd } : {}), ...(e.estimated ? { estimated: true } : {}) };
    if (e.scope === 'run') this.runTotal = u;
    else {
      this.added.inputTokens += u.inputTokens;
      this.added.outputTokens += u.outputTokens;
      if (u.cachedTokens !== undefined) this.added.cachedTokens = (this.added.cachedTokens ?? 0) + u.cachedTokens;
      if (u.costUsd !== undefined) this.added.costUsd = (this.added.costUsd ?? 0) + u.costUsd;
      if (u.estimated) this.added.estimated = true;
    }
  }

  /** The run's usage so far: its last run total when it reported one, else the sum of the partial counts. */
  get total(): Figures {
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
    return { ...row, inputTokens: t.inputTokens, outputTokens: t.outputTokens, ...(t.costUsd !== undefined ? { costUsd: t.costUsd } : {}), ...(t.costUsd !== undefined && t.estimated ? { costEstimated: true } : {}), reported: seen };
  });
}

/**
 * The one sum of a trace's tokens and cost (supervisor, evidence, the live dashboard row): every step run's
 * usage (stepUsage) added up; cost only when some run has one (the agents' own: an estimate from prices is
 * left out); null when no run reported usage.
 */
export function sumUsage(events: readonly TraceEvent[]): Usage | null {
  let out: Usage | null = null;
  for (const r of stepUsage(events)) if (r.reported) out = addUsage(out, r.costEstimated ? { inputTokens: r.inputTokens, outputTokens: r.outputTokens } : r);
  return out;
}

/** a + b (a cost only when either has one); null when both are. */
export function addUsage(a: Usage | null | undefined, b: Usage | null | undefined): Usage | null {
  if (!a || !b) return a ? { ...a } : b ? { inputTokens: b.inputTokens, outputTokens: b.outputTokens, ...(b.costUsd !== undefined ? { costUsd: b.costUsd } : {}) } : null;
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    ...(a.costUsd !== undefined || b.costUsd !== undefined ? { costUsd: (a.costUsd ?? 0) + (b.costUsd ?? 0) } : {}),
  };
}
