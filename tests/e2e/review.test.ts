// The review screen end to end in a real terminal: tmux runs the built CLI on a repo whose task branch holds
// a real commit; keys are pressed by key-table name and the screen is read back with capture-pane.
import { afterEach, describe, expect, it } from 'vitest';
import { keyOf } from '../helpers/ink.js';
import { taskWithWork } from '../helpers/task.js';
import { cliCommand, TmuxSession } from '../helpers/tmux.js';

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function open(repo: string, args: string[], env: NodeJS.ProcessEnv = {}): TmuxSession {
  const s = new TmuxSession({ cwd: repo, width: 110, height: 30, command: `${cliCommand(args)}; echo "EXITED:$?"; sleep 600`, env });
  sessions.push(s);
  return s;
}

const BIG = Array.from({ length: 3000 }, (_, i) => `big line ${i + 1}`).join('\n') + '\n';

describe('the review screen in tmux', () => {
  it('`wtagents review ID` (the screens\' own build) reports an unknown task in one line, exit 1', async () => {
    const { repo } = await taskWithWork({ 'a.txt': 'a\n' });
    const s = open(repo, ['review', 'no-such-task']);
    const screen = await s.waitFor('EXITED:1');
    expect(screen).toMatch(/wtagents: no task "no-such-task" in .*\(see: wtagents list\)/);
    expect(screen).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('enter opens the review, the diff pages (coloured), e shows the evidence, q goes back; `wtagents review ID` opens it directly', async () => {
    const { repo, task } = await taskWithWork({ 'big.txt': BIG });
    const s = open(repo, []);
    await s.waitFor('Change the files');
    s.press(keyOf('dashboard', 'open'));
    let screen = await s.waitFor('lines 1–26 of 3006');
    await s.waitFor('1 file +3000 −0'); // the line counts follow the first diff
    expect(s.lines()[0]).toMatch(/^review change-the-files · main\.\.\.wtagents\/change-the-files · 1 file \+3000 −0 · ready/);
    expect(s.lines()).toHaveLength(30);
    // Added lines are green (SGR 32) on a terminal that takes colour.
    expect(s.tmux(['capture-pane', '-p', '-e'])).toMatch(/\u001b\[32m[^\n]*\+big line 1\b/);
    s.press(keyOf('review', 'pageDown'));
    await s.waitFor('lines 26–51 of 3006');
    s.press(keyOf('review', 'focus'));
    s.press(keyOf('review', 'bottom'));
    screen = await s.waitFor('lines 2981–3006 of 3006');
    expect(screen).toContain('+big line 3000');
    s.press(keyOf('review', 'evidence'));
    screen = await s.waitFor('Usage:');
    expect(screen).toContain('Leftovers: none (everything is committed)');
    s.press(keyOf('review', 'back'));
    await s.waitFor('enter review');
    s.press(keyOf('dashboard', 'quit'));
    await s.waitFor('EXITED:0');

    const d = open(repo, ['review', task.id.slice(0, 6)], { NO_COLOR: '1' });
    await d.waitFor('lines 1–26 of 3006');
    expect(d.lines()[0]).toMatch(/^review change-the-files/);
    expect(d.tmux(['capture-pane', '-p', '-e'])).not.toMatch(/\u001b\[3[12]m/); // NO_COLOR: no red, no green
    d.press(keyOf('review', 'back'));
    await d.waitFor('enter review'); // the dashboard of the same TUI
    d.press(keyOf('dashboard', 'quit'));
    await d.waitFor('EXITED:0');
  });
});
