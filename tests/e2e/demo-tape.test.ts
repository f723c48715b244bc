// demo.tape, replayed: its keystrokes go to a real terminal (tmux) running the real CLI, and every Wait line
// must come true on screen, so the recorded demo cannot drift from what wtagents does.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { git } from '../helpers/repo.js';
import { parseTape } from '../helpers/tape.js';
import { TmuxSession } from '../helpers/tmux.js';
import { listTasks } from '../../src/store/tasks.js';

/** The example agent runs at this fraction of its recorded pace, and the tape's pauses shrink alike. */
const SPEED = 0.15;

let session: TmuxSession | null = null;
let sandbox = '';
afterAll(() => {
  session?.kill();
  if (sandbox.includes('wtagents-demo-')) rmSync(sandbox, { recursive: true, force: true });
});

describe('demo.tape', () => {
  it('replays in tmux: the demo, review, evidence, merge, request changes, round 2, quit', async () => {
    const steps = parseTape(readFileSync(path.join(ROOT, 'demo.tape'), 'utf8'));
    const env: NodeJS.ProcessEnv = { WTAGENTS_DEMO_SPEED: String(SPEED), TERM: 'xterm-256color' };
    for (const s of steps) if (s.kind === 'env') env[s.name] = s.value;
    session = new TmuxSession({ cwd: ROOT, width: 130, height: 36, command: "PS1='tape$ ' bash --norc --noprofile -i", env });
    const s = session;
    await s.waitFor('tape$');

    for (const step of steps) {
      if (step.kind === 'type') s.type(step.text);
      else if (step.kind === 'key') for (let i = 0; i < step.count; i++) s.press(step.key);
      else if (step.kind === 'sleep') await new Promise((r) => setTimeout(r, Math.min(step.ms * SPEED, 400)));
      else if (step.kind === 'wait') {
        try {
          await s.waitFor(step.pattern, { timeoutMs: Math.max(step.timeoutMs, 30_000) });
        } catch (error) {
          throw new Error(`demo.tape line ${step.line}: ${(error as Error).message}`);
        }
      }
      if (step.kind === 'type' || step.kind === 'key') await new Promise((r) => setTimeout(r, 60));
    }

    // q gave the terminal back: the demo's own printout is there again, with the sandbox it made.
    const screen = await s.waitFor(/Demo sandbox: \S+/);
    sandbox = /Demo sandbox: (\S+)/.exec(screen)![1]!;
    expect(existsSync(sandbox)).toBe(true);
    const tasks = listTasks(sandbox);
    const byTitle = (t: string) => tasks.find((x) => x.record.title.includes(t))!;
    expect(byTitle('multiply').state).toBe('merged');
    expect(byTitle('divide').state).toBe('done');
    expect(byTitle('divide').record.round).toBe(2);
    expect(git(sandbox, ['log', '--format=%s', 'main']).split('\n')).toContain('Merge wtagents/add-a-multiply-function-with-a-test: Add a multiply function with a test');
  }, 180_000);
});
