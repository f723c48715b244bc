// The review screen's decisions, rendered with ink-testing-library on real services and real repositories:
// merge (clean, refused on a dirty base, leftovers committed or dropped), request changes (a real runner
// starts round 2), abandon (branch kept or deleted); each asks first and any other key cancels.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdLock } from '../helpers/lock.js';
import { commitAll, git, tempDir } from '../helpers/repo.js';
import { addTask, joined, startReviewTui as start } from '../helpers/review-tui.js';
import { gitState, readJson, taskJson, taskWithWork, traceOf } from '../helpers/task.js';

describe('review decisions', () => {
  it('m then y merges: base advanced, task merged, worktree gone, a line on the dashboard', async () => {
    const { repo, task, tip } = await taskWithWork({ 'feature.txt': 'new\n' });
    const before = git(repo, ['rev-parse', 'main']).trim();
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    let f = await tui.act('review', 'merge');
    expect(f).toContain('Merge wtagents/change-the-files into main (--no-ff), then remove its worktree and delete the branch?');
    expect(f.split('\n').at(-1)).toBe('y yes  s squash instead  E edit the message  any other key no');
    f = await tui.press('x'); // any other key: nothing happens
    expect(f).not.toContain('Merge wtagents/');
    expect(taskJson(task.taskDir).state).toBe('ready');
    await tui.act('review', 'merge');
    await tui.press('y');
    f = await tui.waitFor(/merged wtagents\/change-the-files into main at [0-9a-f]{12}; worktree removed, branch deleted/);
    expect(f).toContain('j/k move'); // the dashboard
    expect(git(repo, ['rev-parse', 'main^1']).trim()).toBe(before);
    expect(git(repo, ['rev-parse', 'main^2']).trim()).toBe(tip);
    expect(readFileSync(path.join(repo, 'feature.txt'), 'utf8')).toBe('new\n');
    expect(taskJson(task.taskDir).state).toBe('merged');
    expect(existsSync(task.worktree)).toBe(false);
    expect(git(repo, ['branch', '--list', task.branch]).trim()).toBe('');
  });

  it('m then y while another process merges in the repository: says who holds the lock, keeps drawing, merges once it is free', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'new\n' });
    const holder = await holdLock(tempDir('holder-'), path.join(repo, '.wtagents', 'locks', 'merge.lock'));
    try {
      const tui = await start(repo, { columns: 120 });
      await tui.press('enter');
      await tui.waitFor('lines 1–');
      await tui.act('review', 'merge');
      await tui.press('y');
      // Drawn while the lock is waited for: the event loop runs (a busy-wait would freeze this frame).
      await tui.waitFor(`waiting for another merge in this repository held by pid ${holder.pid}…`);
      expect(taskJson(task.taskDir).state).toBe('ready');
      await holder.release();
      await tui.waitFor(/merged wtagents\/change-the-files into main at [0-9a-f]{12}/);
      expect(taskJson(task.taskDir).state).toBe('merged');
    } finally {
      await holder.release();
    }
  });

  it('m on a dirty base checkout shows the engine’s reason and fix in one line; nothing changes', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'new\n' });
    writeFileSync(path.join(repo, 'README.md'), 'edited, not committed\n');
    const before = gitState(repo);
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    await tui.act('review', 'merge');
    await tui.press('y');
    const f = await tui.waitFor('cannot merge into main');
    // The reason and the fix, whole (the status row wraps), the footer back to the review keys.
    expect(joined(f)).toContain(`cannot merge into main: its checkout ${repo} has uncommitted changes (README.md); commit or stash them there, then merge again`);
    expect(tui.lines()).toHaveLength(24);
    expect(tui.lines().at(-1)).toMatch(/^j\/k move/);
    expect(f).toContain('review change-the-files'); // still on the review
    expect(gitState(repo)).toEqual(before);
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(path.join(task.taskDir, 'review/decision.json'))).toBe(false);
  });

  it('m refuses when the branch moved after the screen opened: review again; nothing changes', async () => {
    const { repo, task, tip } = await taskWithWork({ 'feature.txt': 'new\n' });
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    writeFileSync(path.join(task.worktree, 'late.txt'), 'committed after the review opened\n');
    const moved = commitAll(task.worktree, 'late');
    const before = gitState(repo);
    await tui.act('review', 'merge');
    await tui.press('y');
    const f = await tui.waitFor('changed since you reviewed it');
    expect(joined(f)).toContain(`cannot merge: the branch ${task.branch} changed since you reviewed it (${tip.slice(0, 12)}, now ${moved.slice(0, 12)}): review again`);
    expect(gitState(repo)).toEqual(before);
    expect(taskJson(task.taskDir).state).toBe('ready');
  });

  it('uncommitted leftovers: the refusal offers commit or drop; another key cancels, c then y commits and merges', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'new\n' });
    writeFileSync(path.join(task.worktree, 'notes.txt'), 'left behind\n');
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    await tui.act('review', 'merge');
    await tui.press('y');
    let f = await tui.waitFor('Cannot merge yet');
    expect(joined(f)).toContain('Cannot merge yet: the worktree has 1 uncommitted or untracked file (notes.txt). Commit them to the branch, or drop them?');
    expect(f.split('\n').at(-1)).toBe('C commit, then merge  d drop (a patch is kept), then merge  any other key cancels');
    f = await tui.press('z');
    expect(f).not.toContain('Cannot merge yet');
    expect(taskJson(task.taskDir).state).toBe('ready');
    await tui.act('review', 'merge');
    await tui.press('y');
    await tui.waitFor('Cannot merge yet');
    f = await tui.act('review', 'commitLeftovers');
    expect(joined(f)).toContain('Commit the 1 uncommitted or untracked file to wtagents/change-the-files, then merge it into main?');
    await tui.press('y');
    await tui.waitFor(/merged wtagents\/change-the-files into main at [0-9a-f]{12} \(leftovers committed\)/);
    expect(readFileSync(path.join(repo, 'notes.txt'), 'utf8')).toBe('left behind\n');
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ outcome: 'merged', leftovers: 'committed' });

    // d then y drops them instead (a patch of them is kept) and merges the committed work only.
    const other = await addTask(repo, 'Other work', { 'other.txt': 'other\n' });
    writeFileSync(path.join(other.worktree, 'scratch.txt'), 'not wanted\n');
    await tui.waitFor('Other work');
    await tui.act('dashboard', 'up'); // the new task is listed first; the merged one stays selected
    await tui.waitFor('ready other-work');
    await tui.press('enter');
    await tui.waitFor('review other-work');
    await tui.act('review', 'merge');
    await tui.press('y');
    await tui.waitFor('Cannot merge yet');
    f = await tui.act('review', 'dropLeftovers');
    expect(joined(f)).toContain('Drop the 1 uncommitted or untracked file (a patch of them is kept in review/), then merge wtagents/other-work into main?');
    await tui.press('y');
    await tui.waitFor(/merged wtagents\/other-work into main at [0-9a-f]{12} \(leftovers dropped, kept in review\/dropped-leftovers\.patch\)/);
    expect(readFileSync(path.join(repo, 'other.txt'), 'utf8')).toBe('other\n');
    expect(existsSync(path.join(repo, 'scratch.txt'))).toBe(false);
    expect(readFileSync(path.join(other.taskDir, 'review/dropped-leftovers.patch'), 'utf8')).toContain('+not wanted');
  });

  it('r: esc leaves nothing changed; feedback + enter records it and round 2 really runs', async () => {
    const { repo, task } = await taskWithWork(
      { 'a.txt': 'a\n' },
      { task: { agent: { name: 'command', command: 'cat > /dev/null; echo second > round2.txt' } }, text: 'Write files' },
    );
    const tui = await start(repo, { columns: 120 });
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    await tui.waitFor('(e: the evidence)'); // the opening is over: no frame comes but those of our keys
    let f = await tui.act('review', 'request');
    expect(f).toContain('Changes for round 2:');
    expect(f.split('\n').at(-1)).toBe('enter send  esc cancel');
    await tui.type('m');
    await tui.press('esc');
    // The frame after esc may first show the typed "m" (a busy machine): wait for the box to close.
    f = await tui.waitFor((x) => !x.includes('Changes for round 2'));
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(path.join(task.taskDir, 'review/decision.json'))).toBe(false);

    await tui.act('review', 'request');
    await tui.type('Also add a test for the empty case');
    await tui.press('enter');
    await tui.waitFor('changes requested on write-files: round 2 started', 60_000);
    const packet = path.join(task.taskDir, 'packets/02-request-changes.md');
    expect(readFileSync(packet, 'utf8')).toContain('Also add a test for the empty case');
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ decision: 'request-changes', feedback: 'Also add a test for the empty case' });
    await expect.poll(() => traceOf(task.taskDir).some((e) => e.type === 'agent.exited' && e.round === 2), { timeout: 60_000 }).toBe(true);
    expect(traceOf(task.taskDir).some((e) => e.type === 'agent.started' && e.round === 2)).toBe(true);
    await expect.poll(() => existsSync(path.join(task.worktree, 'round2.txt')), { timeout: 60_000 }).toBe(true);
  });

  it('a then y abandons and keeps the branch; a, D, y deletes it too; other keys cancel', async () => {
    const { repo, task } = await taskWithWork({ 'one.txt': '1\n' }, { text: 'First task' });
    const second = await addTask(repo, 'Second task', { 'two.txt': '2\n' });
    const tui = await start(repo, { columns: 120 });
    await tui.waitFor('Second task');
    await tui.press('enter'); // the newest task is selected
    await tui.waitFor('review second-task');
    let f = await tui.act('review', 'abandon');
    expect(joined(f)).toContain('Abandon second-task: keep its work as a patch in review/, remove its worktree, keep wtagents/second-task?');
    expect(f.split('\n').at(-1)).toBe('y yes  D yes, and delete the branch too  any other key no');
    f = await tui.press('n');
    expect(f).not.toContain('Abandon second-task');
    await tui.act('review', 'abandon');
    await tui.press('y');
    await tui.waitFor('abandoned second-task: work kept in review/abandoned.patch; branch wtagents/second-task kept');
    expect(git(repo, ['branch', '--list', second.branch]).trim()).not.toBe('');
    expect(taskJson(second.taskDir).state).toBe('abandoned');
    expect(existsSync(second.worktree)).toBe(false);
    expect(git(repo, ['branch', '--list', second.branch]).trim()).not.toBe('');

    await tui.act('dashboard', 'down');
    await tui.waitFor('ready first-task');
    await tui.press('enter');
    await tui.waitFor('review first-task');
    await tui.act('review', 'abandon');
    f = await tui.act('review', 'deleteBranch');
    expect(joined(f)).toContain('Abandon first-task and delete its branch wtagents/first-task (the work is kept as a patch in review/)?');
    await tui.press('y');
    await tui.waitFor('abandoned first-task: work kept in review/abandoned.patch; branch wtagents/first-task deleted');
    expect(git(repo, ['branch', '--list', task.branch]).trim()).toBe('');
  });
});
