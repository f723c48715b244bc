// `wtagents run`, `stop`, `new --run` and request-changes rounds, with real fixture agents and real git.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChecksFile } from '../../src/core/checks.js';
import { runCli, runJson } from '../helpers/cli.js';
import { git, makeRepo } from '../helpers/repo.js';
import { fixture, newTask, readRecord, traceEvents, waitSettled } from '../helpers/run.js';
import type { TaskRecord } from '../../src/core/task.js';

function outputs(taskDir: string, round?: number): string[] {
  return traceEvents(taskDir)
    .filter((e) => e.type === 'agent.output' && (round === undefined || e.round === round))
    .map((e) => (e as { text: string }).text);
}

describe('wtagents run: the happy path', () => {
  it('runs the agent in the background in its worktree, traces it, runs the checks, and ends done', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Add agent.txt', '--agent-command', fixture('edit-commit.sh'), '--check', 'test -f agent.txt', '--check', 'git diff --quiet HEAD']);
    const r = runCli(['run', t.id], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Started task add-agent-txt \(round 1\) in the background: supervisor pid \d+\n/);

    const done = await waitSettled(t.taskDir);
    expect(done.state).toBe('done');
    expect(done.processes).toEqual({});
    expect(done.lastExit).toMatchObject({ code: 0, signal: null });

    const events = traceEvents(t.taskDir);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type !== 'agent.output').map((e) => `${e.step ?? '-'}:${e.type}${e.type === 'task.state' ? `:${e.state}` : ''}`)).toEqual([
      '-:task.created',
      '-:packet.written',
      '-:worktree.created',
      '-:task.state:ready',
      '-:task.state:running',
      'implement:agent.started',
      'implement:agent.exited',
      'check:check.started',
      'check:check.finished',
      'check:check.started',
      'check:check.finished',
      '-:task.state:done',
    ]);
    expect(events.findIndex((e) => e.type === 'agent.output')).toBeGreaterThan(events.findIndex((e) => e.type === 'agent.started'));
    const out = outputs(t.taskDir);
    const packet = path.join(t.taskDir, 'packets/01-background-agent.md');
    expect(out).toContain(`env task=${t.id} step=implement round=1`);
    expect(out).toContain(`env worktree=${t.worktree}`);
    expect(out).toContain('env run-request=none'); // the supervisor's plans (may hold keys) are not passed on
    // The agent reads a copy of the packet outside the task directory, and is not told where that is.
    expect(out).toContainEqual(expect.stringMatching(/^env packet=\/.*\/wtagents-run-[^/]+\/01-background-agent\.md$/));
    expect(out).toContain('env task-dir=unset');
    expect(out).toContain(`packet-head ${readFileSync(packet, 'utf8').split('\n')[0]}`);
    expect(out).toContain(`cwd ${t.worktree}`);
    expect(out).toContain(`packet-lines ${readFileSync(packet, 'utf8').split('\n').length - 1}`);
    expect(traceEvents(t.taskDir).find((e) => e.type === 'agent.output' && e.stream === 'stderr')).toMatchObject({ text: 'a note on stderr' });

    expect(git(t.worktree, ['log', '-1', '--format=%s']).trim()).toBe('agent: round 1');
    expect(git(t.worktree, ['status', '--porcelain'])).toBe('');
    const checks = ChecksFile.parse(JSON.parse(readFileSync(path.join(t.taskDir, 'review/checks.json'), 'utf8')));
    expect(checks.round).toBe(1);
    expect(checks.results.map((c) => [c.cmd, c.exitCode])).toEqual([
      ['test -f agent.txt', 0],
      ['git diff --quiet HEAD', 0],
    ]);
    expect(existsSync(path.join(t.taskDir, checks.results[0]!.log!))).toBe(true);
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toContain('## Summary of changes\nAdded a line to agent.txt (round 1).');
    expect(readFileSync(path.join(t.taskDir, 'logs/round-1-implement.stdout.log'), 'utf8')).toContain('"session_id":"fixture-session"');
    expect(readFileSync(path.join(t.taskDir, 'logs/round-1-implement.stderr.log'), 'utf8')).toBe('a note on stderr\n');

    const list = runJson<Array<TaskRecord & { recordedState: string }>>(['list'], { cwd: repo });
    expect(list[0]!.state).toBe('done');
    expect(git(repo, ['status', '--porcelain'])).toBe('');
  });

  it('new --run starts the agent at once', async () => {
    const repo = makeRepo();
    const r = runCli(['new', 'Quick one', '--agent-command', fixture('edit-commit.sh'), '--run'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Created task quick-one \(running\)/);
    const done = await waitSettled(path.join(repo, '.wtagents/tasks/quick-one'));
    expect(done.state).toBe('done');
    expect(done.agent).toEqual({ name: 'command', command: fixture('edit-commit.sh') });
  });
});

