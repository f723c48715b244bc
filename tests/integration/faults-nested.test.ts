// Finding 1: nothing lost with nested repositories and submodule paths. An agent that `git init`s inside its
// worktree and commits there: abandon kept only "Subproject commit <sha>" and removed the files; merge with
// --commit-leftovers put a gitlink to a missing commit on main; files under an uninitialised submodule path
// were "no leftovers" and lost. Now the decision is refused until --keep-nested, which saves a git bundle and
// a copy of the files in review/nested/, and the worktree is removed only once everything is proven saved.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { commitAll, git, makeRepo, tempDir } from '../helpers/repo.js';
import { readRecord } from '../helpers/run.js';
import { cliTask, markState } from '../helpers/tasks.js';

/** A task whose worktree holds a committed change plus a nested repository with a commit of its own. */
async function taskWithNestedRepo(repo: string) {
  const t = cliTask(repo, 'Nested work');
  writeFileSync(path.join(t.worktree, 'top.txt'), 'top\n');
  commitAll(t.worktree, 'top level work');
  const inner = path.join(t.worktree, 'vendor/inner');
  mkdirSync(inner, { recursive: true });
  git(inner, ['init', '-q', '-b', 'main']);
  git(inner, ['config', 'user.name', 'Agent']);
  git(inner, ['config', 'user.email', 'agent@example.com']);
  writeFileSync(path.join(inner, 'lib.txt'), 'only here\n');
  commitAll(inner, 'inner commit');
  writeFileSync(path.join(inner, 'draft.txt'), 'uncommitted in the nested repo\n');
  await markState(t, 'done');
  return { t, innerHead: git(inner, ['rev-parse', 'HEAD']).trim() };
}

describe('nested repositories (finding 1)', () => {
  it('abandon is refused until --keep-nested, which saves a bundle and the files, then removes the worktree', async () => {
    const repo = makeRepo();
    const { t, innerHead } = await taskWithNestedRepo(repo);
    const refused = runCli(['review', t.id, '--abandon', '--yes'], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/vendor\/inner\/: a repository of its own.*--keep-nested/);
    expect(existsSync(path.join(t.worktree, 'vendor/inner/lib.txt'))).toBe(true);

    const r = runCli(['review', t.id, '--abandon', '--yes', '--keep-nested'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(readFileSync(path.join(t.taskDir, 'review/decision.json'), 'utf8'));
    expect(d.nested).toHaveLength(1);
    expect(d.worktreeRemoved).toBe(true);
    expect(readFileSync(path.join(t.taskDir, d.nested[0].copy, 'draft.txt'), 'utf8')).toBe('uncommitted in the nested repo\n');
    const clone = path.join(tempDir(), 'clone');
    git(path.dirname(clone), ['clone', '-q', path.join(t.taskDir, d.nested[0].bundle), clone]);
    expect(git(clone, ['rev-parse', 'HEAD']).trim()).toBe(innerHead);
    expect(readFileSync(path.join(clone, 'lib.txt'), 'utf8')).toBe('only here\n');
  });

  it('merge never puts a gitlink to a missing commit on main: refused, then merged with the nested repo saved aside', async () => {
    const repo = makeRepo();
    const { t } = await taskWithNestedRepo(repo);
    const refused = runCli(['review', t.id, '--merge', '--yes', '--commit-leftovers'], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--keep-nested');
    expect(git(repo, ['log', '--oneline', 'main']).trim().split('\n')).toHaveLength(1);

    const r = runCli(['review', t.id, '--merge', '--yes', '--commit-leftovers', '--keep-nested'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(git(repo, ['ls-tree', '-r', 'main'])).not.toMatch(/^160000/m);
    expect(git(repo, ['show', 'main:top.txt'])).toBe('top\n');
    const d = JSON.parse(readFileSync(path.join(t.taskDir, 'review/decision.json'), 'utf8'));
    expect(readFileSync(path.join(t.taskDir, d.nested[0].copy, 'lib.txt'), 'utf8')).toBe('only here\n');
    expect(d.worktreeRemoved).toBe(true);
  });

  it('a nested repository committed into the branch as a gitlink is refused at merge, whatever the flags', async () => {
    const repo = makeRepo();
    const { t } = await taskWithNestedRepo(repo);
    git(t.worktree, ['add', 'vendor/inner']);
    git(t.worktree, ['commit', '-q', '-m', 'agent adds its nested repo']);
    const r = runCli(['review', t.id, '--merge', '--yes', '--keep-nested'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/vendor\/inner as a link to a repository of its own/);
    expect(git(repo, ['log', '--oneline', 'main']).trim().split('\n')).toHaveLength(1);
    expect(readRecord(t.taskDir).state).toBe('done');
  });

  it('files under an uninitialised submodule path are leftovers, saved with --keep-nested', async () => {
    const repo = makeRepo();
    const sha = git(repo, ['rev-parse', 'HEAD']).trim();
    git(repo, ['update-index', '--add', '--cacheinfo', `160000,${sha},sub`]);
    writeFileSync(path.join(repo, '.gitmodules'), '[submodule "sub"]\n\tpath = sub\n\turl = ./nowhere\n');
    git(repo, ['add', '.gitmodules']);
    git(repo, ['commit', '-q', '-m', 'a submodule path']);
    mkdirSync(path.join(repo, 'sub')); // an uninitialised submodule: its directory, empty
    const t = cliTask(repo, 'Writes under sub');
    writeFileSync(path.join(t.worktree, 'top.txt'), 'top\n');
    commitAll(t.worktree, 'top');
    mkdirSync(path.join(t.worktree, 'sub'), { recursive: true });
    writeFileSync(path.join(t.worktree, 'sub/lost.txt'), 'would be lost\n');
    await markState(t, 'done');
    const refused = runCli(['review', t.id, '--merge', '--yes'], { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/sub\/: 1 file under an uninitialised submodule path/);
    const r = runCli(['review', t.id, '--merge', '--yes', '--keep-nested'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(readFileSync(path.join(t.taskDir, 'review/decision.json'), 'utf8'));
    expect(readFileSync(path.join(t.taskDir, d.nested[0].copy, 'lost.txt'), 'utf8')).toBe('would be lost\n');
  });
});
