// A run whose agent makes no progress ends `failed` with the reason (never `running` forever): the idle
// limit from config stops the whole agent group, the trace says why, and list/logs/review show it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { fixture, newTask, psAlive, psGroup, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';

function writeConfig(repo: string, config: object): void {
  mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
  writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify(config));
}

describe('the idle watchdog', () => {
  it('stops a silent agent after agentIdleTimeoutMinutes: failed with the reason, group gone, checks still run', async () => {
    const repo = makeRepo();
    writeConfig(repo, { agentIdleTimeoutMinutes: 0.01, checks: ['true'], sandbox: 'none' }); // host pids, written outside the worktree
    const pids = path.join(repo, '..', 'pids');
    const t = newTask(repo, ['Silent', '--agent-command', fixture('sleeper.sh', pids), '--run']);
    const text = await waitFor('the sleeper to write its pids', () => existsSync(pids) && readFileSync(pids, 'utf8').trim().includes(' ') && readFileSync(pids, 'utf8'));
    const [agentShell, child] = text.trim().split(' ').map(Number) as [number, number];
    const rec = await waitSettled(t.taskDir, ['done', 'failed', 'stopped'], 120_000);
    expect(rec.state).toBe('failed');
    expect(psAlive(child)).toBe(false);
    expect(psAlive(agentShell)).toBe(false);

    const events = traceEvents(t.taskDir);
    const trip = events.find((e) => e.type === 'budget.exceeded');
    expect(trip).toMatchObject({ step: 'implement', limit: 'agentIdleTimeoutMinutes', max: 0.01, reason: expect.stringMatching(/^no output for .* \(agentIdleTimeoutMinutes 0\.01\): agent stopped$/) });
    const order = events.map((e) => e.type);
    expect(order.indexOf('budget.exceeded')).toBeLessThan(order.indexOf('agent.exited'));
    expect(events.find((e) => e.type === 'agent.exited')).toMatchObject({ signal: 'SIGTERM' });
    expect(events.some((e) => e.type === 'check.finished')).toBe(true);
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'task.state', state: 'failed', reason: expect.stringMatching(/^implement: no output for .*agentIdleTimeoutMinutes 0\.01/) });

    expect(runCli(['list'], { cwd: repo }).stdout).toMatch(/\nsilent\s+failed\s/);
    const logs = runCli(['logs', t.id], { cwd: repo }).stdout;
    expect(logs).toMatch(/budget\.exceeded\s+◷ no output for .*agentIdleTimeoutMinutes 0\.01/);
    expect(logs).toMatch(/task\.state\s+→ failed · implement: no output for/);
    const review = runJson<{ risks: { kind: string; detail: string }[] }>(['review', t.id], { cwd: repo });
    expect(review.risks).toContainEqual({ kind: 'budget', detail: expect.stringMatching(/^agentIdleTimeoutMinutes: no output for .* agent stopped$/) });
    const agent = rec.lastExit;
    expect(agent?.signal).toBe('SIGTERM');
    expect(psGroup(agentShell)).toEqual([]);
  }, 180_000);

  it('budget.stepTimeoutMinutes stops an agent that keeps printing: failed with that reason', async () => {
    const repo = makeRepo();
    writeConfig(repo, { budget: { stepTimeoutMinutes: 0.02 } });
    const t = newTask(repo, ['Endless', '--agent-command', fixture('ticker.sh', '600', '0.1'), '--run']);
    const rec = await waitSettled(t.taskDir, ['done', 'failed', 'stopped'], 120_000);
    expect(rec.state).toBe('failed');
    const events = traceEvents(t.taskDir);
    expect(events.find((e) => e.type === 'budget.exceeded')).toMatchObject({ limit: 'budget.stepTimeoutMinutes', max: 0.02 });
    expect(events.filter((e) => e.type === 'agent.output').length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ type: 'task.state', state: 'failed', reason: expect.stringMatching(/^implement: step ran .*past its limit \(budget\.stepTimeoutMinutes 0\.02\): agent stopped$/) });
  }, 180_000);

  it('budget.stepTimeoutMinutes stops a silent agent (the idle limit off): failed with that reason, its group gone', async () => {
    const repo = makeRepo();
    writeConfig(repo, { agentIdleTimeoutMinutes: 0, budget: { stepTimeoutMinutes: 0.02 }, sandbox: 'none' }); // host pids, written outside the worktree
    const pids = path.join(repo, '..', 'pids');
    const t = newTask(repo, ['Silent step', '--agent-command', fixture('sleeper.sh', pids), '--run']);
    const text = await waitFor('the sleeper to write its pids', () => existsSync(pids) && readFileSync(pids, 'utf8').trim().includes(' ') && readFileSync(pids, 'utf8'));
    const [agentShell, child] = text.trim().split(' ').map(Number) as [number, number];
    const rec = await waitSettled(t.taskDir, ['done', 'failed', 'stopped'], 60_000);
    expect(rec.state).toBe('failed');
    const events = traceEvents(t.taskDir);
    expect(events.filter((e) => e.type === 'budget.exceeded')).toMatchObject([{ step: 'implement', limit: 'budget.stepTimeoutMinutes', max: 0.02 }]);
    expect(events.filter((e) => e.type === 'agent.output').map((e) => e.text)).toEqual(['sleeping']); // then silent
    expect(events.at(-1)).toMatchObject({ type: 'task.state', state: 'failed', reason: expect.stringMatching(/^implement: step ran .*past its limit \(budget\.stepTimeoutMinutes 0\.02\): agent stopped$/) });
    expect(psAlive(child)).toBe(false);
    expect(psGroup(agentShell)).toEqual([]);
  }, 90_000);

  it('an agent that keeps printing is not stopped by the idle limit', async () => {
    const repo = makeRepo();
    writeConfig(repo, { agentIdleTimeoutMinutes: 0.2 });
    const t = newTask(repo, ['Ticking', '--agent-command', fixture('ticker.sh', '20', '0.25'), '--run']);
    const rec = await waitSettled(t.taskDir, ['done', 'failed', 'stopped'], 120_000);
    expect(rec.state).toBe('done');
    expect(traceEvents(t.taskDir).some((e) => e.type === 'budget.exceeded')).toBe(false);
    expect(readRecord(t.taskDir).processes).toEqual({});
  }, 180_000);
});
