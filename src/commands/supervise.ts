// `wtagents __supervise <taskDir>` (hidden): the detached supervisor process that `run` launches.
import type { Command } from 'commander';

export function registerSupervise(program: Command): void {
  program
    .command('__supervise', { hidden: true })
    .argument('<taskDir>')
    .action(async (taskDir: string) => {
      const { supervise } = await import('../runner/supervisor.js');
      const code = await supervise(taskDir);
      process.exit(code); // everything is written synchronously; leave no stray handle running
    });
}
