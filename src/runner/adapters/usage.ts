// Token and cost accounting per the CLI's own scope: run totals replace, turn/step/call figures add up.
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { AdapterSummary } from '../types.js';

export interface UsageFigures {
  /** All input tokens of the scope, cached ones included. */
  inputTokens?: number;
  outputTokens?: number;
  /** The part of inputTokens read from a cache. */
  cachedTokens?: number;
  costUsd?: number;
}

export type UsageScope = 'run' | 'turn' | 'step' | 'call';

/**
 * How each CLI reports usage: the one place these rules live (tests/unit/usage-rules.test.ts holds them to
 * the streams recorded from the real CLIs). `run`: a total so far, the last report wins; `step`/`call`: parts
 * that add up.
 * - claude: `result.usage` + `total_cost_usd`, the process's total → `run`; before it, each model call's tokens
 *   (assistant message usage) → `call` parts, so tokens are known live (the run total then wins).
 * - codex: `turn.completed.usage` is the *session's* running total: after `exec resume` it includes the
 *   earlier rounds, so the adapter subtracts what the session had reported before (resume-usage.ts) → `run`
 *   (this round's share). No cost.
 * - gemini: `result.stats` (tokens; its models in `stats.models`), the process's total → `run`. No cost.
 * - opencode: `step_finish.part.tokens` / `part.cost`, one model step each → `step` (adds up).
 * - cursor: `result.usage` → `run`. copilot: `assistant.usage` per model call → `call`. aider: `Tokens: …
 *   Cost: $… message` per message → `call`.
 */
export const USAGE_RULES = {
  claude: 'run',
  codex: 'run',
  gemini: 'run',
  opencode: 'step',
  cursor: 'run',
  copilot: 'call',
  aider: 'call',
} as const satisfies Record<string, UsageScope>;

/**
 * Sums usage without double counting: a `run` report is the whole run so far (the last one wins);
 * `turn`, `step` and `call` reports are parts (they add). When a stream has a run report, it is the total.
 */
export class UsageMeter {
  private sum = { inputTokens: 0, outputTokens: 0, costUsd: undefined as number | undefined };
  private run: UsageFigures | undefined;

  /** Record one report; returns its `agent.usage` event. */
  record(scope: UsageScope, u: UsageFigures): NewTraceEvent {
    if (scope === 'run') {
      this.run = { ...u };
    } else {
      this.sum.inputTokens += u.inputTokens ?? 0;
      this.sum.outputTokens += u.outputTokens ?? 0;
      if (u.costUsd !== undefined) this.sum.costUsd = (this.sum.costUsd ?? 0) + u.costUsd;
    }
    return { type: 'agent.usage', scope, ...defined(u) };
  }

  /** Whether any report was recorded. */
  get seen(): boolean {
    return this.run !== undefined || this.sum.inputTokens > 0 || this.sum.outputTokens > 0 || this.sum.costUsd !== undefined;
  }

  totals(): AdapterSummary['usage'] {
    if (this.run) {
      const t = { inputTokens: this.run.inputTokens ?? 0, outputTokens: this.run.outputTokens ?? 0 };
      return this.run.costUsd !== undefined ? { ...t, costUsd: this.run.costUsd } : t;
    }
    const t = { inputTokens: this.sum.inputTokens, outputTokens: this.sum.outputTokens };
    return this.sum.costUsd !== undefined ? { ...t, costUsd: roundCost(this.sum.costUsd) } : t;
  }
}

/** Float sums of many small costs drift (0.1 + 0.2); keep 10 decimals. */
function roundCost(n: number): number {
  return Math.round(n * 1e10) / 1e10;
}

function defined(u: UsageFigures): UsageFigures {
  const out: UsageFigures = {};
  if (u.inputTokens !== undefined) out.inputTokens = u.inputTokens;
  if (u.outputTokens !== undefined) out.outputTokens = u.outputTokens;
  if (u.cachedTokens !== undefined) out.cachedTokens = u.cachedTokens;
  if (u.costUsd !== undefined) out.costUsd = u.costUsd;
  return out;
}

/** a + b + … over the defined numbers; undefined when none is defined. */
export function plus(...values: (number | undefined)[]): number | undefined {
  let total: number | undefined;
  for (const v of values) if (v !== undefined) total = (total ?? 0) + v;
  return total;
}