describe('wtagents run: failures and refusals', () => {
  it('an agent exiting non-zero leaves the task failed with its logs and check results kept', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Fail please', '--agent-command', fixture('fail.sh'), '--check', 'true']);
    expect(runCli(['run', t.id], { cwd: repo }).code).toBe(0);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('failed');
    expect(rec.lastExit).toMatchObject({ code: 3 });
    const last = traceEvents(t.taskDir).at(-1)!;
    expect(last).toMatchObject({ type: 'task.state', state: 'failed', reason: 'implement: agent exited 3' });
    expect(traceEvents(t.taskDir).find((e) => e.type === 'agent.exited')).toMatchObject({ code: 3, signal: null });
    expect(readFileSync(path.join(t.taskDir, 'logs/round-1-implement.stderr.log'), 'utf8')).toBe('something broke\n');
    expect(JSON.parse(readFileSync(path.join(t.taskDir, 'review/checks.json'), 'utf8')).results).toHaveLength(1);
  });

  it('a missing agent binary is a clear error before anything starts, and the task is unchanged', () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Missing agent', '--agent-command', 'no-such-agent-xyz --go']);
    const before = { json: readFileSync(path.join(t.taskDir, 'task.json'), 'utf8'), trace: readFileSync(path.join(t.taskDir, 'trace.jsonl'), 'utf8') };
    const r = runCli(['run', t.id], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'wtagents: the agent command\'s program "no-such-agent-xyz" was not found on PATH: install it, or pick another agent (step implement, agent command)\n',
    );
    expect(readFileSync(path.join(t.taskDir, 'task.json'), 'utf8')).toBe(before.json);
    expect(readFileSync(path.join(t.taskDir, 'trace.jsonl'), 'utf8')).toBe(before.trace);
    expect(existsSync(path.join(t.taskDir, 'logs'))).toBe(false);

    const viaNew = runCli(['new', 'Missing again', '--agent-command', './nope.sh', '--run'], { cwd: repo });
    expect(viaNew.code).toBe(1);
    expect(viaNew.stderr).toMatch(/^wtagents: created task missing-again, but did not start it: the agent command's program ".\/nope.sh" was not found \(in .*\)/);
    expect(readRecord(path.join(repo, '.wtagents/tasks/missing-again')).state).toBe('ready');
  });

  it('refuses a task with no agent, a dry-run task, and bad option combinations', () => {
    const repo = makeRepo();
    const t = newTask(repo, ['No agent']);
    expect(runCli(['run', t.id], { cwd: repo })).toMatchObject({ code: 1, stderr: 'wtagents: no agent for this task: give --agent NAME or --agent-command CMD, or set defaultAgent in .wtagents/config.json\n' });
    const d = newTask(repo, ['Dry', '--mode', 'dry-run', '--agent-command', 'true']);
    expect(runCli(['run', d.id], { cwd: repo }).stderr).toMatch(/^wtagents: task dry has no worktree yet \(made with --mode dry-run\): run bash .*create-worktree\.sh first\n$/);
    expect(runCli(['run', t.id, '--agent', 'x', '--agent-command', 'y'], { cwd: repo })).toMatchObject({ code: 2, stderr: 'wtagents: give --agent or --agent-command, not both\n' });
    expect(runCli(['run', t.id, '--feedback', '  '], { cwd: repo })).toMatchObject({ code: 1, stderr: 'wtagents: the feedback is empty: say what should change\n' });
    expect(runCli(['run', 'nope'], { cwd: repo }).stderr).toMatch(/^wtagents: no task "nope"/);
    expect(readRecord(t.taskDir).state).toBe('ready');
  });

  it('refuses to run a running task; stop stops it; stop on a finished task is harmless', async () => {
    const repo = makeRepo();
    const pids = path.join(repo, '..', 'pids');
    const t = newTask(repo, ['Sleep on it', '--agent-command', fixture('sleeper.sh', pids), '--run']);
    expect(t.state).toBe('running');
    const again = runCli(['run', t.id], { cwd: repo });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^wtagents: task sleep-on-it is already running \(supervisor pid \d+\): wait for it, or stop it with: wtagents stop sleep-on-it\n$/);
    const stop = runCli(['stop', t.id], { cwd: repo });
    expect(stop).toMatchObject({ code: 0, stdout: 'Stopped task sleep-on-it (stopped).\n' });
    expect(readRecord(t.taskDir)).toMatchObject({ state: 'stopped', processes: {} });
    const twice = runCli(['stop', t.id], { cwd: repo });
    expect(twice).toMatchObject({ code: 0, stdout: 'Task sleep-on-it is not running (stopped): nothing to stop.\n', stderr: '' });
    const fresh = newTask(repo, ['Never ran']);
    expect(runCli(['stop', fresh.id], { cwd: repo }).stdout).toBe('Task never-ran is not running (ready): nothing to stop.\n');
  });

  it('--print shows the plan and starts nothing', () => {
    const repo = makeRepo({ files: { 'README.md': '# test\n', '.wtagents/config.json': '{"sandbox":"none"}' } });
    const t = newTask(repo, ['Print me', '--agent-command', "echo 'hi there'"]);
    const trace = readFileSync(path.join(t.taskDir, 'trace.jsonl'), 'utf8');
    const r = runCli(['run', t.id, '--print'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Task print-me, round 1 (nothing is run)',
        '',
        'Sandbox: none — not sandboxed (config sandbox is "none"): the agent can write anywhere you can',
        '',
        'Step 1 of 1: implement (agent command, format text)',
        `  cwd      ${t.worktree}`,
        '  env      WTAGENTS_STEP=implement',
        `  command  /bin/sh -c 'echo '\\''hi there'\\''' < ${path.join(t.taskDir, 'packets/01-background-agent.md')}`,
        '',
      ].join('\n'),
    );
    expect(readFileSync(path.join(t.taskDir, 'trace.jsonl'), 'utf8')).toBe(trace);
    expect(readRecord(t.taskDir).state).toBe('ready');
  });
});

