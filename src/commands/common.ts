// Helpers shared by subcommands: the --repo option, repo resolution, printing text or JSON.
// Like every command file, it loads the engine (here git) only when a command runs, never at start-up.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { singleLine } from '../core/terminal-text.js';

export interface RepoOption {
  repo?: string;
}

export function withRepoOption(cmd: Command): Command {
  return cmd.option('--repo <dir>', 'the repository (default: the one containing the current directory)');
}

/** The main worktree of the repository the user means (from --repo or the cwd). */
export async function resolveRepo(opts: RepoOption): Promise<string> {
  const { findRepo } = await load.gitFindRepo();
  return findRepo(opts.repo ?? process.cwd());
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

/** Ask y/N on the terminal (the question on stderr); anything but y or yes cancels with a one-line error. */
export async function askYesNo(question: string): Promise<void> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new UserError('cancelled: nothing was done');
  } finally {
    rl.close();
  }
}
