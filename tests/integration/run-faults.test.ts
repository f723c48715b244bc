// Faults around a running agent: stop (with children, with SIGTERM ignored), a 50 MB flood, the launcher
// killed, the supervisor SIGKILLed, a failing setup. Real processes, asserted on files and `ps`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../src/store/trace-read.js';
import { CLI, runCli, runJson } from '../helpers/cli.js';
import { git, hermeticGitEnv, makeRepo, writeFiles, commitAll } from '../helpers/repo.js';
import { fixture, newTask, psAlive, psGroup, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';
import type { TaskRecord } from '../../src/core/task.js';

function writeConfig(repo: string, config: object): void {
  mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
  writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify(config));
}

/** The pids the sleeper fixture wrote: [agent shell, its child]. */
async function sleeperPids(file: string): Promise<[number, number]> {
  const text = await waitFor('the sleeper to write its pids', () => (existsSync(file) ? readFileSync(file, 'utf8').trim() : '').includes(' ') && readFileSync(file, 'utf8'));
  const [a, b] = text.trim().split(' ').map(Number);
  return [a!, b!];
}

describe('stop', () => {
  it('kills the silent agent and its own child: no survivor in ps, state stopped', async () => {
    const repo = makeRepo();
    writeConfig(repo, { sandbox: 'none' }); // pids and a file outside the worktree: the unsandboxed process mechanics
    const pids = path.join(repo, '..', 'pids');
    const t = newTask(repo, ['Silent', '--agent-command', fixture('sleeper.sh', pids), '--run']);
    const [sleeper, child] = await sleeperPids(pids);
    const rec = await waitFor('the agent to be recorded', () => (readRecord(t.taskDir).processes.agent ? readRecord(t.taskDir) : null));
    const agent = rec.processes.agent!.pid; // sh -c, the leader of the agent's own process group
    const group = psGroup(agent).map((l) => Number(l.split(' ')[0]));
    expect(group).toEqual(expect.arrayContaining([agent, sleeper, child]));
    expect(psAlive(child)).toBe(true);

    expect(runCli(['stop', t.id], { cwd: repo }).code).toBe(0);
    expect(psGroup(agent)).toEqual([]);
    expect(psAlive(child)).toBe(false);
    expect(psAlive(rec.processes.supervisor!.pid)).toBe(false);
    expect(readRecord(t.taskDir)).toMatchObject({ state: 'stopped', processes: {} });
    const events = traceEvents(t.taskDir);
    expect(events.find((e) => e.type === 'agent.exited')).toMatchObject({ signal: 'SIGTERM' });
    expect(events.at(-1)).toMatchObject({ type: 'task.state', state: 'stopped' });
    expect(events.some((e) => e.type === 'check.started')).toBe(false);
  });

  it('SIGKILLs an agent that ignores SIGTERM after the grace period', async () => {
    const repo = makeRepo();
    writeConfig(repo, { stopGraceSeconds: 0.5, sandbox: 'none' });
    const pids = path.join(repo, '..', 'pids');
    const t = newTask(repo, ['Stubborn', '--agent-command', `exec ${fixture('sleeper.sh', pids, 'stubborn')}`, '--run']);
    const [agent, child] = await sleeperPids(pids);
    expect(await waitFor('the agent to be recorded', () => readRecord(t.taskDir).processes.agent?.pid)).toBe(agent);
    const started = Date.now();
    expect(runCli(['stop', t.id], { cwd: repo }).code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(psGroup(agent)).toEqual([]);
    expect(psAlive(child)).toBe(false);
    expect(readRecord(t.taskDir).state).toBe('stopped');
    expect(traceEvents(t.taskDir).find((e) => e.type === 'agent.exited')).toMatchObject({ signal: 'SIGKILL' });
  });
});

describe('a flooding agent', () => {
  it('50 MB of output: logs capped and rotated, trace small and parseable, the run still ends done', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Flood', '--agent-command', fixture('flood.sh'), '--run']);
    await waitSettled(t.taskDir, ['done', 'failed'], 120_000);
    expect(readRecord(t.taskDir).state).toBe('done');
    const log = path.join(t.taskDir, 'logs/round-1-implement.stdout.log');
    const cap = 10 * 1024 * 1024;
    expect(statSync(log).size).toBeLessThanOrEqual(cap);
    expect(statSync(`${log}.1`).size).toBe(cap);
    expect(readFileSync(log, 'utf8')).toMatch(/flood done\n$/);

    const text = readFileSync(path.join(t.taskDir, 'trace.jsonl'), 'utf8');
    expect(text.length).toBeLessThan(16 * 1024 * 1024);
    const parsed = readTrace(path.join(t.taskDir, 'trace.jsonl'));
    expect(parsed.malformed).toBe(0);
    const outs = parsed.events.filter((e) => e.type === 'agent.output').map((e) => (e as { text: string }).text);
    expect(outs[0]).toBe('bad utf8: \ufffd\ufffd\ufffd end');
    expect(outs.some((o) => o.startsWith('[wtagents] output past'))).toBe(true);
    expect(outs.at(-1)).toMatch(/^\[wtagents\] \d+ output lines not traced \(\d+ bytes in all\): see logs\/round-1-implement\.\*\.log$/);
    expect(parsed.events.at(-1)).toMatchObject({ type: 'task.state', state: 'done' });
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toMatch(/flood done\n$/);
  }, 180_000);
});

