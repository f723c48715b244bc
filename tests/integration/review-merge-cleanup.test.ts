// A merge's patch is written before the merge (a failure there merges nothing), and once merged the decision
// is recorded even when cleanup fails, with warnings that say what to clean up by hand.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/core/shell-quote.js';
import { mergeTask } from '../../src/review/decisions.js';
import { git, tempDir } from '../helpers/repo.js';
import { gitState, readJson, taskJson, taskWithWork } from '../helpers/task.js';

/** chattr +i works here (root on a filesystem with attributes): a file nobody can remove. */
const probe = path.join(tempDir('chattr-'), 'probe');
writeFileSync(probe, '');
const canPin = spawnSync('chattr', ['+i', probe]).status === 0;
if (canPin) execFileSync('chattr', ['-i', probe]);
const pinned: string[] = [];
afterAll(() => {
  for (const f of pinned) spawnSync('chattr', ['-i', f]);
});

describe('merge: patch first, decision always', () => {
  it('a patch that cannot be written stops the merge before anything changes', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    mkdirSync(path.join(task.taskDir, 'review', 'merged.patch', 'in-the-way'), { recursive: true });
    const before = gitState(repo);
    await expect(mergeTask(task.taskDir)).rejects.toThrow(/EISDIR|ENOTEMPTY|is a directory/i);
    expect(gitState(repo)).toEqual(before);
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(path.join(task.taskDir, 'review/decision.json'))).toBe(false);
    expect(existsSync(task.worktree)).toBe(true);
  });

  it.skipIf(!canPin)('a worktree that cannot be removed: merged and recorded, the warnings say what to clean up', async () => {
    const { repo, task, tip } = await taskWithWork({ 'a.txt': 'a\n' });
    const stuck = path.join(task.worktree, 'a.txt');
    execFileSync('chattr', ['+i', stuck]);
    pinned.push(stuck);
    const r = await mergeTask(task.taskDir);
    expect(r.outcome).toBe('merged');
    expect(git(repo, ['rev-parse', 'main^2']).trim()).toBe(tip);
    expect(taskJson(task.taskDir).state).toBe('merged');
    const d = readJson(path.join(task.taskDir, 'review/decision.json'));
    expect(d).toMatchObject({ outcome: 'merged', worktreeRemoved: false, patch: 'review/merged.patch' });
    expect(r.warnings[0]).toBe(`could not remove the worktree ${task.worktree} (it is still there): remove it with: git worktree remove --force --force ${shellQuote(task.worktree)}`);
    expect(d.warnings).toEqual(r.warnings);
    expect(existsSync(path.join(task.taskDir, 'review/merged.patch'))).toBe(true);
  });
});
