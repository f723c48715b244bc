// The real claude CLI under the run's limits, against the scripted model server: a claude whose model never
// answers (the server hangs the request) is stopped by budget.stepTimeoutMinutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { events, explain, gatewayUrl, KEY_ENV, makeWorld, newAndRun, type World } from './harness.js';

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
