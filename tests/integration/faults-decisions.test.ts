// Findings 4 and 6: crash-safe decisions and hung hooks. A merge killed (kill -9, of a real CLI process, at a
// named point) after git merged used to leave main merged and the task `done` with no record: merging again
// said "nothing to merge", abandoning recorded merged work as abandoned. A hanging hook hung the merge, and an
// interrupted squash left the task's changes staged (and SQUASH_MSG) in the user's checkout.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { commitAll, git, makeRepo, tempDir } from '../helpers/repo.js';
import { psAlive, readRecord, waitFor } from '../helpers/run.js';
import { cliTask, markState } from '../helpers/tasks.js';

async function doneTask(repo: string) {
  const t = cliTask(repo, 'Crash me');
  writeFileSync(path.join(t.worktree, 'work.txt'), 'work\n');
  commitAll(t.worktree, 'the work');
  await markState(t, 'done');
  return t;
}

const decisionJson = (taskDir: string) => {
  const f = path.join(taskDir, 'review/decision.json');
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null;
};
const gitPath = (repo: string, name: string) => path.resolve(repo, git(repo, ['rev-parse', '--git-path', name]).trim());
const mergesOf = (repo: string, id: string) => git(repo, ['log', '--format=%H', '-F', `--grep=wtagents task ${id}`, 'main']).trim().split('\n').filter((l) => l !== '');

/** Run `review --merge --yes` (or another decision) paused at `point`, wait for it there, kill -9 it. */
async function killMergeAt(repo: string, id: string, point: string, decision = '--merge'): Promise<void> {
  const faults = tempDir('wt-faults-');
  const child = startCli(['review', id, decision, '--yes'], { cwd: repo, env: { WTAGENTS_FAULT: point, WTAGENTS_FAULT_DIR: faults } });
  await waitFor(`the merge to reach ${point}`, () => readdirSync(faults).some((f) => f.startsWith(`${point}.`)));
  process.kill(child.pid, 'SIGKILL');
  await child.done;
}

