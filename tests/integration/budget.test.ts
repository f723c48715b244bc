// Budgets: a run's cost and tokens are summed live from agent.usage across its steps; crossing a limit is
// traced as budget.exceeded (within one usage event), the task fails with the reason and keeps its work,
// no later step starts, and the review shows cost per step and model against the budget.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellJoin } from '../../src/core/shell-quote.js';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, writeFiles } from '../helpers/repo.js';
import { FIXTURES, newTask, readRecord, traceEvents, waitSettled } from '../helpers/run.js';

const SPENDER = shellJoin(['bash', path.join(FIXTURES, 'spender.sh')]);
const CALLER = shellJoin(['bash', path.join(FIXTURES, 'caller.sh')]);

describe('budgets', () => {
  it('new --budget-usd: the run fails at the first usage event over the limit, and no later step starts', async () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ workflow: ['implement', 'review'] }) });
    const t = newTask(repo, ['Spend', '--agent-command', SPENDER, '--format', 'claude', '--budget-usd', '0.25', '--max-minutes', '30']);
    expect(readRecord(t.taskDir).budget).toEqual({ maxCostUsd: 0.25, maxMinutes: 30 });
    expect(runCli(['run', t.id], { cwd: repo }).code).toBe(0);
    const done = await waitSettled(t.taskDir);
    const events = traceEvents(t.taskDir);
    const over = events.filter((e) => e.type === 'budget.exceeded');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ step: 'implement', limit: 'budget.maxCostUsd', figure: 0.3, max: 0.25 });
    // The crossing figure is the first usage event over the limit (the third, $0.30), however the lines arrived.
    expect(events.filter((e) => e.type === 'agent.started').map((e) => e.step)).toEqual(['implement']);
    // A claude-format step under maxCostUsd with no price is told its cost is checked only at its end.
    expect(events.find((e) => e.type === 'agent.output' && e.text.includes('budget.maxCostUsd: claude reports its cost only when it ends'))).toMatchObject({ step: 'implement', stream: 'stderr' });
    expect(done.state).toBe('failed');
    expect(events.at(-1)).toMatchObject({ state: 'failed', reason: expect.stringContaining('implement: cost $0.3000 went over the budget of $0.25 (budget.maxCostUsd)') });
    // The review shows it: cost per step and model, the total against the budget, a budget risk flag.
    const text = runCli(['review', t.id], { cwd: repo }).stdout;
    expect(text).toContain('Cost per step:');
    expect(text).toMatch(/r1 +implement +command +\d\.0k in \/ 0 out +\$0\.[345]000/);
    expect(text).toMatch(/budget \(a run; round 1\): \$0\.[345]0 of \$0\.25 \(\d+%\)/);
    const ev = runJson<{ risks: { kind: string }[] }>(['review', t.id], { cwd: repo });
    expect(ev.risks.map((r) => r.kind)).toContain('budget');
  });

  it('maxCostUsd stops an agent that spends forever, through the step watchdog, within one usage event of the limit', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Spend forever', '--agent-command', `COUNT=forever ${SPENDER}`, '--format', 'claude', '--budget-usd', '0.25', '--run']);
    const done = await waitSettled(t.taskDir, ['failed'], 120_000);
    const events = traceEvents(t.taskDir);
    const over = events.filter((e) => e.type === 'budget.exceeded');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ limit: 'budget.maxCostUsd', figure: 0.3, max: 0.25 });
    // The agent was killed (by a signal) right after the crossing event: at most one more usage line got in.
    expect(events.filter((e) => e.type === 'agent.usage' && e.seq > over[0]!.seq).length).toBeLessThanOrEqual(1);
    expect(events.find((e) => e.type === 'agent.exited')).toMatchObject({ signal: expect.stringMatching(/^SIG/) });
    expect(done.processes).toEqual({});
  });

  it('maxCostUsd with a price: a claude-format agent reporting only per-call tokens (no cost ever) is stopped within one usage event, the estimate marked', async () => {
    const repo = makeRepo();
    // 100k input (80k cache reads) + 1k output a call: $0.06 + $0.024 + $0.015 = $0.099; over $0.25 at the third call.
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ prices: { 'priced-model': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3 } } }) });
    const t = newTask(repo, ['Call forever', '--agent-command', CALLER, '--format', 'claude', '--budget-usd', '0.25', '--run']);
    const done = await waitSettled(t.taskDir, ['failed'], 120_000);
    const events = traceEvents(t.taskDir);
    const over = events.filter((e) => e.type === 'budget.exceeded');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ step: 'implement', limit: 'budget.maxCostUsd', figure: 0.297, max: 0.25, estimated: true, reason: expect.stringContaining('cost ≈$0.2970 (estimated from prices) went over the budget of $0.25') });
    const calls = events.filter((e) => e.type === 'agent.usage' && e.scope === 'call');
    expect(calls.filter((e) => e.seq < over[0]!.seq)).toHaveLength(3); // the crossing event is the third call
    expect(calls.filter((e) => e.seq > over[0]!.seq).length).toBeLessThanOrEqual(1);
    expect(events.find((e) => e.type === 'agent.exited')).toMatchObject({ signal: expect.stringMatching(/^SIG/) });
    expect(done.state).toBe('failed');
    expect(done.processes).toEqual({});
    // The estimate is traced once, marked, after the agent ended; the review shows it as such.
    expect(events.some((e) => e.type === 'agent.output' && e.text.includes('no price'))).toBe(false); // it has one
    const estimates = events.filter((e) => e.type === 'agent.usage' && e.scope === 'run');
    expect(estimates).toHaveLength(1);
    expect(estimates[0]).toMatchObject({ estimated: true, inputTokens: calls.length * 100_000, cachedTokens: calls.length * 80_000 });
    const text = runCli(['review', t.id], { cwd: repo }).stdout;
    expect(text).toMatch(/r1 +implement +command priced-model +[\d.]+k in \/ [\d.]+k? out +≈\$0\.[23]\d{3} \(estimated from prices\)/);
    expect(text).toMatch(/budget \(a run; round 1\): ≈\$0\.[23]\d of \$0\.25/);
  });

  it('config budget.maxTokens holds every run of the repository; a bad --budget-usd is a usage error', async () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ budget: { maxTokens: 2500 } }) });
    const t = newTask(repo, ['Spend tokens', '--agent-command', SPENDER, '--format', 'claude', '--run']);
    await waitSettled(t.taskDir);
    expect(traceEvents(t.taskDir).find((e) => e.type === 'budget.exceeded')).toMatchObject({ limit: 'budget.maxTokens', figure: 3000, max: 2500 });
    const bad = runCli(['new', 'x', '--budget-usd', 'lots'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--budget-usd must be a positive number (got "lots")');
  });
});

