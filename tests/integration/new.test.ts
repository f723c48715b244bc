// `wtagents new` and `list`, run as the built CLI against real repositories.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runJson } from '../helpers/cli.js';
import { commitAll, git, hermeticGitEnv, makeRepo, repoSnapshot, tempDir, writeFiles } from '../helpers/repo.js';
import type { TaskRecord } from '../../src/core/task.js';

const SEED_FILES = [
  'README.md',
  'commands/create-worktree.sh',
  'commands/review-before-merge.sh',
  'packets/01-background-agent.md',
  'task.json',
  'trace.jsonl',
];

function traceTypes(taskDir: string): string[] {
  return readFileSync(path.join(taskDir, 'trace.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { type: string }).type);
}

function bash(script: string, cwd: string): string {
  return execFileSync('bash', [script], { cwd, encoding: 'utf8', env: { ...process.env, ...hermeticGitEnv } });
}

describe('wtagents new --mode dry-run', () => {
  it("writes the seed's files and changes no ref, worktree, config or exclude", () => {
    const repo = makeRepo();
    const before = repoSnapshot(repo);
    const r = runCli(['new', '--repo', repo, '--task', 'Add a health endpoint', '--mode', 'dry-run'], { cwd: tempDir() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(repoSnapshot(repo)).toEqual(before);
    const dir = path.join(repo, '.wtagents/tasks/add-a-health-endpoint');
    for (const f of SEED_FILES) expect(existsSync(path.join(dir, f)), f).toBe(true);
    const task = JSON.parse(readFileSync(path.join(dir, 'task.json'), 'utf8')) as TaskRecord;
    expect(task.state).toBe('draft');
    expect(traceTypes(dir)).toEqual(['task.created', 'packet.written', 'task.state']);
  });
});

describe('wtagents new --mode create', () => {
  it('makes branch wtagents/<id> and the worktree on the base commit, and excludes .wtagents/ once', () => {
    const repo = makeRepo();
    git(repo, ['checkout', '-q', '-b', 'feature']);
    writeFiles(repo, { 'feature.txt': 'feature\n' });
    const featureSha = commitAll(repo, 'feature work');
    git(repo, ['checkout', '-q', 'main']);
    const mainSha = git(repo, ['rev-parse', 'HEAD']).trim();

    const t = runJson<TaskRecord>(['new', 'Build on feature', '--base', 'feature', '--check', 'true'], { cwd: repo });
    expect(t.id).toBe('build-on-feature');
    expect(t.state).toBe('ready');
    expect(t.base).toBe('feature');
    expect(t.baseSha).toBe(featureSha);
    expect(t.worktree).toBe(path.join(repo, '.wtagents/worktrees/build-on-feature'));
    expect(git(t.worktree, ['rev-parse', 'HEAD']).trim()).toBe(featureSha);
    expect(git(t.worktree, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('wtagents/build-on-feature');
    expect(existsSync(path.join(t.worktree, 'feature.txt'))).toBe(true);
    expect(git(repo, ['rev-parse', 'HEAD']).trim()).toBe(mainSha);
    expect(traceTypes(t.taskDir)).toEqual(['task.created', 'packet.written', 'worktree.created', 'task.state']);

    const t2 = runJson<TaskRecord>(['new', 'Build on feature'], { cwd: repo });
    expect(t2.id).toBe('build-on-feature-2');
    expect(t2.base).toBe('main');
    expect(t2.baseSha).toBe(mainSha);
    const exclude = readFileSync(path.join(repo, '.git/info/exclude'), 'utf8');
    expect(exclude.split('\n').filter((l) => l === '.wtagents/')).toHaveLength(1);
    expect(git(repo, ['status', '--porcelain'])).toBe('');
  });

  it('warns that a dirty main worktree is not part of the task', () => {
    const repo = makeRepo();
    writeFiles(repo, { 'README.md': 'changed\n', 'new.txt': 'x' });
    const r = runCli(['new', 'Some task'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: the main worktree has 2 uncommitted changes: the task starts from main \([0-9a-f]{12}\) without them\n$/);
    const t = runJson<TaskRecord[]>(['list'], { cwd: repo })[0]!;
    expect(readFileSync(path.join(t.worktree, 'README.md'), 'utf8')).toBe('# test repo\n');
  });

  it('takes the task from a file or stdin, and refuses two sources', () => {
    const repo = makeRepo();
    const file = path.join(tempDir(), 'packet.md');
    writeFileSync(file, '# Long packet\n\n' + 'detail line\n'.repeat(5000));
    const t = runJson<TaskRecord>(['new', '--task-file', file, '--mode', 'dry-run'], { cwd: repo });
    expect(t.id).toBe('long-packet');
    expect(readFileSync(path.join(t.taskDir, 'packets/01-background-agent.md'), 'utf8')).toContain('detail line\n'.repeat(100));
    const s = runJson<TaskRecord>(['new', '--task-file', '-', '--mode', 'dry-run'], { cwd: repo, input: 'From stdin\n' });
    expect(s.title).toBe('From stdin');
    const both = runCli(['new', 'words', '--task', 'flag'], { cwd: repo });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('wtagents: give the task one way only: an argument, --task or --task-file\n');
  });
});

describe('wtagents new with a config', () => {
  it('puts worktrees under worktreeDir, takes the config scope, and names config checks in the packet', () => {
    const repo = makeRepo();
    const outside = path.join(tempDir(), 'trees');
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ worktreeDir: outside, scope: ['src/**'], checks: ['npm run lint'] }) });
    const t = runJson<TaskRecord>(['new', 'Configured task', '--check', 'npm test'], { cwd: repo });
    expect(t.worktree).toBe(path.join(outside, 'configured-task'));
    expect(git(t.worktree, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('wtagents/configured-task');
    expect(t.scope).toEqual(['src/**']);
    expect(t.checks).toEqual(['npm test']);
    const packet = readFileSync(path.join(t.taskDir, 'packets/01-background-agent.md'), 'utf8');
    expect(packet).toContain('npm test\nnpm run lint');
    expect(packet).toContain('`src/**`');
  });

  it('refuses a bad config in one line naming the field, writing nothing', () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ worktreeDirr: 'x' }) });
    const r = runCli(['new', 'x'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/config\.json: \(top level\): unknown key.*worktreeDirr|worktreeDirr/);
    expect(existsSync(path.join(repo, '.wtagents/tasks'))).toBe(false);
  });
});

describe('generated scripts', () => {
  it('pass bash -n, create the worktree, and review into review/diff.patch', () => {
    const repo = makeRepo({ dirName: 'my repo é' });
    const t = runJson<TaskRecord>(['new', 'Edit the readme', '--mode', 'dry-run'], { cwd: repo });
    const create = path.join(t.taskDir, 'commands/create-worktree.sh');
    const review = path.join(t.taskDir, 'commands/review-before-merge.sh');
    for (const s of [create, review]) execFileSync('bash', ['-n', s]);

    expect(bash(create, tempDir())).toContain('Created');
    expect(git(t.worktree, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('wtagents/edit-the-readme');
    expect(bash(create, tempDir())).toContain('already exists');

    writeFiles(t.worktree, { 'README.md': '# changed by the agent\n' });
    commitAll(t.worktree, 'agent edit');
    const out = bash(review, tempDir());
    expect(out).toContain('README.md | 2 +-');
    const patch = readFileSync(path.join(t.taskDir, 'review/diff.patch'), 'utf8');
    expect(patch).toContain('+# changed by the agent');
  });
});

describe('hostile task text', () => {
  it('never executes any of it: both scripts run and no marker appears', () => {
    const repo = makeRepo({ dirName: "r'e p$(o)" });
    const marker = path.join(tempDir(), 'pwned');
    const payloads = [
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `'; touch ${marker}; echo '`,
      `"; touch ${marker}; echo "`,
      `\n touch ${marker}\n`,
      `$'\\x41' ; touch ${marker} #`,
    ];
    const text = `Hostile ${payloads.join(' ')} ünï 🙂\n${'x'.repeat(100 * 1024)}\n${payloads.join('\n')}`;
    for (const mode of ['dry-run', 'create']) {
      const t = runJson<TaskRecord>(['new', '--task', text, '--mode', mode], { cwd: repo });
      if (mode === 'dry-run') bash(path.join(t.taskDir, 'commands/create-worktree.sh'), repo);
      bash(path.join(t.taskDir, 'commands/review-before-merge.sh'), repo);
      const packet = readFileSync(path.join(t.taskDir, 'packets/01-background-agent.md'), 'utf8');
      expect(packet).toContain(text);
      expect(t.text).toBe(text);
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe('bad input: one clear line, non-zero exit, nothing changed', () => {
  function expectCleanFailure(r: { code: number; stderr: string; stdout: string }, code: number, message: RegExp): void {
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  }

  it('not a git repository', () => {
    const dir = tempDir();
    expectCleanFailure(runCli(['new', 'x'], { cwd: dir }), 1, /not a git repository/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a missing --repo directory', () => {
    expectCleanFailure(runCli(['new', 'x', '--repo', '/nonexistent/dir']), 1, /not a git repository|no such directory/);
  });

  it('a repository with no commits', () => {
    const repo = makeRepo({ empty: true });
    expectCleanFailure(runCli(['new', 'x'], { cwd: repo }), 1, /has no commits yet/);
    expect(existsSync(path.join(repo, '.wtagents'))).toBe(false);
  });

  it('an unknown base', () => {
    const repo = makeRepo();
    const before = repoSnapshot(repo);
    expectCleanFailure(runCli(['new', 'x', '--base', 'no-such-branch'], { cwd: repo }), 1, /unknown base "no-such-branch"/);
    expectCleanFailure(runCli(['new', 'x', '--base', '--upload-pack=touch /tmp/x'], { cwd: repo }), 1, /unknown base/);
    expect(repoSnapshot(repo)).toEqual(before);
    expect(existsSync(path.join(repo, '.wtagents'))).toBe(false);
  });

  it('an empty task', () => {
    const repo = makeRepo();
    expectCleanFailure(runCli(['new', '--task', '  \n\t '], { cwd: repo }), 1, /task text is empty/);
    expectCleanFailure(runCli(['new'], { cwd: repo }), 1, /task text is empty/);
    expect(existsSync(path.join(repo, '.wtagents'))).toBe(false);
  });

  it('--out pointing at an existing directory that is not a task', () => {
    const repo = makeRepo();
    const out = tempDir();
    writeFileSync(path.join(out, 'precious.txt'), 'keep me');
    const before = repoSnapshot(repo);
    expectCleanFailure(runCli(['new', 'x', '--out', out], { cwd: repo }), 1, /is not empty/);
    expect(readdirSync(out)).toEqual(['precious.txt']);
    expect(repoSnapshot(repo)).toEqual(before);
  });

  it('--out pointing at an existing task', () => {
    const repo = makeRepo();
    const out = path.join(tempDir(), 'task dir');
    expect(runCli(['new', 'x', '--out', out, '--mode', 'dry-run'], { cwd: repo }).code).toBe(0);
    expectCleanFailure(runCli(['new', 'y', '--out', out], { cwd: repo }), 1, /already holds a wtagents task/);
  });

  it('an unknown flag or a bad mode', () => {
    const repo = makeRepo();
    expectCleanFailure(runCli(['new', 'x', '--bogus'], { cwd: repo }), 2, /unknown option '--bogus'/);
    expectCleanFailure(runCli(['new', 'x', '--mode', 'maybe'], { cwd: repo }), 2, /argument 'maybe' is invalid/);
    expect(existsSync(path.join(repo, '.wtagents'))).toBe(false);
  });

  it('shows the stack only with WTAGENTS_DEBUG=1', () => {
    const repo = makeRepo({ empty: true });
    const r = runCli(['new', 'x'], { cwd: repo, env: { WTAGENTS_DEBUG: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').length).toBeGreaterThan(2);
  });
});

describe('wtagents list', () => {
  it('lists every task of the repo, --out ones included, with state, branch, base and age', () => {
    const repo = makeRepo();
    const elsewhere = path.join(tempDir(), 'outside task');
    mkdirSync(path.join(repo, 'sub'));
    runJson(['new', 'First task', '--mode', 'dry-run'], { cwd: repo });
    runJson(['new', 'Second task', '--out', elsewhere], { cwd: path.join(repo) });
    const tasks = runJson<Array<TaskRecord>>(['list', '--repo', path.join(repo)], { cwd: tempDir() });
    expect(tasks.map((t) => [t.id, t.state, t.branch, t.base])).toEqual([
      ['first-task', 'draft', 'wtagents/first-task', 'main'],
      ['second-task', 'ready', 'wtagents/second-task', 'main'],
    ]);
    expect(tasks[1]!.taskDir).toBe(elsewhere);

    const text = runCli(['list'], { cwd: repo });
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATE\s+BRANCH\s+BASE\s+AGE\s+TITLE$/);
    expect(lines[1]).toMatch(/^first-task\s+draft\s+wtagents\/first-task\s+main\s+\d+s\s+First task$/);
    expect(lines[2]).toMatch(/^second-task\s+ready\s+/);
  });

  it('says so when there are no tasks, and works from a linked worktree', () => {
    const repo = makeRepo();
    expect(runCli(['list'], { cwd: repo }).stdout).toContain('No tasks yet');
    const t = runJson<TaskRecord>(['new', 'Task'], { cwd: repo });
    const fromWorktree = runJson<TaskRecord[]>(['list'], { cwd: t.worktree });
    expect(fromWorktree.map((x) => x.id)).toEqual(['task']);
  });
});
