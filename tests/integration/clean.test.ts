// Clean-up that never loses work: archive saves a worktree's whole content (commits, uncommitted, untracked,
// binary, ignored files) and proves it before removing it, restore brings it back byte for byte; `clean`
// lists finished tasks with their disk, is a dry run off a terminal, and removes worktrees, branches and task
// directories only after proving where every byte is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveTask, restoreTask } from '../../src/review/archive.js';
import { treeFromPatch } from '../../src/git/snapshot.js';
import { proveWorktreeSaved } from '../../src/review/prove-saved.js';
import { createTask } from '../../src/store/create-task.js';
import { runCli } from '../helpers/cli.js';
import { git, writeFiles } from '../helpers/repo.js';
import { readJson, taskJson, taskWithWork, traceOf } from '../helpers/task.js';
import type { TaskRecord } from '../../src/core/task.js';

const BINARY = Buffer.from([0, 1, 2, 255, 254, 0, 7, 0xc3]);

/** Give a task a recorded state and age (task.json is the truth; the test writes it as the runner would). */
function setState(task: TaskRecord, state: TaskRecord['state'], daysAgo = 0): void {
  const file = path.join(task.taskDir, 'task.json');
  const rec = readJson<TaskRecord>(file);
  rec.state = state;
  rec.updatedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  writeFileSync(file, JSON.stringify(rec, null, 2));
}

/** Commits + an uncommitted edit + an untracked binary file + an ignored file. */
async function messyTask() {
  const t = await taskWithWork({ 'src/a.ts': 'export const a = 1;\n' }, { repo: { files: { '.gitignore': '.env.local\n', 'README.md': '# r\n' } } });
  writeFiles(t.task.worktree, { 'src/a.ts': 'export const a = 2; // uncommitted\n', '.env.local': 'SECRET=made by the agent\n' });
  writeFileSync(path.join(t.task.worktree, 'blob.bin'), BINARY);
  return t;
}

describe('archive', () => {
  it('saves everything, proves it, removes the worktree; restore puts back the same bytes', async () => {
    const { repo, task } = await messyTask();
    const statusBefore = git(task.worktree, ['status', '--porcelain']);
    const r = await archiveTask(task.taskDir);
    expect(r.archived).toBe(true);
    expect(r.proof).toMatchObject({ saved: true, unsaved: [] });
    expect(existsSync(task.worktree)).toBe(false);
    expect(git(repo, ['branch', '--list', task.branch]).trim()).not.toBe(''); // branch kept
    const rec = taskJson(task.taskDir);
    expect(rec.archived).toMatchObject({ patch: 'review/archived.patch', ignoredSaved: 'review/ignored' });
    expect(await treeFromPatch(repo, path.join(task.taskDir, 'review/archived.patch'), rec.archived!.patchBase)).toBe(rec.archived!.tree);
    expect(traceOf(task.taskDir).at(-1)).toMatchObject({ type: 'worktree.removed', reason: 'archived' });

    // archived tasks refuse merge and run until restored
    const merge = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(merge.code).toBe(1);
    expect(merge.stderr).toContain(`restore it first with: wtagents archive ${task.id} --restore`);

    await restoreTask(task.taskDir);
    expect(readFileSync(path.join(task.worktree, 'src/a.ts'), 'utf8')).toBe('export const a = 2; // uncommitted\n');
    expect(readFileSync(path.join(task.worktree, 'blob.bin'))).toEqual(BINARY);
    expect(readFileSync(path.join(task.worktree, '.env.local'), 'utf8')).toBe('SECRET=made by the agent\n');
    expect(git(task.worktree, ['status', '--porcelain'])).toBe(statusBefore);
    expect(taskJson(task.taskDir).archived).toBeUndefined();
  });

  it('the proof fails for work no place holds, and for a patch that does not reproduce the worktree', async () => {
    const { task } = await messyTask();
    const none = await proveWorktreeSaved(task, { places: [{ kind: 'branch', branch: task.branch }] });
    expect(none.saved).toBe(false);
    expect(none.unsaved.join('\n')).toContain('uncommitted or untracked files no patch holds');
    expect(none.unsaved.join('\n')).toContain('ignored files not copied: .env.local');
    const bogus = path.join(task.taskDir, 'bogus.patch');
    writeFileSync(bogus, '');
    const wrong = await proveWorktreeSaved(task, { places: [{ kind: 'patch', file: bogus, base: task.baseSha, tree: 'x' }] });
    expect(wrong.saved).toBe(false);
  });
});

describe('wtagents clean', () => {
  it('off a terminal it only lists (with disk), removing nothing; done tasks and young failures are not finished', async () => {
    const { repo, task } = await messyTask();
    setState(task, 'stopped', 10);
    const { record: done } = await createTask({ repo, cwd: repo, text: 'Done, awaiting review' });
    setState(done, 'done', 10);
    const r = runCli(['clean'], { cwd: repo });
    expect(r.stdout).not.toContain(done.id);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${task.id}\\s+stopped\\s+\\d[\\d.]*[KMG]\\s+worktree`));
    expect(r.stdout).toContain('Dry run: nothing removed');
    expect(existsSync(task.worktree)).toBe(true);

    const fresh = runCli(['clean', '--older-than', '30d'], { cwd: repo });
    expect(fresh.stdout).toBe('No finished tasks to clean.\n');
  });

  it('--yes frees worktrees and, with --branches, branches (saving a verified patch first); a task directory that holds the only copy is kept', async () => {
    const { repo, task, tip } = await messyTask();
    setState(task, 'failed', 10);
    const r = runCli(['clean', '--yes', '--branches', '--task-dirs'], { cwd: repo });
    expect(r.stdout).toContain(`${task.id}: worktree removed (work in patch`);
    expect(r.stdout).toContain(`${task.id}: branch ${task.branch} deleted (work in review/`);
    expect(r.stdout).toContain(`${task.id}: kept — task directory kept: review/ignored/ holds the only copy`);
    expect(r.code).toBe(1); // something was kept
    expect(existsSync(task.worktree)).toBe(false);
    expect(git(repo, ['branch', '--list', task.branch])).toBe('');
    expect(existsSync(task.taskDir)).toBe(true);
    // The deleted branch's tip is reproduced by a saved patch (archived.patch covers more, so branch.patch was written).
    const rec = taskJson(task.taskDir);
    const tipTree = git(repo, ['rev-parse', `${tip}^{tree}`]).trim();
    expect(rec.branchPatch).toMatchObject({ branchTip: tip, tree: tipTree });
    expect(await treeFromPatch(repo, path.join(task.taskDir, rec.branchPatch!.file), rec.branchPatch!.base)).toBe(tipTree);
  });

  it('removes a merged task directory whole (its work is on the base), and a merged branch without a patch', async () => {
    const { repo, task } = await taskWithWork({ 'm.txt': 'merged\n' });
    const m = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(m.code).toBe(0);
    const r = runCli(['clean', '--yes', '--task-dirs', '--json'], { cwd: repo });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { outcomes: { id: string; done: string[] }[] };
    expect(out.outcomes).toEqual([expect.objectContaining({ id: task.id, done: ['task directory removed'] })]);
    expect(existsSync(task.taskDir)).toBe(false);
    const list = runCli(['list', '--json'], { cwd: repo });
    expect((JSON.parse(list.stdout) as { id: string }[]).map((t) => t.id)).not.toContain(task.id);
  });

  it('rejects a bad --older-than as a usage error', async () => {
    const { repo } = await taskWithWork({});
    const r = runCli(['clean', '--older-than', 'soon'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--older-than "soon"');
  });
});
