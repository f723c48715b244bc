import { describe, expect, it } from 'vitest';
import { expectValidEvents, feed, fixture, ofType, types } from '../helpers/streams.js';

describe('claude adapter', () => {
  it('reads the sample lines of AGENT-CLIS.md', () => {
    const lines = [
      '{"type":"system","subtype":"init","cwd":"/tmp/x","session_id":"9753c268-…","tools":["Bash","Edit","Read"],"model":"claude-haiku-4-5-20251001","permissionMode":"default"}',
      '{"type":"assistant","message":{"role":"assistant","id":"msg_1","content":[{"type":"text","text":"Selam"}]}}',
      '{"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Edit","input":{"file_path":"src/a.ts"}}]},"session_id":"sess-1"}',
      '{"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_1","type":"tool_result","content":[{"type":"text","text":"ok"}],"is_error":false}]}}',
      '{"type":"result","subtype":"success","duration_ms":3000,"is_error":false,"num_turns":1,"session_id":"fdf2d90a-…","total_cost_usd":0.0106,"usage":{"input_tokens":3,"output_tokens":24},"result":"Hello"}',
    ];
    const { events, summary } = feed('claude', lines);
    expectValidEvents(events);
    expect(types(events)).toEqual([
      'agent.session', 'agent.message', 'agent.session', 'agent.tool', 'agent.tool', 'agent.file_edit', 'agent.session', 'agent.usage',
    ]);
    expect(ofType(events, 'agent.file_edit')[0]!.paths).toEqual(['src/a.ts']);
    expect(summary).toEqual({
      sessionId: 'fdf2d90a-…',
      model: 'claude-haiku-4-5-20251001',
      finalMessage: 'Hello',
      usage: { inputTokens: 3, outputTokens: 24, costUsd: 0.0106 },
    });
  });

  it('turns a multi-turn run into messages, tools, commands with exit codes, edits, live usage per model call and one run total', () => {
    const { events, summary } = feed('claude', fixture('claude.jsonl'));
    expectValidEvents(events);
    expect(types(events)).toEqual([
      'agent.session', 'agent.reasoning', 'agent.usage', 'agent.message',
      'agent.tool', 'agent.usage', 'agent.tool', 'agent.file_edit',
      'agent.tool', 'agent.usage', 'agent.command',
      'agent.message', 'agent.tool', 'agent.usage', 'agent.tool', 'agent.file_edit',
      'agent.tool', 'agent.usage', 'agent.command',
      'agent.message', 'agent.usage', 'agent.usage',
    ]);
    const [fail, pass] = ofType(events, 'agent.command');
    expect(fail).toMatchObject({ cmd: 'npm test', exitCode: 1, status: 'failed', callId: 'toolu_2' });
    expect(fail!.output).toContain('FAIL tests/a.test.ts');
    expect(pass).toMatchObject({ cmd: 'npm test', exitCode: 0, status: 'completed' });
    expect(ofType(events, 'agent.tool')[0]).toMatchObject({ name: 'Edit', status: 'started', target: 'src/a.ts', callId: 'toolu_1' });
    expect(ofType(events, 'agent.file_edit').map((e) => e.paths)).toEqual([['src/a.ts'], ['tests/a.test.ts']]);
    // Each model call's tokens as it comes (msg_1's two lines count once), no cost; then the run total, whose
    // input counts cache reads and writes, and which wins over the parts (they are not added on top).
    const usage = ofType(events, 'agent.usage');
    expect(usage.map((e) => [e.scope, e.inputTokens, e.outputTokens, e.costUsd])).toEqual([
      ['call', 1203, 12, undefined],
      ['call', 1205, 40, undefined],
      ['call', 1305, 30, undefined],
      ['call', 1507, 60, undefined],
      ['call', 1705, 20, undefined],
      ['call', 1805, 76, undefined],
      ['run', 6230, 240, 0.0106],
    ]);
    expect(usage.at(-1)).toMatchObject({ cachedTokens: 5000 });
    expect(summary.usage).toEqual({ inputTokens: 6230, outputTokens: 240, costUsd: 0.0106 });
    expect(summary.finalMessage).toBe('## Report\nFixed src/a.ts and its test. npm test passes.');
    expect(summary.isError).toBeUndefined();
  });

  it('keeps the raw line on the first event of each line and stamps arrival time', () => {
    const lines = fixture('claude.jsonl').trim().split('\n');
    const { events } = feed('claude', lines);
    const withRaw = events.filter((e) => e.raw !== undefined);
    // Every line of this stream makes at least one event; the first of each carries the line itself.
    expect(withRaw.map((e) => e.raw)).toEqual(lines);
    expect(withRaw.some((e) => e.truncated)).toBe(false);
    for (const e of events) expect(Date.now() - Date.parse(e.ts!)).toBeLessThan(60_000);
  });

  it('flags is_error:true even when the subtype says success, and reports the error', () => {
    const { events, summary } = feed('claude', fixture('claude-error.jsonl'));
    expectValidEvents(events);
    expect(summary.isError).toBe(true);
    expect(ofType(events, 'agent.error')[0]!.message).toBe('API Error: 401 invalid x-api-key');
    expect(summary.model).toBe('claude-sonnet-4-5');
    for (const subtype of ['error_max_turns', 'error_during_execution']) {
      const r = feed('claude', [`{"type":"result","subtype":"${subtype}","is_error":false,"session_id":"s"}`]);
      expect(r.summary.isError, subtype).toBe(true);
      expect(ofType(r.events, 'agent.error')[0]!.message).toBe(subtype);
    }
  });

  it('without a result line (killed), sums per-message usage once per message id', () => {
    const lines = fixture('claude.jsonl').trim().split('\n').slice(0, -1);
    const { summary } = feed('claude', lines);
    // msg_1 appears twice with the same usage: counted once.
    expect(summary.usage).toEqual({ inputTokens: 3 + 1200 + 5 + 1200 + 5 + 1300 + 7 + 1500 + 5 + 1700 + 5 + 1800, outputTokens: 12 + 40 + 30 + 60 + 20 + 76 });
    expect(summary.finalMessage).toBe('## Report\nFixed src/a.ts and its test. npm test passes.');
  });
});

