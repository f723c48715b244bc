// `wtagents demo`: the sandbox, two tasks run by the example agent (one passes its check, one fails it),
// a request-changes round that fixes the failing one, and nothing touched outside the sandbox.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChecksFile } from '../../src/core/checks.js';
import { parseReport } from '../../src/core/report-parse.js';
import type { TaskRecord } from '../../src/core/task.js';
import { DIVIDE_TASK, MULTIPLY_TASK } from '../../src/demo/scenarios.js';
import { runCli, runJson } from '../helpers/cli.js';
import { git, makeRepo, repoSnapshot, tempDir } from '../helpers/repo.js';
import { trackTask, traceEvents, waitSettled } from '../helpers/run.js';

/** Pauses of the example agent at 2% of their length: each task takes a second or two. */
const FAST = { WTAGENTS_DEMO_SPEED: '0.02' };

function checks(taskDir: string): ChecksFile {
  return ChecksFile.parse(JSON.parse(readFileSync(path.join(taskDir, 'review/checks.json'), 'utf8')));
}

/** The merge recommendation of the task's report.md, as the review gate reads it. */
function recommendation(taskDir: string) {
  return parseReport(readFileSync(path.join(taskDir, 'report.md'), 'utf8')).recommendation;
}

function listTasks(repo: string): TaskRecord[] {
  const tasks = runJson<TaskRecord[]>(['list', '--repo', repo]);
  for (const t of tasks) trackTask(t.taskDir);
  return tasks;
}

/** The files under `dir` with their contents (the .git directory summarised by repoSnapshot instead). */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(d.parentPath, d.name);
    if (d.isFile() && !full.includes(`${path.sep}.git${path.sep}`)) out[path.relative(dir, full)] = readFileSync(full, 'utf8');
  }
  return out;
}

