// The wtagents command line: argv → a subcommand; no subcommand opens the TUI (imported lazily).
// `src/bin.ts` is the executable that calls `main`; tests import `buildProgram` to walk the commands.
import { Command, CommanderError } from 'commander';
import { debugEnabled, errorReport } from './core/errors.js';
import { VERSION } from './version.js';
import { applyConventions, commanderExitCode, errorPrefix } from './commands/conventions.js';
import { registerNew } from './commands/new.js';
import { registerCompare } from './commands/compare.js';
import { registerList } from './commands/list.js';
import { registerExampleAgent } from './commands/example-agent.js';
import { registerAgents } from './commands/agents.js';
import { registerRun } from './commands/run.js';
import { registerStop } from './commands/stop.js';
import { registerLogs } from './commands/logs.js';
import { registerRemoteSupervise, registerSupervise } from './commands/supervise.js';
import { registerReview } from './commands/review.js';
import { registerDemo } from './commands/demo.js';
import { holdKeystrokes, openDashboard, registerTui } from './commands/tui.js';
import { registerStatus } from './commands/status.js';
import { registerPane } from './commands/pane.js';
import { registerDoctor } from './commands/doctor.js';
import { registerClean } from './commands/clean.js';
import { registerArchive } from './commands/archive.js';
import { registerTakeover } from './commands/takeover.js';
import { registerRepos } from './commands/repos.js';

/** The TUI's module, loaded lazily: only the dashboard and `demo` pay for React and Ink. */
const loadTui = () => import('../components/main.js');

/** `demo` opens the dashboard on its sandbox when there is a terminal to show it in. */
async function openTuiIfTerminal(repoRoot: string): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stdout.write('\n(No terminal here, so the dashboard was not opened: run the command above in one.)\n');
    return;
  }
  const release = holdKeystrokes();
  try {
    await (await loadTui()).runTui({ repoRoot, pane: false });
  } catch (error) {
    release();
    throw error;
  }
}

export function buildProgram(): Command {
  const program = new Command('wtagents')
    .description('Background coding agents in their own git worktrees, traced, behind a review gate.')
    .version(VERSION, '-V, --version');
  registerNew(program);
  registerList(program);
  registerExampleAgent(program);
  registerAgents(program);
  registerRun(program);
  registerStop(program);
  registerLogs(program);
  registerSupervise(program);
  registerRemoteSupervise(program);
  registerCompare(program);
  registerReview(program, { loadScreen: loadTui });
  registerStatus(program);
  registerPane(program);
  registerDoctor(program);
  registerClean(program);
  registerArchive(program);
  registerTakeover(program);
  registerRepos(program);
  registerDemo(program, { openTui: (repoRoot) => openTuiIfTerminal(repoRoot) });
  // No subcommand: the TUI, imported only now so subcommands never load React.
  registerTui(program, loadTui);
  return applyConventions(program); // exit codes, one-line errors, colour, `help [command]`: for every command
}

/** Run the CLI; resolves to the exit code (0 ok, 1 failure, 2 usage). Errors are one line; WTAGENTS_DEBUG=1 adds the stack. */
export async function main(argv: string[]): Promise<number> {
  try {
    if (isBareDashboard(argv)) {
      await openDashboard({}, loadTui);
      return Number(process.exitCode ?? 0);
    }
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error); // its one line is already printed
    const report = errorReport(error, { debug: debugEnabled(process.env), prefix: errorPrefix() });
    process.stderr.write(report.text);
    return report.exitCode;
  }
}

/**
 * `wtagents` with no argument at all: the dashboard, opened without building the command line (commander and
 * every subcommand's definition, ~40 ms of its first frame). Anything else, root options included, is parsed.
 */
export function isBareDashboard(argv: readonly string[]): boolean {
  return argv.length === 2;
}

/** Last resort for an error thrown outside `main` (a stray callback): the same one line, exit 1. */
export function reportFatal(error: unknown): never {
  const report = errorReport(error, { debug: debugEnabled(process.env), prefix: errorPrefix() });
  process.stderr.write(report.text);
  process.exit(report.exitCode);
}
