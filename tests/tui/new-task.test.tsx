// The new-task form on real services: enter creates the worktree and asks the runner to start; esc creates nothing.
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, makeRepo, tempDir } from '../helpers/repo.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import type { TuiServices } from '../../src/app/services.js';
import { listTasks } from '../../src/store/tasks.js';

let open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

async function start(repo: string, env: NodeJS.ProcessEnv = {}) {
  const { services } = testServices(repo, env);
  const tui = await renderTui(app(services), { columns: 100, rows: 24 });
  open.push({ tui, services });
  return tui;
}

describe('new task', () => {
  it('creates the task with its worktree on enter and starts its agent', async () => {
    const repo = makeRepo();
    git(repo, ['branch', 'develop']);
    const tui = await start(repo);
    await tui.act('dashboard', 'new');
    await tui.waitFor('New task');
    await tui.waitFor(/Base\s+main/);
    await tui.type('Fix the flaky test');
    // to the base list, pick "develop" (the current branch "main" is first)
    await tui.act('newTask', 'next');
    await tui.waitFor('develop');
    await tui.press('down');
    await tui.press('enter');
    await tui.waitFor(/Base\s+develop/);
    // the agent list: only the command agent here (no presets on PATH, no config agents)
    await tui.press('enter');
    await tui.waitFor('Command');
    await tui.type('echo done');
    await tui.act('newTask', 'next');
    await tui.type('src/**');
    await tui.press('enter');
    await tui.waitFor('created fix-the-flaky-test');
    // the agent (echo done) runs in the background under its supervisor and finishes
    const f = await tui.waitFor('done fix-the-flaky-test', 60_000);
    expect(f).toContain('Fix the flaky test');
    expect(f).toMatch(/› done/);
    const tasks = listTasks(repo);
    expect(tasks).toHaveLength(1);
    const t = tasks[0]!.record;
    expect(t.state).toBe('done');
    expect(t.base).toBe('develop');
    expect(t.scope).toEqual(['src/**']);
    expect(t.agent).toEqual({ name: 'command', command: 'echo done', format: 'text' });
    expect(existsSync(t.worktree)).toBe(true);
    expect(git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/wtagents/']).trim()).toBe('wtagents/fix-the-flaky-test');
  });

  it('esc leaves the form with nothing created', async () => {
    const repo = makeRepo();
    const tui = await start(repo);
    await tui.act('dashboard', 'new');
    await tui.waitFor('New task');
    await tui.type('Never mind');
    await tui.act('newTask', 'cancel');
    await tui.waitFor('No tasks yet');
    expect(existsSync(path.join(repo, '.wtagents'))).toBe(false);
    expect(git(repo, ['branch', '--list']).trim()).toBe('* main');
  });

  it('refuses an empty task in one line, creating nothing', async () => {
    const repo = makeRepo();
    const tui = await start(repo);
    await tui.act('dashboard', 'new');
    await tui.waitFor(/Base\s+main/);
    const f = await tui.press('enter');
    expect(f).toContain('write what the agent should do first');
    expect(existsSync(path.join(repo, '.wtagents'))).toBe(false);
  });

  it('takes a long task text from $EDITOR', async () => {
    const repo = makeRepo();
    const bin = tempDir();
    const editor = path.join(bin, 'fake-editor');
    writeFileSync(editor, '#!/bin/sh\nprintf "Rewrite the parser\\n\\nKeep the API; add tests.\\n" > "$1"\n');
    chmodSync(editor, 0o755);
    const tui = await start(repo, { EDITOR: editor });
    await tui.act('dashboard', 'new');
    await tui.waitFor(/Base\s+main/);
    const f = await tui.act('newTask', 'editor');
    expect(f).toContain('Rewrite the parser');
    expect(f).toContain('(+2 lines');
    await tui.act('newTask', 'next');
    await tui.act('newTask', 'next');
    await tui.act('newTask', 'next');
    await tui.type('true');
    await tui.press('enter');
    await tui.waitFor('created rewrite-the-parser');
    expect(readdirSync(path.join(repo, '.wtagents/tasks'))).toEqual(['rewrite-the-parser']);
    expect(listTasks(repo)[0]!.record.text).toBe('Rewrite the parser\n\nKeep the API; add tests.');
  });
});
