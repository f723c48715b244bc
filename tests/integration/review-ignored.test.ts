// Ignored files the task made (an agent's .env.local, a build's output) survive merge and abandon as copies
// in review/ignored/, listed in the evidence and the decision; what config setup made is not copied; too
// much refuses the decision, changing nothing.
import { existsSync, readFileSync, readlinkSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeTask } from '../../src/review/decisions.js';
import { startRun } from '../../src/runner/control.js';
import { createTask } from '../../src/store/create-task.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, writeFiles } from '../helpers/repo.js';
import { waitSettled } from '../helpers/run.js';
import { gitState, readJson, taskJson, taskWithWork } from '../helpers/task.js';

const GITIGNORE = { '.gitignore': '.env.local\nbuild/\ndeps/\n' };

describe('ignored files in the task worktree', () => {
  it('abandon copies them into review/ignored/ (symlinks as links), lists them in the evidence and the output', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' }, { repo: { files: GITIGNORE } });
    writeFiles(task.worktree, { '.env.local': 'TOKEN=the agent made this\n', 'build/out/app.js': 'built\n' });
    symlinkSync('out/app.js', path.join(task.worktree, 'build', 'latest'));

    const view = runCli(['review', task.id], { cwd: repo });
    expect(view.stdout).toContain('Ignored files the task made (2; merge and abandon copy them into review/ignored/):\n  !!  .env.local\n  !!  build/\n');

    const r = runCli(['review', task.id, '--abandon', '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ignored files saved in review/ignored/: .env.local, build/\n');
    expect(existsSync(task.worktree)).toBe(false);
    const saved = path.join(task.taskDir, 'review', 'ignored');
    expect(readFileSync(path.join(saved, '.env.local'), 'utf8')).toBe('TOKEN=the agent made this\n');
    expect(readFileSync(path.join(saved, 'build/out/app.js'), 'utf8')).toBe('built\n');
    expect(readlinkSync(path.join(saved, 'build/latest'))).toBe('out/app.js');
    expect(readJson(path.join(task.taskDir, 'review/decision.json'))).toMatchObject({ ignored: ['.env.local', 'build/'], ignoredSaved: 'review/ignored' });
  });

  it('merge copies only what the agent made, not what config setup installed', async () => {
    const repo = makeRepo({ files: GITIGNORE });
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ setup: ['mkdir -p deps && echo lib > deps/lib.js'] }) });
    const agent = 'cat > /dev/null; echo SECRET=1 > .env.local; echo f > f.txt; git add f.txt; git commit -q -m f';
    const { record } = await createTask({ repo, cwd: repo, text: 'Make f', agent: { name: 'command', command: agent } });
    await startRun(record.taskDir);
    expect((await waitSettled(record.taskDir)).state).toBe('done');
    expect(readJson<string[]>(path.join(record.taskDir, 'logs/setup-ignored.json'))).toEqual(['deps/']);

    const r = await mergeTask(record.taskDir);
    expect(r.outcome).toBe('merged');
    expect(r.decision).toMatchObject({ ignored: ['.env.local'], ignoredSaved: 'review/ignored', worktreeRemoved: true });
    expect(readFileSync(path.join(record.taskDir, 'review/ignored/.env.local'), 'utf8')).toBe('SECRET=1\n');
    expect(existsSync(path.join(record.taskDir, 'review/ignored/deps'))).toBe(false);
  });

  it('refuses to merge or abandon past the copy limit, saying what to do; nothing changes', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' }, { repo: { files: GITIGNORE } });
    writeFileSync(path.join(task.worktree, '.env.local'), '');
    truncateSync(path.join(task.worktree, '.env.local'), 200 * 1024 * 1024); // sparse: big, costs no disk
    const before = gitState(repo);
    for (const what of ['merge', 'abandon']) {
      const r = runCli(['review', task.id, `--${what}`, '--yes'], { cwd: repo });
      expect(r.stderr).toBe(
        `wtagents: cannot ${what}: the task worktree holds over 100 MB of ignored files (.env.local) that no commit or patch keeps, more than wtagents copies into review/ignored/: move or delete what you do not need in ${task.worktree}, then ${what} again\n`,
      );
      expect(r.code).toBe(1);
    }
    expect(gitState(repo)).toEqual(before);
    expect(taskJson(task.taskDir).state).toBe('ready');
    expect(existsSync(path.join(task.worktree, '.env.local'))).toBe(true);
  });
});
