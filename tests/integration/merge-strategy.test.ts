// The merge strategies of `review --merge` (merge / squash / rebase-then-fast-forward) and the message
// written in $EDITOR (--edit-message), on real repositories; a rebase killed after it moved the base is
// finished by the next command.
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { commitAll, git, tempDir, writeFiles } from '../helpers/repo.js';
import { waitFor } from '../helpers/run.js';
import { readJson, taskJson, taskWithWork } from '../helpers/task.js';

/** A task with two commits on its branch, and main moved on since (so a rebase really rewrites). */
async function diverged() {
  const t = await taskWithWork({ 'a.txt': 'a\n' });
  writeFiles(t.task.worktree, { 'b.txt': 'b\n' });
  commitAll(t.task.worktree, 'agent: add b');
  writeFiles(t.repo, { 'main.txt': 'main moved\n' });
  commitAll(t.repo, 'main: moved on');
  return t;
}

const subjects = (repo: string, range: string) => git(repo, ['log', '--format=%s', range]).trim().split('\n');

describe('merge strategies', () => {
  it('--strategy rebase puts the branch’s own commits on main, linear, with no merge commit', async () => {
    const { repo, task } = await diverged();
    const before = git(repo, ['rev-parse', 'main']).trim();
    const r = runCli(['review', task.id, '--merge', '--strategy', 'rebase', '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Rebased and fast-forwarded ${task.branch} into main at`);
    expect(subjects(repo, `${before}..main`)).toEqual(['agent: add b', 'agent work']);
    expect(git(repo, ['rev-list', '--merges', '--count', 'main']).trim()).toBe('0');
    expect(git(repo, ['rev-parse', 'main~2']).trim()).toBe(before);
    expect(git(repo, ['show', 'main:b.txt'])).toBe('b\n');
    expect(taskJson(task.taskDir).state).toBe('merged');
    const d = readJson(path.join(task.taskDir, 'review', 'decision.json'));
    expect(d).toMatchObject({ strategy: 'rebase', squash: false, baseAfter: git(repo, ['rev-parse', 'main']).trim(), branchDeleted: true });
    expect(git(repo, ['worktree', 'list']).trim().split('\n')).toHaveLength(1); // the temporary rebase worktree is gone
  });

  it('--strategy squash makes one commit with one parent; merge makes a merge commit', async () => {
    const a = await diverged();
    expect(runCli(['review', a.task.id, '--merge', '--strategy', 'squash', '--yes'], { cwd: a.repo }).code).toBe(0);
    expect(git(a.repo, ['rev-list', '--parents', '-n1', 'main']).trim().split(' ')).toHaveLength(2);
    expect(subjects(a.repo, 'main~1..main')).toEqual([a.task.title]);
    const b = await diverged();
    expect(runCli(['review', b.task.id, '--merge', '--strategy', 'merge', '--yes'], { cwd: b.repo }).code).toBe(0);
    expect(git(b.repo, ['rev-list', '--parents', '-n1', 'main']).trim().split(' ')).toHaveLength(3);
  });

  it('config merge.strategy "rebase" is the default; an unknown --strategy is a usage error', async () => {
    const { repo, task } = await diverged();
    writeFileSync(path.join(repo, '.wtagents', 'config.json'), JSON.stringify({ merge: { strategy: 'rebase' } }));
    expect(runCli(['review', task.id, '--merge', '--strategy', 'octopus', '--yes'], { cwd: repo }).code).toBe(2);
    expect(runCli(['review', task.id, '--merge', '--yes'], { cwd: repo }).code).toBe(0);
    expect(git(repo, ['rev-list', '--merges', '--count', 'main']).trim()).toBe('0');
    expect(subjects(repo, 'main~2..main')).toEqual(['agent: add b', 'agent work']);
  });

  it('a rebase conflict on an intermediate commit leaves main as it was and the task in conflict', async () => {
    const t = await taskWithWork({ 'c.txt': 'agent 1\n' });
    writeFiles(t.task.worktree, { 'c.txt': 'main\n' }); // the branch ends where main is: merging is clean, rebasing is not
    commitAll(t.task.worktree, 'agent: settle c');
    writeFiles(t.repo, { 'c.txt': 'main\n', 'other.txt': 'o\n' });
    commitAll(t.repo, 'main: c');
    const before = git(t.repo, ['rev-parse', 'main']).trim();
    const r = runCli(['review', t.task.id, '--merge', '--strategy', 'rebase', '--yes'], { cwd: t.repo });
    expect(r.stderr).toContain('merge conflict in c.txt');
    expect(git(t.repo, ['rev-parse', 'main']).trim()).toBe(before);
    expect(taskJson(t.task.taskDir).state).toBe('conflict');
    expect(git(t.repo, ['worktree', 'list']).trim().split('\n')).toHaveLength(2); // main + the task's own
  });

  it('--edit-message: what the $EDITOR script writes is the commit message', async () => {
    const { repo, task } = await diverged();
    const editor = path.join(tempDir(), 'edit.sh');
    writeFileSync(editor, '#!/bin/sh\n{ printf "Reworded by the reviewer\\n\\n"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"\n');
    chmodSync(editor, 0o755);
    const r = runCli(['review', task.id, '--merge', '--strategy', 'squash', '--edit-message', '--yes'], { cwd: repo, env: { EDITOR: editor, VISUAL: '' } });
    expect(r.stderr).toBe('');
    const msg = git(repo, ['log', '-1', '--format=%B', 'main']);
    expect(msg.startsWith('Reworded by the reviewer\n\n')).toBe(true);
    expect(msg).toContain(`Squashed from ${task.branch}`); // the generated message was what the editor got
  });

  it('kill -9 after a rebase moved main: the next command records it as merged', async () => {
    const { repo, task } = await diverged();
    const faults = tempDir('wt-faults-');
    const child = startCli(['review', task.id, '--merge', '--strategy', 'rebase', '--yes'], { cwd: repo, env: { WTAGENTS_FAULT: 'merge.after-git', WTAGENTS_FAULT_DIR: faults } });
    await waitFor('the merge to reach merge.after-git', () => readdirSync(faults).some((f) => f.startsWith('merge.after-git.')));
    process.kill(child.pid, 'SIGKILL');
    await child.done;
    const again = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(again.stderr).toContain('finished an interrupted merge');
    expect(taskJson(task.taskDir).state).toBe('merged');
    expect(readJson(path.join(task.taskDir, 'review', 'decision.json'))).toMatchObject({ strategy: 'rebase', baseAfter: git(repo, ['rev-parse', 'main']).trim() });
  });
});
