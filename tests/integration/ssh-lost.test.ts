// A host lost mid-run, against a real sshd on 127.0.0.1: with sshd down (and the connection gone) the task
// is `interrupted (runner unreachable)` and no decision or new run may take it; with sshd back it runs on,
// and finishes with every remote event exactly once. A supervisor that dies on the host: `interrupted`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellJoin } from '../../src/core/shell-quote.js';
import { SshRunnerConfig } from '../../src/core/config.js';
import { runnerFor } from '../../src/runner/runner.js';
import { sshRunner } from '../../src/runner/ssh/ssh-runner.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { newTask, psAlive, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';
import { startSshd, sshdUnavailable, type TestSshd } from '../helpers/sshd.js';

const why = sshdUnavailable();

function outputs(taskDir: string): string[] {
  return traceEvents(taskDir)
    .filter((e) => e.type === 'agent.output')
    .map((e) => (e as { text: string }).text);
}

function states(taskDir: string): string[] {
  return traceEvents(taskDir)
    .filter((e) => e.type === 'task.state')
    .map((e) => `${(e as { state: string }).state}${(e as { reason?: string }).reason?.startsWith('runner unreachable') ? ' (runner unreachable)' : ''}`);
}

/** Kill this file's ControlMaster connections (as a network drop would). */
function dropConnections(controlDir: string): void {
  const masters = execFileSync('ps', ['-e', '-o', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes(`ssh: ${controlDir}/`) && l.endsWith('[mux]'))
    .map((l) => Number(l.split(/\s+/)[0]));
  for (const pid of masters) process.kill(pid, 'SIGKILL');
}

function agentScript(dir: string, opts: { lines: number; gate?: string; forever?: boolean }): string {
  const file = path.join(dir, `agent-${Math.random().toString(36).slice(2)}.sh`);
  const half = Math.floor(opts.lines / 2);
  writeFileSync(
    file,
    [
      '#!/usr/bin/env bash',
      'set -eu',
      'cat >/dev/null',
      `for i in $(seq 1 ${half}); do echo "line $i"; done`,
      ...(opts.gate ? [`while [ ! -e ${shellJoin([opts.gate])} ]; do sleep 0.05; done`] : []),
      ...(opts.forever ? ['echo "waiting forever"', 'while true; do sleep 1; done'] : []),
      `for i in $(seq ${half + 1} ${opts.lines}); do echo "line $i"; done`,
      'echo lost-and-found >> remote.txt; git add remote.txt; git commit -q -m "agent: remote.txt"',
    ].join('\n'),
  );
  return file;
}

describe.skipIf(why !== null)('an SSH runner that is lost and comes back (real sshd on 127.0.0.1)', () => {
  let sshd: TestSshd;
  let agents: string;
  beforeAll(async () => {
    sshd = await startSshd();
    agents = tempDir('wt-agents-');
  }, 120_000);
  afterAll(async () => {
    await sshd?.close();
  });

  function repoWithRunner(): string {
    const repo = makeRepo();
    const hostDir = path.join(tempDir('wt-host-'), 'runner');
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({ runners: { box: { ssh: sshd.host, sshConfig: sshd.configFile, dir: hostDir, node: process.execPath, connectTimeoutSeconds: 3 } } }),
    });
    return repo;
  }

  it('host down mid-run: interrupted (runner unreachable), refused decisions; host back: running again, done, every event once', async () => {
    const repo = repoWithRunner();
    const controlDir = tempDir('wt-ssh-');
    const env = { WTAGENTS_SSH_CONTROL_DIR: controlDir };
    const gate = path.join(agents, `gate-${Date.now()}`);
    const t = newTask(repo, ['Through a lost host', '--on', 'box', '--run', '--agent-command', `bash ${agentScript(agents, { lines: 40, gate })}`], env);
    await waitFor('the first half of the lines here', () => outputs(t.taskDir).includes('line 20'), 120_000);
    await sshd.stop(true);
    dropConnections(controlDir);
    const lost = await waitFor('the task to be interrupted (runner unreachable)', () => {
      const r = readRecord(t.taskDir);
      return r.state === 'interrupted' && r.runnerLost ? r : null;
    }, 60_000);
    expect(lost.processes.supervisor).toBeDefined(); // its follower keeps trying
    expect(runCli(['list'], { cwd: repo }).stdout).toMatch(new RegExp(`${t.id}\\s+interrupted @box \\(runner unreachable\\)`));
    const merge = runCli(['review', t.id, '--merge', '--yes'], { cwd: repo });
    expect(merge.code).not.toBe(0);
    expect(merge.stderr).toContain(`it is interrupted (runner box unreachable since`);
    const rerun = runCli(['run', t.id], { cwd: repo, env });
    expect(rerun.code).not.toBe(0);
    expect(rerun.stderr).toContain('its run may still be going there');
    await sshd.start();
    await waitFor('the task to run again', () => readRecord(t.taskDir).state === 'running', 60_000);
    expect(readRecord(t.taskDir).runnerLost).toBeUndefined();
    writeFileSync(gate, '');
    const done = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000);
    expect(done.state, JSON.stringify(traceEvents(t.taskDir).slice(-6))).toBe('done');
    expect(outputs(t.taskDir).filter((l) => l.startsWith('line '))).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i + 1}`));
    const rseqs = traceEvents(t.taskDir).map((e) => (e as { rseq?: number }).rseq).filter((r): r is number => r !== undefined);
    expect(new Set(rseqs).size).toBe(rseqs.length);
    expect(states(t.taskDir)).toEqual(['ready', 'running', 'interrupted (runner unreachable)', 'running', 'done']);
    expect(readFileSync(path.join(t.worktree, 'remote.txt'), 'utf8')).toBe('lost-and-found\n');
  }, 300_000);

  it('a supervisor that dies on the host: the task is interrupted', async () => {
    const repo = repoWithRunner();
    const env = { WTAGENTS_SSH_CONTROL_DIR: tempDir('wt-ssh-') };
    const t = newTask(repo, ['Lose the supervisor', '--on', 'box', '--run', '--agent-command', `bash ${agentScript(agents, { lines: 2, forever: true })}`], env);
    await waitFor('the agent to be waiting', () => outputs(t.taskDir).includes('waiting forever'), 120_000);
    // The Runner interface's status asks the host: the twin runs there.
    const runner = runnerFor(readRecord(t.taskDir));
    expect(runner.name).toBe('box');
    expect(await runner.status(readRecord(t.taskDir))).toMatchObject({ reachable: true, state: 'running', supervisorAlive: true });
    const remote = JSON.parse(readFileSync(path.join(readRecord(t.taskDir).remote!.taskDir, 'task.json'), 'utf8')) as { processes: { supervisor: { pid: number }; agent: { pid: number } } };
    process.kill(remote.processes.supervisor.pid, 'SIGKILL');
    process.kill(-remote.processes.agent.pid, 'SIGKILL');
    const end = await waitSettled(t.taskDir, ['interrupted', 'failed', 'done', 'stopped'], 120_000);
    expect(end.state).toBe('interrupted');
    const last = traceEvents(t.taskDir).filter((e) => e.type === 'task.state').at(-1) as { reason?: string };
    expect(last.reason).toBe('the supervisor on the host vanished without recording an exit');
    expect(await runner.status(readRecord(t.taskDir))).toMatchObject({ reachable: true, state: 'interrupted', supervisorAlive: false });
    expect(runnerFor({ ...end, runner: undefined }).name).toBe('local');
    // A host that does not answer: unreachable, with ssh's words.
    const down = sshRunner('down', SshRunnerConfig.parse({ ssh: '127.0.0.1', port: 1, connectTimeoutSeconds: 2 }));
    expect(await down.status(end)).toMatchObject({ reachable: false, error: expect.stringMatching(/refused|closed/i) });
  }, 240_000);

  it('stop while the host is lost: the follower ends, the task stays interrupted (its run may still be going there)', async () => {
    const repo = repoWithRunner();
    const controlDir = tempDir('wt-ssh-');
    const env = { WTAGENTS_SSH_CONTROL_DIR: controlDir };
    const t = newTask(repo, ['Stop a lost run', '--on', 'box', '--run', '--agent-command', `bash ${agentScript(agents, { lines: 2, forever: true })}`], env);
    await waitFor('the agent to be waiting', () => outputs(t.taskDir).includes('waiting forever'), 120_000);
    const remote = JSON.parse(readFileSync(path.join(readRecord(t.taskDir).remote!.taskDir, 'task.json'), 'utf8')) as { processes: { supervisor: { pid: number }; agent: { pid: number } } };
    await sshd.stop(true);
    dropConnections(controlDir);
    await waitFor('the task to be interrupted (runner unreachable)', () => readRecord(t.taskDir).runnerLost !== undefined, 60_000);
    const follower = readRecord(t.taskDir).processes.supervisor!.pid;
    const r = runCli(['stop', t.id], { cwd: repo, env, timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    const after = readRecord(t.taskDir);
    expect(after.state).toBe('interrupted');
    expect(after.processes).toEqual({});
    expect(after.runnerLost).toBeUndefined();
    expect(psAlive(follower)).toBe(false);
    const last = traceEvents(t.taskDir).filter((e) => e.type === 'task.state').at(-1) as { reason?: string };
    expect(last.reason).toBe("stopped while the runner was unreachable: the host's run may still be going");
    // The host's run did go on (nothing reached it); end it here, and bring the host back for the next test.
    process.kill(remote.processes.supervisor.pid, 'SIGKILL');
    process.kill(-remote.processes.agent.pid, 'SIGKILL');
    await sshd.start();
  }, 240_000);

  it("a follower killed here: `run` follows the host's run on (it was never stopped), every event once", async () => {
    const repo = repoWithRunner();
    const env = { WTAGENTS_SSH_CONTROL_DIR: tempDir('wt-ssh-') };
    const gate = path.join(agents, `gate-follower-${Date.now()}`);
    const t = newTask(repo, ['Outlive the follower', '--on', 'box', '--run', '--agent-command', `bash ${agentScript(agents, { lines: 40, gate })}`], env);
    await waitFor('the first half of the lines here', () => outputs(t.taskDir).includes('line 20'), 120_000);
    process.kill(readRecord(t.taskDir).processes.supervisor!.pid, 'SIGKILL');
    await waitFor('the task to show interrupted', () => runCli(['list'], { cwd: repo }).stdout.includes('interrupted @box'), 30_000);
    const r = runCli(['run', t.id], { cwd: repo, env });
    expect(r.code, r.stderr).toBe(0);
    await waitFor('the new follower to attach', () => traceEvents(t.taskDir).some((e) => e.type === 'runner.status' && (e as { status: string }).status === 'attached'), 120_000);
    writeFileSync(gate, '');
    const done = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000);
    expect(done.state, JSON.stringify(traceEvents(t.taskDir).slice(-6))).toBe('done');
    expect(outputs(t.taskDir).filter((l) => l.startsWith('line '))).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i + 1}`));
    const rseqs = traceEvents(t.taskDir).map((e) => (e as { rseq?: number }).rseq).filter((x): x is number => x !== undefined);
    expect(new Set(rseqs).size).toBe(rseqs.length);
    expect(readFileSync(path.join(t.worktree, 'remote.txt'), 'utf8')).toBe('lost-and-found\n');
  }, 300_000);
});
