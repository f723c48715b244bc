// Helpers shared by subcommands: the --repo option, repo resolution, printing text or JSON.
// Like every command file, it loads the engine (here git) only when a command runs, never at start-up.
import type { Command } from 'commander';
import { singleLine } from '../core/terminal-text.js';

export interface RepoOption {
  repo?: string;
}

export function withRepoOption(cmd: Command): Command {
  return cmd.option('--repo <dir>', 'the repository (default: the one containing the current directory)');
}

/** The main worktree of the repository the user means (from --repo or the cwd). */
export async function resolveRepo(opts: RepoOption): Promise<string> {
  const { findRepoRoot, mainWorktree } = await import('../git/repo.js');
  return mainWorktree(await findRepoRoot(opts.repo ?? process.cwd()));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** `warning: <text>` on stderr, on one line with control sequences removed (it may name files or quote git). */
export function warn(text: string): void {
  process.stderr.write(`warning: ${singleLine(text)}\n`);
}

/** Collect a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
