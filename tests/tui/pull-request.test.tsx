// Pull requests from the review screen: `P` asks, `y` pushes to a real bare remote and opens a draft PR with
// a fake gh on PATH; the URL stays on the review's status line; the dashboard then shows the PR's state as
// `gh pr view` reports it.
import { afterEach, describe, expect, it } from 'vitest';
import type { TuiServices } from '../../src/app/services.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { bareRemote, fakeForge } from '../helpers/forge.js';
import { git } from '../helpers/repo.js';
import { joined } from '../helpers/review-tui.js';
import { taskJson, taskWithWork } from '../helpers/task.js';

let open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

describe('pull request from the review', () => {
  it('P then y opens a draft PR; the dashboard shows its number and state', async () => {
    const { repo, task, tip } = await taskWithWork({ 'feature.txt': 'new\n' });
    const bare = bareRemote(repo);
    const gh = fakeForge({ view: '{"state":"MERGED","isDraft":false}' });
    const { services } = testServices(repo, { PATH: gh.path });
    const tui = await renderTui(app(services), { columns: 120, rows: 24 });
    open.push({ tui, services });
    await tui.waitFor('Change the files');
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    let f = await tui.act('review', 'prDraft');
    expect(f).toContain(`Push ${task.branch} and open a draft pull request into main (its body from the evidence)?`);
    await tui.act('confirm', 'yes');
    f = await tui.waitFor('opened draft pull request https://github.com/acme/shop/pull/7');
    expect(joined(f)).toContain(`review ${task.id}`); // still on the review
    expect(git(bare, ['rev-parse', task.branch]).trim()).toBe(tip);
    expect(gh.calls().find((c) => c[1] === 'create')).toContain('--draft');
    expect(taskJson(task.taskDir).pr?.url).toBe('https://github.com/acme/shop/pull/7');
    await tui.act('review', 'back');
    await tui.waitFor(/Change the files .*PR#7 merged/); // as gh pr view says
    expect(gh.calls().some((c) => c[0] === 'pr' && c[1] === 'view' && c[2] === 'https://github.com/acme/shop/pull/7')).toBe(true);
  });

  it('p without gh says so and names the commands; nothing is pushed', async () => {
    const { repo, task } = await taskWithWork({ 'feature.txt': 'new\n' });
    const bare = bareRemote(repo);
    const { services } = testServices(repo, { PATH: '/usr/bin:/bin' });
    const tui = await renderTui(app(services), { columns: 120, rows: 24 });
    open.push({ tui, services });
    await tui.waitFor('Change the files');
    await tui.press('enter');
    await tui.waitFor('lines 1–');
    await tui.act('review', 'pr');
    await tui.act('confirm', 'yes');
    const f = await tui.waitFor('not opened: gh is not installed');
    expect(joined(f)).toContain(`push --set-upstream origin ${task.branch}`);
    expect(git(bare, ['branch', '--list', task.branch])).toBe('');
  });
});
