// `wtagents list`: every task of the repository with its state, branch, base and age.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatAge, formatTable } from '../core/format.js';
import { print, printJson, resolveRepo, warn, withRepoOption } from './common.js';
import { errorLine } from '../core/errors.js';
import { oneRow } from '../core/terminal-text.js';

export function registerList(program: Command): void {
  withRepoOption(program.command('list'))
    .description("list the repository's tasks")
    .option('--json', 'print the tasks as JSON')
    .action(async (opts: { repo?: string; json?: boolean }) => {
      const [repo, { listTasks }, { queuePositions }] = await Promise.all([resolveRepo(opts), import('../store/tasks.js'), import('../core/task-summary.js')]);
      let tasks = listTasks(repo, (dir, error) => warn(`skipped ${dir}: ${errorLine(error)}`));
      // A decision a kill left half-done is finished or rolled back first, so the states shown are true.
      const pending = tasks.filter((t) => hasPendingDecision(t.record.taskDir));
      if (pending.length > 0) {
        const { settlePendingDecision } = await import('../review/record.js');
        for (const t of pending) {
          const note = await settlePendingDecision(t.record.taskDir).catch((error: unknown) => `could not settle its pending decision: ${errorLine(error)}`);
          if (note) warn(`task ${t.record.id}: ${note}`);
        }
        tasks = listTasks(repo);
      }
      const queue = queuePositions(tasks);
      if (opts.json) {
        return printJson(tasks.map((t) => ({ ...t.record, state: t.state, recordedState: t.record.state, ...(queue.has(t.record.id) ? { queuePosition: queue.get(t.record.id) } : {}) })));
      }
      if (tasks.length === 0) return print('No tasks yet. Make one: wtagents new "what to do"');
      const now = Date.now();
      // Every cell comes from a task.json: shown like agent output (no control sequences, no bidi overrides).
      const where = (t: (typeof tasks)[number]) => (t.record.runner !== undefined && t.record.runner !== 'local' ? ` @${t.record.runner}${t.state === 'interrupted' && t.record.runnerLost ? ' (runner unreachable)' : ''}` : '');
      const rows = tasks.map((t) => [t.record.id, `${queue.has(t.record.id) ? `queued #${queue.get(t.record.id)}` : t.state}${where(t)}`, t.record.branch, t.record.base, formatAge(now - Date.parse(t.record.createdAt)), t.record.title].map(oneRow));
      print(formatTable([['ID', 'STATE', 'BRANCH', 'BASE', 'AGE', 'TITLE'], ...rows]));
    });
}

/** review/decision.json says `pending` (cheap: no schema, a substring). */
function hasPendingDecision(taskDir: string): boolean {
  try {
    return readFileSync(path.join(taskDir, 'review', 'decision.json'), 'utf8').includes('"pending": true');
  } catch {
    return false;
  }
}
