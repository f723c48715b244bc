// Finding 10: traces sized to their content, and every printed field shown safely. A Claude-format agent's
// messages used to be traced twice (the decoded text and the raw JSON line); a chatty agent had no cap on
// its trace; a title with an RTL override or escape codes reordered `list` and reached the terminal raw.
import { statSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateTask } from '../../src/store/tasks.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, tempDir } from '../helpers/repo.js';
import { newTask, traceEvents, waitSettled } from '../helpers/run.js';

function agentScript(lines: string[]): string {
  const file = path.join(tempDir('wt-agent-'), 'agent.sh');
  writeFileSync(file, `cat > /dev/null\n${lines.join('\n')}\n`);
  return `bash '${file}'`;
}

describe('trace size (finding 10)', () => {
  it('keeps a message once: the trace of a Claude-format agent is not twice its output', async () => {
    const repo = makeRepo();
    // The agent reads a file of this test's temp dir: outside a sandbox (its /tmp is a private one).
    mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
    writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ sandbox: 'none' }));
    const words = 'the quick brown fox jumps over the lazy dog '.repeat(40);
    const msg = (i: number) => JSON.stringify({ type: 'assistant', message: { role: 'assistant', id: `m${i}`, content: [{ type: 'text', text: `${i} ${words}` }] }, session_id: 's1' });
    const out = path.join(tempDir('wt-out-'), 'stream.jsonl');
    writeFileSync(out, `${Array.from({ length: 200 }, (_, i) => msg(i)).join('\n')}\n`);
    const t = newTask(repo, ['Chatty', '--agent-command', agentScript([`cat '${out}'`]), '--format', 'claude', '--run']);
    await waitSettled(t.taskDir);
    const messages = traceEvents(t.taskDir).filter((e) => e.type === 'agent.message');
    expect(messages).toHaveLength(200);
    const output = statSync(out).size;
    const trace = statSync(path.join(t.taskDir, 'trace.jsonl')).size;
    expect(trace / output).toBeLessThan(1.3);
  });

  it('caps a task trace: one trace.truncated event, the run still recorded to its end', async () => {
    const repo = makeRepo();
    mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
    writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ traceCapMiB: 0.05 }));
    const t = newTask(repo, ['Flood', '--agent-command', agentScript([`for i in $(seq 1 2000); do echo "line $i ${'y'.repeat(200)}"; done`]), '--format', 'text', '--run']);
    const done = await waitSettled(t.taskDir);
    expect(done.state).toBe('done');
    const events = traceEvents(t.taskDir);
    expect(events.filter((e) => e.type === 'trace.truncated')).toHaveLength(1);
    expect(events.some((e) => e.type === 'agent.exited')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'task.state', state: 'done' });
    expect(statSync(path.join(t.taskDir, 'trace.jsonl')).size).toBeLessThan(0.05 * 1024 * 1024 + 64 * 1024);
    expect(readFileSync(path.join(t.taskDir, 'logs', 'round-1-implement.stdout.log'), 'utf8')).toContain('line 2000 ');
  });
});

describe('printed fields (finding 10)', () => {
  const hostile = /[\u001b\u0007\u202a-\u202e\u2066-\u2069]/;

  it('shows titles and every task field without control sequences or bidi overrides in list and review', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['--task', 'Fix \u202Egnp.exe the \u001b]0;pwned\u0007login']);
    expect(t.title).not.toMatch(hostile);
    // A task.json edited by hand (or by an agent): every printed field is hostile.
    await updateTask(t.taskDir, (r) => {
      r.title = 'evil \u202E txt.exe \u001b[2J title';
      r.base = `main\u202E`;
    });
    const list = runCli(['list'], { cwd: repo });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('evil');
    expect(list.stdout).not.toMatch(hostile);
    const review = runCli(['review', t.id], { cwd: repo });
    expect(review.stdout + review.stderr).not.toMatch(hostile);
  });
});
