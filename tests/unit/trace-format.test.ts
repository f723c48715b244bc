// Trace events → one display row each: glyph, tone and text per event type.
import { describe, expect, it } from 'vitest';
import { formatCost } from '../../src/core/format.js';
import { formatLogLine, formatTraceEvent, ROW_TEXT_MAX, toolTarget } from '../../src/core/trace-format.js';
import { TraceEvent, type NewTraceEvent } from '../../src/core/trace-schema.js';

const ev = (e: NewTraceEvent) => TraceEvent.parse({ v: 1, ts: '2026-01-02T03:04:05.000Z', task: 't', seq: 7, round: 1, ...e });
const row = (e: NewTraceEvent) => formatTraceEvent(ev(e));

describe('formatTraceEvent', () => {
  it('formats each event type on one row', () => {
    expect(row({ type: 'agent.message', text: 'Done.\nAll tests pass.' })).toMatchObject({ glyph: '»', tone: 'normal', text: 'Done. All tests pass.', seq: 7 });
    expect(row({ type: 'agent.tool', name: 'Edit', input: { file_path: 'src/a.ts' } }).text).toBe('Edit src/a.ts');
    expect(row({ type: 'agent.tool', name: 'Bash', input: { command: 'ls -la' }, status: 'error' })).toMatchObject({ tone: 'error', text: 'Bash ls -la (failed)' });
    expect(row({ type: 'agent.tool', name: 'Read', target: 'src/a.ts', status: 'started' })).toMatchObject({ glyph: '⚙', text: 'Read src/a.ts' });
    expect(row({ type: 'agent.tool', name: 'Read', target: 'src/a.ts', status: 'completed', result: 'x' })).toMatchObject({ glyph: '↳', tone: 'dim', text: 'Read src/a.ts · done' });
    expect(row({ type: 'agent.command', cmd: 'npm test', exitCode: 0 })).toMatchObject({ tone: 'normal', text: 'npm test → exit 0' });
    expect(row({ type: 'agent.command', cmd: 'npm test', exitCode: 2 })).toMatchObject({ tone: 'error', text: 'npm test → exit 2' });
    expect(row({ type: 'agent.command', cmd: 'ls x', exitCode: 2, output: "Exit code 2\nls: cannot access 'x': No such file or directory\n" }).text).toBe("ls x → exit 2 · ls: cannot access 'x': No such file or directory");
    expect(row({ type: 'agent.command', cmd: 'true', exitCode: 0, output: 'fine\n' }).text).toBe('true → exit 0');
    expect(row({ type: 'agent.command', cmd: 'ls x', exitCode: null, status: 'completed', output: "ls: cannot access 'x': No such file or directory" }).text).toBe("ls x (completed) · ls: cannot access 'x': No such file or directory");
    expect(row({ type: 'agent.command', cmd: 'make', exitCode: null, status: 'in_progress' }).text).toBe('make (in_progress)');
    expect(row({ type: 'agent.error', message: 'boom' })).toMatchObject({ glyph: '✗', tone: 'error', text: 'boom' });
    expect(row({ type: 'agent.exited', code: 1, signal: null, durationMs: 65_000 })).toMatchObject({ tone: 'error', text: 'agent exited with code 1 after 1m05s' });
    expect(row({ type: 'agent.exited', code: 0, durationMs: 900 }).tone).toBe('ok');
    expect(row({ type: 'check.finished', cmd: 'npm test', exitCode: 1, durationMs: 1200 })).toMatchObject({ glyph: '✗', tone: 'error', text: 'check npm test failed (exit 1) in 1.2s' });
    expect(row({ type: 'agent.usage', inputTokens: 12_300, outputTokens: 400, costUsd: 0.0123, scope: 'run' }).text).toBe('12k in · 400 out · $0.01 (run)');
    expect(row({ type: 'agent.usage', inputTokens: 100_000, outputTokens: 5, costUsd: 0.3001, estimated: true, scope: 'run' }).text).toBe('100k in · 5 out · ≈$0.30 (estimated from prices) (run)');
    expect(row({ type: 'agent.file_edit', paths: ['a.ts', 'b.ts'] }).text).toBe('a.ts, b.ts');
    expect(row({ type: 'agent.output', text: 'warn', stream: 'stderr' }).tone).toBe('warn');
    expect(row({ type: 'task.state', state: 'failed', reason: 'checks failed' })).toMatchObject({ tone: 'error', text: 'failed · checks failed' });
    expect(row({ type: 'agent.started', agent: 'claude', model: 'haiku' }).text).toBe('agent claude started (haiku)');
    expect(row({ type: 'agent.denied', tool: 'Bash', input: { command: 'git commit -m x' }, reason: 'requires approval' })).toMatchObject({ glyph: '⊘', tone: 'warn', text: 'denied: Bash git commit -m x · requires approval' });
    expect(row({ type: 'budget.exceeded', limit: 'agentIdleTimeoutMinutes', figure: 10, max: 10, reason: 'no output for 10m00s (agentIdleTimeoutMinutes 10): agent stopped' })).toMatchObject({ tone: 'error', text: 'no output for 10m00s (agentIdleTimeoutMinutes 10): agent stopped' });
  });

  it('never shows a sub-cent cost as $0.00', () => {
    expect(row({ type: 'agent.usage', inputTokens: 900, outputTokens: 40, costUsd: 0.0042, scope: 'run' }).text).toBe('900 in · 40 out · $0.004 (run)');
    expect([0, 0.0004, 0.001, 0.0099, 0.01, 0.125, 12.5].map(formatCost)).toEqual(['$0.00', '<$0.001', '$0.001', '$0.010', '$0.01', '$0.13', '$12.50']);
    expect(formatCost(Number.NaN)).toBe('$?');
  });

  it('strips control sequences from agent text and bounds the row', () => {
    expect(row({ type: 'agent.output', text: '\u001b[2J\u001b]0;x\u0007hi' }).text).toBe('hi');
    expect(row({ type: 'agent.message', text: 'y'.repeat(5000) }).text.length).toBe(ROW_TEXT_MAX);
  });

  it('finds a tool call’s target in its input', () => {
    expect(toolTarget(undefined, { pattern: 'TODO' })).toBe('TODO');
    expect(toolTarget('given', { path: 'x' })).toBe('given');
    expect(toolTarget(undefined, { command: ['git', 'status'] })).toBe('git status');
    expect(toolTarget(undefined, { other: 1 })).toBe('{"other":1}');
    expect(toolTarget(undefined, undefined)).toBe('');
  });
});

describe('formatLogLine (wtagents logs)', () => {
  const ts = '2026-03-04T05:06:07.000Z';
  const d = new Date(ts);
  const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  const base = { v: 1 as const, ts, task: 't', seq: 1, round: 2 };

  it('lays out time, round, step, type and the row text, control sequences stripped', () => {
    expect(formatLogLine({ ...base, step: 'implement', type: 'agent.output', text: '\u001b[2J\u001b[Hhi\nthere' } as TraceEvent)).toBe(`${time} r2 implement agent.output     › hi there`);
    expect(formatLogLine({ ...base, type: 'task.state', state: 'done' } as TraceEvent)).toBe(`${time} r2           task.state       → done`);
    expect(formatLogLine({ ...base, ts: 'nonsense', type: 'agent.error', message: 'x' } as TraceEvent)).toBe('--:--:-- r2           agent.error      ✗ x');
  });
});
