// The merge question's options on screen (ink-testing-library, real services, real repositories): `s`
// switches merge → squash → rebase and the merge takes it; `E` rewrites the generated message in $EDITOR.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { commitAll, git, tempDir, writeFiles } from '../helpers/repo.js';
import { joined } from '../helpers/review-tui.js';
import { taskJson, taskWithWork } from '../helpers/task.js';

const open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

async function start(repo: string, env: NodeJS.ProcessEnv = {}): Promise<Tui> {
  const { services } = testServices(repo, env);
  const tui = await renderTui(app(services), { columns: 160, rows: 24 });
  open.push({ tui, services });
  return tui;
}

/** Two commits on the task branch, main moved on since. */
async function twoCommits() {
  const t = await taskWithWork({ 'a.txt': 'a\n' }, { text: 'Add a and b' });
  writeFiles(t.task.worktree, { 'b.txt': 'b\n' });
  commitAll(t.task.worktree, 'agent: add b');
  writeFiles(t.repo, { 'main.txt': 'moved\n' });
  commitAll(t.repo, 'main: moved on');
  return t;
}

async function mergeQuestion(tui: Tui): Promise<string> {
  await tui.press('enter');
  await tui.waitFor('lines 1–');
  return tui.act('review', 'merge');
}

describe('merge options in the review', () => {
  it('s chooses squash: one commit on main, with the message generated from the task', async () => {
    const { repo, task } = await twoCommits();
    const before = git(repo, ['rev-parse', 'main']).trim();
    const tui = await start(repo);
    let f = await mergeQuestion(tui);
    expect(joined(f)).toContain('into main (--no-ff), then remove');
    expect(f.split('\n').at(-1)).toBe('y yes  s squash instead  E edit the message  any other key no');
    f = await tui.act('review', 'mergeStrategy');
    expect(joined(f)).toContain('into main (squash), then remove');
    expect(f.split('\n').at(-1)).toContain('s rebase instead');
    await tui.act('confirm', 'yes');
    await tui.waitFor(/squashed wtagents\/add-a-and-b into main at [0-9a-f]{12}/);
    expect(git(repo, ['rev-list', '--count', `${before}..main`]).trim()).toBe('1');
    expect(git(repo, ['rev-parse', 'main^']).trim()).toBe(before);
    const msg = git(repo, ['log', '-1', '--format=%B', 'main']);
    expect(msg).toMatch(/^Add a and b\n\n/);
    expect(msg).toContain(`Squashed from ${task.branch} (wtagents task ${task.id}, round 1).`);
    expect(taskJson(task.taskDir).state).toBe('merged');
  });

  it('s s chooses rebase: the branch’s two commits on main, no merge commit; the message cannot be edited', async () => {
    const { repo } = await twoCommits();
    const before = git(repo, ['rev-parse', 'main']).trim();
    const tui = await start(repo);
    await mergeQuestion(tui);
    await tui.act('review', 'mergeStrategy');
    const f = await tui.act('review', 'mergeStrategy');
    expect(joined(f)).toContain('(rebase, then fast-forward) (the commits keep their own messages)');
    expect(f.split('\n').at(-1)).not.toContain('edit the message');
    await tui.act('confirm', 'yes');
    await tui.waitFor(/rebased and fast-forwarded wtagents\/add-a-and-b into main/);
    expect(git(repo, ['log', '--format=%s', `${before}..main`]).trim().split('\n')).toEqual(['agent: add b', 'agent work']);
    expect(git(repo, ['rev-list', '--merges', '--count', 'main']).trim()).toBe('0');
  });

  it('E opens $EDITOR on the generated message; what it writes is the merge commit’s message', async () => {
    const { repo, task } = await twoCommits();
    const editor = path.join(tempDir(), 'fake-editor');
    const seen = path.join(tempDir(), 'seen.txt');
    writeFileSync(editor, `#!/bin/sh\ncp "$1" ${JSON.stringify(seen)}\nprintf "Reviewer's own subject\\n\\nWritten in the editor.\\n" > "$1"\n`);
    chmodSync(editor, 0o755);
    const tui = await start(repo, { EDITOR: editor });
    await mergeQuestion(tui);
    await tui.act('review', 'editMessage');
    await tui.waitFor((fr) => joined(fr).includes('(--no-ff) with your message'));
    expect(git(repo, ['log', '-1', '--format=%s', 'main']).trim()).toBe('main: moved on'); // not merged yet
    await tui.act('confirm', 'yes');
    await tui.waitFor(/merged wtagents\/add-a-and-b into main/);
    expect(git(repo, ['log', '-1', '--format=%B', 'main']).trim()).toBe("Reviewer's own subject\n\nWritten in the editor.");
    expect(git(repo, ['rev-list', '--parents', '-n1', 'main']).trim().split(' ')).toHaveLength(3);
    expect(readFileSync(seen, 'utf8')).toContain(`Merge ${task.branch}: Add a and b`); // the editor got the generated one
  });
});
