// A real terminal for end-to-end tests: a private tmux server (its own socket), keys sent by key-table
// name, the screen read with capture-pane, and polling with generous deadlines.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { shellJoin } from '../../src/core/shell-quote.js';
import { CLI } from './cli.js';
import { hermeticGitEnv } from './repo.js';

const TMUX_KEYS: Record<string, string> = {
  enter: 'Enter',
  esc: 'Escape',
  tab: 'Tab',
  'shift+tab': 'BTab',
  space: 'Space',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  pgup: 'PPage',
  pgdn: 'NPage',
  home: 'Home',
  end: 'End',
  backspace: 'BSpace',
};

export interface SessionOptions {
  cwd: string;
  width: number;
  height: number;
  /** A shell command line to run in the first pane. */
  command: string;
  env?: NodeJS.ProcessEnv;
}

export class TmuxSession {
  readonly socket = `wt-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  readonly env: NodeJS.ProcessEnv;

  constructor(opts: SessionOptions) {
    this.env = { ...process.env, ...hermeticGitEnv, ...opts.env };
    delete this.env.TMUX;
    delete this.env.TMUX_PANE;
    // A person's terminal, not CI: with CI set, chalk (inside Ink) turns colour off even on a TTY.
    if (!opts.env || !('CI' in opts.env)) delete this.env.CI;
    this.tmux(['-f', '/dev/null', 'new-session', '-d', '-x', String(opts.width), '-y', String(opts.height), '-c', opts.cwd, opts.command]);
    // Keep the pane (and what it printed) after its command exits.
    this.tmux(['set-option', '-g', 'remain-on-exit', 'on']);
  }

  tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Press a key by its key-table name (`j`, `enter`, `esc`, `ctrl+e`, `?`). */
  press(name: string, target?: string): void {
    const t = target ? ['-t', target] : [];
    const ctrl = /^ctrl\+([a-z])$/.exec(name);
    if (TMUX_KEYS[name]) this.tmux(['send-keys', ...t, TMUX_KEYS[name]!]);
    else if (ctrl) this.tmux(['send-keys', ...t, `C-${ctrl[1]}`]);
    else this.tmux(['send-keys', ...t, '-l', name]);
  }

  type(text: string, target?: string): void {
    this.tmux(['send-keys', ...(target ? ['-t', target] : []), '-l', text]);
  }

  screen(target?: string): string {
    return this.tmux(['capture-pane', '-p', ...(target ? ['-t', target] : [])]);
  }

  lines(target?: string): string[] {
    return this.screen(target).replace(/\n$/, '').split('\n');
  }

  async waitFor(test: string | RegExp | ((screen: string) => boolean), { timeoutMs = 30_000, target }: { timeoutMs?: number; target?: string } = {}): Promise<string> {
    const ok = typeof test === 'function' ? test : (s: string) => (typeof test === 'string' ? s.includes(test) : test.test(s));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen(target);
      if (ok(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(test)}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Attach a real client (through `script`, which gives it a terminal), as a user looking at it would. */
  attachClient(): void {
    const child = spawn('script', ['-qfc', `tmux -L ${this.socket} attach`, '/dev/null'], { env: this.env, stdio: 'ignore', detached: true });
    child.unref();
    this.#client = child;
  }

  #client: ChildProcess | null = null;

  kill(): void {
    if (this.#client?.pid) {
      try {
        process.kill(-this.#client.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
  }
}

/** The shell command that runs the built CLI with these arguments (the Node running the tests). */
export function cliCommand(args: string[] = []): string {
  return shellJoin([process.execPath, CLI, ...args]);
}
