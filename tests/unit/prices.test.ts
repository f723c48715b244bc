// Prices: a cost estimated from tokens (config `prices`, a route's `price`), the live budget holding a step
// whose agent reports tokens but no cost to that estimate (marked estimated; the agent's own cost wins when
// it comes), and the review's cost lines marking an estimate.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { estimateCost, priceFor } from '../../src/core/prices.js';
import { stepUsage, sumUsage } from '../../src/core/step-usage.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { usageLines } from '../../src/core/workflow-lines.js';
import { RunBudget, type BudgetTrip } from '../../src/runner/budget.js';

const sonnetLike = { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 };
const call = (inputTokens: number, outputTokens: number, cachedTokens?: number) => ({ type: 'agent.usage' as const, scope: 'call' as const, inputTokens, outputTokens, ...(cachedTokens !== undefined ? { cachedTokens } : {}) });

describe('estimateCost', () => {
  it('input, output and cache reads at their prices per million tokens (cache reads are part of the input count)', () => {
    expect(estimateCost({ inputTokens: 1_000_000, outputTokens: 0 }, sonnetLike)).toBe(3);
    expect(estimateCost({ inputTokens: 0, outputTokens: 100_000 }, sonnetLike)).toBe(1.5);
    // 100k input of which 80k cache reads: 20k × $3 + 80k × $0.30, plus 1k × $15
    expect(estimateCost({ inputTokens: 100_000, outputTokens: 1000, cachedTokens: 80_000 }, sonnetLike)).toBeCloseTo(0.06 + 0.024 + 0.015, 9);
    // no cache price: cache reads at the input price
    expect(estimateCost({ inputTokens: 100_000, outputTokens: 0, cachedTokens: 80_000 }, { inputPerMTok: 3, outputPerMTok: 15 })).toBeCloseTo(0.3, 9);
  });

  it('priceFor: the route price first, else the first named model with a config price, else none (no built-in guesses)', () => {
    const prices = { 'm-a': { inputPerMTok: 1, outputPerMTok: 2 }, 'm-b': { inputPerMTok: 5, outputPerMTok: 6 } };
    expect(priceFor(prices, sonnetLike, ['m-a'])).toBe(sonnetLike);
    expect(priceFor(prices, undefined, [undefined, 'm-b'])).toBe(prices['m-b']);
    expect(priceFor(prices, undefined, ['unknown', 'm-a'])).toBe(prices['m-a']);
    expect(priceFor(prices, undefined, ['claude-sonnet-4-5'])).toBeUndefined();
    expect(priceFor(undefined, undefined, ['toString'])).toBeUndefined();
  });

  it('config: prices by model and a route price parse; a negative or unknown price field is an error naming it', () => {
    const ok = parseConfig({ prices: { 'impl-model': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 } }, routes: { review: { agent: 'claude', price: { inputPerMTok: 1, outputPerMTok: 5 } } } });
    expect(ok).toMatchObject({ ok: true, config: { prices: { 'impl-model': { inputPerMTok: 3 } }, routes: { review: { price: { outputPerMTok: 5 } } } } });
    expect(parseConfig({ prices: { m: { inputPerMTok: -1, outputPerMTok: 1 } } })).toMatchObject({ ok: false, error: expect.stringContaining('prices.m.inputPerMTok') });
    expect(parseConfig({ prices: { m: { inputPerMTok: 1, outputPerMTok: 1, perCall: 2 } } })).toEqual({ ok: false, error: 'prices.m.perCall: unknown key' });
  });
});

