// A run's budget, enforced live: cost and tokens from every `agent.usage` event (summed per step run
// without double counting, across the run's steps) and the run's wall clock (`maxMinutes`). Over a limit,
// the step's watchdog is tripped (it kills the agent's process group) and no further step starts.
import { formatDuration } from '../core/format.js';
import { UsageMeter } from '../core/step-usage.js';
import type { NewTraceEvent } from '../core/trace-schema.js';

export interface BudgetLimits {
  maxCostUsd?: number | undefined;
  maxTokens?: number | undefined;
  /** The whole run (all steps, checks included), in minutes. */
  maxMinutes?: number | undefined;
}

/** What stops the agent; the shape of the watchdog's trip and of the `budget.exceeded` event. */
export interface BudgetTrip {
  limit: string;
  reason: string;
  figure: number;
  max: number;
}

/** Whatever can stop the running step (the step's watchdog). */
export interface Trippable {
  trip(trip: BudgetTrip): boolean;
}

/** The budget of one run: the task's own limits over config `budget`. */
export function budgetLimits(task: { budget?: BudgetLimits | undefined }, config: { budget: BudgetLimits }): BudgetLimits {
  return {
    maxCostUsd: task.budget?.maxCostUsd ?? config.budget.maxCostUsd,
    maxTokens: task.budget?.maxTokens ?? config.budget.maxTokens,
    maxMinutes: task.budget?.maxMinutes,
  };
}

export class RunBudget {
  private spent = { tokens: 0, costUsd: 0 };
  private meter = new UsageMeter();
  private current: Trippable | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The first limit that was crossed (the run stops there). */
  exceeded: BudgetTrip | null = null;

  constructor(
    private readonly limits: BudgetLimits,
    private readonly startedMs = Date.now(),
  ) {}

  /** A step starts: its usage is counted from zero, `dog` stops it when a limit is crossed. */
  startStep(dog: Trippable | null): void {
    this.meter = new UsageMeter();
    this.current = null;
    if (dog) this.attach(dog);
  }

  /** The step's watchdog, once its agent runs (it may come after startStep): it stops the agent at a limit. */
  attach(dog: Trippable): void {
    this.current = dog;
    if (this.exceeded) {
      dog.trip(this.exceeded);
      return;
    }
    const max = this.limits.maxMinutes;
    if (max !== undefined && this.timer === null) {
      const left = this.startedMs + max * 60_000 - Date.now();
      this.timer = setTimeout(() => this.cross(this.overTime()), Math.max(0, Math.min(left, 2 ** 31 - 1)));
      this.timer.unref();
    }
  }

  /** Events the step's adapter produced: usage counts at once. */
  observe(events: readonly NewTraceEvent[]): void {
    for (const e of events) {
      if (e.type !== 'agent.usage') continue;
      this.meter.add(e as Extract<NewTraceEvent, { type: 'agent.usage' }>);
      const trip = this.check();
      if (trip) this.cross(trip);
    }
  }

  /** The step ended: its usage joins the run's. */
  endStep(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const t = this.meter.total;
    this.spent.tokens += t.inputTokens + t.outputTokens;
    this.spent.costUsd += t.costUsd ?? 0;
    this.meter = new UsageMeter();
    this.current = null;
  }

  /** Before a step or the checks: a limit already crossed (money spent, or the run's time up), or null. */
  before(): BudgetTrip | null {
    if (this.exceeded) return this.exceeded;
    const trip = this.check() ?? this.overTime();
    if (trip && (trip.limit !== 'maxMinutes' || trip.figure >= trip.max)) {
      this.exceeded = trip;
      return trip;
    }
    return null;
  }

  /** The run's figures so far (the current step included). */
  get figures(): { tokens: number; costUsd: number } {
    const t = this.meter.total;
    return { tokens: this.spent.tokens + t.inputTokens + t.outputTokens, costUsd: this.spent.costUsd + (t.costUsd ?? 0) };
  }

  private check(): BudgetTrip | null {
    const { tokens, costUsd } = this.figures;
    const { maxCostUsd, maxTokens } = this.limits;
    if (maxCostUsd !== undefined && costUsd > maxCostUsd) {
      return { limit: 'budget.maxCostUsd', reason: `cost $${costUsd.toFixed(4)} went over the budget of $${maxCostUsd} (budget.maxCostUsd): agent stopped`, figure: round(costUsd), max: maxCostUsd };
    }
    if (maxTokens !== undefined && tokens > maxTokens) {
      return { limit: 'budget.maxTokens', reason: `${tokens} tokens went over the budget of ${maxTokens} (budget.maxTokens): agent stopped`, figure: tokens, max: maxTokens };
    }
    return null;
  }

  private overTime(): BudgetTrip | null {
    const max = this.limits.maxMinutes;
    if (max === undefined) return null;
    const ran = Date.now() - this.startedMs;
    if (ran < max * 60_000) return null;
    return { limit: 'maxMinutes', reason: `the run took ${formatDuration(ran)}, past its limit of ${max} min (--max-minutes): agent stopped`, figure: round(ran / 60_000), max };
  }

  private cross(trip: BudgetTrip | null): void {
    if (!trip || this.exceeded) return;
    this.exceeded = trip;
    this.current?.trip(trip);
  }
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
