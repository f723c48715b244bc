// `wtagents list`: every task of the repository with its state, branch, base and age.
import type { Command } from 'commander';
import { formatAge, formatTable } from '../core/format.js';
import { print, printJson, resolveRepo, warn, withRepoOption } from './common.js';
import { errorLine } from '../core/errors.js';

export function registerList(program: Command): void {
  withRepoOption(program.command('list'))
    .description("list the repository's tasks")
    .option('--json', 'print the tasks as JSON')
    .action(async (opts: { repo?: string; json?: boolean }) => {
      const [repo, { listTasks }, { queuePositions }] = await Promise.all([resolveRepo(opts), import('../store/tasks.js'), import('../core/task-summary.js')]);
      const tasks = listTasks(repo, (dir, error) => warn(`skipped ${dir}: ${errorLine(error)}`));
      const queue = queuePositions(tasks);
      if (opts.json) {
        return printJson(tasks.map((t) => ({ ...t.record, state: t.state, recordedState: t.record.state, ...(queue.has(t.record.id) ? { queuePosition: queue.get(t.record.id) } : {}) })));
      }
      if (tasks.length === 0) return print('No tasks yet. Make one: wtagents new "what to do"');
      const now = Date.now();
      const where = (t: (typeof tasks)[number]) => (t.record.runner !== undefined && t.record.runner !== 'local' ? ` @${t.record.runner}` : '');
      const rows = tasks.map((t) => [t.record.id, `${queue.has(t.record.id) ? `queued #${queue.get(t.record.id)}` : t.state}${where(t)}`, t.record.branch, t.record.base, formatAge(now - Date.parse(t.record.createdAt)), t.record.title]);
      print(formatTable([['ID', 'STATE', 'BRANCH', 'BASE', 'AGE', 'TITLE'], ...rows]));
    });
}