describe('wtagents demo', () => {
  it('makes a sandbox with two example-agent tasks: one done, one failing its check; a request-changes round fixes it; nothing else is touched', async () => {
    const cwdRepo = makeRepo();
    const home = tempDir('home-');
    const before = { repo: repoSnapshot(cwdRepo), files: files(cwdRepo) };
    const dir = path.join(tempDir(), 'sandbox');
    const env = { ...FAST, HOME: home };

    const r = runCli(['demo', '--no-open', '--dir', dir], { cwd: cwdRepo, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Demo sandbox: ${dir}\n`);
    expect(r.stdout).toContain('the agent "example": the built-in example agent (scripted, no AI)');
    expect(r.stdout).toMatch(new RegExp(`list --repo ${dir}\\n`));
    expect(r.stdout).not.toContain('dashboard was not opened'); // --no-open: no TUI, no word about it

    const config = JSON.parse(readFileSync(path.join(dir, '.wtagents/config.json'), 'utf8'));
    expect(config).toMatchObject({ defaultAgent: 'example', agents: { example: { format: 'claude', description: 'built-in example agent (scripted, no AI)' } } });
    expect(config.agents.example.command.slice(-1)).toEqual(['__example-agent']);
    expect(runCli(['agents', '--repo', dir]).stdout).toMatch(/^example +config .* claude +built-in example agent \(scripted, no AI\)$/m);

    const tasks = listTasks(dir);
    expect(tasks.map((t) => t.title).sort()).toEqual([MULTIPLY_TASK, DIVIDE_TASK].sort());
    for (const t of tasks) expect(t).toMatchObject({ agent: { name: 'example' }, checks: ['node --test'] });
    const multiply = tasks.find((t) => t.title === MULTIPLY_TASK)!;
    const divide = tasks.find((t) => t.title === DIVIDE_TASK)!;

    const m = await waitSettled(multiply.taskDir, ['done', 'failed'], 120_000);
    expect(m.state).toBe('done');
    expect(checks(m.taskDir).results.map((c) => [c.cmd, c.exitCode])).toEqual([['node --test', 0]]);
    expect(recommendation(m.taskDir)).toEqual({ verdict: 'merge', text: 'merge: small, tested, in scope.' });
    const trace = traceEvents(m.taskDir);
    expect(trace.find((e) => e.type === 'agent.session')).toMatchObject({ model: 'example-agent (scripted demo, no AI)' });
    expect(trace.find((e) => e.type === 'agent.message')).toMatchObject({ text: expect.stringMatching(/^\[example agent\] I am wtagents’ built-in example agent: a script, no AI model\./) });
    expect(git(m.worktree, ['log', '-1', '--format=%s']).trim()).toBe('Add multiply() with a test');

    const d = await waitSettled(divide.taskDir, ['done', 'failed'], 120_000);
    expect(d.state).toBe('failed');
    expect(traceEvents(d.taskDir).at(-1)).toMatchObject({ type: 'task.state', state: 'failed', reason: 'check failed: node --test' });
    const evidence = checks(d.taskDir).results;
    expect(evidence.map((c) => [c.cmd, c.exitCode])).toEqual([['node --test', 1]]);
    expect(evidence[0]!.logTail).toContain('division by zero');
    expect(recommendation(d.taskDir)).toEqual({ verdict: 'merge', text: 'merge: the new behaviour is tested and the change is small.' });

    const again = runCli(['run', divide.id, '--feedback', 'node --test fails: the old Infinity test still expects the old behaviour.', '--repo', dir], { cwd: cwdRepo, env });
    expect(again.code, again.stderr).toBe(0);
    const d2 = await waitSettled(divide.taskDir, ['done', 'failed'], 120_000);
    expect(d2).toMatchObject({ state: 'done', round: 2 });
    expect(checks(d2.taskDir)).toMatchObject({ round: 2, results: [{ cmd: 'node --test', exitCode: 0 }] });
    expect(readFileSync(path.join(d2.taskDir, 'report.md'), 'utf8')).toContain('Removed the test that expected Infinity');
    expect(git(d2.worktree, ['log', '--format=%s', '-2']).trim().split('\n')).toEqual(['Drop the outdated Infinity test', 'Make divide() throw on division by zero']);

    // Outside the sandbox: the repository the demo was started in, and HOME, are as they were.
    expect(repoSnapshot(cwdRepo)).toEqual(before.repo);
    expect(files(cwdRepo)).toEqual(before.files);
    expect(readdirSync(home)).toEqual([]);
    // The sandbox's own checkout is clean too: the work is on the task branches.
    expect(git(dir, ['status', '--porcelain'])).toBe('');
  });

  it('without --dir, makes the sandbox in a fresh temp directory; without --no-open, and no terminal, says the dashboard was not opened', async () => {
    const tmp = tempDir('tmp-');
    const r = runCli(['demo'], { cwd: tmp, env: { ...FAST, TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(0);
    const repo = /^Demo sandbox: (.*)$/m.exec(r.stdout)?.[1] ?? '';
    expect(path.dirname(repo)).toBe(tmp);
    expect(path.basename(repo)).toMatch(/^wtagents-demo-/);
    expect(r.stdout).toMatch(/\n\(No terminal here, so the dashboard was not opened: run the command above in one\.\)\n$/);
    const tasks = listTasks(repo);
    expect(tasks.map((t) => t.title).sort()).toEqual([MULTIPLY_TASK, DIVIDE_TASK].sort());
    for (const t of tasks) await waitSettled(t.taskDir, ['done', 'failed'], 120_000);
  });

  it('refuses a --dir that is not empty (or not a directory), writing nothing', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'keep.txt'), 'mine\n');
    const r = runCli(['demo', '--no-open', '--dir', dir]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `wtagents: --dir ${dir} is not empty: the demo needs a new or empty directory\n` });
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    const file = path.join(dir, 'keep.txt');
    expect(runCli(['demo', '--dir', file])).toMatchObject({ code: 1, stderr: `wtagents: --dir ${file} is not a directory: the demo needs a new or empty directory\n` });
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });
});