describe('request changes: wtagents run --feedback', () => {
  it('writes packet 02 with the feedback, the previous report and checks, and runs round 2 in the same worktree', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Two rounds', '--agent-command', fixture('edit-commit.sh'), '--check', 'test -f agent.txt', '--run']);
    await waitSettled(t.taskDir);
    const r = runCli(['run', t.id, '--feedback', 'Please also mention `round 2`.'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(round 2)');
    const packet = readFileSync(path.join(t.taskDir, 'packets/02-request-changes.md'), 'utf8');
    expect(packet).toContain('round 2 · written by wtagents');
    expect(packet).toContain('Please also mention `round 2`.');
    expect(packet).toContain('Added a line to agent.txt (round 1).');
    expect(packet).toContain('- `test -f agent.txt` — passed');
    expect(packet).toContain(t.worktree);

    const rec = await waitSettled(t.taskDir);
    expect(rec).toMatchObject({ state: 'done', round: 2 });
    expect(outputs(t.taskDir, 2)).toContainEqual(expect.stringMatching(/^env packet=\/.*\/wtagents-run-[^/]+\/02-request-changes\.md$/));
    expect(outputs(t.taskDir, 2)).toContain(`env task=${t.id} step=implement round=2`);
    const round2 = traceEvents(t.taskDir).filter((e) => e.round === 2).map((e) => e.type);
    expect(round2[0]).toBe('packet.written');
    expect(round2).toContain('agent.started');
    expect(round2).toContain('agent.exited');
    expect(round2.at(-1)).toBe('task.state');
    expect(readFileSync(path.join(t.worktree, 'agent.txt'), 'utf8')).toBe('round 1\nround 2\n');
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toContain('(round 2)');
    expect(readdirSync(path.join(t.taskDir, 'packets'))).toEqual(['01-background-agent.md', '02-request-changes.md']);
  });
});