describe('checks timeout', () => {
  it('budget.checkTimeoutSeconds kills a check that hangs (its process group), records it failed "timed out after 1s", traced; the next check still runs', async () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ budget: { checkTimeoutSeconds: 1 }, checks: ['sleep 1000', 'true'] }) });
    const t = newTask(repo, ['Hang the checks', '--agent-command', 'true', '--run']);
    const done = await waitSettled(t.taskDir, ['done', 'failed'], 120_000);
    expect(done.state).toBe('failed');
    const events = traceEvents(t.taskDir);
    const finished = events.filter((e) => e.type === 'check.finished');
    expect(finished.map((e) => [e.cmd, e.exitCode === 0, e.timedOutSeconds])).toEqual([
      ['sleep 1000', false, 1],
      ['true', true, undefined],
    ]);
    expect(finished[0]!.logTail).toContain('timed out after 1s (budget.checkTimeoutSeconds)');
    expect(events.find((e) => e.type === 'budget.exceeded')).toMatchObject({ step: 'check', limit: 'budget.checkTimeoutSeconds', max: 1 });
    // Nothing of the check is left running in the worktree.
    expect(processesIn(done.worktree)).toEqual([]);
    const text = runCli(['review', t.id], { cwd: repo }).stdout;
    expect(text).toMatch(/FAIL +sleep 1000 +timed out after 1s/);
  }, 150_000);
});

/** Live processes whose working directory is `dir` (from /proc). */
function processesIn(dir: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) === dir) out.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}
