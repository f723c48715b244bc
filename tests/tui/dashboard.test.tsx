// The dashboard, rendered with ink-testing-library on real services and real repositories.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/repo.js';
import { app, renderTui, testServices, type Tui } from '../helpers/ink.js';
import { cliTask, fakeSupervisor, markRunning, markState, trace } from '../helpers/tasks.js';
import type { TuiServices } from '../../src/app/services.js';
import { updateTask } from '../../src/store/tasks.js';

let open: Array<{ tui: Tui; services: TuiServices }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.tui.unmount();
    await o.services.close();
  }
});

async function start(repo: string, size: { columns?: number; rows?: number } = {}, forcePane = false) {
  const { services, bell } = testServices(repo);
  const tui = await renderTui(app(services, forcePane), size);
  open.push({ tui, services });
  return { tui, services, bell };
}

describe('dashboard', () => {
  it('shows the repo, counts per state, the tasks made by the CLI and the selected task’s trace', async () => {
    const repo = makeRepo({ dirName: 'shop' });
    cliTask(repo, 'Fix the login redirect loop');
    cliTask(repo, 'Add a health endpoint', ['--mode', 'dry-run']);
    const { tui } = await start(repo);
    const f = await tui.waitFor('Fix the login redirect loop');
    expect(f).toContain('wtagents · shop');
    expect(f).toMatch(/◇ 1 ready/);
    expect(f).toMatch(/○ 1 draft/);
    expect(f).toContain('Add a health endpoint');
    // The newest task is selected first and its trace is shown.
    await tui.waitFor('dry-run: no worktree made');
    expect(tui.lines()).toHaveLength(30);
    expect(tui.lines().at(-1)).toContain('n new');
  });

  it('shows +added −removed against the base and tokens/cost per task', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'one\ntwo\n' } });
    const t = cliTask(repo, 'Counted');
    writeFileSync(path.join(t.worktree, 'a.txt'), 'one\n2\nthree\n');
    await updateTask(t.taskDir, (r) => {
      r.usage = { inputTokens: 12_000, outputTokens: 345, costUsd: 0.42 };
    });
    const { tui } = await start(repo);
    const f = await tui.waitFor('+2 −1');
    expect(f).toMatch(/Counted +\d+s {2}\+2 −1 {2}12k \$0\.42/);
  });

  it('shows tasks made, changed and removed by other processes without a key press', async () => {
    const repo = makeRepo();
    const { tui } = await start(repo);
    await tui.waitFor('No tasks yet');
    const t = cliTask(repo, 'Made elsewhere');
    await tui.waitFor('Made elsewhere');
    await markState(t, 'failed');
    await tui.waitFor(/✗ 1 failed/);
    rmSync(t.taskDir, { recursive: true, force: true });
    await tui.waitFor('No tasks yet');
  });

  it('tails the selected trace live, formats events and strips terminal control sequences', async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Live task');
    const { tui } = await start(repo);
    await tui.waitFor('→ ready');
    await trace(t, [
      { type: 'agent.message', text: 'Looking at \u001b]0;pwned\u0007the \u001b[2Jcode\nsecond line' },
      { type: 'agent.tool', name: 'Edit', input: { file_path: 'src/login.ts' } },
      { type: 'agent.command', cmd: 'npm test', exitCode: 1 },
      { type: 'agent.error', message: 'rate limited' },
    ]);
    const f = await tui.waitFor('rate limited');
    expect(f).toContain('» Looking at the code second line');
    expect(f).not.toContain('pwned');
    expect(f).not.toContain('\u001b]0');
    expect(f).not.toContain('\u001b[2J');
    expect(f).toContain('⚙ Edit src/login.ts');
    expect(f).toContain('$ npm test → exit 1');
  });

  it('moves the selection with j/k and shows that task’s trace', async () => {
    const repo = makeRepo();
    cliTask(repo, 'First task');
    cliTask(repo, 'Second task', ['--mode', 'dry-run']);
    const { tui } = await start(repo);
    await tui.waitFor('draft second-task');
    await tui.act('dashboard', 'down');
    await tui.waitFor('ready first-task');
    await tui.press('k');
    await tui.waitFor('draft second-task');
  });

  it('rings the bell once and marks the task when a run finishes', async () => {
    const repo = makeRepo();
    const a = cliTask(repo, 'Runner');
    cliTask(repo, 'Other', ['--mode', 'dry-run']);
    const sup = await fakeSupervisor();
    await markRunning(a, sup.pid);
    const { tui, bell } = await start(repo);
    await tui.waitFor(/▶ 1 running/);
    // Running tasks are listed first, so "Runner" is selected: move off it to see the change mark.
    await tui.act('dashboard', 'down');
    await tui.waitFor('draft other');
    await markState(a, 'done');
    await sup.kill();
    const f = await tui.waitFor(/✓ 1 done/);
    expect(f).toMatch(/•✓ Runner/);
    await tui.waitFor(() => bell.text === '\u0007');
    // No longer running, it sorts below the newer task; looking at it clears the mark.
    await tui.press('j');
    await tui.waitFor((fr) => !fr.includes('•'));
  });

  it('lists every key of the screen on ? and closes with esc', async () => {
    const repo = makeRepo();
    const { tui } = await start(repo);
    const f = await tui.act('dashboard', 'help');
    expect(f).toContain('Keys: dashboard');
    for (const text of ['select the next task', 'make a new task', 'stop the selected', 'run the selected task', 'full trace', 'leave wtagents']) {
      expect(f).toContain(text);
    }
    expect(f).not.toContain('tmux split'); // `o` is offered only inside tmux
    await tui.press('esc');
    await tui.waitFor('No tasks yet');
  });

  it('takes key overrides from the config for handling, footer and help alike', async () => {
    const repo = makeRepo();
    mkdirSync(path.join(repo, '.wtagents'));
    writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ keys: { 'dashboard.new': 'a', 'dashboard.help': 'h' } }));
    const { tui } = await start(repo);
    expect(await tui.waitFor('a new')).not.toContain('n new');
    expect(await tui.press('h')).toMatch(/^a +make a new task/m);
    await tui.press('esc');
    // Every key named in a text follows the rebinding (keyHint), not only the footer.
    const empty = await tui.waitFor('No tasks yet');
    expect(empty).toContain('No tasks yet: press a to make one.');
    expect(empty).toContain('a: new task   h: keys');
    expect(empty).not.toContain('press n');
    await tui.press('a');
    await tui.waitFor('New task');
  });

  it('refuses a key table override that names no action, in one line', () => {
    const repo = makeRepo();
    mkdirSync(path.join(repo, '.wtagents'));
    writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ keys: { 'dashboard.fly': 'f' } }));
    expect(() => testServices(repo)).toThrow(/^config keys\.dashboard\.fly: unknown action/);
  });

  it('asks before stopping, then stops the task through the engine', async () => {
    const repo = makeRepo();
    const a = cliTask(repo, 'Busy');
    const sup = await fakeSupervisor();
    await markRunning(a, sup.pid);
    const { tui } = await start(repo);
    await tui.waitFor(/▶ 1 running/);
    let f = await tui.act('dashboard', 'stop');
    expect(f).toContain('Stop busy? (y/n)');
    f = await tui.press('n');
    expect(f).not.toContain('Stop busy?');
    await tui.act('dashboard', 'stop');
    await tui.press('y');
    await tui.waitFor('stopped busy', 60_000);
    await tui.waitFor(/■ 1 stopped/);
    await sup.kill();
  });

  it('help says why a key cannot act now (the screen’s disabled reason), and the rebound key in it', async () => {
    const repo = makeRepo();
    mkdirSync(path.join(repo, '.wtagents'));
    writeFileSync(path.join(repo, '.wtagents/config.json'), JSON.stringify({ keys: { 'dashboard.new': '+' } }));
    const { tui } = await start(repo, { columns: 220 });
    await tui.waitFor('No tasks yet');
    let f = await tui.act('dashboard', 'help');
    expect(f).toMatch(/stop the selected task’s agent \(asks first\) — not now: no task selected: press \+ to make one/);
    expect(f).toMatch(/make a new task and start its agent$/m); // new can act
    await tui.press('esc');
    cliTask(repo, 'Idle');
    await tui.waitFor('ready idle');
    f = await tui.act('dashboard', 'help');
    expect(f).toMatch(/stop the selected task’s agent \(asks first\) — not now: idle is not running \(ready\)/);
    expect(f).not.toMatch(/run the selected task’s agent again — not now/);
  });

  it('rerun and shell say why they cannot act, in one line', async () => {
    const repo = makeRepo();
    cliTask(repo, 'Idle');
    const { tui } = await start(repo);
    await tui.waitFor('ready idle');
    await tui.act('dashboard', 'rerun');
    await tui.waitFor(/could not start idle: .+/);
    await tui.act('dashboard', 'shell');
    await tui.waitFor('o opens a tmux split: run wtagents inside tmux');
  });

  it('opens the full trace, pages it, and goes back', async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Long trace');
    await trace(t, Array.from({ length: 200 }, (_, i) => ({ type: 'agent.output' as const, text: `out line ${i + 1}` })));
    const { tui } = await start(repo, { columns: 90, rows: 20 });
    await tui.waitFor('out line 200');
    // The trace screen's first frame may come before its pager has read the file (a busy machine): wait for
    // what each key leads to, not for the next frame.
    await tui.act('dashboard', 'trace');
    await tui.waitFor(/lines 187–204 of 204 · following/);
    await tui.act('trace', 'top');
    let f = await tui.waitFor((x) => x.includes('task created from main') && !x.includes('following'));
    await tui.act('trace', 'pageDown');
    f = await tui.waitFor(/lines 19–36 of 204/);
    expect(f).not.toContain('following');
    await trace(t, [{ type: 'agent.message', text: 'appended while paging' }]);
    await tui.waitFor(/of 205/);
    await tui.act('trace', 'bottom');
    await tui.waitFor('appended while paging');
    await tui.act('trace', 'back');
    await tui.waitFor('j/k move');
  });

  it('fits 40 columns in one column, and follows a resize', async () => {
    const repo = makeRepo();
    cliTask(repo, 'A task with a rather long title that cannot fit in a narrow pane');
    const t = cliTask(repo, 'Second');
    await trace(t, [{ type: 'agent.message', text: 'x'.repeat(300) }]);
    const { tui } = await start(repo, { columns: 40, rows: 16 });
    const f = await tui.waitFor('xxxx');
    const lines = f.split('\n');
    expect(lines).toHaveLength(16);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(40);
    expect(f).toContain('A task with a rather');
    const g = await tui.resize(120, 24);
    expect(g.split('\n')).toHaveLength(24);
    expect(g).toContain('│'); // two columns again
  });
});
