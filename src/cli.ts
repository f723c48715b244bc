// The wtagents command line: argv → a subcommand; no subcommand opens the TUI (imported lazily).
import { Command, CommanderError } from 'commander';
import { errorLine, UserError } from './core/errors.js';
import { VERSION } from './version.js';
import { registerNew } from './commands/new.js';
import { registerList } from './commands/list.js';
import { registerTui } from './commands/tui.js';
import { registerStatus } from './commands/status.js';
import { registerPane } from './commands/pane.js';

export function buildProgram(): Command {
  const program = new Command('wtagents')
    .description('Background coding agents in their own git worktrees, traced, behind a review gate.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`${oneLine(text)}\n`) });
  registerNew(program);
  registerList(program);
  registerStatus(program);
  registerPane(program);
  // No subcommand: the TUI, imported only now so subcommands never load React.
  registerTui(program, () => import('../components/main.js'));
  program.commands.forEach((c) => c.exitOverride().configureOutput({ outputError: (text, write) => write(`${oneLine(text)}\n`) }));
  return program;
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      return 2; // commander already printed its one-line message
    }
    process.stderr.write(`wtagents: ${errorLine(error)}\n`);
    if (process.env.WTAGENTS_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return error instanceof UserError ? error.exitCode : 1;
  }
}

const code = await main(process.argv);
process.exitCode = code;
