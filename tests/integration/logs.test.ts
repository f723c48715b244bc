// `wtagents logs`: the trace in human lines or raw JSON, and --follow while the agent runs.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { hermeticGitEnv, makeRepo } from '../helpers/repo.js';
import { newTask, traceEvents, waitSettled } from '../helpers/run.js';

describe('wtagents logs', () => {
  it('prints one human line per event, or the raw lines with --json, and skips bad lines without crashing', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Log me', '--agent-command', "printf 'hello \\033[31mred\\033[0m\\n'; echo oops >&2; exit 1", '--check', 'true', '--run']);
    await waitSettled(t.taskDir);
    const file = path.join(t.taskDir, 'trace.jsonl');
    const raw = readFileSync(file, 'utf8');
    const json = runCli(['logs', t.id, '--json'], { cwd: repo });
    expect(json).toMatchObject({ code: 0, stdout: raw, stderr: '' });
    // --after-seq: only what a follower holding up to that seq still needs (how an SSH runner resumes).
    const rawLines = raw.trimEnd().split('\n');
    const after = runCli(['logs', t.id, '--json', '--after-seq', '3'], { cwd: repo });
    expect(after).toMatchObject({ code: 0, stdout: `${rawLines.filter((l) => JSON.parse(l).seq > 3).join('\n')}\n`, stderr: '' });
    expect(after.stdout.split('\n')).toHaveLength(rawLines.length - 3 + 1);
    expect(runCli(['logs', t.id, '--after-seq', 'x'], { cwd: repo })).toMatchObject({ code: 2, stderr: expect.stringContaining('--after-seq takes a whole number') });

    appendFileSync(file, 'not json\n{"v":1,"type":"future.event","seq":99}\n');
    const human = runCli(['logs', t.id], { cwd: repo });
    expect(human.code).toBe(0);
    expect(human.stderr).toBe('(1 malformed trace line skipped)\n');
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(raw.trimEnd().split('\n').length + 1);
    const body = lines.map((l) => l.replace(/^\d\d:\d\d:\d\d /, ''));
    expect(body).toContain('r1 implement agent.output     › hello red');
    expect(body).toContain('r1 implement agent.output     ! oops');
    expect(body.some((l) => /^r1 check {5}check\.finished {3}✓ check true passed in \d+(ms|\.\ds)$/.test(l))).toBe(true);
    expect(body.some((l) => /^r1 implement agent\.exited {5}■ agent exited with code 1 after \d/.test(l))).toBe(true);
    expect(body.at(-2)).toBe('r1           task.state       → failed · implement: agent exited 1');
    expect(body.at(-1)).toBe('(event of unknown type future.event)');
    expect(human.stdout).not.toContain('\u001b');
  });

  it('--follow prints events as they come and exits when the task is no longer running', async () => {
    const repo = makeRepo();
    // The agent ticks, then waits for a go-file the test writes only once --follow has shown that tick: the
    // follower is live by construction, however slow the machine (no race between its start and the agent's end).
    const agent = "cat > /dev/null; echo 'tick 1'; while [ ! -e .go ]; do sleep 0.05; done; rm -f .go; echo 'tick 2'; echo 'ticks done'";
    const t = newTask(repo, ['Tick', '--agent-command', agent, '--run']);
    const follower = spawn(process.execPath, [CLI, 'logs', t.id, '--follow'], { cwd: repo, env: { ...process.env, ...hermeticGitEnv } });
    let out = '';
    let firstTickAt = 0;
    follower.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!firstTickAt && out.includes('agent.output     › tick 1')) {
        firstTickAt = Date.now();
        writeFileSync(path.join(t.worktree, '.go'), '');
      }
    });
    const code = await new Promise<number | null>((resolve) => follower.on('close', resolve));
    expect(code).toBe(0);
    await waitSettled(t.taskDir);
    const events = traceEvents(t.taskDir);
    expect(out.trimEnd().split('\n')).toHaveLength(events.length);
    expect(out).toMatch(/task\.state {7}→ done · agent exited 0\n$/);
    // Live, not after the fact: the first tick was shown before the agent had exited.
    const exited = Date.parse(events.find((e) => e.type === 'agent.exited')!.ts);
    expect(firstTickAt).toBeGreaterThan(0);
    expect(firstTickAt).toBeLessThan(exited);
  });
});