describe('the agent outlives what started it', () => {
  it('killing the launching process (and its whole session) right after run does not stop the agent', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Outlive', '--agent-command', fixture('edit-commit.sh', '1')]);
    const launcher = spawn('bash', ['-c', `"${process.execPath}" "${CLI}" run ${t.id}; sleep 60`], {
      cwd: repo,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, ...hermeticGitEnv },
    });
    await waitFor('the supervisor to be recorded', () => readRecord(t.taskDir).processes.supervisor);
    process.kill(-launcher.pid!, 'SIGHUP');
    process.kill(-launcher.pid!, 'SIGKILL');
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done');
    expect(traceEvents(t.taskDir).find((e) => e.type === 'agent.exited')).toMatchObject({ code: 0 });
    expect(git(t.worktree, ['log', '-1', '--format=%s']).trim()).toBe('agent: round 1');
  });

  it('a supervisor killed with SIGKILL shows interrupted; the worktree is intact and run works again', async () => {
    const repo = makeRepo();
    writeConfig(repo, { sandbox: 'none' }); // pids and a file outside the worktree: the unsandboxed process mechanics
    writeFiles(repo, { 'keep.txt': 'keep\n' });
    commitAll(repo, 'keep');
    const pids = path.join(repo, '..', 'pids');
    const t = newTask(repo, ['Interrupt me', '--agent-command', fixture('sleeper.sh', pids), '--run']);
    const [, child] = await sleeperPids(pids);
    const agent = await waitFor('the agent to be recorded', () => readRecord(t.taskDir).processes.agent?.pid);
    process.kill(readRecord(t.taskDir).processes.supervisor!.pid, 'SIGKILL');
    await waitFor('the task to show interrupted', () => runJson<TaskRecord[]>(['list'], { cwd: repo })[0]!.state === 'interrupted');
    expect(runCli(['list'], { cwd: repo }).stdout).toMatch(/\ninterrupt-me\s+interrupted\s/);
    expect(psGroup(agent).length).toBeGreaterThan(0); // the orphaned agent still runs, unsupervised
    expect(readFileSync(path.join(t.worktree, 'keep.txt'), 'utf8')).toBe('keep\n');
    expect(git(t.worktree, ['status', '--porcelain'])).toBe('');

    // Run again, now with an agent that finishes: the orphaned agent group is killed first.
    const r = runCli(['run', t.id, '--agent-command', fixture('edit-commit.sh')], { cwd: repo });
    expect(r.code).toBe(0);
    expect(psGroup(agent)).toEqual([]);
    expect(psAlive(child)).toBe(false);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done');
    const states = traceEvents(t.taskDir).filter((e) => e.type === 'task.state').map((e) => (e as { state: string }).state);
    expect(states).toEqual(['ready', 'running', 'interrupted', 'running', 'done']);
  });
  it('stop on a task whose supervisor was SIGKILLed kills the orphaned agent and records stopped', async () => {
    const repo = makeRepo();
    writeConfig(repo, { sandbox: 'none' }); // pids and a file outside the worktree: the unsandboxed process mechanics
    const pids = path.join(repo, '..', 'pids');
    const t = newTask(repo, ['Orphan', '--agent-command', fixture('sleeper.sh', pids), '--run']);
    const [, child] = await sleeperPids(pids);
    const agent = await waitFor('the agent to be recorded', () => readRecord(t.taskDir).processes.agent?.pid);
    process.kill(readRecord(t.taskDir).processes.supervisor!.pid, 'SIGKILL');
    await waitFor('the supervisor to be gone', () => runJson<TaskRecord[]>(['list'], { cwd: repo })[0]!.state === 'interrupted');
    expect(runCli(['stop', t.id], { cwd: repo })).toMatchObject({ code: 0, stdout: 'Stopped task orphan (stopped).\n' });
    expect(psGroup(agent)).toEqual([]);
    expect(psAlive(child)).toBe(false);
    expect(readRecord(t.taskDir)).toMatchObject({ state: 'stopped', processes: {} });
  });
});

