// Tokens and cost move while a run runs: the supervisor sums the agent's usage events (sumUsage) and writes
// them to task.json during the run, so the dashboard's row (which shows task.json's usage) is live.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, tempDir } from '../helpers/repo.js';
import { newTask, readRecord, waitFor, waitSettled } from '../helpers/run.js';

describe('live usage', () => {
  it('task.json holds the usage reported so far while the agent still runs, and the same total at the end', async () => {
    const repo = makeRepo();
    // The agent waits for a gate file in this test's temp dir: outside a sandbox (its /tmp is a private one).
    mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
    writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ sandbox: 'none' }));
    const gate = path.join(tempDir('gate-'), 'go');
    const result = JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: 'so far', session_id: 's-live', usage: { input_tokens: 1200, output_tokens: 300 }, total_cost_usd: 0.5 });
    const agent = `cat > /dev/null; printf '%s\\n' '${result}'; while [ ! -e '${gate}' ]; do sleep 0.1; done`;
    const t = newTask(repo, ['Live usage', '--agent-command', agent, '--format', 'claude', '--run']);
    const during = await waitFor('usage in task.json while running', () => {
      const r = readRecord(t.taskDir);
      return r.state === 'running' && r.usage ? r : null;
    });
    expect(during.usage).toEqual({ inputTokens: 1200, outputTokens: 300, costUsd: 0.5 });
    writeFileSync(gate, '');
    const end = await waitSettled(t.taskDir);
    expect(end.state).toBe('done');
    expect(end.usage).toEqual({ inputTokens: 1200, outputTokens: 300, costUsd: 0.5 });
  });
});
