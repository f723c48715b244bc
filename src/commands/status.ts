// `wtagents status`: task counts per state; `--tmux` prints the compact form for tmux's status line.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { errorLine } from '../core/errors.js';
import { countByState, STATE_WORD, tmuxStatus } from '../core/task-summary.js';
import { print, printJson, resolveRepo, warn, withRepoOption } from './common.js';

export function registerStatus(program: Command): void {
  withRepoOption(program.command('status'))
    .description('how many tasks are in each state')
    .option('--tmux', "compact, for tmux's status line: ▶2 ✓1 ✗1 (prints nothing outside a repository)")
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { repo?: string; tmux?: boolean; json?: boolean }) => {
      if (opts.tmux) {
        // A status line runs everywhere: outside a repository it stays empty instead of showing an error.
        const [repo, { listTasks }] = await Promise.all([resolveRepo(opts).catch(() => null), load.storeTasks()]);
        if (repo === null) return;
        const text = tmuxStatus(listTasks(repo));
        if (text !== '') print(text);
        return;
      }
      const [repo, { listTasks }] = await Promise.all([resolveRepo(opts), load.storeTasks()]);
      const tasks = listTasks(repo, (dir, error) => warn(`skipped ${dir}: ${errorLine(error)}`));
      const counts = countByState(tasks);
      if (opts.json) return printJson({ total: tasks.length, counts: Object.fromEntries(counts) });
      if (counts.length === 0) return print('no tasks');
      print(counts.map(([s, n]) => `${n} ${STATE_WORD[s]}`).join(', '));
    });
}
