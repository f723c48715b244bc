// Tasks from an existing branch or a pull request: `new --from-branch BR` starts the task's branch at BR's tip
// with the base recorded as BR's merge base with the base branch; `new --pr N` fetches the PR head from a real
// (bare) remote into refs/wtagents/pr/N — with a fake gh for its base and title — and never touches the main checkout.
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/task.js';
import { runCli, runJson } from '../helpers/cli.js';
import { bareRemote, fakeForge } from '../helpers/forge.js';
import { commitAll, git, makeRepo, writeFiles } from '../helpers/repo.js';

function repoWithFeature() {
  const repo = makeRepo();
  git(repo, ['checkout', '-q', '-b', 'feature']);
  writeFiles(repo, { 'feature.txt': 'half done\n' });
  const tip = commitAll(repo, 'feature: half');
  git(repo, ['checkout', '-q', 'main']);
  const fork = git(repo, ['rev-parse', 'main']).trim();
  writeFiles(repo, { 'main.txt': 'moved on\n' });
  commitAll(repo, 'main moves on');
  return { repo, tip, fork };
}

describe('new --from-branch / --pr', () => {
  it('--from-branch: the task branch starts at the branch tip, base recorded as the merge base', async () => {
    const { repo, tip, fork } = repoWithFeature();
    const before = { head: git(repo, ['rev-parse', 'HEAD']).trim(), status: git(repo, ['status', '--porcelain']) };
    const t = runJson<TaskRecord>(['new', 'Finish the feature', '--from-branch', 'feature'], { cwd: repo });
    expect(t).toMatchObject({ base: 'main', baseSha: fork, from: { kind: 'branch', ref: 'feature', sha: tip } });
    expect(git(t.worktree, ['rev-parse', 'HEAD']).trim()).toBe(tip);
    expect(git(repo, ['rev-parse', 'feature']).trim()).toBe(tip); // the branch itself is not moved
    expect({ head: git(repo, ['rev-parse', 'HEAD']).trim(), status: git(repo, ['status', '--porcelain']) }).toEqual(before);
    const stat = runCli(['review', t.id, '--stat'], { cwd: repo });
    expect(stat.stdout).toContain('feature.txt');
    expect(stat.stdout).not.toContain('main.txt');
    const text = runCli(['new', 'Again', '--from-branch', 'feature'], { cwd: repo });
    expect(text.stdout).toMatch(/branch {4}wtagents\/again from feature \([0-9a-f]{12}\), to merge into main/);
    const bad = runCli(['new', 'x', '--from-branch', 'nope'], { cwd: repo });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown branch "nope"');
  });

  it('--pr: fetches the head without touching the checkout; base and title from gh', async () => {
    const { repo, tip } = repoWithFeature();
    bareRemote(repo);
    git(repo, ['push', '-q', 'origin', 'feature:refs/pull/7/head']);
    git(repo, ['branch', '-q', '-D', 'feature']); // only the remote has it now
    const gh = fakeForge({ view: '{"baseRefName":"main","title":"Add widgets","state":"OPEN"}' });
    const before = { head: git(repo, ['symbolic-ref', 'HEAD']).trim(), status: git(repo, ['status', '--porcelain']) };
    const t = runJson<TaskRecord>(['new', '--pr', '7'], { cwd: repo, env: { PATH: gh.path } });
    expect(t).toMatchObject({ title: 'Continue pull request #7: Add widgets', base: 'main', from: { kind: 'pr', number: 7, ref: 'refs/wtagents/pr/7', sha: tip } });
    expect(git(t.worktree, ['rev-parse', 'HEAD']).trim()).toBe(tip);
    expect({ head: git(repo, ['symbolic-ref', 'HEAD']).trim(), status: git(repo, ['status', '--porcelain']) }).toEqual(before);
    expect(gh.calls()).toContainEqual(['pr', 'view', '7', '--json', 'baseRefName,title']);
    const missing = runCli(['new', '--pr', '99'], { cwd: repo, env: { PATH: gh.path } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--pr 99: could not fetch refs/pull/99/head from origin');
    const both = runCli(['new', 'x', '--pr', '7', '--from-branch', 'main'], { cwd: repo });
    expect(both.code).toBe(2);
  });
});
