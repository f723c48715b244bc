// Findings 7 and 8: `new` is atomic and debris is found and repaired. A failing post-checkout hook made
// `git worktree add` fail after it had made the branch and the worktree: they stayed, with a task directory
// without task.json, and the error showed only git's first line. A `new` killed half-way left the same.
// A lock whose live pid has no start time blocked for ever, with no hint.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';
import { waitFor } from '../helpers/run.js';
import { cliTask } from '../helpers/tasks.js';

const wtBranches = (repo: string) => git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/wtagents/']).split('\n').filter((l) => l !== '');
const worktreeCount = (repo: string) => git(repo, ['worktree', 'list', '--porcelain']).split('\n').filter((l) => l.startsWith('worktree ')).length;
const taskDirs = (repo: string) => (existsSync(path.join(repo, '.wtagents/tasks')) ? readdirSync(path.join(repo, '.wtagents/tasks')) : []);

/** Start `wtagents new` paused at `point`, wait until it is there, kill -9 it. */
async function killNewAt(repo: string, text: string, point: string): Promise<void> {
  const faults = tempDir('wt-faults-');
  const child = startCli(['new', text], { cwd: repo, env: { WTAGENTS_FAULT: point, WTAGENTS_FAULT_DIR: faults } });
  await waitFor(`new to reach ${point}`, () => readdirSync(faults).some((f) => f.startsWith(`${point}.`)));
  process.kill(child.pid, 'SIGKILL');
  await child.done;
}

describe('new is atomic (finding 7)', () => {
  it('undoes the branch, worktree and task directory when git fails, and shows all of git error', () => {
    const repo = makeRepo();
    const hook = path.join(repo, '.git/hooks/post-checkout');
    writeFileSync(hook, '#!/bin/sh\necho "hook says line one" >&2\necho "hook line two: refusing" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const r = runCli(['new', 'Hooked task'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hook says line one');
    expect(r.stderr).toContain('hook line two: refusing');
    expect(r.stderr.split('\n').filter((l) => l.includes('git:')).length).toBeGreaterThanOrEqual(2);
    expect(wtBranches(repo)).toEqual([]);
    expect(worktreeCount(repo)).toBe(1);
    expect(taskDirs(repo)).toEqual([]);
  });

  it('after a kill -9 half-way, doctor names the debris and the next new (or doctor --fix) removes it', async () => {
    const repo = makeRepo();
    await killNewAt(repo, 'Killed once', 'new.after-worktree');
    expect(wtBranches(repo)).toEqual(['wtagents/killed-once']);
    expect(worktreeCount(repo)).toBe(2);
    expect(taskDirs(repo)).toEqual(['killed-once']);
    const doctor = runCli(['doctor'], { cwd: repo });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/unfinished-new .*killed-once/);

    const next = cliTask(repo, 'Made next');
    expect(next.id).toBe('made-next');
    expect(wtBranches(repo)).toEqual(['wtagents/made-next']);
    expect(worktreeCount(repo)).toBe(2);
    expect(taskDirs(repo)).toEqual(['made-next']);

    await killNewAt(repo, 'Killed twice', 'new.after-worktree');
    expect(wtBranches(repo)).toContain('wtagents/killed-twice');
    const fix = runCli(['doctor', '--fix'], { cwd: repo });
    expect(fix.stdout).toContain('Repaired');
    expect(fix.code).toBe(0);
    expect(wtBranches(repo)).toEqual(['wtagents/made-next']);
    expect(worktreeCount(repo)).toBe(2);
    expect(taskDirs(repo)).toEqual(['made-next']);
    expect(runCli(['doctor'], { cwd: repo })).toMatchObject({ code: 0, stdout: expect.stringContaining('Nothing to fix') });
    expect(runCli(['list'], { cwd: repo }).stdout).toContain('made-next');
  });

  it('doctor finds stray branches (deleting only those whose commits are elsewhere) and prunable worktrees', () => {
    const repo = makeRepo();
    git(repo, ['branch', 'wtagents/stray-empty']);
    git(repo, ['checkout', '-q', '-b', 'wtagents/stray-work']);
    writeFileSync(path.join(repo, 'work.txt'), 'work\n');
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'work only here']);
    git(repo, ['checkout', '-q', 'main']);
    const gone = path.join(tempDir(), 'gone');
    git(repo, ['worktree', 'add', '-q', gone, '-b', 'other']);
    git(repo, ['worktree', 'remove', '--force', gone]);
    git(repo, ['worktree', 'add', '-q', gone, 'other']);
    rmSync(gone, { recursive: true, force: true });
    const r = runCli(['doctor', '--fix'], { cwd: repo });
    expect(r.stdout).toMatch(/stray-branch +wtagents\/stray-empty/);
    expect(r.stdout).toMatch(/stray-branch +wtagents\/stray-work[\s\S]*holds commits no other branch has[\s\S]*git branch -D/);
    expect(r.stdout).toMatch(/prunable-worktree/);
    expect(r.code).toBe(1); // the branch with work is left for the user
    expect(wtBranches(repo)).toEqual(['wtagents/stray-work']);
    expect(worktreeCount(repo)).toBe(1);
  });
});


describe('locks (finding 8)', () => {
  async function sleeper(): Promise<number> {
    const child = spawn('sleep', ['120'], { stdio: 'ignore', detached: true });
    child.unref();
    await new Promise((r) => child.once('spawn', r));
    return child.pid!;
  }

  it('a decision lock whose live pid has no start time is taken over once old, and named with a hint while young', async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Locked');
    const pid = await sleeper();
    try {
      const lock = path.join(t.taskDir, 'review', 'decision.lock');
      mkdirSync(path.dirname(lock), { recursive: true });
      writeFileSync(lock, `${JSON.stringify({ pid, start: null, token: 'old-version' })}\n`);
      const young = runCli(['review', t.id, '--abandon', '--yes'], { cwd: repo });
      expect(young.code).toBe(1);
      expect(young.stderr).toContain(`pid ${pid} (no start time recorded)`);
      expect(young.stderr).toContain('wtagents doctor');
      const doctor = runCli(['doctor'], { cwd: repo });
      expect(doctor.stdout).toMatch(new RegExp(`held-lock .*decision\\.lock[\\s\\S]*pid ${pid}[\\s\\S]*rm `));

      const hourAgo = new Date(Date.now() - 3600_000);
      utimesSync(lock, hourAgo, hourAgo);
      const old = runCli(['review', t.id, '--abandon', '--yes'], { cwd: repo });
      expect(old.stderr).toBe('');
      expect(old.code).toBe(0);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('doctor --fix removes a lock whose owner is gone, naming its pid and age', () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Stale lock');
    const lock = path.join(t.taskDir, 'task.lock');
    writeFileSync(lock, `${JSON.stringify({ pid: 2 ** 22 - 7, start: 1, token: 'dead' })}\n`);
    const r = runCli(['doctor', '--fix'], { cwd: repo });
    expect(r.stdout).toMatch(/stale-lock +.*task\.lock[\s\S]*pid 4194297/);
    expect(existsSync(lock)).toBe(false);
    expect(r.code).toBe(0);
  });
});
