// `wtagents` with no subcommand: checks (a repository, a terminal), then launches the TUI given by src/cli.ts.
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { findRepoRoot, mainWorktree } from '../git/repo.js';

export interface TuiLaunch {
  repoRoot: string;
  pane: boolean;
}

/** The repository the dashboard shows, or a one-line error that says what to do instead. */
export async function tuiRepo(dir: string | undefined): Promise<string> {
  try {
    return await mainWorktree(await findRepoRoot(dir ?? process.cwd()));
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${error.message}: run wtagents inside a repository or give --repo DIR (wtagents list --repo DIR works anywhere)`);
    throw error;
  }
}

export function registerTui(program: Command, launch: (opts: TuiLaunch) => Promise<void>): void {
  program
    // Root options only before a subcommand, so `wtagents list --repo X` keeps its own --repo.
    .enablePositionalOptions()
    .option('--repo <dir>', 'the repository (default: the one containing the current directory)')
    .option('--pane', 'one column, to fit a tmux side pane (see: wtagents pane)')
    .action(async (opts: { repo?: string; pane?: boolean }) => {
      const repoRoot = await tuiRepo(opts.repo);
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UserError('the dashboard needs a terminal (stdin/stdout is not a TTY): use wtagents list instead');
      }
      await launch({ repoRoot, pane: Boolean(opts.pane) });
    });
}
