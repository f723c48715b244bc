// maxParallel per runner and a pool of runners, against a real sshd on 127.0.0.1: two runners `a` and `b`
// are the same sshd with different directories ("two hosts"), one slot each, in pool `p`. `--on pool:p`
// puts the first two tasks one on each host, queues the third until a host frees, then runs it there;
// `--on a` while `a` is full waits `queued` with the reason.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellJoin } from '../../src/core/shell-quote.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { newTask, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';
import { startSshd, sshdUnavailable, type TestSshd } from '../helpers/sshd.js';

const why = sshdUnavailable();

describe.skipIf(why !== null)('runner slots and pools (real sshd on 127.0.0.1)', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  }, 120_000);
  afterAll(async () => {
    await sshd?.close();
  });

  it('pool:p picks a host with a free slot; a full pool queues; a freed host takes the next', async () => {
    const hosts = tempDir('wt-hosts-');
    const runner = (dir: string) => ({ ssh: sshd.host, sshConfig: sshd.configFile, dir: path.join(hosts, dir), node: process.execPath, maxParallel: 1, pool: 'p' });
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ runners: { a: runner('a'), b: runner('b') } }) });
    const env = { WTAGENTS_SSH_CONTROL_DIR: tempDir('wt-ssh-') };
    const gates = tempDir('wt-gates-');
    const agent = path.join(gates, 'agent.sh');
    // Each task's agent waits for its own gate file (named by its argument), then commits.
    writeFileSync(agent, ['cat >/dev/null', 'echo "waiting for $1"', 'while [ ! -e "$1" ]; do sleep 0.05; done', 'echo "$1" > gated.txt; git add gated.txt; git commit -qm gated'].join('\n'));
    const gate = (n: number) => path.join(gates, `gate-${n}`);
    const start = (n: number, on: string) => newTask(repo, [`Pool task ${n}`, '--on', on, '--run', '--agent-command', shellJoin(['bash', agent, gate(n)])], env);
    const t1 = start(1, 'pool:p');
    const t2 = start(2, 'pool:p');
    const t3 = start(3, 'pool:p');
    const r1 = readRecord(t1.taskDir);
    const r2 = readRecord(t2.taskDir);
    expect([r1.state, r2.state]).toEqual(['running', 'running']);
    expect(new Set([r1.runner, r2.runner])).toEqual(new Set(['a', 'b']));
    expect(r1.pool).toBe('p');
    expect(readRecord(t3.taskDir).state).toBe('queued');
    expect(readRecord(t3.taskDir).runner).toBe('pool:p');
    expect(traceEvents(t3.taskDir).at(-1)).toMatchObject({ type: 'task.state', state: 'queued', reason: 'waiting for a free slot in pool p (a 1/1, b 1/1)' });
    // A named runner that is full: queued with its reason.
    const t4 = start(4, r2.runner!);
    expect(readRecord(t4.taskDir).state).toBe('queued');
    expect(traceEvents(t4.taskDir).at(-1)).toMatchObject({ type: 'task.state', state: 'queued', reason: `waiting for a free slot on runner ${r2.runner} (maxParallel 1, 1 running)` });
    expect(runCli(['list'], { cwd: repo }).stdout).toContain('queued #2');
    // Both hosts run their task (each in its own directory).
    await waitFor('both agents waiting', () => [t1, t2].every((t) => traceEvents(t.taskDir).some((e) => e.type === 'agent.output')), 120_000);
    expect(existsSync(path.join(hosts, r1.runner!, 'repos'))).toBe(true);
    expect(existsSync(path.join(hosts, r2.runner!, 'repos'))).toBe(true);
    // Task 1 ends: its host frees; the queue's head (task 3, the pool's) starts there; task 4 still waits for its host.
    writeFileSync(gate(1), '');
    expect((await waitSettled(t1.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000)).state).toBe('done');
    const r3 = await waitFor('task 3 to start', () => {
      const r = readRecord(t3.taskDir);
      return r.state === 'running' ? r : null;
    }, 60_000);
    expect(r3.runner).toBe(r1.runner);
    expect(readRecord(t4.taskDir).state).toBe('queued');
    // Task 2 ends: task 4 starts on its host.
    writeFileSync(gate(2), '');
    await waitSettled(t2.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000);
    await waitFor('task 4 to start', () => readRecord(t4.taskDir).state === 'running', 60_000);
    writeFileSync(gate(3), '');
    writeFileSync(gate(4), '');
    for (const t of [t3, t4]) expect((await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 120_000)).state).toBe('done');
  }, 300_000);

  it('refuses a pool no runner is in', () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ runners: { a: { ssh: 'x', pool: 'p' } } }) });
    const r = runCli(['new', 'x', '--on', 'pool:q'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no runner of .wtagents/config.json is in pool "q": pools are p');
  });
});