describe('RunBudget with prices', () => {
  const dog = () => {
    const trips: BudgetTrip[] = [];
    return { trips, trip: (t: BudgetTrip) => (trips.push(t), true) };
  };

  it('a step with tokens but no cost is held to maxCostUsd by its estimate, marked estimated, at the crossing event', () => {
    const b = new RunBudget({ maxCostUsd: 0.25 }, Date.now(), { 'impl-model': { inputPerMTok: 1, outputPerMTok: 5 } });
    const d = dog();
    b.startStep(d, { model: 'impl-model' });
    b.observe([call(100_000, 1000)]); // $0.105
    b.observe([call(100_000, 1000)]); // $0.21
    expect(d.trips).toEqual([]);
    b.observe([call(100_000, 1000)]); // $0.315
    expect(d.trips).toEqual([{ limit: 'budget.maxCostUsd', figure: 0.315, max: 0.25, estimated: true, reason: 'cost ≈$0.3150 (estimated from prices) went over the budget of $0.25 (budget.maxCostUsd): agent stopped' }]);
    expect(b.endStep()).toEqual({ inputTokens: 300_000, outputTokens: 3000, costUsd: 0.315 });
  });

  it('the model the agent names (agent.session) is priced when the step named none; a route price wins over both', () => {
    const prices = { 'said-model': { inputPerMTok: 10, outputPerMTok: 10 } };
    const b = new RunBudget({ maxCostUsd: 1 }, Date.now(), prices);
    b.startStep(null);
    b.observe([{ type: 'agent.session', sessionId: 's', model: 'said-model' }, call(50_000, 0)]);
    expect(b.figures).toEqual({ tokens: 50_000, costUsd: 0.5, estimated: true });
    b.endStep();
    b.startStep(null, { model: 'said-model', price: { inputPerMTok: 0, outputPerMTok: 0 } });
    b.observe([call(50_000, 0)]);
    expect(b.figures).toEqual({ tokens: 100_000, costUsd: 0.5, estimated: true });
  });

  it("the agent's own cost wins when it arrives; without a price there is no estimate", () => {
    const b = new RunBudget({ maxCostUsd: 5 }, Date.now(), { m: { inputPerMTok: 1, outputPerMTok: 1 } });
    b.startStep(null, { model: 'm' });
    b.observe([call(1_000_000, 0)]);
    expect(b.figures).toMatchObject({ costUsd: 1, estimated: true });
    b.observe([{ type: 'agent.usage', scope: 'run', inputTokens: 1_000_000, outputTokens: 0, costUsd: 0.2 }]);
    expect(b.figures).toEqual({ tokens: 1_000_000, costUsd: 0.2, estimated: false });
    expect(b.endStep()).toBeNull();
    b.startStep(null, { model: 'unpriced' });
    b.observe([call(1_000_000, 0)]);
    expect(b.figures).toEqual({ tokens: 2_000_000, costUsd: 0.2, estimated: false });
    expect(b.endStep()).toBeNull();
  });
});

describe('the note for a claude step maxCostUsd cannot stop live', () => {
  it('said under maxCostUsd when no price covers the step; not for a priced model, a route price, another format or no cost limit', () => {
    const prices = { priced: { inputPerMTok: 1, outputPerMTok: 1 } };
    expect(new RunBudget({ maxCostUsd: 1 }).unpricedNote('claude', {})).toBe('budget.maxCostUsd: claude reports its cost only when it ends and no price is set (config prices): the cost limit is checked at the end of this step (maxTokens and stepTimeoutMinutes act live)');
    expect(new RunBudget({ maxCostUsd: 1 }, Date.now(), prices).unpricedNote('claude', { model: 'other' })).toContain('model other has no price');
    expect(new RunBudget({ maxCostUsd: 1 }, Date.now(), prices).unpricedNote('claude', { model: 'priced' })).toBeNull();
    expect(new RunBudget({ maxCostUsd: 1 }, Date.now(), prices).unpricedNote('claude', {})).toBeNull(); // the model claude reports may be priced
    expect(new RunBudget({ maxCostUsd: 1 }).unpricedNote('claude', { price: prices.priced })).toBeNull();
    expect(new RunBudget({ maxCostUsd: 1 }).unpricedNote('codex', {})).toBeNull();
    expect(new RunBudget({ maxTokens: 1 }).unpricedNote('claude', {})).toBeNull();
  });
});

describe('the review marks an estimate', () => {
  const base = { v: 1, ts: 't', task: 'x', round: 1, step: 'implement' };
  const events = [
    { ...base, seq: 1, type: 'agent.started', agent: 'claude', command: ['claude'], pid: 1, model: 'impl-model' },
    { ...base, seq: 2, type: 'agent.usage', scope: 'call', inputTokens: 300_000, outputTokens: 3 },
    { ...base, seq: 3, type: 'agent.usage', scope: 'run', inputTokens: 300_000, outputTokens: 3, costUsd: 0.42, estimated: true },
  ] as TraceEvent[];

  it('"≈$0.4200 (estimated from prices)" in the step row, the total and the budget line; the task total leaves it out', () => {
    expect(stepUsage(events)).toMatchObject([{ step: 'implement', costUsd: 0.42, costEstimated: true, inputTokens: 300_000 }]);
    const text = usageLines({ plan: null, summary: null, reviews: [], edits: [], steps: stepUsage(events), budget: { maxCostUsd: 0.25 }, exceeded: [] }).map((l) => l.text).join('\n');
    expect(text).toMatch(/r1 +implement +claude impl-model +300k? in \/ 3 out +≈\$0\.4200 \(estimated from prices\)/);
    expect(text).toMatch(/total +300k? tokens +≈\$0\.4200 \(estimated from prices\)/);
    expect(text).toContain('budget (a run; round 1): ≈$0.42 of $0.25 (168%)');
    expect(sumUsage(events)).toEqual({ inputTokens: 300_000, outputTokens: 3 });
  });
});
