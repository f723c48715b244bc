// The review screen end to end in a real terminal: tmux runs the built CLI on a repo whose task branch holds
// a real commit; keys are pressed by key-table name and the screen is read back with capture-pane.
import { afterEach, describe, expect, it } from 'vitest';
import { keyOf } from '../helpers/ink.js';
import { taskWithWork } from '../helpers/task.js';
import { cliCommand, TmuxSession } from '../helpers/tmux.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { shellJoin } from '../../src/core/shell-quote.js';
import { tempDir } from '../helpers/repo.js';

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

  it('`wtagents review ID` paints the first file’s diff before the TUI has loaded; the TUI’s first frame replaces it whole', async () => {
    const { repo, task } = await taskWithWork({ 'big.txt': BIG });
    const dir = tempDir();
    const [go, recording] = [path.join(dir, 'go'), path.join(dir, 'terminal.out')];
    // The command waits for a go-file, so that every byte it writes is recorded (pipe-pane) from the first.
    const command = `while [ ! -e ${shellJoin([go])} ]; do sleep 0.05; done; ${cliCommand(['review', task.id])}; echo "EXITED:$?"; sleep 600`;
    const s = new TmuxSession({ cwd: repo, width: 110, height: 30, command });
    sessions.push(s);
    s.tmux(['pipe-pane', '-o', `cat > ${shellJoin([recording])}`]);
    writeFileSync(go, '');
    // A key pressed as soon as the first hunk is on the terminal (the TUI may not be there yet) is not lost.
    await waitForText(recording, '+big line 1');
    s.press(keyOf('review', 'pageDown'));
    await s.waitFor('lines 26–51 of 3006');
    s.press(keyOf('review', 'pageUp'));
    await s.waitFor('(e: the evidence)');
    await s.waitFor('lines 1–26 of 3006');
    const frameOverPaint = '\u001b[H\u001b[J';
    const out = await waitForText(recording, frameOverPaint);
    // The paint came first, with the first hunk; then the TUI, which left out its own enter of the alternate screen.
    expect(out.indexOf('+big line 1')).toBeGreaterThan(-1);
    expect(out.indexOf('+big line 1')).toBeLessThan(out.indexOf(frameOverPaint));
    expect(out.split('\u001b[?1049h')).toHaveLength(2);
    // Nothing of the paint is left under the TUI: its status and footer rows are the TUI's own.
    const lines = s.lines();
    expect(lines[0]).toMatch(/^review change-the-files · main\.\.\.wtagents\/change-the-files · 1 file \+3000 −0 · ready/);
    expect(lines[1]).toMatch(/│big\.txt \+3000 −0 · lines 1–26 of 3006$/);
    expect(lines.join('\n')).not.toContain('loading…');
    expect(lines.at(-2)).toContain('(e: the evidence)');
    s.press(keyOf('review', 'back'));
    await s.waitFor('enter review');
    s.press(keyOf('dashboard', 'quit'));
    const screen = await s.waitFor('EXITED:0');
    expect(screen).not.toContain('big line'); // back on the normal screen
  });
});

/** The file's text once it holds `text` (tmux's pipe-pane writes it as the pane's output arrives). */
async function waitForText(file: string, text: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const out = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (out.includes(text)) return out;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)} in ${file}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
