// `wtagents review` as the built CLI: the views (summary, --stat, --patch, --json), bad flags, confirmation,
// the decision lock, and request changes (round 2 with the runner, once it is merged).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRun } from '../../src/runner/control.js';
import { createTask } from '../../src/store/create-task.js';
import { CLI, runCli, runJson } from '../helpers/cli.js';
import { git, hermeticGitEnv, makeRepo, tempDir } from '../helpers/repo.js';
import { gitState, readJson, taskJson, taskWithWork, traceOf } from '../helpers/task.js';

/** The runner issue replaces the startRun stub; until then the end-to-end round-2 test is skipped. */
const runnerAvailable = !/not implemented/.test(await startRun('/nonexistent/wtagents-probe').then(() => '', (e: unknown) => String((e as Error).message)));
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('wtagents review (views)', () => {
  it('prints the evidence summary, and writes the review files and a review.opened event', async () => {
    const { repo, task } = await taskWithWork({ 'src/a.ts': 'const k = "AKIAIOSFODNN7EXAMPLE";\n', 'docs/x.md': 'x\n' }, { task: { scope: ['src/**'] } });
    writeFileSync(path.join(task.taskDir, 'report.md'), '## Merge recommendation\nmerge, all good\x1b[2J\x1b]0;pwned\x07\n');
    writeFileSync(path.join(task.worktree, 'src/evil\x1b[31mname.ts'), 'x\n');
    const r = runCli(['review', task.id], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain(`Task ${task.id} · ready · round 1`);
    expect(out).toContain(`main...${task.branch}`);
    expect(out).toContain('2 files, +2 −0');
    expect(out).not.toContain('\x1b');
    expect(out).toMatch(/\?\?\s+src\/evilname\.ts/);
    expect(out).toContain('Report (report.md) — the agent’s own words:\n  Recommendation: merge — merge, all good');
    expect(out).toMatch(/secret\s+src\/a\.ts:1\s+AWS access key id added \(AKIA\*+LE\)/);
    expect(out).toMatch(/out-of-scope\s+docs\/x\.md/);
    expect(out).not.toContain('IOSFODNN7EXAMP');
    expect(out).toContain(`Decide: wtagents review ${task.id} --merge | --request-changes TEXT | --abandon`);
    expect(existsSync(path.join(task.taskDir, 'review/diff.patch'))).toBe(true);
    expect(traceOf(task.taskDir).at(-1)).toMatchObject({ type: 'review.opened', files: 2 });
  });

  it('--stat, --patch and --json', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'one\ntwo\n' });
    expect(runCli(['review', task.id, '--stat'], { cwd: repo }).stdout).toMatch(/^ a\.txt \| 2 \+\+\n 1 file changed, 2 insertions\(\+\)\n$/);
    expect(runCli(['review', task.id, '--patch'], { cwd: repo }).stdout).toBe(git(repo, ['diff', `main...${task.branch}`]));
    const e = runJson<{ files: { path: string }[]; risks: unknown[]; range: { label: string }; checks: { source: string } }>(['review', task.id], { cwd: repo });
    expect(e.files.map((f) => f.path)).toEqual(['a.txt']);
    expect(e.range.label).toBe(`main...${task.branch}`);
    expect(e.checks.source).toBe('none');
  });

  it('rejects bad flag combinations with a one-line usage error, changing nothing', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    const before = gitState(repo);
    const trace = traceOf(task.taskDir).length;
    const cases: [string[], number, string][] = [
      [['--merge', '--abandon'], 2, 'choose one decision: --merge, --request-changes, --abandon or --pr'],
      [['--stat', '--patch'], 2, 'choose --stat or --patch, not both'],
      [['--merge', '--stat'], 2, '--stat and --patch only show the diff: drop them to decide'],
      [['--squash'], 2, '--strategy, --squash, --edit-message, --commit-leftovers and --drop-leftovers go with --merge'],
      [['--merge', '--strategy', 'octopus', '--yes'], 2, '--strategy octopus: choose merge, squash or rebase'],
      [['--merge', '--squash', '--strategy', 'rebase', '--yes'], 2, '--squash and --strategy disagree: give one'],
      [['--merge', '--strategy', 'rebase', '--edit-message', '--yes'], 2, '--edit-message goes without --message-file, and not with --strategy rebase (the commits keep their messages)'],
      [['--merge', '--commit-leftovers', '--drop-leftovers'], 2, 'choose --commit-leftovers or --drop-leftovers, not both'],
      [['--delete-branch'], 2, '--delete-branch goes with --abandon'],
      [['--request-changes', '  '], 1, 'the feedback is empty: say what the agent should change'],
      [['--merge'], 2, '--merge needs a confirmation and there is no terminal to ask on: add --yes'],
      [['--abandon'], 2, '--abandon needs a confirmation and there is no terminal to ask on: add --yes'],
    ];
    for (const [flags, code, message] of cases) {
      const r = runCli(['review', task.id, ...flags], { cwd: repo });
      expect([r.code, r.stderr], flags.join(' ')).toEqual([code, `wtagents: ${message}\n`]);
      expect(r.stdout).toBe('');
    }
    expect(runCli(['review', 'no-such-task'], { cwd: repo }).stderr).toBe(`wtagents: no task "no-such-task" in ${repo} (see: wtagents list)\n`);
    expect(gitState(repo)).toEqual(before);
    expect(traceOf(task.taskDir)).toHaveLength(trace);
    expect(taskJson(task.taskDir).state).toBe('ready');
  });

  it.skipIf(!hasScript)('asks y/N on a terminal: "n" does nothing, "y" decides', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    const ask = (answer: string) =>
      spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} review ${task.id} --abandon`, '/dev/null'], {
        cwd: repo,
        input: `${answer}\n`,
        encoding: 'utf8',
        env: { ...process.env, ...hermeticGitEnv, NO_COLOR: '1' },
        timeout: 30_000,
      });
    const no = ask('n');
    expect(no.stdout).toContain('[y/N]');
    expect(no.stdout).toContain('cancelled: nothing was done');
    expect(no.status).toBe(1);
    expect(taskJson(task.taskDir).state).toBe('ready');
    const yes = ask('y');
    expect(yes.stdout).toContain(`Abandoned ${task.id}: work kept in review/abandoned.patch.`);
    expect(yes.status).toBe(0);
    expect(taskJson(task.taskDir).state).toBe('abandoned');
  });

  it('a decision lock held by another live process refuses a second decider at once', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    const lock = path.join(task.taskDir, 'review/decision.lock');
    execFileSync('mkdir', ['-p', path.dirname(lock)]);
    writeFileSync(lock, `${process.pid}\n${Date.now()}\n`); // this test process: alive
    const before = gitState(repo);
    const r = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`wtagents: task ${task.id}: another review decision is in progress (${lock}); try again when it is done (held by pid ${process.pid} (no start time recorded), `)).toBe(true);
    expect(r.stderr).toMatch(/\d+s old; if no wtagents command is at work on it, see: wtagents doctor\)\n$/);
    expect(gitState(repo)).toEqual(before);
    writeFileSync(lock, '999999999\n0\n'); // a dead owner: the lock is stale and taken over
    expect(runCli(['review', task.id, '--abandon', '--yes'], { cwd: repo }).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('wtagents review --request-changes', () => {
  it('records the feedback (decision.json, trace, review/feedback-01.md) and moves the task on', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    const marker = path.join(tempDir(), 'pwned');
    const feedback = `Add tests for the empty case.\n$(touch ${marker}) \`touch ${marker}\` "quotes"`;
    const r = runCli(['review', task.id, '--request-changes', feedback, '--yes'], { cwd: repo });
    expect(r.stdout).toContain(`Changes requested on ${task.id}.\n  feedback saved in review/feedback-01.md\n`); // no agent here: round 2 does not start
    expect(readFileSync(path.join(task.taskDir, 'review/feedback-01.md'), 'utf8')).toBe(`${feedback}\n`);
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ decision: 'request-changes', outcome: 'changes-requested', feedback });
    expect(traceOf(task.taskDir).find((e) => e.type === 'review.decision')).toMatchObject({ decision: 'request-changes', detail: feedback });
    expect(existsSync(marker)).toBe(false);
    if (!runnerAvailable) {
      // startRun is still the stub: the decision stands, the failure to start is said plainly
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('wtagents: the next round did not start: error: startRun: not implemented yet\n');
      expect(taskJson(task.taskDir).state).toBe('changes-requested');
    }
  });

  it.skipIf(!runnerAvailable)('starts round 2 with the feedback in its packet (needs the runner)', async () => {
    const repo = makeRepo();
    const { record } = await createTask({ repo, cwd: repo, text: 'Write a file', agent: { name: 'command', command: 'cat > /dev/null; echo ok > out.txt' } });
    const r = runCli(['review', record.id, '--request-changes', 'Also write out2.txt', '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect.poll(() => taskJson(record.taskDir).round, { timeout: 60_000 }).toBe(2);
    const packet = path.join(record.taskDir, 'packets/02-request-changes.md');
    await expect.poll(() => existsSync(packet), { timeout: 60_000 }).toBe(true);
    expect(readFileSync(packet, 'utf8')).toContain('Also write out2.txt');
  });
});
