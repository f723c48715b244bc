// The usage rule of each CLI (USAGE_RULES) on streams recorded from the real CLIs: a first round, then a
// resumed round. Summed over both rounds, tokens and cost are the session's true totals, never counted twice.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewTraceEvent, TraceEvent } from '../../src/core/trace-schema.js';
import { createAdapter } from '../../src/runner/adapters/index.js';
import { resumeBaseline } from '../../src/runner/adapters/resume-usage.js';
import type { AdapterSummary, StreamFormat } from '../../src/runner/types.js';
import { expectValidEvents, ofType, STREAMS } from '../helpers/streams.js';

const recorded = (name: string) => readFileSync(path.join(STREAMS, 'recorded', `${name}.jsonl`), 'utf8').replace(/\n$/, '').split('\n');

/** Both rounds through fresh adapters as the supervisor runs them: round 2 gets the baseline its trace gives. */
function twoRounds(format: StreamFormat): { r1: { events: NewTraceEvent[]; summary: AdapterSummary }; r2: { events: NewTraceEvent[]; summary: AdapterSummary } } {
  const play = (lines: string[], adapter: ReturnType<typeof createAdapter>) => {
    const events = lines.flatMap((l) => adapter.line(l, 'stdout'));
    events.push(...adapter.end());
    return { events, summary: adapter.summary() };
  };
  const r1 = play(recorded(format), createAdapter(format));
  const trace = r1.events.map((e, i) => ({ v: 1, task: 't', seq: i + 1, round: 1, step: 'implement', ...e }) as TraceEvent);
  const session = r1.summary.sessionId!;
  const r2 = play(recorded(`${format}-resumed`), createAdapter(format, { resumeBaseline: resumeBaseline(trace, session, 2) }));
  expectValidEvents([...r1.events, ...r2.events]);
  return { r1, r2 };
}

const usage = (s: AdapterSummary) => s.usage;
const commands = (events: NewTraceEvent[]) => ofType(events, 'agent.command').map((c) => [c.cmd, c.exitCode]);

describe('recorded streams of the real CLIs', () => {
  it('claude: usage is the process’s, but after --resume total_cost_usd is the session’s: round 2 counts its share', () => {
    const { r1, r2 } = twoRounds('claude');
    expect(usage(r1.summary)).toEqual({ inputTokens: 51971, outputTokens: 177, costUsd: 0.211424 });
    expect(usage(r2.summary)).toEqual({ inputTokens: 42110, outputTokens: 117, costUsd: 0.17078 });
    // The session's own totals (its last modelUsage): 94081 in, 294 out, $0.382204.
    expect(r1.summary.usage.inputTokens + r2.summary.usage.inputTokens).toBe(94081);
    expect(r1.summary.usage.costUsd! + r2.summary.usage.costUsd!).toBeCloseTo(0.382204, 9);
    expect(r1.summary).toMatchObject({ sessionId: '85005103-3cd6-4bc3-88f5-7d2efa1c88b4', model: 'claude-opus-5-5' });
    expect(commands(r1.events)).toEqual([
      ["test -f stub.txt && git add stub.txt && git commit -qm 'Add stub.txt' && echo committed-stub", 0],
      ['ls no-such-file-here', 2],
    ]);
    expect(ofType([...r1.events, ...r2.events], 'agent.denied')).toEqual([]);
  });

  it('codex: turn.completed is the session’s running total: round 2 counts 146642 − 81276', () => {
    const { r1, r2 } = twoRounds('codex');
    expect(usage(r1.summary)).toEqual({ inputTokens: 81276, outputTokens: 177 });
    expect(usage(r2.summary)).toEqual({ inputTokens: 146642 - 81276, outputTokens: 294 - 177 });
    expect(ofType(r2.events, 'agent.usage')).toMatchObject([{ scope: 'run', inputTokens: 65366, outputTokens: 117 }]);
    expect(r2.summary.sessionId).toBe(r1.summary.sessionId);
    expect(commands(r1.events)).toEqual([
      ['/bin/bash -lc "test -f stub.txt && git add stub.txt && git commit -qm \'Add stub.txt\' && echo committed-stub"', 0],
      ["/bin/bash -lc 'ls no-such-file-here'", 2],
    ]);
  });

  it('gemini: a run total per process (round 2 is not cumulative); the model from stats.models; shell exit codes unknown, never 0', () => {
    const { r1, r2 } = twoRounds('gemini');
    expect(usage(r1.summary)).toEqual({ inputTokens: 52556, outputTokens: 208 });
    expect(usage(r2.summary)).toEqual({ inputTokens: 44853, outputTokens: 148 });
    expect(r1.summary.model).toBe('gemini-3.8-flash');
    expect(ofType(r1.events, 'agent.session').map((e) => e.model)).toEqual([undefined, 'gemini-3.8-flash']);
    expect(commands(r1.events)).toEqual([
      ["test -f stub.txt && git add stub.txt && git commit -qm 'Add stub.txt' && echo committed-stub", null],
      ['ls no-such-file-here', null],
    ]);
  });

  it('opencode: per step, the steps add up; round 2 is its own steps', () => {
    const { r1, r2 } = twoRounds('opencode');
    expect(ofType(r1.events, 'agent.usage').map((e) => e.scope)).toEqual(['step', 'step', 'step', 'step']);
    expect(usage(r1.summary)).toEqual({ inputTokens: 8228 + 8323 + 8413 + 8497, outputTokens: 25 + 35 + 17 + 100, costUsd: 0 });
    expect(usage(r2.summary)).toEqual({ inputTokens: 9267 + 9364 + 9450, outputTokens: 27 + 31 + 59, costUsd: 0 });
  });
});
