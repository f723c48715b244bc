// `wtagents demo`: a throwaway sandbox project with two tasks run by the built-in example agent, then the TUI.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { print } from './common.js';

export interface DemoDeps {
  /** Opens the TUI on a repository (given by src/cli.ts, the only place that may import it). */
  openTui?: (repo: string) => Promise<void>;
}

interface DemoCliOptions {
  dir?: string;
  open: boolean;
}

export function registerDemo(program: Command, deps: DemoDeps = {}): void {
  program
    .command('demo')
    .description('make a throwaway sandbox project, start two tasks with the built-in example agent, and open the TUI on it')
    .option('--dir <dir>', 'where to make the sandbox: a new or empty directory (default: a fresh temp directory)')
    .option('--no-open', 'prepare the sandbox and start the tasks, without opening the TUI')
    .action(async (opts: DemoCliOptions) => {
      const [{ prepareDemo }, { cliWords, describeDemo }, { cliEntry }] = await Promise.all([
        load.demoPrepare(),
        load.demoDescribe(),
        load.runnerCliEntry(),
      ]);
      const entry = cliEntry();
      const demo = await prepareDemo({ ...(opts.dir !== undefined ? { dir: opts.dir } : {}), cli: [process.execPath, entry] });
      print(describeDemo(demo, cliWords(entry)));
      if (!opts.open) return;
      if (deps.openTui) return deps.openTui(demo.repo);
      print('\n(The TUI is not available in this build yet: use the commands above to watch the tasks.)');
    });
}
