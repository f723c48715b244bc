// Recorded real-CLI streams replayed through the supervisor, a first round then a resumed request-changes round:
// task.json and the review count the session's true totals (codex's running totals and Claude's restored cost
// counted once), and the gemini model is the one that did the work.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, tempDir } from '../helpers/repo.js';
import { fixture, newTask, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';

const THREAD = '01a21fa8-f56c-73a3-9484-1285b924786d';

async function twoRounds(format: string, env?: NodeJS.ProcessEnv) {
  const repo = makeRepo();
  const t = newTask(repo, [`Replay ${format}`, '--agent-command', fixture('replay.sh', format), '--format', format, '--run'], env);
  expect((await waitSettled(t.taskDir)).state).toBe('done');
  expect(runCli(['run', t.id, '--feedback', 'add round2.txt'], { cwd: repo, ...(env ? { env } : {}) }).code).toBe(0);
  await waitFor('round 2 to end', () => {
    const r = readRecord(t.taskDir);
    return r.round === 2 && r.state === 'done' && !r.processes.supervisor;
  });
  const plans = traceEvents(t.taskDir).filter((e) => e.type === 'agent.started' && e.round === 2);
  expect(plans).toHaveLength(1);
  return { repo, t, record: readRecord(t.taskDir), review: runJson<{ usage: { inputTokens: number; outputTokens: number; costUsd?: number } }>(['review', t.id], { cwd: repo }) };
}

describe('recorded streams through two rounds', () => {
  it('codex: 146642 in / 294 out for the session, not 227918 / 471; its model from its session file', async () => {
    const home = tempDir('codex-home-');
    const day = path.join(home, 'sessions', '2026', '11', '28');
    mkdirSync(day, { recursive: true });
    writeFileSync(path.join(day, `rollout-2026-11-28T01-00-00-${THREAD}.jsonl`), `${JSON.stringify({ type: 'turn_context', payload: { model: 'gpt-6.2-sol' } })}\n`);
    const { t, record, review } = await twoRounds('codex', { CODEX_HOME: home });
    expect(traceEvents(t.taskDir).filter((e) => e.type === 'agent.session').map((e) => [e.round, (e as { model?: string }).model])).toEqual([
      [1, undefined],
      [1, 'gpt-6.2-sol'],
      [2, undefined],
      [2, 'gpt-6.2-sol'],
    ]);
    expect(record.sessionId).toBe(THREAD);
    expect(record.usage).toEqual({ inputTokens: 146642, outputTokens: 294 });
    expect(review.usage).toEqual({ inputTokens: 146642, outputTokens: 294 });
  }, 180_000);

  it('claude: 94081 in / 294 out and $0.382204 for the session, not $0.593628', async () => {
    const { record, review } = await twoRounds('claude');
    expect(record.usage).toMatchObject({ inputTokens: 94081, outputTokens: 294 });
    expect(record.usage!.costUsd).toBeCloseTo(0.382204, 9);
    expect(review.usage.costUsd).toBeCloseTo(0.382204, 9);
  }, 180_000);

  it('gemini: the model in the trace is the one in its stats, and failed shell commands have no exit code', async () => {
    const { repo, t } = await twoRounds('gemini');
    const sessions = traceEvents(t.taskDir).filter((e) => e.type === 'agent.session');
    expect(sessions.map((e) => (e as { model?: string }).model)).toContain('gemini-3.8-flash');
    expect(runCli(['logs', t.id], { cwd: repo }).stdout).toMatch(/agent\.command\s+\$ ls no-such-file-here \(completed\)/);
  }, 180_000);
});
