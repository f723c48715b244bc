// `wtagents stop <id>`: stop a running task (its agent's whole process group), or take a queued one out of the
// queue; harmless on any other task. A freed slot starts the next queued run.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { print, printJson, resolveRepo, withRepoOption } from './common.js';

export function registerStop(program: Command): void {
  withRepoOption(program.command('stop'))
    .description("stop a running task: SIGTERM to its agent's process group, SIGKILL after the grace period")
    .argument('<id>', 'the task id (or a unique prefix)')
    .option('--json', 'print the task record as JSON')
    .action(async (id: string, opts: { repo?: string; json?: boolean }) => {
      const [repo, { findTaskDir }, { stopTask }] = await Promise.all([resolveRepo(opts), load.storeTasks(), load.runnerRunner()]);
      const taskDir = findTaskDir(repo, id);
      const { record, wasRunning, forced, dequeued } = await stopTask(taskDir);
      if (wasRunning) {
        const { startQueuedRuns } = await load.runnerStart();
        await startQueuedRuns(repo); // its slot is free: the next queued run starts
      }
      if (opts.json) return printJson(record);
      if (dequeued) return print(`Task ${record.id} was queued: taken out of the queue (${record.state}), nothing ran.`);
      if (!wasRunning) return print(`Task ${record.id} is not running (${record.state}): nothing to stop.`);
      print(`Stopped task ${record.id} (${record.state})${forced ? ': the supervisor did not answer and was killed' : ''}.`);
    });
}
