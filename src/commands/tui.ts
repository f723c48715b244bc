// `wtagents` with no subcommand: checks (a repository, a terminal), then launches the TUI given by src/cli.ts.
import type { Command } from 'commander';
import { UsageError, UserError } from '../core/errors.js';
import { findRepo } from '../app/paths.js';
import type { ReviewLaunch } from '../app/types.js';

export interface TuiLaunch {
  repoRoot: string;
  pane: boolean;
  /** Open on this task's review (`wtagents review ID` on a terminal). */
  review?: ReviewLaunch;
  /** Every remembered repository (`wtagents --all`). */
  all?: boolean;
}

export type { ReviewLaunch };

/** The repository the dashboard shows, or a one-line error that says what to do instead. */
export async function tuiRepo(dir: string | undefined): Promise<string> {
  try {
    return await findRepo(dir ?? process.cwd());
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${error.message}: run wtagents inside a repository or give --repo DIR (wtagents list --repo DIR works anywhere)`);
    throw error;
  }
}

/**
 * Put the terminal in raw mode now, before the TUI has loaded. Until Ink does it, the terminal is in cooked
 * mode: a key pressed in that moment is echoed (moving the cursor under the first frame, which then draws
 * one row off) and enter arrives as a newline Ink does not read as enter. Returns the undo for error paths;
 * once the TUI runs, Ink owns the mode and restores it on exit.
 */
export function holdKeystrokes(): () => void {
  const stdin = process.stdin;
  if (!stdin.isTTY || stdin.isRaw) return () => {};
  stdin.setRawMode(true);
  return () => {
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
  };
}

/** The TUI module as src/cli.ts loads it (lazily: subcommands never load React). */
export interface TuiModule {
  runTui(opts: TuiLaunch): Promise<void>;
}

export function registerTui(program: Command, load: () => Promise<TuiModule>): void {
  program
    // Root options only before a subcommand, so `wtagents list --repo X` keeps its own --repo.
    .enablePositionalOptions()
    // Words that are no subcommand reach the action, which calls them unknown (with commander's suggestion).
    .allowExcessArguments(true)
    .option('--repo <dir>', 'the repository (default: the one containing the current directory)')
    .option('--pane', 'one column, to fit a tmux side pane (see: wtagents pane)')
    .option('--all', 'every repository wtagents remembers in one dashboard, grouped (see: wtagents repos)')
    .action(async (opts: { repo?: string; pane?: boolean; all?: boolean }) => {
      if (program.args.length > 0) (program as unknown as { unknownCommand(): never }).unknownCommand();
      await openDashboard(opts, load);
    });
}

/**
 * The dashboard from the root command's options: the refusals (`--all` with `--repo`, no terminal), then the TUI
 * loaded while git finds the repository. `wtagents` alone comes here straight from src/cli.ts's main, without
 * building the command line (every subcommand's definition): its first frame is measured against a bare Ink app.
 */
export async function openDashboard(opts: { repo?: string; pane?: boolean; all?: boolean }, load: () => Promise<TuiModule>): Promise<void> {
  if (opts.all && opts.repo !== undefined) throw new UsageError('--all shows every remembered repository: drop --repo');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    if (!opts.all) await tuiRepo(opts.repo); // outside a repository, say that first
    throw new UserError(`the dashboard needs a terminal (stdin/stdout is not a TTY): use wtagents list${opts.all ? ' --all' : ''} instead`);
  }
  const release = holdKeystrokes();
  try {
    // Load the TUI while git finds the repository: the first frame waits for neither alone.
    const tui = load();
    tui.catch(() => {});
    const repoRoot = opts.all ? '' : await tuiRepo(opts.repo);
    await (await tui).runTui({ repoRoot, pane: Boolean(opts.pane), ...(opts.all ? { all: true } : {}) });
  } catch (error) {
    release();
    throw error;
  }
}
