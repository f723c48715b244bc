// `wtagents clean`: list finished tasks with the disk each holds, then free it — worktrees (their whole
// content saved and proven first), with --branches the task branches, with --task-dirs whole task
// directories. Off a terminal it only lists unless --yes; --dry-run always only lists.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { formatBytes, formatTable } from '../core/format.js';
import { askYesNo, print, printJson, resolveRepo, withRepoOption } from './common.js';

interface CleanFlags {
  repo?: string;
  olderThan: string;
  branches?: boolean;
  taskDirs?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** `7d`, `12h`, `30m`, `0` → milliseconds; anything else is a usage error. */
export function parseAge(text: string): number {
  const m = /^(\d+)([dhm]?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--older-than "${text}": give a number of days, hours or minutes (7d, 12h, 30m, 0)`);
  const unit = m[2] === 'h' ? 3_600_000 : m[2] === 'm' ? 60_000 : 86_400_000;
  return Number(m[1]) * unit;
}

export function registerClean(program: Command): void {
  withRepoOption(program.command('clean'))
    .description('free the disk of finished tasks (merged, abandoned, old failed/stopped), losing nothing')
    .option('--older-than <age>', 'failed, stopped, interrupted and conflict tasks count as finished after this long (7d, 12h, 0)', '7d')
    .option('--branches', "also delete the tasks' branches (their work merged, or saved as a patch first)")
    .option('--task-dirs', 'also delete whole task directories whose every saved patch is also in a branch')
    .option('--dry-run', 'only list what would be freed (the default without a terminal, unless --yes)')
    .option('--yes', 'do not ask (for scripts)')
    .option('--json', 'print the plan (and outcome) as JSON')
    .action(async (opts: CleanFlags) => {
      const olderThanMs = parseAge(opts.olderThan);
      const [repo, { planClean, runClean }] = await Promise.all([resolveRepo(opts), load.reviewClean()]);
      const cleanOpts = { olderThanMs, branches: opts.branches === true, taskDirs: opts.taskDirs === true };
      const plan = await planClean(repo, cleanOpts);
      const todo = plan.filter((i) => i.actions.length > 0);
      const total = todo.reduce((n, i) => n + i.bytes, 0);
      const dry = opts.dryRun === true || (!opts.yes && !(process.stdin.isTTY && process.stdout.isTTY));
      if (!opts.json) {
        if (plan.length === 0) return print('No finished tasks to clean.');
        const rows = plan.map((i) => [i.id, i.state, formatBytes(i.bytes), i.actions.join(', ') || '(nothing to remove)']);
        print(formatTable([['ID', 'STATE', 'DISK', 'WOULD REMOVE'], ...rows]));
      }
      if (dry || todo.length === 0) {
        if (opts.json) return printJson({ dryRun: true, plan });
        if (todo.length > 0) print(`\nDry run: nothing removed (${formatBytes(total)} could be freed). Run on a terminal, or add --yes, to clean.`);
        return;
      }
      if (!opts.yes) await askYesNo(`Remove the above (${formatBytes(total)}), each only after proving its work is merged, on a branch or in a saved patch?`);
      const outcomes = await runClean(repo, todo, cleanOpts);
      if (opts.json) return printJson({ dryRun: false, plan, outcomes });
      let freed = 0;
      for (const o of outcomes) {
        freed += o.freedBytes;
        for (const d of o.done) print(`${o.id}: ${d}`);
        for (const k of o.kept) print(`${o.id}: kept — ${k}`);
      }
      print(`Freed ${formatBytes(freed)}.`);
      if (outcomes.some((o) => o.kept.length > 0)) process.exitCode = 1;
    });
}