describe('codex adapter', () => {
  it('reads the sample lines of AGENT-CLIS.md', () => {
    const lines = [
      '{"type":"thread.started","thread_id":"0199a213-81c0-7800-8aa1-bbab2a035a53"}',
      '{"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","aggregated_output":"","status":"in_progress"}}',
      '{"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"bash -lc ls","aggregated_output":"AGENTS.md\\n","exit_code":0,"status":"completed"}}',
      '{"type":"item.completed","item":{"id":"item_3","type":"agent_message","text":"Yep — there\'s a README.md in the root."}}',
      '{"type":"item.completed","item":{"id":"item_4","type":"file_change","changes":[{"path":"src/a.ts","kind":"update"}],"status":"completed"}}',
      '{"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}',
    ];
    const { events, summary } = feed('codex', lines);
    expectValidEvents(events);
    expect(types(events)).toEqual(['agent.session', 'agent.tool', 'agent.command', 'agent.message', 'agent.file_edit', 'agent.usage']);
    expect(ofType(events, 'agent.command')[0]).toMatchObject({ cmd: 'bash -lc ls', exitCode: 0, output: 'AGENTS.md\n' });
    expect(summary).toEqual({
      sessionId: '0199a213-81c0-7800-8aa1-bbab2a035a53',
      finalMessage: "Yep — there's a README.md in the root.",
      usage: { inputTokens: 24763, outputTokens: 122 },
    });
  });

  it('takes turn usage as the running total (the last wins), keeps the last agent message as the report, skips updates and todo lists', () => {
    const { events, summary } = feed('codex', fixture('codex.jsonl'));
    expectValidEvents(events);
    expect(types(events)).toEqual([
      'agent.session', 'agent.reasoning', 'agent.tool', 'agent.command', 'agent.message', 'agent.usage',
      'agent.file_edit', 'agent.tool', 'agent.command', 'agent.tool', 'agent.tool', 'agent.error', 'agent.message', 'agent.usage',
    ]);
    expect(ofType(events, 'agent.usage').map((e) => e.scope)).toEqual(['run', 'run']);
    expect(summary.usage).toEqual({ inputTokens: 30000, outputTokens: 500 });
    expect(summary.usage.costUsd).toBeUndefined();
    expect(ofType(events, 'agent.file_edit')[0]!.paths).toEqual(['src/a.ts', 'src/b.ts']);
    expect(ofType(events, 'agent.command')[1]).toMatchObject({ cmd: "bash -lc 'npm test'", exitCode: 1, status: 'failed' });
    expect(ofType(events, 'agent.tool')[3]).toMatchObject({ name: 'docs.search', status: 'completed', result: 'use expect.poll' });
    expect(summary.finalMessage).toBe('Fixed src/a.ts and added src/b.ts; one test still fails.');
    expect(summary.isError).toBeUndefined();
  });

  it('flags turn.failed as an error; a retry error line alone is not', () => {
    const { events, summary } = feed('codex', fixture('codex-error.jsonl'));
    expectValidEvents(events);
    expect(ofType(events, 'agent.error').map((e) => e.message)).toEqual([
      'stream disconnected before completion; retrying 1/5',
      'unexpected status 401 Unauthorized: Missing bearer authentication',
    ]);
    expect(summary.isError).toBe(true);
    expect(feed('codex', fixture('codex-error.jsonl').split('\n').slice(0, 3)).summary.isError).toBeUndefined();
  });
});
