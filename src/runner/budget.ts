// A run's budget, enforced live: cost and tokens from every `agent.usage` event (summed per step run
// without double counting, across the run's steps) and the run's wall clock (`maxMinutes`). Over a limit,
// the step's watchdog is tripped (it kills the agent's process group) and no further step starts. A step whose
// agent reports tokens but no cost (yet: claude's comes with its result line) is costed from its price (config
// `prices` by model, or its route's `price`): that estimate counts, marked as such, until the agent's own arrives.
import { formatDuration } from '../core/format.js';
import { estimateCost, priceFor, type Price } from '../core/prices.js';
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
  /** The cost figure holds an estimate from prices. */
  estimated?: boolean;
}

/** What prices a step: its route's own price and the model it was started with. */
export interface StepPricing {
  price?: Price | undefined;
  model?: string | undefined;
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
  private pricing: StepPricing = {};
  /** The model the agent says it runs (agent.session), when the step named none with a price. */
  private sessionModel: string | undefined;
  /** The run's spent cost holds an estimate. */
  private spentEstimated = false;
  private timer: NodeJS.Timeout | null = null;
  /** The first limit that was crossed (the run stops there). */
  exceeded: BudgetTrip | null = null;

  constructor(
    private readonly limits: BudgetLimits,
    private readonly startedMs = Date.now(),
    private readonly prices?: Readonly<Record<string, Price>>,
  ) {}

  /** A step starts: its usage is counted from zero, `dog` stops it when a limit is crossed. */
  startStep(dog: Trippable | null, pricing: StepPricing = {}): void {
    this.meter = new UsageMeter();
    this.current = null;
    this.pricing = pricing;
    this.sessionModel = undefined;
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
      const model = e.type === 'agent.session' ? (e as { model?: unknown }).model : undefined;
      if (typeof model === 'string' && model !== '') this.sessionModel = model;
      if (e.type !== 'agent.usage') continue;
      this.meter.add(e as Extract<NewTraceEvent, { type: 'agent.usage' }>);
      const trip = this.check();
      if (trip) this.cross(trip);
    }
  }

  /**
   * The step ended: its usage joins the run's. Returns the step's estimated cost when its agent reported
   * tokens but no cost and it has a price (to be traced as an estimated `agent.usage`), else null.
   */
  endStep(): { inputTokens: number; outputTokens: number; cachedTokens?: number; costUsd: number } | null {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const t = this.meter.total;
    const step = this.stepCost();
    this.spent.tokens += t.inputTokens + t.outputTokens;
    this.spent.costUsd += step.costUsd ?? 0;
    if (step.estimated) this.spentEstimated = true;
    this.meter = new UsageMeter();
    this.current = null;
    if (!step.estimated || step.costUsd === undefined) return null;
    return { inputTokens: t.inputTokens, outputTokens: t.outputTokens, ...(t.cachedTokens !== undefined ? { cachedTokens: t.cachedTokens } : {}), costUsd: step.costUsd };
  }

  /**
   * A step whose agent reports its cost only when it ends (claude), under maxCostUsd with no price for it: the
   * note that says the cost limit cannot stop it live (null when a price may apply).
   */
  unpricedNote(format: string, pricing: StepPricing): string | null {
    if (this.limits.maxCostUsd === undefined || format !== 'claude') return null;
    if (priceFor(this.prices, pricing.price, [pricing.model])) return null;
    if (pricing.model === undefined && Object.keys(this.prices ?? {}).length > 0) return null; // the model it reports may have one
    return `budget.maxCostUsd: claude reports its cost only when it ends and ${pricing.model ? `model ${pricing.model} has no price` : 'no price is set'} (config prices): the cost limit is checked at the end of this step (maxTokens and stepTimeoutMinutes act live)`;
  }

  /** The current step's cost: the agent's own, else an estimate from its price (tokens reported), else none. */
  private stepCost(): { costUsd?: number; estimated?: boolean } {
    const t = this.meter.total;
    if (t.costUsd !== undefined) return { costUsd: t.costUsd, ...(t.estimated ? { estimated: true } : {}) };
    if (t.inputTokens + t.outputTokens === 0) return {};
    const price = priceFor(this.prices, this.pricing.price, [this.pricing.model, this.sessionModel]);
    return price ? { costUsd: estimateCost(t, price), estimated: true } : {};
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

  /** The run's figures so far (the current step included); `estimated` when the cost holds an estimate from prices. */
  get figures(): { tokens: number; costUsd: number; estimated: boolean } {
    const t = this.meter.total;
    const step = this.stepCost();
    return { tokens: this.spent.tokens + t.inputTokens + t.outputTokens, costUsd: this.spent.costUsd + (step.costUsd ?? 0), estimated: this.spentEstimated || step.estimated === true };
  }

  private check(): BudgetTrip | null {
    const { tokens, costUsd, estimated } = this.figures;
    const { maxCostUsd, maxTokens } = this.limits;
    if (maxCostUsd !== undefined && costUsd > maxCostUsd) {
      const cost = estimated ? `≈$${costUsd.toFixed(4)} (estimated from prices)` : `$${costUsd.toFixed(4)}`;
      return { limit: 'budget.maxCostUsd', reason: `cost ${cost} went over the budget of $${maxCostUsd} (budget.maxCostUsd): agent stopped`, figure: round(costUsd), max: maxCostUsd, ...(estimated ? { estimated: true } : {}) };
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
