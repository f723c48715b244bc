// `wtagents archive ID`: free a task's worktree, keeping its record, trace and branch; the worktree's whole
// content is saved as review/archived.patch (proven before removal). `--restore` brings the worktree back.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { print, printJson, resolveRepo, withRepoOption } from './common.js';

export function registerArchive(program: Command): void {
  withRepoOption(program.command('archive'))
    .description("free a task's worktree (its work saved as a patch, proven first); keeps the record, trace and branch")
    .argument('<id>', 'the task id (or a unique prefix)')
    .option('--restore', 'put the worktree back: the branch checked out, the saved uncommitted work and ignored files on top')
    .option('--json', 'print the outcome as JSON')
    .action(async (id: string, opts: { repo?: string; restore?: boolean; json?: boolean }) => {
      const [repo, { findTaskDir }, { archiveTask, restoreTask }] = await Promise.all([resolveRepo(opts), load.storeTasks(), load.reviewArchive()]);
      const taskDir = findTaskDir(repo, id);
      if (opts.restore) {
        const task = await restoreTask(taskDir);
        if (opts.json) return printJson(task);
        return print(`Restored the worktree of ${task.id}: ${task.worktree}`);
      }
      const r = await archiveTask(taskDir);
      if (opts.json) return printJson(r);
      if (!r.archived) return print(`Task ${r.task.id} has no worktree: nothing to archive.`);
      print(`Archived ${r.task.id}: worktree removed; work in ${r.proof.where.join(', ')}; branch ${r.task.branch} kept.`);
      print(`  bring it back with: wtagents archive ${r.task.id} --restore`);
    });
}
