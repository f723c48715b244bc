// The merge decision on real repositories: clean, squash, refused, conflict, leftovers, base checked out
// nowhere, and two processes merging at once.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeInto } from '../../src/git/merge.js';
import { mergeTask } from '../../src/review/decisions.js';
import { openSession } from '../../src/review/open.js';
import { processRef } from '../../src/store/process-info.js';
import { CLI, runCli } from '../helpers/cli.js';
import { commitAll, git, hermeticGitEnv, makeRepo, tempDir, writeFiles } from '../helpers/repo.js';
import { gitState, readJson, taskJson, taskWithWork, traceOf } from '../helpers/task.js';

const parents = (repo: string, ref: string) => git(repo, ['rev-list', '--parents', '-n', '1', ref]).trim().split(' ').length - 1;

describe('merge', () => {
  it('merges --no-ff into the base checkout, keeps the patch, removes the worktree and deletes the branch', async () => {
    const { repo, task, tip } = await taskWithWork({ 'src/feature.ts': 'export const f = 1;\n' });
    const r = await mergeTask(task.taskDir);
    expect(r.outcome).toBe('merged');
    expect(git(repo, ['rev-parse', 'main']).trim()).toBe(r.commit);
    expect(parents(repo, 'main')).toBe(2);
    expect(git(repo, ['rev-parse', 'main^2']).trim()).toBe(tip);
    expect(git(repo, ['log', '-1', '--format=%s', 'main']).trim()).toBe(`Merge ${task.branch}: Change the files`);
    expect(readFileSync(path.join(repo, 'src/feature.ts'), 'utf8')).toBe('export const f = 1;\n');
    expect(git(repo, ['status', '--porcelain'])).toBe('');
    expect(existsSync(task.worktree)).toBe(false);
    expect(git(repo, ['branch', '--list', task.branch])).toBe('');
    expect(taskJson(task.taskDir).state).toBe('merged');
    const d = readJson(path.join(task.taskDir, 'review/decision.json'));
    expect(d).toMatchObject({ decision: 'merge', outcome: 'merged', into: 'main', squash: false, branchTip: tip, worktreeRemoved: true, branchDeleted: true, patch: 'review/merged.patch' });
    expect(readFileSync(path.join(task.taskDir, 'review/merged.patch'), 'utf8')).toContain('+export const f = 1;');
    expect(traceOf(task.taskDir).slice(-2)).toMatchObject([
      { type: 'review.decision', decision: 'merge' },
      { type: 'task.state', state: 'merged' },
    ]);
  });

  it('squashes into one ordinary commit with the task title', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'one\n' }, { text: 'Squash me please' });
    writeFiles(task.worktree, { 'b.txt': 'two\n' });
    const tip = commitAll(task.worktree, 'second');
    const before = git(repo, ['rev-parse', 'main']).trim();
    const r = await mergeTask(task.taskDir, { squash: true });
    expect(r.outcome).toBe('merged');
    expect(parents(repo, 'main')).toBe(1);
    expect(git(repo, ['rev-parse', 'main^']).trim()).toBe(before);
    expect(git(repo, ['log', '-1', '--format=%s', 'main']).trim()).toBe('Squash me please');
    expect(git(repo, ['rev-parse', 'main^{tree}']).trim()).toBe(git(repo, ['rev-parse', `${tip}^{tree}`]).trim());
    expect(r.decision.squash).toBe(true);
  });

  it('squashes by config merge.squash', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'one\n' });
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ merge: { squash: true } }) });
    await mergeTask(task.taskDir);
    expect(parents(repo, 'main')).toBe(1);
  });

  it('refuses on a dirty base checkout, saying why and what to do, and changes nothing', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'one\n' });
    writeFiles(repo, { 'README.md': 'uncommitted edit\n' });
    const before = gitState(repo);
    const trace = traceOf(task.taskDir).length;
    const r = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`wtagents: cannot merge into main: its checkout ${repo} has uncommitted changes (README.md); commit or stash them there, then merge again\n`);
    expect(gitState(repo)).toEqual(before);
    expect(readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('uncommitted edit\n');
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(task.worktree)).toBe(true);
    expect(traceOf(task.taskDir)).toHaveLength(trace);
    expect(existsSync(path.join(task.taskDir, 'review/decision.json'))).toBe(false);
  });

  it('on a conflict leaves the base ref and working tree unchanged and the task `conflict`', async () => {
    const { repo, task, tip } = await taskWithWork({ 'README.md': '# the agent wrote this\n' });
    writeFiles(repo, { 'README.md': '# main wrote this\n', 'untracked-note.txt': 'mine\n' });
    git(repo, ['add', 'README.md']);
    git(repo, ['commit', '-q', '-m', 'main edits README']);
    const before = gitState(repo);
    const r = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^wtagents: merge conflict in README\.md: main is unchanged and task .* is now conflict; ask the agent to resolve it: wtagents review .* --request-changes /);
    expect(gitState(repo)).toEqual(before);
    expect(readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# main wrote this\n');
    expect(taskJson(task.taskDir).state).toBe('conflict');
    expect(git(repo, ['rev-parse', task.branch]).trim()).toBe(tip);
    expect(existsSync(task.worktree)).toBe(true);
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ outcome: 'conflict', conflicts: ['README.md'] });
  });

  it('aborts a conflicting merge in the checkout itself without a trace of it (mergeInto)', async () => {
    const repo = makeRepo({ files: { 'f.txt': 'base\n', 'g.txt': 'g\n' } });
    git(repo, ['checkout', '-q', '-b', 'topic']);
    writeFiles(repo, { 'f.txt': 'topic\n', 'new.txt': 'added by topic\n', 'g.txt': 'g2\n' });
    commitAll(repo, 'topic');
    git(repo, ['checkout', '-q', 'main']);
    writeFiles(repo, { 'f.txt': 'main\n' });
    commitAll(repo, 'main');
    for (const squash of [false, true]) {
      const before = gitState(repo);
      const out = await mergeInto(repo, 'topic', { squash, message: 'm' });
      expect(out).toEqual({ kind: 'conflict', conflicts: ['f.txt'] });
      expect(gitState(repo)).toEqual(before);
      expect(existsSync(path.join(repo, 'new.txt'))).toBe(false);
    }
  });

  it('leaves a staged change in the base checkout alone when the merge is refused (mergeInto, --no-ff and squash)', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n', 's.txt': 's\n' } });
    git(repo, ['checkout', '-q', '-b', 'topic']);
    writeFiles(repo, { 'a.txt': 'topic\n' });
    commitAll(repo, 'topic');
    git(repo, ['checkout', '-q', 'main']);
    writeFiles(repo, { 's.txt': 'staged by the user after the clean check\n' });
    git(repo, ['add', 's.txt']);
    for (const squash of [false, true]) {
      const before = gitState(repo);
      const staged = git(repo, ['diff', '--cached']);
      const out = await mergeInto(repo, 'topic', { squash, message: 'm' });
      expect(out.kind).toBe('refused');
      expect(gitState(repo)).toEqual(before);
      expect(git(repo, ['diff', '--cached'])).toBe(staged);
      expect(readFileSync(path.join(repo, 's.txt'), 'utf8')).toBe('staged by the user after the clean check\n');
    }
  });

  it('refuses uncommitted leftovers unless told to commit or drop them', async () => {
    const { repo, task } = await taskWithWork({ 'done.txt': 'committed\n' });
    writeFiles(task.worktree, { 'done.txt': 'edited after commit\n', 'extra.txt': 'untracked\n' });
    const before = gitState(repo);
    const refused = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the task worktree has 2 uncommitted or untracked files (done.txt, extra.txt): commit them with --commit-leftovers, or drop them with --drop-leftovers');
    expect(gitState(repo)).toEqual(before);

    const ok = runCli(['review', task.id, '--merge', '--yes', '--commit-leftovers'], { cwd: repo });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(readFileSync(path.join(repo, 'done.txt'), 'utf8')).toBe('edited after commit\n');
    expect(readFileSync(path.join(repo, 'extra.txt'), 'utf8')).toBe('untracked\n');
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ leftovers: 'committed' });
  });

  it('drops leftovers on request, keeping them in a patch that applies on the branch', async () => {
    const { repo, task, tip } = await taskWithWork({ 'done.txt': 'committed\n' });
    writeFiles(task.worktree, { 'scratch.txt': 'dropped\n' });
    const r = await mergeTask(task.taskDir, { leftovers: 'drop' });
    expect(r.outcome).toBe('merged');
    expect(existsSync(path.join(repo, 'scratch.txt'))).toBe(false);
    const check = tempDir();
    git(repo, ['worktree', 'add', '-q', '--detach', check, tip]);
    git(check, ['apply', path.join(task.taskDir, 'review/dropped-leftovers.patch')]);
    expect(readFileSync(path.join(check, 'scratch.txt'), 'utf8')).toBe('dropped\n');
  });

  it('merges in a temporary worktree when the base is checked out nowhere, leaving the user checkout alone', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'f\n' });
    git(repo, ['checkout', '-q', '-b', 'elsewhere']);
    writeFiles(repo, { 'wip.txt': 'the user is busy here\n' });
    const r = await mergeTask(task.taskDir);
    expect(r.outcome).toBe('merged');
    expect(r.decision.checkout).toBe('(temporary worktree)');
    expect(git(repo, ['show', 'main:feature.txt'])).toBe('f\n');
    expect(git(repo, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('elsewhere');
    expect(existsSync(path.join(repo, 'feature.txt'))).toBe(false);
    expect(readFileSync(path.join(repo, 'wip.txt'), 'utf8')).toBe('the user is busy here\n');
    expect(git(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });

  it('is refused by git when it would overwrite an untracked file in the base checkout: nothing changes', async () => {
    const { repo, task } = await taskWithWork({ 'notes.txt': 'from the agent\n' });
    writeFiles(repo, { 'notes.txt': 'the user\'s own untracked notes\n' });
    const before = gitState(repo);
    await expect(mergeTask(task.taskDir)).rejects.toThrow(/^git refused the merge into main \(nothing changed\): .*untracked working tree files would be overwritten by merge.*notes\.txt/);
    expect(gitState(repo)).toEqual(before);
    expect(readFileSync(path.join(repo, 'notes.txt'), 'utf8')).toBe('the user\'s own untracked notes\n');
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(task.worktree)).toBe(true);
  });

  it('refuses when the branch moved since the review was opened (reviewedTip); merges what was reviewed once reviewed again', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'reviewed\n' });
    const seen = (await openSession(task.taskDir))!.range.tip;
    writeFiles(task.worktree, { 'b.txt': 'slipped in after the review\n' });
    const moved = commitAll(task.worktree, 'after the review');
    const before = gitState(repo);
    await expect(mergeTask(task.taskDir, { reviewedTip: seen })).rejects.toThrow(
      `cannot merge: the branch ${task.branch} changed since you reviewed it (${seen.slice(0, 12)}, now ${moved.slice(0, 12)}): review again`,
    );
    expect(gitState(repo)).toEqual(before);
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(path.join(task.taskDir, 'review/decision.json'))).toBe(false);
    const again = (await openSession(task.taskDir))!.range.tip;
    const r = await mergeTask(task.taskDir, { reviewedTip: again });
    expect(r.decision.branchTip).toBe(moved);
    expect(git(repo, ['show', 'main:b.txt'])).toBe('slipped in after the review\n');
  });

  it('refuses to merge a running task, saying what to do', async () => {
    const { task } = await taskWithWork({ 'a.txt': 'a\n' });
    const record = taskJson(task.taskDir);
    writeFileSync(path.join(task.taskDir, 'task.json'), JSON.stringify({ ...record, state: 'running', processes: { supervisor: processRef(process.pid) } }));
    await expect(mergeTask(task.taskDir)).rejects.toThrow(`cannot merge a task that is running; wait for it to finish or stop it (wtagents stop ${task.id})`);
  });

  it('refuses when there is nothing to merge, and a second merge of a merged task', async () => {
    const { repo, task } = await taskWithWork({});
    await expect(mergeTask(task.taskDir)).rejects.toThrow(`nothing to merge: ${task.branch} has no commits that main lacks; abandon the task instead`);
    const other = await taskWithWork({ 'x.txt': 'x\n' });
    await mergeTask(other.task.taskDir);
    await expect(mergeTask(other.task.taskDir)).rejects.toThrow('cannot merge a task that is merged');
    expect(repo).not.toBe(other.repo);
  });

  it('two processes merging the same task at once: exactly one merge', async () => {
    const { repo, task } = await taskWithWork({ 'race.txt': 'once\n' });
    const before = git(repo, ['rev-parse', 'main']).trim();
    const runOne = () =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'review', task.id, '--merge', '--yes'], { cwd: repo, env: { ...process.env, ...hermeticGitEnv, NO_COLOR: '1' } });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
      });
    const results = await Promise.all([runOne(), runOne()]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    const loser = results.find((r) => r.code === 1)!;
    expect(loser.stderr).toMatch(/another review decision is in progress|cannot merge a task that is merged/);
    expect(git(repo, ['rev-list', '--count', `${before}..main`]).trim()).toBe('2'); // the work + one merge commit
    expect(git(repo, ['rev-list', '--merges', '--count', `${before}..main`]).trim()).toBe('1');
    expect(traceOf(task.taskDir).filter((e) => e.type === 'review.decision')).toHaveLength(1);
  });
});
