// `wtagents review ID --stat|--patch` as the built CLI, straight (src/bin.ts, no parser) and through the parser
// alike: git's own output for base...branch after the base moved on, the same for the pinned range when the
// branch names do not resolve, and the copy saved when the review was opened once the branch is gone.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git } from '../helpers/repo.js';
import { taskWithWork } from '../helpers/task.js';

describe('wtagents review --stat / --patch', () => {
  it('prints git’s own diff of base...branch, the same straight or through the parser', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'one\ntwo\n', 'b.txt': 'b\n' });
    // The base moves on: the review still compares against the merge base (base...branch).
    git(repo, ['commit', '-q', '--allow-empty', '-m', 'base moves']);
    const stat = git(repo, ['diff', '--stat=200', `main...${task.branch}`]);
    const straight = runCli(['review', task.id, '--stat'], { cwd: repo });
    expect([straight.code, straight.stdout, straight.stderr]).toEqual([0, stat, '']);
    const parsed = runCli(['review', task.id, '--stat', '--yes'], { cwd: repo }); // --yes: not the straight path
    expect([parsed.code, parsed.stdout]).toEqual([0, stat]);
    expect(runCli(['review', '--patch', task.id.slice(0, 6), '--repo', repo], { cwd: path.dirname(repo) }).stdout).toBe(git(repo, ['diff', `main...${task.branch}`]));
  });

  it('pins the range itself when the task’s branch names do not resolve, and shows the saved copy once the branch is gone', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'one\n' });
    const expected = git(repo, ['diff', '--stat=200', `main...${task.branch}`]);
    // The base branch renamed away: task.json's base is no branch any more, its base commit is used.
    git(repo, ['branch', '-m', 'main', 'trunk']);
    const pinned = runCli(['review', task.id, '--stat'], { cwd: repo });
    expect([pinned.code, pinned.stdout, pinned.stderr]).toEqual([0, expected, '']);
    git(repo, ['branch', '-m', 'trunk', 'main']);
    // Abandoned with its branch deleted: the stat saved when its review was opened.
    expect(runCli(['review', task.id], { cwd: repo }).code).toBe(0);
    expect(runCli(['review', task.id, '--abandon', '--delete-branch', '--yes'], { cwd: repo }).code).toBe(0);
    const kept = runCli(['review', task.id, '--stat'], { cwd: repo });
    expect([kept.code, kept.stdout]).toEqual([0, expected]);
    rmSync(path.join(task.taskDir, 'review', 'stat.txt'));
    const none = runCli(['review', task.id, '--stat'], { cwd: repo });
    expect([none.code, none.stderr]).toEqual([1, `wtagents: task ${task.id} has no branch and no saved review/stat.txt\n`]);
  });
});
