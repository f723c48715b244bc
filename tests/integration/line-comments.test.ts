// Line comments: `--comment FILE:LINE:TEXT` saves a comment with its code (from the diff, or the branch's file),
// the evidence lists it, the same line again edits it, empty text removes it, and request changes sends them
// quoted with file:line and the code lines in the next packet — then they are kept as sent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readJson, taskWithWork } from '../helpers/task.js';

const TAIL = '\nexport const unit = "m";\n// 1\n// 2\n// 3\n// 4\n// 5\n';
const BEFORE = `export function area(w, h) {\n  return w * h;\n}\n${TAIL}`;
const AFTER = `export function area(w, h) {\n  const a = w * h;\n  return a;\n}\n${TAIL}`;

describe('line comments', () => {
  it('are saved with their code, listed, edited, removed, and sent with request changes', async () => {
    const { repo, task } = await taskWithWork(
      { 'src/area.js': AFTER },
      { repo: { files: { 'src/area.js': BEFORE, 'README.md': '# r\n' } }, task: { agent: { name: 'command', command: 'cat > /dev/null' } } },
    );
    let r = runCli(['review', task.id, '--comment', 'src/area.js:2:call it `area`', '--comment', 'src/area.js:11:not in the diff, still fine'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('2 line comments waiting for the next request changes:');
    const file = path.join(task.taskDir, 'review', 'comments.json');
    let saved = readJson<{ comments: { file: string; line: number; side: string; code: string[]; at: number; text: string }[] }>(file).comments;
    expect(saved[0]).toMatchObject({ file: 'src/area.js', line: 2, side: 'new', text: 'call it `area`' });
    expect(saved[0]!.code[saved[0]!.at]).toBe('+  const a = w * h;');
    expect(saved[0]!.code).toContain('-  return w * h;');
    expect(saved[1]).toMatchObject({ line: 11, code: [' // 5'] });

    // Edit line 2, remove line 11: the same line again replaces, empty text removes.
    r = runCli(['review', task.id, '--comment', 'src/area.js:2:name it area', '--comment', 'src/area.js:11:'], { cwd: repo });
    expect(r.stdout).toContain('1 line comment waiting');
    saved = readJson<typeof saved extends infer T ? { comments: T } : never>(file).comments;
    expect(saved.map((c) => c.text)).toEqual(['name it area']);

    // Every comment is checked before any is saved.
    r = runCli(['review', task.id, '--comment', 'src/area.js:99:too far', '--comment', 'src/area.js:3:would be saved'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('src/area.js has 11 lines on wtagents/');
    expect(readJson<{ comments: unknown[] }>(file).comments).toHaveLength(1); // a typo saves nothing

    const evidence = runCli(['review', task.id], { cwd: repo });
    expect(evidence.stdout).toContain('Line comments (1, sent with the next --request-changes):\n  src/area.js:2\n      +  const a = w * h;\n    name it area');

    r = runCli(['review', task.id, '--request-changes', '', '--comment', 'src/area.js:3:and inline this', '--yes'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const packet = readFileSync(path.join(task.taskDir, 'packets', '02-request-changes.md'), 'utf8');
    expect(packet).toContain('Line comments from the reviewer (2):');
    expect(packet).toContain('- src/area.js:2\n  ```diff\n');
    expect(packet).toContain('  +  const a = w * h;   ◀\n');
    expect(packet).toContain('  > name it area');
    expect(packet).toContain('- src/area.js:3\n');
    expect(packet).toContain('  > and inline this');
    expect(existsSync(file)).toBe(false);
    expect(readJson<{ comments: unknown[] }>(path.join(task.taskDir, 'review', 'comments-sent-01.json')).comments).toHaveLength(2);
  });

  it('refuses a comment off the diff or badly written, in one line', async () => {
    const { repo, task } = await taskWithWork({ 'a.txt': 'a\n' });
    const off = runCli(['review', task.id, '--comment', 'README.md:1:x'], { cwd: repo });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('README.md is not in the diff of wtagents/');
    const bad = runCli(['review', task.id, '--comment', 'a.txt-no-line'], { cwd: repo });
    expect(bad.stderr).toContain('write it as FILE:LINE:TEXT');
    const mixed = runCli(['review', task.id, '--merge', '--comment', 'a.txt:1:x'], { cwd: repo });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--comment goes alone or with --request-changes');
  });
});
