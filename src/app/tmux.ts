// tmux from inside a tmux session: split a pane (a shell on a worktree, or wtagents itself) and show a message.
import { runProcess } from '../proc/run.js';
import { UserError } from '../core/errors.js';
import { shellJoin } from '../core/shell-quote.js';

export function inTmux(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.TMUX);
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const r = await runProcess('tmux', args, { env, timeoutMs: 10_000 });
  if (r.code !== 0) throw new UserError(`tmux ${args[0]} failed: ${(r.stderr || `exit code ${r.code}`).trim().split('\n')[0]}`);
  return r.stdout;
}

/** `-t <this pane>` when tmux told us which pane we are in. */
function target(env: NodeJS.ProcessEnv): string[] {
  return env.TMUX_PANE ? ['-t', env.TMUX_PANE] : [];
}

export interface SplitOptions {
  cwd: string;
  /** argv to run in the new pane (quoted into one shell command); the user's shell when absent. */
  command?: string[];
  /** Columns (or a percentage like "40%") of the new pane. */
  size?: string;
  /** Put the new pane left of the current one. */
  before?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Split the current tmux window side by side and run `command` (or a shell) in the new pane. */
export async function splitPane(opts: SplitOptions): Promise<void> {
  const env = opts.env ?? process.env;
  if (!inTmux(env)) throw new UserError('not inside tmux ($TMUX is not set): start tmux first');
  const args = ['split-window', '-h', ...target(env), '-c', opts.cwd];
  if (opts.size) args.push('-l', opts.size);
  if (opts.before) args.push('-b');
  if (opts.command) args.push(shellJoin(opts.command));
  await run(args, env);
}

/** Show a one-line message in tmux's status area (tmux formats are escaped: `#` shows as itself). */
export async function displayMessage(text: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!inTmux(env)) return;
  await run(['display-message', ...target(env), text.replaceAll('#', '##')], env);
}
