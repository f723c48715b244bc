// The SSH runner end to end against a real sshd on 127.0.0.1: a task started `--on box` runs on the
// "host" (its own directory, its own clone, its own wtagents), its trace streams into the local one with
// no loss or duplicate across a dropped connection, stop reaches it, and review/merge happen locally.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellJoin } from '../../src/core/shell-quote.js';
import { runCli } from '../helpers/cli.js';
import { git, makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { newTask, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';
import { startSshd, sshdUnavailable, type TestSshd } from '../helpers/sshd.js';

const why = sshdUnavailable();

function outputs(taskDir: string): string[] {
  return traceEvents(taskDir)
    .filter((e) => e.type === 'agent.output')
    .map((e) => (e as { text: string }).text);
}

/** A shell agent (script file) that writes and commits `file`, printing `lines` numbered lines; with a gate
 * file it prints half, waits for the gate to appear, then prints the rest. */
function agentScript(dir: string, opts: { lines?: number; gate?: string; forever?: boolean } = {}): string {
  const file = path.join(dir, `agent-${Math.random().toString(36).slice(2)}.sh`);
  const n = opts.lines ?? 3;
  writeFileSync(
    file,
    [
      '#!/usr/bin/env bash',
      'set -eu',
      'cat >/dev/null',
      `for i in $(seq 1 ${Math.floor(n / 2)}); do echo "line $i"; done`,
      ...(opts.gate ? [`while [ ! -e ${shellJoin([opts.gate])} ]; do sleep 0.05; done`] : []),
      `for i in $(seq ${Math.floor(n / 2) + 1} ${n}); do echo "line $i"; done`,
      ...(opts.forever ? ['echo "waiting forever"', 'while true; do sleep 1; done'] : []),
      'echo "remote work, round ${WTAGENTS_ROUND:-?}" >> remote.txt',
      'git add remote.txt',
      'git commit -q -m "agent: remote.txt round ${WTAGENTS_ROUND:-?}"',
      "printf '## Summary of changes\\nAdded remote.txt on the runner.\\n## Merge recommendation\\nmerge\\n'",
    ].join('\n'),
  );
  return file;
}

describe.skipIf(why !== null)('the SSH runner (real sshd on 127.0.0.1)', () => {
  let sshd: TestSshd;
  let hostDir: string;
  let agents: string;
  /** This file's own ControlMaster sockets: dropping "the connection" kills only ours. */
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sshd = await startSshd();
    hostDir = path.join(tempDir('wt-host-'), 'runner home');
    agents = tempDir('wt-agents-');
    env = { WTAGENTS_SSH_CONTROL_DIR: tempDir('wt-ssh-') };
  }, 180_000);
  afterAll(async () => {
    await sshd?.close();
  });

  function repoWithRunner(runner: Record<string, unknown> = {}): string {
    const repo = makeRepo();
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({ sandbox: undefined, runners: { box: { ssh: sshd.host, sshConfig: sshd.configFile, dir: hostDir, node: process.execPath, ...runner } } }),
    });
    return repo;
  }

  it('runs the task on the host, streams its trace here, and fetches the commit onto the task branch', async () => {
    const repo = repoWithRunner();
    const mainBefore = git(repo, ['rev-parse', 'main']).trim();
    const t = newTask(repo, ['Write remote.txt', '--on', 'box', '--run', '--agent-command', `bash ${agentScript(agents, { lines: 4 })}`, '--check', 'test -f remote.txt'], env);
    expect(t.runner).toBe('box');
    expect(runCli(['list'], { cwd: repo }).stdout).toMatch(new RegExp(`${t.id}\\s+\\w+ @box`));
    const done = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000);
    expect(done.state, JSON.stringify(traceEvents(t.taskDir).slice(-5))).toBe('done');
    expect(done.remote).toMatchObject({ runner: 'box' });
    expect(done.remote!.taskDir.startsWith(hostDir)).toBe(true);
    // The edit is a commit on the local task branch; main and the main checkout are untouched.
    expect(git(repo, ['log', '--format=%s', `main..${t.branch}`]).trim()).toBe('agent: remote.txt round 1');
    expect(readFileSync(path.join(t.worktree, 'remote.txt'), 'utf8')).toBe('remote work, round 1\n');
    expect(git(repo, ['rev-parse', 'main']).trim()).toBe(mainBefore);
    expect(git(repo, ['status', '--porcelain']).trim()).toBe('');
    // The host's trace is here, each remote event once, in order, with its remote seq.
    expect(outputs(t.taskDir).filter((l) => l.startsWith('line '))).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    const rseqs = traceEvents(t.taskDir).map((e) => (e as { rseq?: number }).rseq).filter((r): r is number => r !== undefined);
    expect(rseqs).toEqual([...rseqs].sort((a, b) => a - b));
    expect(new Set(rseqs).size).toBe(rseqs.length);
    expect(traceEvents(t.taskDir).some((e) => e.type === 'check.finished' && (e as { exitCode: number }).exitCode === 0)).toBe(true);
    // The checks and the report came back; the review works locally and merges.
    expect(JSON.parse(readFileSync(path.join(t.taskDir, 'review', 'checks.json'), 'utf8')).results[0].exitCode).toBe(0);
    expect(readFileSync(path.join(t.taskDir, 'report.md'), 'utf8')).toContain('Added remote.txt on the runner.');
    // Request changes: the next round runs on the host again, on the same twin, and its commit comes back.
    const again = runCli(['run', t.id, '--feedback', 'Once more, with feeling'], { cwd: repo, env });
    expect(again.stderr).toBe('');
    const round2 = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000);
    expect(round2.state).toBe('done');
    expect(round2.round).toBe(2);
    expect(round2.remote!.id).toBe(done.remote!.id);
    expect(git(repo, ['log', '--format=%s', `main..${t.branch}`]).trim().split('\n')).toEqual(['agent: remote.txt round 2', 'agent: remote.txt round 1']);
    const remotePackets = execFileSync('ls', [path.join(done.remote!.taskDir, 'packets')], { encoding: 'utf8' });
    expect(remotePackets).toMatch(/02-request-changes\.md/);
    expect(readFileSync(path.join(done.remote!.taskDir, 'packets', '02-request-changes.md'), 'utf8')).toContain('Once more, with feeling');
    const merged = runCli(['review', t.id, '--merge', '--yes'], { cwd: repo });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(git(repo, ['show', 'main:remote.txt'])).toBe('remote work, round 1\nremote work, round 2\n');
  }, 180_000);

  it('survives a dropped connection: every remote event arrives once', async () => {
    const repo = repoWithRunner();
    const gate = path.join(agents, `gate-${Date.now()}`);
    const t = newTask(repo, ['Stream through a drop', '--on', 'box', '--run', '--agent-command', `bash ${agentScript(agents, { lines: 40, gate })}`], env);
    await waitFor('the first half of the lines here', () => outputs(t.taskDir).includes('line 20'), 120_000);
    // Drop the connection: kill the local ssh connection (the ControlMaster every call of the runner shares;
    // a client's streams are the master's), as a network drop would. The host's run goes on.
    const masters = execFileSync('ps', ['-e', '-o', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.includes(`ssh: ${env.WTAGENTS_SSH_CONTROL_DIR}/`) && l.endsWith('[mux]'))
      .map((l) => Number(l.split(/\s+/)[0]));
    expect(masters.length).toBeGreaterThan(0);
    for (const pid of masters) process.kill(pid, 'SIGKILL');
    await waitFor('the drop to be noticed', () => traceEvents(t.taskDir).some((e) => e.type === 'runner.status' && (e as { status: string }).status === 'unreachable'), 60_000);
    writeFileSync(gate, '');
    const done = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000);
    expect(done.state).toBe('done');
    const lines = outputs(t.taskDir).filter((l) => l.startsWith('line '));
    expect(lines).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i + 1}`));
    expect(traceEvents(t.taskDir).some((e) => e.type === 'runner.status' && (e as { status: string }).status === 'reconnected')).toBe(true);
  }, 240_000);

  it('stop reaches the host: its agent is killed and the task is stopped', async () => {
    const repo = repoWithRunner();
    const t = newTask(repo, ['Run forever', '--on', 'box', '--run', '--agent-command', `bash ${agentScript(agents, { lines: 2, forever: true })}`], env);
    await waitFor('the agent to be waiting', () => outputs(t.taskDir).includes('waiting forever'), 120_000);
    const remoteDir = readRecord(t.taskDir).remote!.taskDir;
    const remoteAgent = JSON.parse(readFileSync(path.join(remoteDir, 'task.json'), 'utf8')).processes.agent?.pid as number | undefined;
    const r = runCli(['stop', t.id], { cwd: repo, timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const stopped = await waitSettled(t.taskDir, ['stopped', 'failed', 'done', 'interrupted'], 120_000);
    expect(stopped.state).toBe('stopped');
    const remoteState = JSON.parse(readFileSync(path.join(remoteDir, 'task.json'), 'utf8')).state;
    expect(remoteState).toBe('stopped');
    if (remoteAgent !== undefined) {
      const alive = execFileSync('ps', ['-e', '-o', 'pid=,stat='], { encoding: 'utf8' }).split('\n').some((l) => {
        const [p, s] = l.trim().split(/\s+/);
        return Number(p) === remoteAgent && !s!.startsWith('Z');
      });
      expect(alive).toBe(false);
    }
  }, 240_000);

  it('a host that cannot run wtagents (old Node) fails the task with a clear reason; nothing local changes', async () => {
    const fakeNode = path.join(agents, 'old-node');
    writeFileSync(fakeNode, '#!/bin/sh\necho 20.1.0\n', { mode: 0o755 });
    const repo = repoWithRunner({ node: fakeNode });
    const t = newTask(repo, ['Old node', '--on', 'box', '--run', '--agent-command', 'true'], env);
    const failed = await waitSettled(t.taskDir, ['failed', 'done', 'stopped', 'interrupted'], 120_000);
    expect(failed.state).toBe('failed');
    const last = traceEvents(t.taskDir).filter((e) => e.type === 'task.state').at(-1) as { reason?: string };
    expect(last.reason).toMatch(/runner box: the host's Node\.js is v20\.1\.0; wtagents needs Node\.js ≥ 22/);
    expect(git(repo, ['rev-parse', t.branch]).trim()).toBe(t.baseSha);
  }, 180_000);

  it('an unreachable host fails the task with the ssh error', async () => {
    const repo = repoWithRunner({ port: 1, sshConfig: undefined, ssh: '127.0.0.1', connectTimeoutSeconds: 5 });
    const t = newTask(repo, ['Unreachable', '--on', 'box', '--run', '--agent-command', 'true'], env);
    const failed = await waitSettled(t.taskDir, ['failed', 'done', 'stopped', 'interrupted'], 120_000);
    expect(failed.state).toBe('failed');
    const last = traceEvents(t.taskDir).filter((e) => e.type === 'task.state').at(-1) as { reason?: string };
    expect(last.reason).toMatch(/runner box: connecting failed \(cannot reach the host\): .*(refused|closed)/i);
  }, 180_000);

  it('refuses an unknown runner before making anything', () => {
    const repo = repoWithRunner();
    const r = runCli(['new', 'x', '--on', 'nowhere'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no runner named "nowhere" in .wtagents/config.json (runners): choose one of local, box');
    expect(existsSync(path.join(repo, '.wtagents', 'tasks'))).toBe(false);
  });
});
