// End to end in a real terminal: tmux runs the built CLI on a temp repo; keys are pressed by their
// key-table name and the screen is read back with capture-pane.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { bindingsFor, displayKeys, KEY_TABLE } from '../../src/core/keys.js';
import { keyOf } from '../helpers/ink.js';
import { runJson } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { cliTask, fakeSupervisor, markRunning, markState, trace } from '../helpers/tasks.js';
import { cliCommand, TmuxSession } from '../helpers/tmux.js';

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function open(repo: string, width: number, height: number, args: string[] = []): TmuxSession {
  const s = new TmuxSession({ cwd: repo, width, height, command: `echo BEFORE-TUI; ${cliCommand(args)}; echo "EXITED:$?"; sleep 600` });
  sessions.push(s);
  return s;
}

describe('wtagents in tmux', () => {
  it('enter on an attempt of a best-of-N group opens the compare view with every attempt; q goes back', async () => {
    const repo = makeRepo({ dirName: 'webapp' });
    runJson(['new', 'Speed up the build', '--attempts', '3', '--agent-command', 'true'], { cwd: repo });
    const s = open(repo, 120, 24);
    await s.waitFor('⑂3/3');
    s.press(keyOf('dashboard', 'open'));
    const screen = await s.waitFor('Compare ⑂ speed-up-the-build: Speed up the build · 3 attempts');
    for (const i of [1, 2, 3]) expect(screen).toMatch(new RegExp(` ${i} +speed-up-the-build-${i} +command +ready `));
    expect(screen).toContain('No attempt is done with passing checks and a diff yet.');
    expect(s.lines()).toHaveLength(24);
    expect(s.lines().at(-1)).toMatch(/^j\/k move {2}enter review/);
    s.press(keyOf('compare', 'back'));
    await s.waitFor('⑂1/3');
    expect(s.lines().at(-1)).toMatch(/^j\/k move {2}enter review {2}n new/);
  });

  it('shows tasks made by the CLI, new ones and appended trace lines live, and lists the keys on ?', async () => {
    const repo = makeRepo({ dirName: 'webapp' });
    cliTask(repo, 'Fix the login redirect loop');
    const s = open(repo, 110, 30);
    await s.waitFor('Fix the login redirect loop');
    await s.waitFor('base main');
    expect(s.lines()).toHaveLength(30);
    expect(s.lines()[0]).toMatch(/^wtagents · webapp · base main\s+◇ 1 ready/);
    expect(s.lines().at(-1)).toMatch(/^j\/k move {2}enter review {2}n new/);

    const t = cliTask(repo, 'Add a health endpoint');
    await s.waitFor('Add a health endpoint');
    // The newest is listed first; the selection stays where it was until moved.
    s.press(keyOf('dashboard', 'up'));
    await s.waitFor('ready add-a-health-endpoint');
    await trace(t, [{ type: 'agent.message', text: 'Reading \u001b]0;hijacked\u0007src/server.ts' }]);
    const screen = await s.waitFor('» Reading src/server.ts');
    expect(screen).not.toContain('hijacked');

    s.press(keyOf('dashboard', 'help'));
    const help = await s.waitFor('Keys: dashboard');
    for (const b of bindingsFor(KEY_TABLE, 'dashboard', { inTmux: true })) {
      expect(help).toContain(b.help);
      expect(help).toContain(displayKeys(b.keys));
    }
    s.press(keyOf('help', 'back'));
    await s.waitFor('j/k move');
  });

  it('keeps a 40-column pane readable: one column, every row within the width', async () => {
    const repo = makeRepo();
    cliTask(repo, 'A task whose title is much longer than forty columns can hold');
    const t = cliTask(repo, 'Short one');
    await trace(t, [{ type: 'agent.output', text: 'o'.repeat(200) }, { type: 'agent.command', cmd: 'npm test', exitCode: 1 }]);
    const s = open(repo, 40, 14);
    await s.waitFor('npm test → exit 1');
    const screen = await s.waitFor('⎇main');
    const lines = screen.replace(/\n$/, '').split('\n');
    expect(lines).toHaveLength(14);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(40);
    expect(lines[0]).toMatch(/^repo ⎇main ◇2/);
    expect(lines[1]).toMatch(/^ ◇ Short one\s+\d+s$/);
    expect(lines[2]).toMatch(/^ ◇ A task whose title is [a-z ]+…\s+\d+s$/);
    expect(screen).not.toContain('│'); // no second column
    expect(lines.at(-1)).toMatch(/^j\/k move/);
    // Two columns when the window grows, one again with --pane.
    s.tmux(['resize-window', '-x', '120', '-y', '20']);
    await s.waitFor((x) => x.includes('│') && x.split('\n')[0]!.startsWith('wtagents · repo'));
  });

  it('--pane forces one column on a wide terminal', async () => {
    const repo = makeRepo();
    cliTask(repo, 'Wide');
    const s = open(repo, 120, 20, ['--pane']);
    await s.waitFor('ready wide');
    const screen = await s.waitFor('⎇main');
    expect(screen).not.toContain('│');
    expect(screen.split('\n')[0]).toMatch(/^repo ⎇main ◇1$/);
  });

  it('tells tmux when a run finishes (display-message)', async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Notify me');
    const sup = await fakeSupervisor();
    await markRunning(t, sup.pid);
    const s = open(repo, 100, 20);
    s.attachClient();
    await s.waitFor(() => s.tmux(['list-clients']).trim() !== '');
    await s.waitFor('▶ 1 running');
    await markState(t, 'done');
    await sup.kill();
    await s.waitFor('✓ 1 done');
    await s.waitFor(() => s.tmux(['show-messages']).includes('message: wtagents: notify-me done'));
  });

  it('q restores the terminal and leaves running agents alone', async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Long job');
    const sup = await fakeSupervisor();
    await markRunning(t, sup.pid);
    const s = open(repo, 100, 20);
    await s.waitFor('▶ 1 running');
    s.press(keyOf('dashboard', 'quit'));
    const after = await s.waitFor('EXITED:0');
    expect(after).toContain('BEFORE-TUI');
    expect(after).not.toContain('wtagents ·');
    expect(sup.alive()).toBe(true);
    expect(JSON.parse(readFileSync(`${t.taskDir}/task.json`, 'utf8')).state).toBe('running');
    await sup.kill();
  });

  it('`wtagents pane` opens the dashboard in a side split; `o` opens a shell on the worktree', async () => {
    const repo = makeRepo();
    const t = cliTask(repo, 'Split me');
    const s = new TmuxSession({ cwd: repo, width: 160, height: 30, command: 'sh' });
    sessions.push(s);
    s.type(`${cliCommand(['pane', '--size', '60'])}`);
    s.press('enter');
    await s.waitFor('opened wtagents in a tmux pane (60)', { target: ':0.0' });
    const panes = () => s.tmux(['list-panes', '-F', '#{pane_index} #{pane_width} #{pane_current_path}']).trim().split('\n');
    expect(panes()).toHaveLength(2);
    await s.waitFor('ready split-me', { target: ':0.1' });
    await s.waitFor(/^repo ⎇main/, { target: ':0.1' }); // one column: it is a pane
    s.press(keyOf('dashboard', 'shell'), ':0.1');
    await s.waitFor('opened a shell on split-me', { target: ':0.1' });
    expect(panes()).toHaveLength(3);
    expect(panes().some((p) => p.endsWith(t.worktree))).toBe(true);
  });
});
