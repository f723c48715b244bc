// The conventions every subcommand shares: a usage error is one line on stderr and exit 2 (thrown to main,
// never process.exit), help goes to stdout with exit 0, colour only where allowed, `help [command]`.
import type { Command, CommanderError } from 'commander';
import { streamColorEnabled, styles } from '../core/color.js';
import { UsageError } from '../core/errors.js';
import { singleLine } from '../core/terminal-text.js';

/**
 * Apply the conventions to `cmd` and every command below it. `buildProgram` calls it once on the whole tree
 * after registering; a command tree built elsewhere (`new Command()`, then `addCommand`) can call it itself.
 */
export function applyConventions(cmd: Command): Command {
  if (cmd.commands.length > 0 && !cmd.commands.some((c) => c.name() === 'help')) addHelpCommand(cmd);
  cmd
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      getOutHasColors: () => streamColorEnabled(process.stdout),
      getErrHasColors: () => streamColorEnabled(process.stderr),
      outputError: (text, write) => write(`${errorPrefix()} ${usageLine(text)} (see: ${commandPath(cmd)} --help)\n`),
    })
    .configureHelp({ ...cmd.configureHelp(), styleTitle: (title) => styles(true).bold(title) });
  for (const sub of cmd.commands) applyConventions(sub);
  return cmd;
}

/** The exit code for an error commander threw: 0 after help or --version, 2 for usage errors. */
export function commanderExitCode(error: CommanderError): number {
  if (error.exitCode === 0) return 0;
  // `cmd.error(message, { exitCode })` from a command's own code keeps its code; commander's parse errors are usage.
  if (error.code === 'commander.error' || !error.code.startsWith('commander.')) return error.exitCode;
  return 2;
}

/** `wtagents:` as errors start, red where stderr may be coloured. */
export function errorPrefix(): string {
  return styles(streamColorEnabled(process.stderr)).red('wtagents:');
}

/** "wtagents list": the words that run `cmd`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function usageLine(text: string): string {
  return singleLine(text).replace(/^error: /, '');
}

/** Replaces commander's built-in help command, which prints the whole help to stderr for an unknown name. */
function addHelpCommand(parent: Command): void {
  parent.helpCommand(false);
  parent
    .command('help')
    .argument('[command...]', 'the command to show help for')
    .description('display help for command')
    .action((names: string[]) => {
      let target = parent;
      for (const name of names) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) throw new UsageError(`unknown command '${name}' (see: ${commandPath(target)} --help)`);
        target = next;
      }
      target.outputHelp();
    });
}
