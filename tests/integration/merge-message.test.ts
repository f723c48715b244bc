// The merge commit's message: generated from the task (title, checks wtagents ran, the agent's summary labelled
// as its words), or the user's own from --message-file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, tempDir } from '../helpers/repo.js';
import { taskWithWork } from '../helpers/task.js';

describe('merge commit message', () => {
  it('is generated from the task, its checks and the agent’s summary', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' }, { text: 'Add a\n\nWith a file called a.txt.' });
    writeFileSync(path.join(task.taskDir, 'report.md'), 'Added a.txt.\nAll good.\n');
    mkdirSync(path.join(task.taskDir, 'review'), { recursive: true });
    writeFileSync(path.join(task.taskDir, 'review', 'checks.json'), JSON.stringify({ round: 1, finishedAt: new Date().toISOString(), results: [{ cmd: 'npm test', exitCode: 0, durationMs: 5, logTail: '' }] }));
    const r = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    const msg = git(repo, ['log', '-1', '--format=%B', 'main']);
    expect(msg).toContain(`Merge ${task.branch}: Add a\n\nAdd a\n\nWith a file called a.txt.`);
    expect(msg).toContain('Checks run by wtagents:\n- passed: npm test');
    expect(msg).toContain('The agent’s summary (its words):\n> Added a.txt.\n> All good.');
    expect(msg).toContain(`wtagents task ${task.id}, round 1, reviewed before merge.`);
  });

  it('--message-file replaces it', async () => {
    const { repo, task } = await taskWithWork({ 'b.txt': 'b\n' });
    const file = path.join(tempDir(), 'msg.txt');
    writeFileSync(file, 'My own words\n\nExactly these.\n');
    const r = runCli(['review', task.id, '--merge', '--squash', '--message-file', file, '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(git(repo, ['log', '-1', '--format=%B', 'main']).trim()).toBe('My own words\n\nExactly these.');
  });
});
