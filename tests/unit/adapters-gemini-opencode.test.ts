import { describe, expect, it } from 'vitest';
import { expectValidEvents, feed, fixture, ofType, types } from '../helpers/streams.js';

describe('gemini adapter', () => {
  it('reads the sample lines of AGENT-CLIS.md', () => {
    const lines = [
      '{"type":"init","timestamp":"2026-01-01T00:00:00Z","session_id":"s-1","model":"gemini-2.5-pro"}',
      '{"type":"message","timestamp":"…","role":"assistant","content":"Thinking...","delta":true}',
      '{"type":"tool_use","timestamp":"…","tool_name":"run_shell_command","tool_id":"tool-1","parameters":{"command":"npm test"}}',
      '{"type":"tool_result","timestamp":"…","tool_id":"tool-1","status":"success","output":"ok"}',
      '{"type":"result","timestamp":"…","status":"success","stats":{"total_tokens":120,"input_tokens":100,"output_tokens":20,"tool_calls":1}}',
    ];
    const { events, summary } = feed('gemini', lines);
    expectValidEvents(events);
    expect(types(events)).toEqual(['agent.session', 'agent.message', 'agent.tool', 'agent.command', 'agent.usage']);
    // The line's own time is used when it is one; "…" is not a time, so arrival time stands in.
    expect(events[0]!.ts).toBe('2026-01-01T00:00:00.000Z');
    expect(Date.parse(events[2]!.ts!)).toBeGreaterThan(Date.parse('2026-01-02'));
    expect(summary).toEqual({ sessionId: 's-1', model: 'gemini-2.5-pro', finalMessage: 'Thinking...', usage: { inputTokens: 100, outputTokens: 20 } });
  });

  it('joins assistant deltas into one message per stretch, stamped with the first chunk, raw lines kept', () => {
    const text = fixture('gemini.jsonl');
    const { events, summary } = feed('gemini', text);
    expectValidEvents(events);
    expect(types(events)).toEqual([
      'agent.session', 'agent.message', 'agent.tool', 'agent.command', 'agent.tool', 'agent.tool', 'agent.file_edit',
      'agent.tool', 'agent.tool', 'agent.error', 'agent.message', 'agent.usage',
    ]);
    const [first, last] = ofType(events, 'agent.message');
    expect(first).toMatchObject({ text: 'Thinking... I will run the tests first.', ts: '2026-01-01T00:00:01.000Z' });
    const lines = text.split('\n');
    expect(first!.raw).toBe(`${lines[2]}\n${lines[3]}`);
    expect(last!.text).toBe('All done: src/a.ts updated, tests pass.');
    expect(ofType(events, 'agent.tool')[4]).toMatchObject({ name: 'read_file', status: 'failed', result: 'File not found: /w/missing.ts' });
    expect(ofType(events, 'agent.file_edit')[0]!.paths).toEqual(['src/a.ts']);
    // The report is the last turn only (after the last tool call), not everything the assistant said.
    expect(summary.finalMessage).toBe('All done: src/a.ts updated, tests pass.');
    expect(summary.usage).toEqual({ inputTokens: 100, outputTokens: 20 });
    expect(summary.isError).toBeUndefined();
  });

  it('flushes pending deltas at the end of the stream', () => {
    const { events } = feed('gemini', ['{"type":"message","role":"assistant","content":"half","delta":true}']);
    expect(types(events)).toEqual(['agent.message']);
    expect(events[0]!.text).toBe('half');
  });

  it('takes the last run total, never adding two results', () => {
    const result = (i: number, o: number) => `{"type":"result","status":"success","stats":{"input_tokens":${i},"output_tokens":${o}}}`;
    expect(feed('gemini', [result(100, 20), result(150, 30)]).summary.usage).toEqual({ inputTokens: 150, outputTokens: 30 });
  });

  it('flags an error result', () => {
    const { events, summary } = feed('gemini', fixture('gemini-error.jsonl'));
    expectValidEvents(events);
    expect(summary.isError).toBe(true);
    expect(ofType(events, 'agent.error')[0]!.message).toBe('API key not valid. Please pass a valid API key.');
    expect(summary.finalMessage).toBe('Starting.');
  });
});

describe('opencode adapter', () => {
  it('adds usage and cost per step, reads exit codes, edits and the last message as the report', () => {
    const { events, summary } = feed('opencode', fixture('opencode.jsonl'));
    expectValidEvents(events);
    expect(types(events)).toEqual([
      'agent.session', 'agent.message', 'agent.command', 'agent.usage',
      'agent.reasoning', 'agent.tool', 'agent.file_edit', 'agent.command', 'agent.tool', 'agent.usage',
      'agent.message', 'agent.message', 'agent.usage',
    ]);
    expect(events[0]).toMatchObject({ sessionId: 'ses_494719016ffe85dkDMj0FPRbHK', ts: new Date(1767036059338).toISOString() });
    expect(ofType(events, 'agent.usage').map((e) => [e.scope, e.inputTokens, e.outputTokens, e.costUsd])).toEqual([
      ['step', 1500 + 1000 + 200, 80, 0.0021],
      ['step', 2000 + 1500, 150, 0.003],
      ['step', 500, 40, 0.001],
    ]);
    expect(summary.usage).toEqual({ inputTokens: 6700, outputTokens: 270, costUsd: 0.0061 });
    expect(ofType(events, 'agent.command').map((e) => [e.cmd, e.exitCode, e.status])).toEqual([
      ['ls src', 0, 'completed'],
      ['npm test', 1, 'failed'],
    ]);
    expect(ofType(events, 'agent.file_edit')[0]!.paths).toEqual(['/w/src/a.ts']);
    expect(ofType(events, 'agent.tool')[1]).toMatchObject({ name: 'read', status: 'failed', result: 'File not found: /w/nope.ts' });
    expect(summary.finalMessage).toBe('Changed src/a.ts.\nOne failing test remains.');
    expect(summary.sessionId).toBe('ses_494719016ffe85dkDMj0FPRbHK');
  });

  it('flags an error line', () => {
    const { events, summary } = feed('opencode', fixture('opencode-error.jsonl'));
    expectValidEvents(events);
    expect(summary.isError).toBe(true);
    expect(ofType(events, 'agent.error')[0]!.message).toBe('Rate limit exceeded');
  });
});
