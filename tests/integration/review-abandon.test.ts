// The abandon decision: the whole work (commits + uncommitted + untracked) kept as a patch that replays the
// worktree's tree on the base; worktree removed; branch kept unless asked.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abandonTask } from '../../src/review/decisions.js';
import { runCli, runJson } from '../helpers/cli.js';
import { commitAll, git, tempDir, writeFiles } from '../helpers/repo.js';
import { readJson, taskJson, taskWithWork, traceOf } from '../helpers/task.js';
import type { TaskRecord } from '../../src/core/task.js';

const BINARY = Buffer.from([0, 1, 2, 255, 0, 7]);

describe('abandon', () => {
  it('saves a patch that `git apply` on the base turns into exactly the worktree, then removes the worktree', async () => {
    const { repo, task, tip } = await taskWithWork(
      { 'src/new.ts': 'export const n = 1;\n', 'README.md': '# edited\n' },
      { repo: { files: { 'README.md': '# test\n', 'old name.txt': 'rename me\n'.repeat(20), 'doomed.txt': 'x\n', 'run.sh': 'echo hi\n' } }, remove: ['doomed.txt'] },
    );
    git(task.worktree, ['mv', 'old name.txt', 'new name.txt']);
    writeFileSync(path.join(task.worktree, 'logo.bin'), BINARY);
    commitAll(task.worktree, 'rename, binary');
    // uncommitted: a modification, a staged file, an untracked file, a mode change
    writeFiles(task.worktree, { 'src/new.ts': 'export const n = 2; // not committed\n', 'staged.txt': 'staged only\n', 'notes/untracked.md': 'untracked\n' });
    git(task.worktree, ['add', 'staged.txt']);
    chmodSync(path.join(task.worktree, 'run.sh'), 0o755);
    const expectedTree = (() => {
      const idx = path.join(tempDir(), 'index');
      const env = { ...process.env, GIT_INDEX_FILE: idx };
      execFileSync('git', ['read-tree', 'HEAD'], { cwd: task.worktree, env });
      execFileSync('git', ['add', '-A'], { cwd: task.worktree, env });
      return execFileSync('git', ['write-tree'], { cwd: task.worktree, env, encoding: 'utf8' }).trim();
    })();

    const r = await abandonTask(task.taskDir);
    expect(r.decision).toMatchObject({ decision: 'abandon', outcome: 'abandoned', patch: 'review/abandoned.patch', tree: expectedTree, branchTip: git(repo, ['rev-parse', task.branch]).trim(), worktreeRemoved: true, branchDeleted: false });
    expect(existsSync(task.worktree)).toBe(false);
    expect(git(repo, ['rev-parse', task.branch]).trim()).not.toBe(tip); // the rename commit is on it
    expect(taskJson(task.taskDir).state).toBe('abandoned');
    expect(traceOf(task.taskDir).slice(-2)).toMatchObject([{ type: 'review.decision', decision: 'abandon' }, { type: 'task.state', state: 'abandoned' }]);

    const check = tempDir();
    git(repo, ['worktree', 'add', '-q', '--detach', check, r.decision.patchBase!]);
    git(check, ['apply', '--index', path.join(task.taskDir, 'review/abandoned.patch')]);
    expect(git(check, ['write-tree']).trim()).toBe(expectedTree);
    expect(readFileSync(path.join(check, 'src/new.ts'), 'utf8')).toBe('export const n = 2; // not committed\n');
    expect(readFileSync(path.join(check, 'notes/untracked.md'), 'utf8')).toBe('untracked\n');
    expect(readFileSync(path.join(check, 'logo.bin'))).toEqual(BINARY);
    expect(existsSync(path.join(check, 'doomed.txt'))).toBe(false);
  });

  it('deletes the branch when asked (CLI), and the task stays listed as abandoned', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    const r = runCli(['review', task.id, '--abandon', '--delete-branch', '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Abandoned ${task.id}: work kept in review/abandoned.patch.`);
    expect(r.stdout).toContain('git apply --index review/abandoned.patch');
    expect(git(repo, ['branch', '--list', task.branch])).toBe('');
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ branchDeleted: true });
    const listed = runJson<TaskRecord[]>(['list'], { cwd: repo });
    expect(listed.map((t) => [t.id, t.state])).toEqual([[task.id, 'abandoned']]);
    const again = runCli(['review', task.id, '--abandon', '--yes'], { cwd: repo });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('wtagents: cannot abandon a task that is abandoned (the decision is in review/decision.json)\n');
  });

  it('abandons a dry-run task that never had a branch', async () => {
    const { repo } = await taskWithWork({ 'a.txt': 'a\n' });
    const t = runJson<TaskRecord>(['new', 'Only a plan', '--mode', 'dry-run'], { cwd: repo });
    writeFileSync(path.join(t.taskDir, 'note'), 'x');
    const r = await abandonTask(t.taskDir);
    expect(r.decision.patch).toBeUndefined();
    expect(taskJson(t.taskDir).state).toBe('abandoned');
  });
});