function hook(repo: string, name: string, body: string): void {
  const file = path.join(repo, '.git/hooks', name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
}

describe('crash-safe decisions (finding 4)', () => {
  it('kill -9 after git merged: the next command records it as merged and cleans up; nothing merges twice', async () => {
    const repo = makeRepo();
    const t = await doneTask(repo);
    await killMergeAt(repo, t.id, 'merge.after-git');
    expect(mergesOf(repo, t.id)).toHaveLength(1);
    expect(decisionJson(t.taskDir)).toMatchObject({ pending: true, decision: 'merge' });
    expect(readRecord(t.taskDir).state).toBe('done');

    const again = runCli(['review', t.id, '--merge', '--yes'], { cwd: repo });
    expect(again.stderr).toMatch(/finished an interrupted merge.*the task is merged/);
    expect(again.code).toBe(1);
    expect(readRecord(t.taskDir).state).toBe('merged');
    const d = decisionJson(t.taskDir);
    expect(d.pending).toBeUndefined();
    expect(d).toMatchObject({ outcome: 'merged', baseAfter: git(repo, ['rev-parse', 'main']).trim(), worktreeRemoved: true, branchDeleted: true });
    expect(mergesOf(repo, t.id)).toHaveLength(1);
    expect(existsSync(t.worktree)).toBe(false);
    const abandon = runCli(['review', t.id, '--abandon', '--yes'], { cwd: repo });
    expect(abandon.code).toBe(1);
    expect(abandon.stderr).toContain('cannot abandon a task that is merged');
  });

  it('kill -9 after the intent, before git: the next command rolls it back, and the merge then works', async () => {
    const repo = makeRepo();
    const t = await doneTask(repo);
    const before = git(repo, ['rev-parse', 'main']).trim();
    await killMergeAt(repo, t.id, 'merge.before-git');
    expect(decisionJson(t.taskDir)).toMatchObject({ pending: true });
    const view = runCli(['review', t.id], { cwd: repo });
    expect(view.stderr).toContain('rolled back an interrupted merge: main unchanged');
    expect(view.code).toBe(0);
    expect(decisionJson(t.taskDir)).toBeNull();
    expect(git(repo, ['rev-parse', 'main']).trim()).toBe(before);
    expect(readRecord(t.taskDir).state).toBe('done');
    const merge = runCli(['review', t.id, '--merge', '--yes'], { cwd: repo });
    expect(merge.code).toBe(0);
    expect(mergesOf(repo, t.id)).toHaveLength(1);
  });

  it('kill -9 of an abandon once the worktree is gone: list records it abandoned, the saved patch holds the uncommitted work', async () => {
    const repo = makeRepo();
    const t = await doneTask(repo);
    writeFileSync(path.join(t.worktree, 'draft.txt'), 'uncommitted work\n');
    await killMergeAt(repo, t.id, 'abandon.after-remove', '--abandon');
    expect(existsSync(t.worktree)).toBe(false);
    expect(decisionJson(t.taskDir)).toMatchObject({ pending: true, decision: 'abandon' });
    const list = runCli(['list'], { cwd: repo });
    expect(list.stderr).toContain('finished an interrupted abandon');
    expect(list.stdout).toMatch(new RegExp(`${t.id} +abandoned`));
    const d = decisionJson(t.taskDir);
    expect(d).toMatchObject({ outcome: 'abandoned', worktreeRemoved: true });
    expect(d.pending).toBeUndefined();
    expect(readFileSync(path.join(t.taskDir, d.patch), 'utf8')).toContain('+uncommitted work');
  });

  it('kill -9 (CLI, git and its hook) in the middle of a squash: the base checkout is restored exactly', async () => {
    const repo = makeRepo();
    const t = await doneTask(repo);
    const before = git(repo, ['rev-parse', 'HEAD']).trim();
    const marker = path.join(tempDir('wt-hook-'), 'pgid');
    hook(repo, 'pre-commit', `ps -o pgid= -p $$ | tr -d ' ' > '${marker}.tmp' && mv '${marker}.tmp' '${marker}'\nexec sleep 300`);
    const child = startCli(['review', t.id, '--merge', '--squash', '--yes'], { cwd: repo });
    const pgid = Number(await waitFor('the hook to run', () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '')));
    process.kill(child.pid, 'SIGKILL');
    process.kill(-pgid, 'SIGKILL'); // git and its hook die too (a crash, a reboot)
    await child.done;
    expect(git(repo, ['diff', '--cached', '--name-only']).trim()).toBe('work.txt'); // the damage a kill leaves
    expect(existsSync(gitPath(repo, 'SQUASH_MSG'))).toBe(true);

    const view = runCli(['review', t.id], { cwd: repo });
    expect(view.stderr).toContain('rolled back an interrupted merge');
    expect(git(repo, ['rev-parse', 'HEAD']).trim()).toBe(before);
    expect(git(repo, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
    expect(existsSync(gitPath(repo, 'SQUASH_MSG'))).toBe(false);
    expect(existsSync(gitPath(repo, 'index.lock'))).toBe(false);
    expect(readRecord(t.taskDir).state).toBe('done');
  });
});

describe('git hooks get a time limit (finding 6)', () => {
  for (const squash of [false, true]) {
    it(`a hanging ${squash ? 'pre-commit (squash)' : 'pre-merge-commit'} hook is killed and ${squash ? 'nothing stays staged' : 'no merge stays in progress'}`, async () => {
      const repo = makeRepo();
      mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
      writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ hookTimeoutSeconds: 1 }));
      const t = await doneTask(repo);
      const before = git(repo, ['rev-parse', 'HEAD']).trim();
      const pidFile = path.join(tempDir('wt-hook-'), 'pid');
      hook(repo, squash ? 'pre-commit' : 'pre-merge-commit', `sleep 300 &\necho $! > '${pidFile}'\nwait`);
      const r = runCli(['review', t.id, '--merge', '--yes', ...(squash ? ['--squash'] : [])], { cwd: repo });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/a git hook ran longer than 1 s \(config hookTimeoutSeconds\) and was killed/);
      expect(git(repo, ['rev-parse', 'HEAD']).trim()).toBe(before);
      expect(git(repo, ['status', '--porcelain', '--untracked-files=no'])).toBe('');
      for (const name of ['MERGE_HEAD', 'MERGE_MSG', 'SQUASH_MSG', 'index.lock']) expect(existsSync(gitPath(repo, name)), name).toBe(false);
      expect(psAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
      expect(readRecord(t.taskDir).state).toBe('done');
      expect(decisionJson(t.taskDir)).toBeNull();
    });
  }
});
