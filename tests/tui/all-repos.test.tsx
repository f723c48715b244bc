// `wtagents --all` on screen (ink-testing-library, real services over real repositories): one dashboard, a
// heading per remembered repository with its tasks under it (the same task id in two repositories told
// apart), a vanished repository shown as missing; the same keys, each acting on the task's own repository.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAllServices } from '../../src/app/all-services.js';
import type { TuiServices } from '../../src/app/services.js';
import { registerRepo } from '../../src/store/registry.js';
import { app, Recorder, renderTui, type Tui } from '../helpers/ink.js';
import { runJson } from '../helpers/cli.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';
import { taskJson, taskWithWork } from '../helpers/task.js';

const open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

describe('every repository in one dashboard', () => {
  it('groups the tasks by repository, shows a vanished one as missing, and merges the selected task into its own repository', async () => {
    const env = { PATH: process.env.PATH, WTAGENTS_CONFIG_DIR: tempDir('config-') };
    const web = await taskWithWork({ 'web.txt': 'web\n' }, { repo: { dirName: 'webapp' } });
    const api = await taskWithWork({ 'api.txt': 'api\n' }, { repo: { dirName: 'api' } });
    const gone = path.join(tempDir(), 'old-service');
    for (const repo of [web.repo, api.repo, gone]) await registerRepo(repo, env);
    const webMain = git(web.repo, ['rev-parse', 'main']).trim();
    const apiMain = git(api.repo, ['rev-parse', 'main']).trim();

    const services = createAllServices({ env, terminal: new Recorder() });
    const tui = await renderTui(app(services), { columns: 140, rows: 20 });
    open.push({ tui, services });
    const f = await tui.waitFor('▸ old-service');
    const lines = f.split('\n').map((l) => l.slice(0, 60).trimEnd());
    expect(lines[0]).toContain('wtagents · all repositories (2 of 3)');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at('▸ webapp  1')).toBe(1);
    expect(at('Change the files')).toBe(2);
    expect(at('▸ api  1')).toBe(3);
    expect(lines[4]).toContain('Change the files');
    expect(f).toContain(`▸ old-service  missing: ${gone}`);
    expect(f).toContain('webapp/change-the-files'); // the selected task's id, told apart by its repository

    await tui.act('dashboard', 'down');
    await tui.waitFor('api/change-the-files');
    await tui.act('dashboard', 'open');
    await tui.waitFor('lines 1–');
    await tui.act('review', 'merge');
    await tui.act('confirm', 'yes');
    await tui.waitFor(/merged wtagents\/change-the-files into main at [0-9a-f]{12}/);
    expect(git(api.repo, ['rev-parse', 'main^2']).trim()).toBe(api.tip);
    expect(git(api.repo, ['rev-parse', 'main^1']).trim()).toBe(apiMain);
    expect(git(web.repo, ['rev-parse', 'main']).trim()).toBe(webMain);
    expect(taskJson(api.task.taskDir).state).toBe('merged');
    expect(taskJson(web.task.taskDir).state).toBe('ready');
  });

  it('n makes the new task in the repository of the selected task', async () => {
    const env = { PATH: process.env.PATH, WTAGENTS_CONFIG_DIR: tempDir('config-') };
    const web = await taskWithWork({ 'web.txt': 'web\n' }, { repo: { dirName: 'webapp' } });
    const api = await taskWithWork({ 'api.txt': 'api\n' }, { repo: { dirName: 'api' } });
    for (const repo of [web.repo, api.repo]) await registerRepo(repo, env);
    const services = createAllServices({ env, terminal: new Recorder() });
    const tui = await renderTui(app(services), { columns: 140, rows: 20 });
    open.push({ tui, services });
    await tui.waitFor('webapp/change-the-files');
    await tui.act('dashboard', 'down');
    await tui.waitFor('api/change-the-files');
    await tui.act('dashboard', 'new');
    await tui.waitFor(/Base\s+main/);
    await tui.type('Add metrics');
    for (let i = 0; i < 3; i++) await tui.act('newTask', 'next');
    await tui.type('true');
    await tui.press('enter');
    await tui.waitFor('created add-metrics');
    expect(existsSync(path.join(api.repo, '.wtagents', 'tasks', 'add-metrics', 'task.json'))).toBe(true);
    expect(existsSync(path.join(web.repo, '.wtagents', 'tasks', 'add-metrics'))).toBe(false);
    await tui.waitFor('▸ api  2');
  });

  it('enter on an attempt compares its own repository\'s group (the same group id in another repository is not mixed in) and reviews it', async () => {
    const env = { PATH: process.env.PATH, WTAGENTS_CONFIG_DIR: tempDir('config-') };
    const web = makeRepo({ dirName: 'webapp' });
    const api = makeRepo({ dirName: 'api' });
    runJson(['new', 'Speed up the build', '--attempts', '2', '--agent-command', 'true'], { cwd: web });
    runJson(['new', 'Speed up the build', '--attempts', '3', '--agent-command', 'true'], { cwd: api });
    for (const repo of [web, api]) await registerRepo(repo, env);
    const services = createAllServices({ env, terminal: new Recorder() });
    const tui = await renderTui(app(services), { columns: 140, rows: 24 });
    open.push({ tui, services });
    await tui.waitFor('▸ api  3');
    while (!tui.frame().includes('api/speed-up-the-build-2')) await tui.act('dashboard', 'down');
    let f = await tui.act('dashboard', 'open');
    f = await tui.waitFor('Compare ⑂ speed-up-the-build: Speed up the build · 3 attempts');
    for (const i of [1, 2, 3]) expect(f).toMatch(new RegExp(` ${i} +speed-up-the-build-${i} +command +ready `));
    expect(f).toContain('speed-up-the-build-2 · command · ⎇ wtagents/speed-up-the-build-2 · ready'); // the attempt it opened on
    await tui.act('compare', 'open');
    f = await tui.waitFor('review api/speed-up-the-build-2');
    await tui.act('review', 'back');
    await tui.waitFor('Compare ⑂ speed-up-the-build');
  });

  it('with no repository remembered, says how one gets there', () => {
    const env = { PATH: process.env.PATH, WTAGENTS_CONFIG_DIR: tempDir('config-') };
    expect(() => createAllServices({ env })).toThrow('no repositories remembered yet: make a task in one (or run wtagents repos add DIR), then wtagents --all');
  });
});
