import { describe, expect, it } from 'vitest';
import { clockTime, formatEvent, summarize } from '../../src/core/trace-format.js';
import { oneLine, stripControl } from '../../src/core/strip-control.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';

const ts = '2026-03-04T05:06:07.000Z';
const base = { v: 1 as const, ts, task: 't', seq: 1, round: 2 };
const ev = (e: object) => ({ ...base, ...e }) as TraceEvent;

describe('trace formatting', () => {
  it('lays out time, round, step and type', () => {
    const d = new Date(ts);
    const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
    expect(clockTime(ts)).toBe(time);
    expect(clockTime('nonsense')).toBe('--:--:--');
    expect(formatEvent(ev({ step: 'implement', type: 'agent.output', text: 'hi' }))).toBe(`${time} r2 implement agent.output     hi`);
    expect(formatEvent(ev({ type: 'task.state', state: 'done' }))).toBe(`${time} r2           task.state       → done`);
  });

  it('summarizes each event type in one line', () => {
    const cases: Array<[object, string]> = [
      [{ type: 'agent.started', agent: 'claude', pid: 42, command: ['claude', '-p'] }, 'claude pid 42: claude -p'],
      [{ type: 'agent.session', sessionId: 's-1', model: 'm' }, 'session s-1 (m)'],
      [{ type: 'agent.message', text: 'line one\nline two' }, 'line one ⏎ line two'],
      [{ type: 'agent.tool', name: 'Edit', input: { file_path: 'a.ts' }, status: 'ok' }, 'Edit {"file_path":"a.ts"} [ok]'],
      [{ type: 'agent.command', cmd: 'npm test', exitCode: 1 }, '$ npm test → exit 1'],
      [{ type: 'agent.file_edit', paths: ['a', 'b'] }, 'a, b'],
      [{ type: 'agent.usage', inputTokens: 12_300, outputTokens: 950, costUsd: 0.0123, scope: 'run' }, '12k in, 950 out, $0.0123 (run)'],
      [{ type: 'agent.output', text: 'boom', stream: 'stderr' }, '! boom'],
      [{ type: 'agent.exited', code: null, signal: 'SIGTERM', durationMs: 61_000 }, 'exit - (SIGTERM) after 1m01s'],
      [{ type: 'check.finished', cmd: 'npm test', exitCode: 2, durationMs: 1500 }, 'FAILED npm test → exit 2 in 1.5s'],
      [{ type: 'review.decision', decision: 'merge' }, 'merge'],
      [{ type: 'task.state', state: 'failed', reason: 'agent exited 1' }, '→ failed (agent exited 1)'],
    ];
    for (const [e, text] of cases) expect(summarize(ev(e))).toBe(text);
  });

  it('strips terminal control sequences from agent text', () => {
    expect(stripControl('\u001b[1;31mred\u001b[0m \u001b]0;title\u0007ok\u0008\r')).toBe('red ok');
    expect(stripControl('keep\ttabs\nand lines')).toBe('keep\ttabs\nand lines');
    expect(oneLine('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(summarize(ev({ type: 'agent.output', text: '\u001b[2J\u001b[Hcleared' }))).toBe('cleared');
  });
});
