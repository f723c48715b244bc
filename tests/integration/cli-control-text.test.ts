// File names and git output reach the terminal through the CLI's errors and warnings: control sequences in
// them (an OSC that retitles the terminal, a CSI that clears it) are stripped before printing.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { taskWithWork } from '../helpers/task.js';

const EVIL = 'notes\u001b]0;pwned\u0007\u001b[2J\u009b31m.txt';

describe('control sequences in names', () => {
  it("a leftover file's name in the merge refusal is printed without them", async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    writeFileSync(path.join(task.worktree, EVIL), 'left behind\n');
    const r = runCli(['review', task.id, '--merge', '--yes'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('uncommitted or untracked file (notes.txt)');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('a warning naming an unreadable task directory is printed without them', () => {
    const repo = makeRepo();
    const dir = path.join(repo, '.wtagents', 'tasks', EVIL);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'task.json'), '{ not json');
    const r = runCli(['list'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: skipped ');
    expect(r.stderr).toContain('notes.txt');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
