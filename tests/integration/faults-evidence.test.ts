// Fault tests for issue 11, findings 2, 3 and 5, in the worst case (no sandbox): an agent's leftover process
// forges task.json and checks.json; an agent meddles with the main checkout and the shared git config; the
// supervisor is killed before checks ran. The review believes the supervisor's records and says what happened.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordsFile } from '../../src/store/records.js';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, tempDir } from '../helpers/repo.js';
import { fixture, newTask, readRecord, traceEvents, waitFor } from '../helpers/run.js';

interface ReviewJson {
  checks: { source: string; passed: boolean | null; results: { cmd: string; exitCode: number | null }[] };
  risks: { kind: string; path?: string; detail: string }[];
}

function unsandboxedRepo(config: object = {}): string {
  const repo = makeRepo();
  mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
  writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ sandbox: 'none', ...config }));
  return repo;
}

describe('finding 2: forged evidence', () => {
  it('a setsid leftover rewrites task.json (done) and checks.json (exit 0): the review shows the failed check and flags both files', async () => {
    const repo = unsandboxedRepo();
    const t = newTask(repo, ['Forge', '--agent-command', fixture('meddler.sh', path.join(tempDir(), 'outside'), 'none'), '--check', 'false', '--run']);
    await waitFor('the forger to rewrite the evidence', () => existsSync(path.join(t.taskDir, 'forged')), 90_000);
    expect(readRecord(t.taskDir).state).toBe('done'); // what the forger wrote
    const e = runJson<ReviewJson>(['review', t.id, '--json'], { cwd: repo });
    expect(e.checks).toMatchObject({ source: 'supervisor', passed: false, results: [{ cmd: 'false', exitCode: 1 }] });
    expect(e.risks.filter((r) => r.kind === 'tampered').map((r) => r.path)).toEqual(['review/checks.json', 'task.json']);
    const text = runCli(['review', t.id], { cwd: repo }).stdout;
    expect(text).toContain('Checks (round 1, supervisor): 0/1 passed');
    expect(text).toMatch(/!\s+tampered\s+task\.json\s+task\.json says done, but the supervisor recorded failed \(check failed: false\)/);
  }, 180_000);
});

describe('finding 3: meddling outside the worktree', () => {
  it('switching the main checkout, editing it and setting core.hooksPath are guard violations and risk flags naming each', async () => {
    const repo = unsandboxedRepo();
    const t = newTask(repo, ['Meddle unsandboxed', '--agent-command', fixture('meddler.sh', path.join(tempDir(), 'outside'), 'none'), '--run']);
    await waitFor('the run to end', () => traceEvents(t.taskDir).some((e) => e.type === 'task.state' && e.state === 'done'), 90_000);
    const violations = traceEvents(t.taskDir).filter((e) => e.type === 'guard.violation').map((e) => (e as { what: string }).what);
    expect(violations).toEqual(expect.arrayContaining(['main checkout HEAD', 'main checkout index and files', '.git/config', 'hooks path', 'refs/heads/meddled']));
    const e = runJson<ReviewJson>(['review', t.id, '--json'], { cwd: repo });
    const outside = e.risks.filter((r) => r.kind === 'outside-worktree').map((r) => r.detail);
    expect(outside).toEqual(expect.arrayContaining([expect.stringMatching(/^main checkout HEAD changed: refs\/heads\/main \w+ → refs\/heads\/meddled /), expect.stringMatching(/^hooks path changed: \(default\) → \/tmp\/evil-hooks/)]));
    expect(e.risks.at(-1)).toMatchObject({ kind: 'not-sandboxed' });
    expect(runCli(['review', t.id], { cwd: repo }).stdout).not.toContain('Risk flags: none');
  }, 180_000);
});

describe('finding 5: setup shown as checks', () => {
  it('with the supervisor killed before its checks, setup steps never count as checks (with or without records)', async () => {
    const repo = unsandboxedRepo({ setup: ['true'], checks: ['false'] });
    const t = newTask(repo, ['Killed early', '--agent-command', 'echo started; exec sleep 3005', '--run']);
    await waitFor('the agent to start', () => traceEvents(t.taskDir).some((e) => e.type === 'agent.output'));
    expect(traceEvents(t.taskDir).filter((e) => e.type === 'check.finished').map((e) => e.step)).toEqual(['setup']);
    process.kill(readRecord(t.taskDir).processes.supervisor!.pid, 'SIGKILL');
    expect(runCli(['stop', t.id], { cwd: repo }).code).toBe(0);
    expect(existsSync(path.join(t.taskDir, 'review/checks.json'))).toBe(false);
    const e = runJson<ReviewJson>(['review', t.id, '--json'], { cwd: repo });
    expect(e.checks).toMatchObject({ source: 'none', passed: null, results: [] });
    expect(runCli(['review', t.id], { cwd: repo }).stdout).toContain('Checks: none ran');

    rmSync(recordsFile(repo, t.id)); // an older task, with the trace alone
    const legacy = runJson<ReviewJson>(['review', t.id, '--json'], { cwd: repo });
    expect(legacy.checks).toMatchObject({ source: 'none', passed: null, results: [] });
    expect(legacy.risks.map((r) => r.kind)).toContain('unverified');
  }, 180_000);
});
