// The usage rule of each CLI (USAGE_RULES, src/runner/adapters/usage.ts) on its streams: codex's session
// running totals after a resume are not double counted; claude/gemini run totals; opencode steps add up.
// Gemini: the real model from result.stats.models (init says "auto"); shell results have no exit code.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { createAdapter } from '../../src/runner/adapters/index.js';
import { resumeBaseline, shareOf } from '../../src/runner/adapters/resume-usage.js';
import { USAGE_RULES } from '../../src/runner/adapters/usage.js';
import { expectValidEvents, feed, ofType } from '../helpers/streams.js';

const j = (o: object) => JSON.stringify(o);

/** One codex exec process: a thread, one turn that runs a command, a message, and the turn's usage as codex reports it. */
const codexRun = (thread: string, usage: { input: number; cached: number; output: number }) => [
  j({ type: 'thread.started', thread_id: thread }),
  j({ type: 'turn.started' }),
  j({ type: 'item.completed', item: { id: 'item_0', type: 'agent_message', text: 'done' } }),
  j({ type: 'turn.completed', usage: { input_tokens: usage.input, cached_input_tokens: usage.cached, output_tokens: usage.output } }),
];

function run(format: 'codex', lines: string[], baseline?: Parameters<typeof createAdapter>[1]) {
  const a = createAdapter(format, baseline);
  const events = lines.flatMap((l) => a.line(l, 'stdout'));
  events.push(...a.end());
  return { events, summary: a.summary() };
}

describe('codex: turn.completed is the session running total', () => {
  it('round 1 counts what it reports; a resumed round counts only its share of the total', () => {
    const r1 = run('codex', codexRun('T', { input: 1000, cached: 400, output: 50 }));
    expect(r1.summary.usage).toEqual({ inputTokens: 1000, outputTokens: 50 });
    const baseline = { sessionId: 'T', usage: { inputTokens: 1000, outputTokens: 50, cachedTokens: 400 } };
    const r2 = run('codex', codexRun('T', { input: 2600, cached: 1900, output: 90 }), { resumeBaseline: baseline });
    expectValidEvents(r2.events);
    expect(ofType(r2.events, 'agent.usage')).toMatchObject([{ scope: 'run', inputTokens: 1600, outputTokens: 40, cachedTokens: 1500 }]);
    expect(r2.summary.usage).toEqual({ inputTokens: 1600, outputTokens: 40 });
    // Rounds 1 + 2 = the session's total, not 1000 + 2600.
    expect(r1.summary.usage.inputTokens + r2.summary.usage.inputTokens).toBe(2600);
  });

  it('another thread, or a total below the baseline, is not that running total: kept whole', () => {
    const baseline = { sessionId: 'T', usage: { inputTokens: 1000, outputTokens: 50, cachedTokens: 400 } };
    expect(run('codex', codexRun('OTHER', { input: 2600, cached: 0, output: 90 }), { resumeBaseline: baseline }).summary.usage).toEqual({ inputTokens: 2600, outputTokens: 90 });
    expect(shareOf({ inputTokens: 900, outputTokens: 60 }, baseline.usage)).toEqual({ inputTokens: 900, outputTokens: 60 });
    expect(shareOf({ inputTokens: 900 }, undefined)).toEqual({ inputTokens: 900 });
  });

  it("the baseline is the session's earlier rounds in the trace: last run report per step, that session only", () => {
    let seq = 0;
    const ev = (round: number, step: string, e: object) => ({ v: 1, ts: 't', task: 'x', seq: ++seq, round, step, ...e }) as TraceEvent;
    const events: TraceEvent[] = [
      ev(1, 'implement', { type: 'agent.session', sessionId: 'T' }),
      ev(1, 'implement', { type: 'agent.usage', scope: 'run', inputTokens: 500, outputTokens: 20, cachedTokens: 100 }),
      ev(1, 'implement', { type: 'agent.usage', scope: 'run', inputTokens: 1000, outputTokens: 50, cachedTokens: 400 }),
      ev(1, 'review', { type: 'agent.session', sessionId: 'R' }),
      ev(1, 'review', { type: 'agent.usage', scope: 'run', inputTokens: 7000, outputTokens: 70 }),
      ev(2, 'implement', { type: 'agent.session', sessionId: 'T' }),
      ev(2, 'implement', { type: 'agent.usage', scope: 'run', inputTokens: 1600, outputTokens: 40, cachedTokens: 1500 }),
    ];
    expect(resumeBaseline(events, 'T', 2)).toEqual({ sessionId: 'T', usage: { inputTokens: 1000, outputTokens: 50, cachedTokens: 400 } });
    expect(resumeBaseline(events, 'T', 3)).toEqual({ sessionId: 'T', usage: { inputTokens: 2600, outputTokens: 90, cachedTokens: 1900 } });
    expect(resumeBaseline(events, 'NONE', 3)).toBeNull();
  });
});

