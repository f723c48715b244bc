import { describe, expect, it } from 'vitest';
import { expectValidEvents, feed, fixture, ofType, types } from '../helpers/streams.js';

describe('cursor adapter', () => {
  it('reads init, messages, started/completed tool calls, shell exit codes, writes and the run total', () => {
    const { events, summary } = feed('cursor', fixture('cursor.jsonl'));
    expectValidEvents(events);
    expect(types(events)).toEqual([
      'agent.session', 'agent.message',
      'agent.tool', 'agent.tool',
      'agent.tool', 'agent.tool', 'agent.file_edit',
      'agent.tool', 'agent.command',
      'agent.tool', 'agent.command',
      'agent.message', 'agent.usage',
    ]);
    expect(ofType(events, 'agent.tool')[0]).toMatchObject({ name: 'read', status: 'started', target: 'src/a.ts', callId: 'toolu_r1' });
    expect(ofType(events, 'agent.file_edit')[0]!.paths).toEqual(['/w/src/b.ts']);
    expect(ofType(events, 'agent.command').map((e) => [e.cmd, e.exitCode, e.status, e.output])).toEqual([
      ['npm test', 0, 'completed', '3 passed\n'],
      ['npm run lint', 2, 'failed', '2 lint errors\n'],
    ]);
    expect(ofType(events, 'agent.usage')).toMatchObject([{ scope: 'run', inputTokens: 6000, outputTokens: 300, cachedTokens: 2000 }]);
    expect(summary).toEqual({
      sessionId: 'c6b62c6f-7ead-4fd6-9922-e952131177ff',
      model: 'Claude 4 Sonnet',
      finalMessage: "I'll read the file first.Added src/b.ts; tests pass, lint reports 2 errors.",
      usage: { inputTokens: 6000, outputTokens: 300 },
    });
  });

  it('reads function-style tool calls and flags an error result', () => {
    const fn = feed('cursor', [
      '{"type":"tool_call","subtype":"started","call_id":"c1","tool_call":{"function":{"name":"grep","arguments":"{\\"pattern\\":\\"TODO\\"}"}}}',
      '{"type":"tool_call","subtype":"completed","call_id":"c1","tool_call":{"function":{"name":"grep","arguments":"{}","result":{"success":{"content":"2 matches"}}}}}',
    ]);
    expect(fn.events).toMatchObject([
      { type: 'agent.tool', name: 'grep', status: 'started', target: 'TODO' },
      { type: 'agent.tool', name: 'grep', status: 'completed', result: '2 matches' },
    ]);
    const { events, summary } = feed('cursor', fixture('cursor-error.jsonl'));
    expectValidEvents(events);
    expect(summary.isError).toBe(true);
    expect(ofType(events, 'agent.error')[0]!.message).toBe("You've hit your usage limit");
  });
});

describe('copilot adapter', () => {
  it('adds usage per model call, keeps the premium multiplier out of dollars, and reads shell exit codes', () => {
    const { events, summary } = feed('copilot', fixture('copilot.jsonl'));
    expectValidEvents(events);
    expect(types(events)).toEqual([
      'agent.session', 'agent.usage',
      'agent.tool', 'agent.command',
      'agent.tool', 'agent.tool', 'agent.file_edit',
      'agent.tool', 'agent.command',
      'agent.usage', 'agent.message',
    ]);
    expect(events[0]).toMatchObject({ sessionId: '6364c2f8-ac3c-412d-8495-05b65b146837', model: 'claude-sonnet-4.5', ts: '2026-03-25T16:29:10.000Z' });
    expect(ofType(events, 'agent.usage').map((e) => [e.scope, e.inputTokens, e.outputTokens, e.premiumCost, e.costUsd])).toEqual([
      ['call', 1000, 22, 1, undefined],
      ['call', 1500, 60, 1, undefined],
    ]);
    expect(summary.usage).toEqual({ inputTokens: 2500, outputTokens: 82 });
    expect(ofType(events, 'agent.command').map((e) => [e.cmd, e.exitCode, e.status])).toEqual([
      ['ls', 0, 'completed'],
      ['npm test', 1, 'failed'],
    ]);
    expect(ofType(events, 'agent.file_edit')[0]!.paths).toEqual(['/home/user/project/src/a.ts']);
    expect(summary.finalMessage).toBe('Here are the files: README.md, src/. Edited src/a.ts; one test fails.');
    expect(summary.isError).toBeUndefined();
  });

  it('flags session errors and a non-zero exit code in the result', () => {
    const { events, summary } = feed('copilot', fixture('copilot-error.jsonl'));
    expectValidEvents(events);
    expect(summary.isError).toBe(true);
    expect(ofType(events, 'agent.error').map((e) => e.message)).toEqual([
      'You are not authorized to use this Copilot feature.',
      'copilot reported exit code 1',
    ]);
  });
});

describe('aider adapter', () => {
  it('reads edits and per-message usage from plain stdout; cost is its session total', () => {
    const { events, summary } = feed('aider', fixture('aider.txt'));
    expectValidEvents(events);
    expect(ofType(events, 'agent.file_edit').map((e) => e.paths)).toEqual([['src/a.ts'], ['src/b file.ts']]);
    expect(ofType(events, 'agent.usage').map((e) => [e.scope, e.inputTokens, e.outputTokens, e.cachedTokens, e.costUsd])).toEqual([
      ['call', 2300, 156, undefined, 0.0079],
      ['call', 12000, 1234, 1100, 0.04],
    ]);
    expect(summary.usage).toEqual({ inputTokens: 14300, outputTokens: 1390, costUsd: 0.0479 });
    expect(ofType(events, 'agent.output').length).toBe(events.length - 4);
    expect(summary.finalMessage).toMatch(/^Now the second file; both files are updated\./);
    expect(summary.finalMessage).not.toContain('Commit 5d6e7f8');
    expect(summary.isError).toBeUndefined();
  });

  it('turns LiteLLM errors into agent.error and flags the run (aider itself exits 0)', () => {
    const { events, summary } = feed('aider', fixture('aider-error.txt'));
    expectValidEvents(events);
    expect(summary.isError).toBe(true);
    expect(ofType(events, 'agent.error')[0]!.message).toMatch(/^litellm\.AuthenticationError/);
  });

  it('parses token figures with M suffixes and no cost', () => {
    const { summary } = feed('aider', ['Tokens: 1.2M sent, 3 received.']);
    expect(summary.usage).toEqual({ inputTokens: 1_200_000, outputTokens: 3 });
  });
});

describe('text adapter', () => {
  it('records each line as agent.output with its stream, and the stdout tail is the report', () => {
    const adapter = feed('text', ['hello', '', '{"type":"result"}', 'done']);
    expect(adapter.events.map((e) => [e.type, e.text, e.stream])).toEqual([
      ['agent.output', 'hello', 'stdout'],
      ['agent.output', '', 'stdout'],
      ['agent.output', '{"type":"result"}', 'stdout'],
      ['agent.output', 'done', 'stdout'],
    ]);
    expect(adapter.summary).toEqual({ usage: { inputTokens: 0, outputTokens: 0 }, finalMessage: 'hello\n\n{"type":"result"}\ndone' });
    expect(feed('text', ['oops'], 'stderr').summary.finalMessage).toBeUndefined();
  });
});
