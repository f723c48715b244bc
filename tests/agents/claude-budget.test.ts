// The real claude CLI under the run's limits, against the scripted model server: a claude whose model never
// answers (the server hangs the request) is stopped by budget.stepTimeoutMinutes; a claude whose model asks for
// tool calls forever is stopped by budget.maxTokens within one model call of the limit (claude's tokens arrive
// live, one usage event per model call; its cost only with the result at the end of the process), and by
// budget.maxCostUsd when its model has a price (config `prices`): the cost estimated from those tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { cli, events, explain, gatewayUrl, KEY_ENV, makeWorld, newAndRun, type World } from './harness.js';
import { runShell } from './model-server/index.js';

const gateway = (w: { url: string }) => ({ gateway: { baseUrl: gatewayUrl(w as never), apiKeyEnv: KEY_ENV }, routes: { implement: { agent: 'claude', model: 'claude-sonnet-4-5' } } });

describe('claude (real CLI): a silent agent and the step timeout', () => {
  let w: World;
  let t: TaskRecord;
  beforeAll(async () => {
    w = await makeWorld({
      script: { turns: [{ hang: true }] },
      config: (s) => ({ ...gateway(s), agentIdleTimeoutMinutes: 0, budget: { stepTimeoutMinutes: 0.5 } }),
    });
    t = await newAndRun(w, 'claude', 'Wait for the model.');
  }, 300_000);
  afterAll(async () => w?.close());

  it('budget.stepTimeoutMinutes stops it: failed with the reason, no claude process left', () => {
    expect(t.state, explain(t, w)).toBe('failed');
    expect(w.server.requests.some((r) => r.reply === 'hang')).toBe(true); // it did wait on the model
    expect(events(t, 'budget.exceeded')).toMatchObject([{ step: 'implement', limit: 'budget.stepTimeoutMinutes', max: 0.5 }]);
    expect(events(t, 'task.state').at(-1)).toMatchObject({ state: 'failed', reason: expect.stringContaining('(budget.stepTimeoutMinutes 0.5): agent stopped') });
    expect(t.processes).toEqual({});
  });
});

describe('claude (real CLI): an agent that loops forever and budget.maxTokens', () => {
  let w: World;
  let t: TaskRecord;
  beforeAll(async () => {
    w = await makeWorld({
      script: { loop: true, turns: [{ calls: [runShell('echo again')], usage: { input: 20_000, output: 500 } }] },
      // The step timeout is only the backstop: the test fails if that is what stops it.
      config: (s) => ({ ...gateway(s), budget: { maxTokens: 100_000, stepTimeoutMinutes: 4 } }),
    });
    t = await newAndRun(w, 'claude', 'Loop.');
  }, 400_000);
  afterAll(async () => w?.close());

  it('is stopped at the first usage event over the limit: failed with the reason, its figure at most one model call past it', () => {
    expect(t.state, explain(t, w)).toBe('failed');
    const over = events(t, 'budget.exceeded');
    expect(over).toMatchObject([{ step: 'implement', limit: 'budget.maxTokens', max: 100_000 }]);
    const figure = (over[0] as { figure: number }).figure;
    expect(figure).toBeGreaterThan(100_000);
    expect(figure).toBeLessThanOrEqual(100_000 + 20_500); // the crossing call's own tokens, no more
    const usage = events(t, 'agent.usage');
    expect(usage.filter((e) => e.seq > over[0]!.seq).length).toBeLessThanOrEqual(1);
    expect(usage.every((e) => e.scope === 'call')).toBe(true); // never a result: it was stopped
    process.stdout.write(`\n--- looping claude: stopped at ${figure} tokens (maxTokens 100000) after ${w.server.agentRequests().length} model calls, ${usage.length} usage events\n`);
    expect(w.server.agentRequests().length).toBeLessThan(10);
    expect(events(t, 'task.state').at(-1)).toMatchObject({ state: 'failed', reason: expect.stringContaining('budget.maxTokens') });
    expect(t.processes).toEqual({});
  });
});

describe('claude (real CLI): an agent that loops forever, budget.maxCostUsd and a price for its model', () => {
  let w: World;
  let t: TaskRecord;
  beforeAll(async () => {
    w = await makeWorld({
      script: { loop: true, turns: [{ calls: [runShell('echo again')], usage: { input: 20_000, output: 500 } }] },
      // $3 per million input tokens: $0.06 a call. The step timeout is only the backstop.
      config: (s) => ({ ...gateway(s), prices: { 'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 } }, budget: { maxCostUsd: 0.25, stepTimeoutMinutes: 4 } }),
    });
    t = await newAndRun(w, 'claude', 'Loop.');
  }, 400_000);
  afterAll(async () => w?.close());

  it('is stopped with budget.maxCostUsd at the first usage event whose estimate is over it, marked estimated, no process left', () => {
    expect(t.state, explain(t, w)).toBe('failed');
    const over = events(t, 'budget.exceeded');
    expect(over).toMatchObject([{ step: 'implement', limit: 'budget.maxCostUsd', max: 0.25, estimated: true, reason: expect.stringContaining('(estimated from prices)') }]);
    const figure = (over[0] as { figure: number }).figure;
    expect(figure).toBeGreaterThan(0.25);
    expect(figure).toBeLessThanOrEqual(0.25 + 0.0675); // the crossing call's own cost (20k in, 500 out), no more
    const calls = events(t, 'agent.usage').filter((e) => e.scope === 'call');
    expect(calls.filter((e) => e.seq > over[0]!.seq).length).toBeLessThanOrEqual(1);
    const estimate = events(t, 'agent.usage').filter((e) => e.scope === 'run');
    expect(estimate).toMatchObject([{ estimated: true }]); // no result line from claude: only wtagents' estimate
    const tokens = calls.reduce((n, e) => n + ((e as { inputTokens?: number }).inputTokens ?? 0) + ((e as { outputTokens?: number }).outputTokens ?? 0), 0);
    process.stdout.write(`\n--- looping claude, maxCostUsd 0.25 at $3/$15 per MTok: stopped at ≈$${figure} (${tokens} tokens) after ${w.server.agentRequests().length} model calls, ${calls.length} usage events\n`);
    expect(w.server.agentRequests().length).toBeLessThan(10);
    expect(events(t, 'task.state').at(-1)).toMatchObject({ state: 'failed', reason: expect.stringContaining('budget.maxCostUsd') });
    expect(t.processes).toEqual({});
    // The review says the cost is an estimate.
    const review = cli(w, ['review', t.id]).stdout;
    expect(review).toMatch(/r1 +implement +claude claude-sonnet-4-5 +[\d.]+k in \/ \d+ out +≈\$0\.3\d{3} \(estimated from prices\)/);
    const logs = cli(w, ['logs', t.id]).stdout;
    process.stdout.write(`${logs.split('\n').filter((l) => /agent\.(started|usage|exited)|budget\.exceeded|task\.state/.test(l)).join('\n')}\n${review.split('\n').filter((l) => /Cost per step|r1 +implement|total|budget/.test(l)).join('\n')}\n`);
  });
});
