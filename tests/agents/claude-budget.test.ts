// The real claude CLI under the run's limits, against the scripted model server: a claude whose model never
// answers (the server hangs the request) is stopped by budget.stepTimeoutMinutes; a claude whose model asks for
// tool calls forever is stopped by budget.maxTokens within one model call of the limit (claude's tokens arrive
// live, one usage event per model call; its cost only with the result at the end of the process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { events, explain, gatewayUrl, KEY_ENV, makeWorld, newAndRun, type World } from './harness.js';
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
