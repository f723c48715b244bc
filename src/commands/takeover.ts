// `wtagents takeover <id>`: the task's agent CLI, interactive, resumed on the task's session in
// its worktree, with this terminal; when it exits, what changed is traced and the task is ready for review.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { shellJoin } from '../core/shell-quote.js';
import { print, printJson, resolveRepo, withRepoOption } from './common.js';

export function registerTakeover(program: Command): void {
  withRepoOption(program.command('takeover'))
    .description("work in the task's agent CLI yourself: resumed on its session, in its worktree; the task is ready for review after")
    .argument('<id>', 'the task id (or a unique prefix)')
    .option('--print', 'print the command line that would run (and where), run nothing')
    .option('--json', 'print what the takeover changed as JSON')
    .action(async (id: string, opts: { repo?: string; print?: boolean; json?: boolean }) => {
      const [repo, { findTaskDir }, takeover] = await Promise.all([resolveRepo(opts), load.storeTasks(), load.runnerTakeover()]);
      const taskDir = findTaskDir(repo, id);
      if (opts.print) {
        const plan = await takeover.planTakeover(taskDir);
        if (opts.json) return printJson({ argv: plan.argv, cwd: plan.cwd, agent: plan.agent, sessionId: plan.sessionId ?? null });
        return print(`cd ${shellJoin([plan.cwd])} && ${shellJoin(plan.argv)}`);
      }
      const r = await takeover.runTakeover(taskDir);
      if (opts.json) return printJson({ task: r.record.id, state: r.record.state, exitCode: r.exitCode, commits: r.commits, leftovers: r.leftovers });
      print(`${r.summary}; task ${r.record.id} is ${r.record.state}: review it with wtagents review ${r.record.id}`);
      for (const c of r.commits) print(`  ${c.sha.slice(0, 12)} ${c.subject}`);
      if (r.leftovers.length > 0) print(`  uncommitted: ${r.leftovers.slice(0, 5).join(', ')}${r.leftovers.length > 5 ? ', …' : ''}`);
    });
}
