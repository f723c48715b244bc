// The review checks the agent's word against git and the trace: denied tool calls, work left uncommitted
// by an agent that exited 0, and commits the report claims that are not on the branch are risk flags.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, tempDir } from '../helpers/repo.js';
import { newTask, waitSettled } from '../helpers/run.js';

interface Risk {
  kind: string;
  detail: string;
}
const risks = (repo: string, id: string) => runJson<{ risks: Risk[] }>(['review', id], { cwd: repo }).risks;

/** A fake Claude whose Bash `git commit` is denied: it writes the file, says it committed, and lists the denial. */
function deniedClaude(): string {
  const file = path.join(tempDir('fake-'), 'denied-claude.sh');
  const j = (o: object) => `echo '${JSON.stringify(o)}'`;
  writeFileSync(
    file,
    [
      '#!/usr/bin/env bash',
      'cat > /dev/null',
      'echo stub > stub.txt',
      j({ type: 'system', subtype: 'init', session_id: 's-1', model: 'm', permissionMode: 'acceptEdits' }),
      j({ type: 'assistant', message: { id: 'a', role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'Bash', input: { command: 'git add -A && git commit -m stub' } }] } }),
      j({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', is_error: true, content: 'This command requires approval' }] } }),
      j({
        type: 'result',
        subtype: 'success',
        is_error: false,
        result: 'Wrote stub.txt and committed it.',
        permission_denials: [{ tool_name: 'Bash', tool_use_id: 'tu_1', tool_input: { command: 'git add -A && git commit -m stub' } }],
      }),
    ].join('\n'),
  );
  return file;
}

describe('truth flags in the review', () => {
  it('a denied commit: agent.denied in logs; the review flags the denial, the uncommitted file and the false claim', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Stub', '--agent-command', `bash ${deniedClaude()}`, '--format', 'claude', '--run']);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done'); // the CLI exited 0: only the review can tell
    const logs = runCli(['logs', t.id], { cwd: repo }).stdout;
    expect(logs).toMatch(/agent\.denied\s+⊘ denied: Bash git add -A && git commit -m stub · This command requires approval/);

    const found = risks(repo, t.id);
    expect(found).toEqual(
      expect.arrayContaining([
        { kind: 'denied', detail: '1 tool call denied: Bash git add -A && git commit -m stub (This command requires approval)' },
        { kind: 'unverified-commit', detail: `the report says the work was committed, but ${t.branch} has no commit beyond its base` },
        { kind: 'leftovers', detail: 'the agent exited 0 but left 1 uncommitted or untracked file in the worktree: stub.txt' },
      ]),
    );
    const text = runCli(['review', t.id], { cwd: repo }).stdout;
    expect(text).toMatch(/!\s+denied\s+1 tool call denied: Bash git add -A && git commit -m stub/);
  });

  it('a commit id the report names must be on the branch; a true claim raises nothing', async () => {
    const repo = makeRepo();
    const agent = [
      'echo a > a.txt && git add a.txt && git commit -q -m a',
      'echo "Committed as $(git rev-parse --short HEAD)."',
      'echo "Also see commit 0badc0ffee1 for the follow-up."',
    ].join('; ');
    const t = newTask(repo, ['Claims', '--agent-command', agent, '--run']);
    expect((await waitSettled(t.taskDir)).state).toBe('done');
    const found = risks(repo, t.id);
    expect(found.filter((r) => r.kind === 'unverified-commit')).toEqual([{ kind: 'unverified-commit', detail: `the report names commit 0badc0ffee1, which is not on ${t.branch}` }]);
    expect(found.some((r) => r.kind === 'denied' || r.kind === 'leftovers')).toBe(false);
  });
});