describe('the other CLIs', () => {
  it('every JSON CLI records usage in the scope its rule says', () => {
    const claude = feed('claude', [j({ type: 'result', subtype: 'success', usage: { input_tokens: 5, output_tokens: 2 }, total_cost_usd: 0.004, result: 'ok' })]);
    expect(ofType(claude.events, 'agent.usage').map((e) => e.scope)).toEqual([USAGE_RULES.claude]);
    expect(claude.summary.usage).toEqual({ inputTokens: 5, outputTokens: 2, costUsd: 0.004 });
    const opencode = feed('opencode', [
      j({ type: 'step_finish', sessionID: 'o', part: { tokens: { input: 10, output: 1 }, cost: 0.001 } }),
      j({ type: 'step_finish', sessionID: 'o', part: { tokens: { input: 20, output: 2 }, cost: 0.002 } }),
    ]);
    expect(ofType(opencode.events, 'agent.usage').map((e) => e.scope)).toEqual([USAGE_RULES.opencode, USAGE_RULES.opencode]);
    expect(opencode.summary.usage).toEqual({ inputTokens: 30, outputTokens: 3, costUsd: 0.003 });
  });

  it('gemini: run total; the real model from stats.models (init "auto" is no model); a shell result has no exit code', () => {
    const { events, summary } = feed('gemini', [
      j({ type: 'init', session_id: 'g-1', model: 'auto' }),
      j({ type: 'tool_use', tool_name: 'run_shell_command', tool_id: 'c1', parameters: { command: 'false' } }),
      j({ type: 'tool_result', tool_id: 'c1', status: 'success', output: '' }),
      j({ type: 'tool_use', tool_name: 'run_shell_command', tool_id: 'c2', parameters: { command: 'exit 3' } }),
      j({ type: 'tool_result', tool_id: 'c2', status: 'success', output: 'Exit Code: 3' }),
      j({
        type: 'result',
        status: 'success',
        stats: { total_tokens: 130, input_tokens: 100, output_tokens: 30, cached: 0, input: 100, models: { 'gemini-2.5-flash-lite': { total_tokens: 20 }, 'gemini-2.5-flash': { total_tokens: 110 } } },
      }),
    ]);
    expectValidEvents(events);
    expect(ofType(events, 'agent.session')).toMatchObject([{ sessionId: 'g-1' }, { sessionId: 'g-1', model: 'gemini-2.5-flash' }]);
    expect(ofType(events, 'agent.session')[0]!.model).toBeUndefined();
    expect(ofType(events, 'agent.command').map((c) => [c.cmd, c.exitCode, c.status])).toEqual([
      ['false', null, 'completed'],
      ['exit 3', 3, 'failed'],
    ]);
    expect(ofType(events, 'agent.usage').map((e) => e.scope)).toEqual([USAGE_RULES.gemini]);
    expect(summary).toMatchObject({ model: 'gemini-2.5-flash', usage: { inputTokens: 100, outputTokens: 30 } });
  });
});
