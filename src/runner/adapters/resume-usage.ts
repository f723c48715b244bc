// A resumed session's usage so far, from the trace: what a CLI that reports session running totals (codex)
// had already reported in earlier rounds, so a resumed round counts only its own share.
import type { TraceEvent } from '../../core/trace-schema.js';
import { readTrace } from '../../store/trace-read.js';
import type { UsageFigures } from './usage.js';

/** Options for creating an adapter (createAdapter). */
export interface AdapterOptions {
  /** The resumed session's usage before this round (for CLIs that report session running totals). */
  resumeBaseline?: ResumeBaseline | null;
}

/** The usage a session had reached before this round: earlier rounds' `run` usage of steps in that session. */
export interface ResumeBaseline {
  sessionId: string;
  usage: Required<Pick<UsageFigures, 'inputTokens' | 'outputTokens' | 'cachedTokens'>> & { costUsd?: number };
}

/**
 * Sum, over the steps of rounds before `round` whose `agent.session` was `sessionId`, the last `run` usage of
 * each step (each is that step's own share: see the codex adapter). Null when the session has no usage yet.
 */
export function resumeBaseline(events: readonly TraceEvent[], sessionId: string, round: number): ResumeBaseline | null {
  const sessionOf = new Map<string, string>();
  const lastRun = new Map<string, Extract<TraceEvent, { type: 'agent.usage' }>>();
  for (const e of events) {
    if (e.round >= round) continue;
    const key = `${e.round}/${e.step ?? ''}`;
    if (e.type === 'agent.session') sessionOf.set(key, e.sessionId);
    else if (e.type === 'agent.usage' && e.scope === 'run') lastRun.set(key, e);
  }
  const usage: ResumeBaseline['usage'] = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  let seen = false;
  for (const [key, e] of lastRun) {
    if (sessionOf.get(key) !== sessionId) continue;
    seen = true;
    usage.inputTokens += e.inputTokens ?? 0;
    usage.outputTokens += e.outputTokens ?? 0;
    usage.cachedTokens += e.cachedTokens ?? 0;
    if (e.costUsd !== undefined) usage.costUsd = (usage.costUsd ?? 0) + e.costUsd;
  }
  return seen ? { sessionId, usage } : null;
}

/**
 * This round's share of a session running total: the total minus the baseline, field by field. A total below
 * its baseline is not a running total of that session (a new session, or a CLI that changed its rule): kept whole.
 */
export function shareOf(total: UsageFigures, baseline: ResumeBaseline['usage'] | undefined): UsageFigures {
  if (!baseline) return total;
  const fields = ['inputTokens', 'outputTokens', 'cachedTokens'] as const;
  const below = fields.some((f) => total[f] !== undefined && total[f] < baseline[f]);
  if (below) return total;
  const out: UsageFigures = { ...total };
  for (const f of fields) if (total[f] !== undefined) out[f] = total[f] - baseline[f];
  return out;
}

/**
 * This round's share of a cost that is the session's running total (Claude's `total_cost_usd` once its cost state
 * was restored on resume): the total minus the baseline's cost, when the baseline is this session's and below it.
 */
export function costShare(total: number | undefined, base: ResumeBaseline | null | undefined, sessionId: string | undefined): number | undefined {
  const before = base && base.sessionId === sessionId ? base.usage.costUsd : undefined;
  if (total === undefined || before === undefined || total < before) return total;
  return Math.round((total - before) * 1e10) / 1e10;
}

/** The baseline of a resumed step, read from the task's trace file (null when not resuming or unreadable). */
export function baselineFromTrace(traceFile: string, sessionId: string | undefined, resumed: boolean | undefined, round: number): ResumeBaseline | null {
  if (!resumed || !sessionId) return null;
  return resumeBaseline(readTrace(traceFile).events, sessionId, round);
}