describe('worktree setup', () => {
  it('runs config setup before the agent (once), with the main checkout at hand', async () => {
    const repo = makeRepo();
    writeFileSync(path.join(repo, '.env'), 'SECRET=from-main\n'); // untracked, like a real .env
    writeConfig(repo, { setup: ['cp "$WTAGENTS_REPO/.env" .env', 'echo set up > setup-ran.txt'], checks: ['test -f .env'] });
    const t = newTask(repo, ['Needs env', '--agent-command', 'cat .env; cat setup-ran.txt', '--run']);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('done');
    expect(rec.setupDoneAt).toBeDefined();
    const events = traceEvents(t.taskDir);
    expect(events.filter((e) => e.step === 'setup').map((e) => e.type)).toEqual(['check.started', 'check.finished', 'check.started', 'check.finished']);
    expect(events.filter((e) => e.type === 'agent.output').map((e) => (e as { text: string }).text)).toEqual(['SECRET=from-main', 'set up']);

    expect(runCli(['run', t.id], { cwd: repo }).code).toBe(0);
    await waitFor('the second run to end', () => traceEvents(t.taskDir).filter((e) => e.type === 'agent.exited').length === 2 && readRecord(t.taskDir).state === 'done');
    expect(traceEvents(t.taskDir).filter((e) => e.step === 'setup')).toHaveLength(4);
  });

  it('a failing setup fails the task with its log and never starts the agent', async () => {
    const repo = makeRepo();
    writeConfig(repo, { setup: ['echo preparing', 'echo no network >&2; exit 4', 'echo never'] });
    const marker = path.join(repo, '..', 'agent-ran');
    const t = newTask(repo, ['Broken setup', '--agent-command', `touch ${marker}`, '--run']);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('failed');
    expect(existsSync(marker)).toBe(false);
    const events = traceEvents(t.taskDir);
    expect(events.some((e) => e.type === 'agent.started')).toBe(false);
    expect(events.filter((e) => e.type === 'check.finished').map((e) => [e.cmd, e.exitCode])).toEqual([
      ['echo preparing', 0],
      ['echo no network >&2; exit 4', 4],
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'task.state',
      state: 'failed',
      reason: 'setup failed: echo no network >&2; exit 4 exited 4 (see logs/round-1-setup-2.log); the agent was not started',
    });
    expect(readFileSync(path.join(t.taskDir, 'logs/round-1-setup-2.log'), 'utf8')).toBe('$ echo no network >&2; exit 4\nno network\n');
    expect(rec.setupDoneAt).toBeUndefined();
  });
});
