// The review's git diff layer on real repositories: file list, per-file diffs, cancel, cache, prefetch,
// and the review files written on opening.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffFileList, diffOneFile } from '../../src/git/diff.js';
import { gitExec, isAbortError } from '../../src/git/exec.js';
import { collectEvidence } from '../../src/review/evidence.js';
import { openSession, writeReviewFiles } from '../../src/review/open.js';
import { commitAll, git, makeRepo, writeFiles } from '../helpers/repo.js';
import { taskWithWork, traceOf } from '../helpers/task.js';

const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i}`).join('\n') + '\n';

describe('gitExec', () => {
  it('hands back a failing git command\'s exit code and stderr instead of throwing; stdin goes in', async () => {
    const repo = makeRepo();
    const bad = await gitExec(repo, ['merge-base', 'main', 'no-such-branch']);
    expect(bad.code).toBe(128);
    expect(bad.stderr).toMatch(/no-such-branch/);
    const ok = await gitExec(repo, ['hash-object', '--stdin'], { input: 'hello\n' });
    expect([ok.code, ok.stdout.trim()]).toEqual([0, 'ce013625030ba8dba906f756967f9e9ca394464a']);
    const c = new AbortController();
    c.abort();
    await expect(gitExec(repo, ['status'], { signal: c.signal })).rejects.toSatisfy(isAbortError);
  });
});

describe('diff layer', () => {
  it('lists renames, binaries, deletions and odd names, and diffs each one file alone', async () => {
    const repo = makeRepo({ files: { 'a.txt': lines(20, 'a'), 'gone.txt': 'bye\n', 'img.bin': 'x\0y', 'keep.txt': 'k\n' } });
    const base = git(repo, ['rev-parse', 'HEAD']).trim();
    git(repo, ['mv', 'a.txt', 'moved a.txt']);
    writeFiles(repo, { 'moved a.txt': lines(20, 'a') + 'one more\n', 'img.bin': 'x\0z', 'star*[x].txt': 'glob chars\n', 'tab\there.txt': 'tab\n' });
    git(repo, ['rm', '-q', 'gone.txt']);
    const tip = commitAll(repo, 'work');

    const files = await diffFileList(repo, base, tip);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(files.map((f) => f.path).sort()).toEqual(['gone.txt', 'img.bin', 'moved a.txt', 'star*[x].txt', 'tab\there.txt']);
    expect(byPath.get('moved a.txt')).toMatchObject({ status: 'R', oldPath: 'a.txt', added: 1, removed: 0 });
    expect(byPath.get('img.bin')).toMatchObject({ status: 'M', binary: true });
    expect(byPath.get('gone.txt')).toMatchObject({ status: 'D', removed: 1 });

    const rename = await diffOneFile(repo, base, tip, byPath.get('moved a.txt')!);
    expect(rename).toContain('rename from a.txt');
    expect(rename).toContain('+one more');
    expect(rename).not.toContain('glob chars');
    const star = await diffOneFile(repo, base, tip, byPath.get('star*[x].txt')!);
    expect(star).toContain('+glob chars');
    expect(star.match(/^diff --git/gm)).toHaveLength(1);
    expect(await diffOneFile(repo, base, tip, byPath.get('img.bin')!)).toMatch(/Binary files .* differ/);
  });
});

describe('DiffLoader', () => {
  async function manyFiles(n: number) {
    const work: Record<string, string> = {};
    for (let i = 0; i < n; i++) work[`f${String(i).padStart(2, '0')}.txt`] = lines(30, `file ${i}`);
    return taskWithWork(work);
  }

  it('loads the selected file, prefetches the next one, and serves both from its cache', async () => {
    const { task } = await manyFiles(4);
    const session = (await openSession(task.taskDir))!;
    const first = await session.loader.select(0);
    // the next file's git starts after whoever asked for this one has it (not before the frame that shows it)
    expect(session.loader.isLoading(1)).toBe(false);
    expect(first.file.path).toBe('f00.txt');
    expect(first.lines.filter((l) => l.kind === 'add')).toHaveLength(30);
    await expect.poll(() => session.loader.peek(1) !== undefined, { timeout: 60_000 }).toBe(true);
    const started = session.loader.stats.started;
    expect((await session.loader.select(1)).file.path).toBe('f01.txt');
    expect(await session.loader.select(0)).toBe(first);
    expect(session.loader.stats.hits).toBe(2);
    expect(session.loader.stats.started).toBeGreaterThanOrEqual(started);
  });

  it('cancels the load of a file the user moved past (its git process is killed)', async () => {
    const { task } = await manyFiles(5);
    const session = (await openSession(task.taskDir, { cacheSize: 2 }))!;
    const abandoned = session.loader.select(0);
    const wanted = session.loader.select(3);
    const error = await abandoned.then(() => null, (e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect((await wanted).file.path).toBe('f03.txt');
    expect(session.loader.peek(0)).toBeUndefined();
    expect(session.loader.stats.cancelled).toBeGreaterThanOrEqual(1);
    session.loader.dispose();
    await expect(session.loader.select(1)).rejects.toThrow(/cancelled/);
  });
});

describe('opening a review', () => {
  it('writes review/diff.patch (= git diff base...branch), review/stat.txt and a review.opened event', async () => {
    const { task, repo } = await taskWithWork({ 'src/new.ts': 'export const x = 1;\n', 'README.md': '# changed\n' });
    // the base moves on after the task started: the review still shows only the branch's own changes
    writeFiles(repo, { 'other.txt': 'on main\n' });
    commitAll(repo, 'main moves');
    const session = (await openSession(task.taskDir))!;
    expect(session.totals).toEqual({ files: 2, added: 2, removed: 1 });
    const files = await writeReviewFiles(session);
    const expected = git(repo, ['diff', `main...${task.branch}`]);
    expect(readFileSync(path.join(task.taskDir, 'review/diff.patch'), 'utf8')).toBe(expected);
    expect(files.patch).toBe(expected);
    expect(readFileSync(path.join(task.taskDir, 'review/stat.txt'), 'utf8')).toMatch(/2 files changed, 2 insertions\(\+\), 1 deletion\(-\)/);
    expect(traceOf(task.taskDir).at(-1)).toMatchObject({ type: 'review.opened', files: 2, added: 2, removed: 1 });
  });

  it('gathers the evidence: checks, report and recommendation, usage, leftovers', async () => {
    const { task } = await taskWithWork({ 'src/a.ts': 'a\n' });
    writeFileSync(path.join(task.taskDir, 'report.md'), '## Summary of changes\nAdded a.\n## Merge recommendation\nmerge: checks pass\n');
    writeFiles(task.taskDir, {
      'review/checks.json': JSON.stringify({ round: 1, finishedAt: new Date().toISOString(), results: [{ cmd: 'npm test', exitCode: 0, durationMs: 1200, logTail: 'ok' }, { cmd: 'npm run lint', exitCode: 1, durationMs: 300, logTail: 'bad' }] }),
    });
    const ctx = { v: 1, task: task.id, ts: new Date().toISOString() };
    const events = [
      { ...ctx, seq: 90, round: 1, step: 'implement', type: 'agent.usage', inputTokens: 100, outputTokens: 10, scope: 'turn' },
      { ...ctx, seq: 91, round: 1, step: 'implement', type: 'agent.usage', inputTokens: 50, outputTokens: 5, scope: 'turn' },
      { ...ctx, seq: 92, round: 1, step: 'implement', type: 'agent.exited', code: 0, durationMs: 4000 },
      { ...ctx, seq: 93, round: 1, step: 'implement', type: 'agent.something-new', x: 1 },
      'not json',
    ];
    writeFileSync(path.join(task.taskDir, 'trace.jsonl'), readFileSync(path.join(task.taskDir, 'trace.jsonl'), 'utf8') + events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n') + '\n');
    writeFiles(task.worktree, { 'scratch.txt': 'left behind\n' });
    const session = (await openSession(task.taskDir))!;
    const e = await collectEvidence(task.taskDir, session, (await writeReviewFiles(session)).patch);
    expect(e.checks).toMatchObject({ source: 'checks.json', round: 1, passed: false });
    expect(e.report).toMatchObject({ source: 'report.md', recommendation: { verdict: 'merge', text: 'merge: checks pass' } });
    expect(e.usage).toEqual({ inputTokens: 150, outputTokens: 15 });
    expect(e.durationMs).toBe(4000);
    expect(e.leftovers).toEqual([{ status: '??', path: 'scratch.txt' }]);
    // Hand-written evidence with no supervisor records is shown, and flagged unverified.
    expect(e.risks.map((r) => r.kind)).toEqual(['leftovers', 'unverified']);
    expect(e.traceSkipped).toBe(2);
  });
});
