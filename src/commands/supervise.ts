// `wtagents __supervise <taskDir>` (hidden): the detached supervisor process that `run` launches;
// `wtagents __remote <taskDir>` (hidden): its twin for a task on an SSH runner.
import { load } from '../app/load.js';
import type { Command } from 'commander';

export function registerSupervise(program: Command): void {
  program
    .command('__supervise', { hidden: true })
    .argument('<taskDir>')
    .action(async (taskDir: string) => {
      const { supervise } = await load.runnerSupervisor();
      const code = await supervise(taskDir);
      process.exit(code); // everything is written synchronously; leave no stray handle running
    });
}

export function registerRemoteSupervise(program: Command): void {
  program
    .command('__remote', { hidden: true })
    .argument('<taskDir>')
    .action(async (taskDir: string) => {
      const { superviseRemote } = await load.runnerSshRemoteSupervisor();
      const code = await superviseRemote(taskDir);
      process.exit(code);
    });
}
