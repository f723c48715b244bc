// Agents and checks in bubblewrap (config sandbox "auto", the default, on Linux): what the agent can and cannot
// do, nothing it starts outlives the run, run --print and the review say where it ran, and "auto" without a
// working bwrap says "not sandboxed" (while "bwrap" refuses). Real bwrap, git and processes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';
import { fixture, newTask, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';

const outputs = (taskDir: string) => traceEvents(taskDir).filter((e) => e.type === 'agent.output').map((e) => (e as { text: string }).text);
const running = (pattern: string) => execFileSync('ps', ['-e', '-o', 'args='], { encoding: 'utf8' }).split('\n').some((l) => l.includes(pattern));

describe.runIf(process.platform === 'linux')('agents in bubblewrap (sandbox: auto)', () => {
  it('the agent commits on its branch but cannot touch the main checkout, git config, its task files or host /tmp; its setsid forger dies with it', async () => {
    const repo = makeRepo();
    const outside = path.join(tempDir(), 'outside.txt');
    const marker = path.basename(tempDir('wtagents-host-marker-'));
    const check = path.join(tempDir(), 'check-was-here');
    const before = { head: git(repo, ['rev-parse', 'HEAD']), config: readFileSync(path.join(repo, '.git/config'), 'utf8') };
    const t = newTask(repo, ['Meddle in the sandbox', '--agent-command', fixture('meddler.sh', outside, marker.slice(0, -3)), '--check', `touch ${check}; true`, '--check', 'false', '--run']);
    const rec = await waitSettled(t.taskDir);
    expect(rec.state).toBe('failed'); // the check `false`
    expect(outputs(t.taskDir)).toEqual(expect.arrayContaining(['did commit', 'task-dir=unset', 'refused edit main checkout', 'refused switch main checkout', 'refused set hooksPath', 'refused mount changes', 'no task.json', 'private tmp', 'agent done']));
    expect(traceEvents(t.taskDir).find((e) => e.type === 'agent.started')).toMatchObject({ sandbox: 'bwrap' });
    expect(git(repo, ['log', '-1', '--format=%s', t.branch]).trim()).toBe('agent work');

    // Nothing outside the worktree changed on the host, and the forger was killed with the sandbox.
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(check)).toBe(false); // checks run in the sandbox too
    expect(git(repo, ['rev-parse', 'HEAD'])).toBe(before.head);
    expect(git(repo, ['status', '--porcelain'])).toBe('');
    expect(readFileSync(path.join(repo, '.git/config'), 'utf8')).toBe(before.config);
    expect(git(repo, ['branch', '--list', 'meddled'])).toBe('');
    await waitFor('no forger left', () => !running(`wtagents-forger-${t.id}`));
    expect(readRecord(t.taskDir).state).toBe('failed');
    expect(existsSync(path.join(t.taskDir, 'forged'))).toBe(false);

    const e = runJson<{ sandbox: string; checks: { source: string; passed: boolean }; risks: { kind: string }[] }>(['review', t.id, '--json'], { cwd: repo });
    expect(e.sandbox).toBe('bwrap');
    expect(e.checks).toMatchObject({ source: 'supervisor', passed: false });
    expect(e.risks.map((r) => r.kind)).toEqual([]);
  }, 180_000);

  it('stop ends every process in the sandbox, its own sessions included', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Sleepy', '--agent-command', `setsid sleep 3007.1 & sleep 3007.2 & echo up; exec sleep 3007.3`, '--run']);
    await waitFor('the agent to be up', () => outputs(t.taskDir).includes('up') && running('sleep 3007.1'));
    expect(runCli(['stop', t.id], { cwd: repo }).code).toBe(0);
    await waitFor('no process left', () => !['3007.1', '3007.2', '3007.3'].some((n) => running(`sleep ${n}`)));
    expect(readRecord(t.taskDir).state).toBe('stopped');
  }, 180_000);

  it('run --print shows bwrap and what is writable; without a working bwrap "auto" says not sandboxed everywhere, "bwrap" refuses', async () => {
    const repo = makeRepo();
    const t = newTask(repo, ['Where', '--agent-command', 'echo hi']);
    const shown = runCli(['run', t.id, '--print'], { cwd: repo });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Sandbox: bwrap — system and repository read-only, own PID namespace');
    expect(shown.stdout).toMatch(new RegExp(`\\n {2}writable .*(\\n {12}.*)*\\n {12}${t.worktree}\\n`));
    expect(shown.stdout).toContain(`  hidden    /tmp (a private, empty one instead)\n            ${path.join(repo, '.wtagents')}\n`);

    const broken = { WTAGENTS_BWRAP: '/bin/false' };
    expect(runCli(['run', t.id, '--print'], { cwd: repo, env: broken }).stdout).toContain('Sandbox: none — not sandboxed (bwrap does not work here (exit code 1)): the agent can write anywhere you can');
    expect(runCli(['run', t.id], { cwd: repo, env: broken }).code).toBe(0);
    await waitSettled(t.taskDir);
    expect(traceEvents(t.taskDir).find((e) => e.type === 'agent.started')).toMatchObject({ sandbox: 'not sandboxed: bwrap does not work here (exit code 1)' });
    const review = runCli(['review', t.id], { cwd: repo });
    expect(review.stdout).toContain('Sandbox: not sandboxed: bwrap does not work here (exit code 1)');
    expect(review.stdout).toMatch(/!\s+not-sandboxed\s+round 1 ran not sandboxed/);

    writeFileSync(path.join(repo, '.wtagents/config.json'), '{"sandbox":"bwrap"}');
    const refused = runCli(['run', t.id], { cwd: repo, env: broken });
    expect(refused).toMatchObject({ code: 1, stderr: 'wtagents: config sandbox is "bwrap" but bwrap does not work here (exit code 1): install it, or set sandbox to "auto"\n' });
  }, 180_000);
});
