// Refused tool calls become `agent.denied` with the reason: Claude's permission_denials (reason from the
// call's error result), codex sandbox refusals in command output, and the same markers for any CLI's shell.
import { describe, expect, it } from 'vitest';
import { sandboxRefusal, CODEX_SANDBOX_MARKERS } from '../../src/runner/adapters/denials.js';
import { expectValidEvents, feed, ofType } from '../helpers/streams.js';

const j = (o: object) => JSON.stringify(o);

describe('claude permission_denials', () => {
  const lines = [
    j({ type: 'system', subtype: 'init', session_id: 's-1', model: 'claude-haiku-4-5', permissionMode: 'acceptEdits' }),
    j({ type: 'assistant', message: { id: 'm1', role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Write', input: { file_path: 'stub.txt', content: 'x' } }] } }),
    j({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'File created', is_error: false }] } }),
    j({ type: 'assistant', message: { id: 'm2', role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_2', name: 'Bash', input: { command: 'git add -A && git commit -m stub', description: 'Commit' } }] } }),
    j({
      type: 'user',
      message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', is_error: true, content: 'This command requires approval: the following parts require approval: git commit -m stub' }] },
    }),
    j({ type: 'assistant', message: { id: 'm3', role: 'assistant', content: [{ type: 'text', text: 'I wrote stub.txt and committed it.' }] } }),
    j({
      type: 'result',
      subtype: 'success',
      is_error: false,
      session_id: 's-1',
      total_cost_usd: 0.004,
      usage: { input_tokens: 10, output_tokens: 5 },
      result: 'I wrote stub.txt and committed it.',
      permission_denials: [
        { tool_name: 'Bash', tool_use_id: 'toolu_2', tool_input: { command: 'git add -A && git commit -m stub', description: 'Commit' } },
        { tool_name: 'Bash', tool_use_id: 'toolu_2', tool_input: { command: 'git add -A && git commit -m stub' } },
        { tool_name: 'WebFetch', tool_use_id: 'toolu_9', tool_input: { url: 'https://example.com' } },
        'garbage',
        { tool_use_id: 'no-name' },
      ],
    }),
  ];

  it('one agent.denied per denied call (deduplicated), the reason from its error result, input and target kept', () => {
    const { events, summary } = feed('claude', lines);
    expectValidEvents(events);
    const denied = ofType(events, 'agent.denied');
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({
      tool: 'Bash',
      callId: 'toolu_2',
      target: 'git add -A && git commit -m stub',
      input: { command: 'git add -A && git commit -m stub', description: 'Commit' },
      reason: 'This command requires approval: the following parts require approval: git commit -m stub',
    });
    expect(denied[1]).toMatchObject({ tool: 'WebFetch', callId: 'toolu_9', target: 'https://example.com', reason: 'denied by the permission mode' });
    expect(summary.isError).toBeUndefined(); // denials alone are not an error result: the review flags them
  });

  it('a run without denials has none; an empty or absent list is fine', () => {
    const plain = lines.slice(0, 3).concat(j({ type: 'result', subtype: 'success', result: 'ok', permission_denials: [] }));
    expect(ofType(feed('claude', plain).events, 'agent.denied')).toEqual([]);
  });
});

describe('sandbox refusals in shell output', () => {
  const cmd = (id: string, command: string, output: string, exit: number) => [
    j({ type: 'item.started', item: { id, type: 'command_execution', command, aggregated_output: '', status: 'in_progress' } }),
    j({ type: 'item.completed', item: { id, type: 'command_execution', command, aggregated_output: output, exit_code: exit, status: exit === 0 ? 'completed' : 'failed' } }),
  ];

  it('codex: a failed git commit on a read-only git dir is denied with the line that says so; ordinary failures are not', () => {
    const { events } = feed('codex', [
      j({ type: 'thread.started', thread_id: 't-1' }),
      ...cmd('i1', "bash -lc 'git commit -am stub'", "fatal: Unable to create '/r/.git/worktrees/stub/index.lock': Read-only file system\n", 128),
      ...cmd('i2', "bash -lc 'npm test'", 'FAIL tests/a.test.ts\n1 failed\n', 1),
      ...cmd('i3', "bash -lc 'touch /etc/x'", 'touch: cannot touch /etc/x: Permission denied\n', 1),
      ...cmd('i4', "bash -lc 'cat ro.txt'", 'Read-only file system is what this doc is about\n', 0),
    ]);
    expectValidEvents(events);
    const denied = ofType(events, 'agent.denied');
    expect(denied.map((d) => [d.callId, d.reason])).toEqual([
      ['i1', "sandbox: fatal: Unable to create '/r/.git/worktrees/stub/index.lock': Read-only file system"],
      ['i3', 'sandbox: touch: cannot touch /etc/x: Permission denied'],
    ]);
    expect(denied[0]).toMatchObject({ tool: 'shell', target: "bash -lc 'git commit -am stub'" });
    expect(ofType(events, 'agent.command').map((c) => c.exitCode)).toEqual([128, 1, 1, 0]);
  });

  it('any CLI: read-only file system and EPERM in a failed shell command are refusals; "permission denied" is codex-only', () => {
    const gem = feed('gemini', [
      j({ type: 'tool_use', tool_name: 'run_shell_command', tool_id: 'g1', parameters: { command: 'git commit -m x' } }),
      j({ type: 'tool_result', tool_id: 'g1', status: 'error', output: 'error: could not lock config file .git/config: Operation not permitted' }),
    ]);
    expect(ofType(gem.events, 'agent.denied')).toMatchObject([{ tool: 'run_shell_command', callId: 'g1', reason: 'sandbox: error: could not lock config file .git/config: Operation not permitted' }]);
    expect(sandboxRefusal('ssh: Permission denied (publickey)')).toBeUndefined();
    expect(sandboxRefusal('ssh: Permission denied (publickey)', CODEX_SANDBOX_MARKERS)).toBe('ssh: Permission denied (publickey)');
    expect(sandboxRefusal(undefined)).toBeUndefined();
    expect(sandboxRefusal(`${'x'.repeat(500)} Read-only file system`)!.length).toBeLessThanOrEqual(300);
  });
});
