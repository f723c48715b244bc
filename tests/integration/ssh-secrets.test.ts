// The README's claim about runner keys, tested against a real sshd on 127.0.0.1: a gateway key travels to
// the host on ssh's stdin only. While a remote task runs, no process on this machine (the host is this
// machine too) has the key in its argv; afterwards no file under the runner's directory, the host's HOME,
// the sshd's directory or the local repository holds it — yet the host's agent had it in its environment.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellJoin } from '../../src/core/shell-quote.js';
import { makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { newTask, traceEvents, waitFor, waitSettled } from '../helpers/run.js';
import { startSshd, sshdUnavailable, type TestSshd } from '../helpers/sshd.js';

const why = sshdUnavailable();
const KEY_ENV = 'WT_TEST_GATEWAY_KEY';
const KEY = `sk-test-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

/** Every /proc/<pid>/cmdline that holds `needle` (as `pid: argv`). */
function argvHolding(needle: string): string[] {
  const hits: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let argv: string;
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    } catch {
      continue; // exited meanwhile
    }
    if (argv.includes(needle)) hits.push(`${pid}: ${argv.replaceAll('\0', ' ')}`);
  }
  return hits;
}

/** Every regular file under `dir` whose bytes hold `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = path.join(d, name);
      let st;
      try {
        st = statSync(p, { throwIfNoEntry: false });
      } catch {
        continue;
      }
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

describe.skipIf(why !== null)('runner keys (real sshd on 127.0.0.1)', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  }, 120_000);
  afterAll(async () => {
    await sshd?.close();
  });

  it('the gateway key reaches the host only through ssh: never in an argv, never in a file', async () => {
    const hostDir = path.join(tempDir('wt-host-'), 'runner');
    const agents = tempDir('wt-agents-');
    const gate = path.join(agents, 'gate');
    const agent = path.join(agents, 'agent.sh');
    // The agent says whether it has the key (its length, never the key), then waits for the gate.
    writeFileSync(
      agent,
      [
        '#!/usr/bin/env bash',
        'cat >/dev/null',
        `echo "key length \${#${KEY_ENV}}"`,
        `while [ ! -e ${shellJoin([gate])} ]; do sleep 0.05; done`,
        'echo done > secret-free.txt; git add secret-free.txt; git commit -q -m "agent: secret-free.txt"',
      ].join('\n'),
    );
    const repo = makeRepo();
    writeFiles(repo, {
      '.wtagents/config.json': JSON.stringify({
        gateway: { baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: KEY_ENV },
        runners: { box: { ssh: sshd.host, sshConfig: sshd.configFile, dir: hostDir, node: process.execPath } },
      }),
    });
    const env = { WTAGENTS_SSH_CONTROL_DIR: tempDir('wt-ssh-'), [KEY_ENV]: KEY };
    const t = newTask(repo, ['Keep the key', '--on', 'box', '--run', '--agent-command', `bash ${agent}`], env);
    // Poll every process's argv for the whole run: the start over ssh, the host's supervisor and agent, the follow.
    const seen = new Set<string>();
    let polls = 0;
    const poll = () => {
      polls++;
      for (const hit of argvHolding(KEY)) seen.add(hit);
    };
    await waitFor('the host agent to say it has the key', () => {
      poll();
      return traceEvents(t.taskDir).some((e) => e.type === 'agent.output' && (e as { text: string }).text.startsWith('key length'));
    }, 120_000);
    const said = traceEvents(t.taskDir).find((e) => e.type === 'agent.output' && (e as { text: string }).text.startsWith('key length')) as { text: string };
    expect(said.text).toBe(`key length ${KEY.length}`);
    writeFileSync(gate, '');
    await waitFor('the run to end', () => {
      poll();
      const r = JSON.parse(readFileSync(path.join(t.taskDir, 'task.json'), 'utf8')) as { state: string; processes: { supervisor?: unknown } };
      return r.state !== 'running' && !r.processes.supervisor;
    }, 120_000);
    const done = await waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], 10_000);
    expect(done.state).toBe('done');
    expect(polls).toBeGreaterThan(5);
    expect([...seen]).toEqual([]);
    // Nothing on the host's disk (its runner dir, its HOME, the sshd's files) nor here holds the key.
    expect(filesHolding(hostDir, KEY)).toEqual([]);
    expect(filesHolding(sshd.dir, KEY)).toEqual([]);
    expect(filesHolding(repo, KEY)).toEqual([]);
    // The check can fail: the key written into a file under the host dir is found.
    writeFileSync(path.join(hostDir, 'planted'), `x${KEY}x`);
    expect(filesHolding(hostDir, KEY)).toEqual([path.join(hostDir, 'planted')]);
    // ... and so is a process with the key in its argv.
    const planted = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', KEY], { stdio: 'ignore' });
    try {
      await waitFor('the planted process to be seen', () => argvHolding(KEY).some((h) => h.startsWith(`${planted.pid}:`)), 10_000);
    } finally {
      planted.kill('SIGKILL');
    }
  }, 240_000);
});
