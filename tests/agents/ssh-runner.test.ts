// A real agent CLI (claude) on an SSH runner: sshd on 127.0.0.1 is "the other machine" (its own runner
// directory, the CLIs on the runner's `path`, the keys and the throwaway HOME passed through the ssh session),
// the scripted model server is the gateway. The task runs there, its trace streams here through a dropped
// connection, a request-changes round resumes the same session there, and the review merges here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { git } from '../helpers/repo.js';
import { readRecord, traceEvents, trackTask, waitFor, waitSettled } from '../helpers/run.js';
import { runJson } from '../helpers/cli.js';
import { startSshd, sshdUnavailable, type TestSshd } from '../helpers/sshd.js';
import { BIN_DIR, cli, events, KEY, KEY_ENV, makeWorld, requestChanges, RUN_TIMEOUT_MS, throwawayHome, type World } from './harness.js';
import { SESSION_SCRIPT } from './conformance.js';

const why = sshdUnavailable();

/** State, the local trace (the host's streamed in) and the server's requests: the agent's logs live on the host. */
function explain(t: TaskRecord, w: World): string {
  const logs = cli(w, ['logs', t.id]).stdout.slice(-4000);
  const reqs = w.server.requests.map((r) => `${r.seq} ${r.method} ${r.path} ${r.model ?? ''} ${r.reply}`).join('\n');
  return `state ${readRecord(t.taskDir).state}\n--- logs\n${logs}\n--- server\n${reqs}`;
}

describe.skipIf(why !== null)('claude (real CLI) on an SSH runner', () => {
  let sshd: TestSshd;
  let w: World;
  let t: TaskRecord;
  beforeAll(async () => {
    sshd = await startSshd();
    const hostDir = mkdtempSync(path.join(throwawayHome(), 'runner-'));
    w = await makeWorld({
      script: SESSION_SCRIPT,
      // claude speaks Anthropic Messages at the server's root (the preset drops a trailing /v1).
      config: (s) => ({
        gateway: { baseUrl: `${s.url}/v1`, apiKeyEnv: KEY_ENV },
        runners: {
          box: {
            ssh: sshd.host,
            sshConfig: sshd.configFile,
            dir: hostDir,
            node: process.execPath,
            path: [BIN_DIR, path.dirname(process.execPath)],
            env: ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'],
          },
        },
      }),
    });
    t = runJson<TaskRecord>(['new', '--task', 'Add stub.txt and commit it.', '--agent', 'claude', '--on', 'box', '--run'], { cwd: w.repo, env: w.env, timeoutMs: 60_000 });
    trackTask(t.taskDir);
    t = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], RUN_TIMEOUT_MS);
  });
  afterAll(async () => {
    await w?.close();
    await sshd?.close();
  });

  it('runs on the host: the gateway saw the key, the commit came back onto wtagents/<id>, main is untouched', () => {
    expect(t.state, explain(t, w)).toBe('done');
    expect(t.remote?.runner).toBe('box');
    const agentReqs = w.server.agentRequests();
    expect(agentReqs.length, explain(t, w)).toBeGreaterThanOrEqual(4);
    expect(agentReqs.every((r) => r.auth.key === KEY)).toBe(true);
    // The agent worked in the host's worktree, not in the local one nor the main checkout.
    const cwds = [...new Set(agentReqs.map((r) => r.cwd).filter(Boolean))];
    expect(cwds.length).toBeGreaterThan(0);
    expect(cwds.every((c) => c!.startsWith(path.dirname(path.dirname(t.remote!.clone)))), cwds.join(', ')).toBe(true);
    expect(git(w.repo, ['log', '--format=%s', `main..${t.branch}`]).trim().split('\n')).toEqual(['Add stub.txt']);
    expect(git(w.repo, ['rev-parse', 'refs/heads/main']).trim()).toBe(w.before.main);
    expect(git(w.repo, ['status', '--porcelain'])).toBe(w.before.status);
  });

  it("streams the host's trace here: session, commands with exit codes, usage and cost, each event once", () => {
    expect(events(t, 'agent.session', 1).length).toBeGreaterThan(0);
    const cmds = events(t, 'agent.command', 1) as { cmd: string; exitCode?: number | null }[];
    expect(cmds.find((c) => c.cmd.includes('no-such-file-here'))?.exitCode).toBe(2);
    expect(events(t, 'agent.usage', 1).length).toBeGreaterThan(0);
    const rseqs = traceEvents(t.taskDir).map((e) => (e as { rseq?: number }).rseq).filter((r): r is number => r !== undefined);
    expect(new Set(rseqs).size).toBe(rseqs.length);
    expect(cli(w, ['review', t.id, '--json']).code).toBe(0);
  });

  it('a request-changes round runs on the host again, resuming the same session, and survives a dropped connection', async () => {
    const before = w.server.agentRequests().length;
    const next = requestChanges(w, t, 'Also add round2.txt.');
    // Drop the connection while round 2 runs (kill the runner's ssh ControlMaster): the follow reconnects.
    await waitFor('round 2 to start on the host', () => readRecord(t.taskDir).round === 2 && traceEvents(t.taskDir).some((e) => e.round === 2 && e.type === 'runner.status' && (e as { status: string }).status === 'started'), RUN_TIMEOUT_MS);
    for (const line of execFileSync('ps', ['-e', '-o', 'pid=,args='], { encoding: 'utf8' }).split('\n')) {
      if (/\bssh: .*wtagents-ssh-.*\[mux\]/.test(line)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
    }
    const t2 = await next;
    expect(t2.state, explain(t2, w)).toBe('done');
    expect(git(w.repo, ['log', '--format=%s', `main..${t.branch}`]).trim().split('\n')).toEqual(['Add round2.txt', 'Add stub.txt']);
    const round2 = w.server.agentRequests().slice(before);
    expect(round2.length).toBeGreaterThan(0);
    // Resumed: the host's claude sent the earlier turns again.
    expect(round2[0]!.userTexts.join('\n')).toContain('Add stub.txt and commit it.');
    const rseqs = traceEvents(t.taskDir).map((e) => (e as { rseq?: number }).rseq).filter((r): r is number => r !== undefined);
    expect(new Set(rseqs).size).toBe(rseqs.length);
    const merged = cli(w, ['review', t.id, '--merge', '--yes']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(git(w.repo, ['show', 'main:round2.txt'])).toBe('two\n');
  });
});
