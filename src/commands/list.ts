// `wtagents list`: every task of the repository with its state, branch, base and age.
import { load } from '../app/load.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatAge, formatTable } from '../core/format.js';
import { print, printJson, resolveRepo, warn, withRepoOption } from './common.js';
import { errorLine, UsageError } from '../core/errors.js';
import { oneRow } from '../core/terminal-text.js';

export function registerList(program: Command): void {
  withRepoOption(program.command('list'))
    .description("list the repository's tasks")
    .option('--json', 'print the tasks as JSON')
    .option('--all', 'the tasks of every remembered repository (wtagents repos), grouped by repository')
    .action(async (opts: { repo?: string; json?: boolean; all?: boolean }) => {
      if (opts.all) return listAll(opts);
      const [repo, { listTasks }, { queuePositions }] = await Promise.all([resolveRepo(opts), load.storeTasks(), load.coreTaskSummary()]);
      let tasks = listTasks(repo, (dir, error) => warn(`skipped ${dir}: ${errorLine(error)}`));
      // A decision a kill left half-done is finished or rolled back first, so the states shown are true.
      const pending = tasks.filter((t) => hasPendingDecision(t.record.taskDir));
      if (pending.length > 0) {
        const { settlePendingDecision } = await load.reviewRecord();
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

/** `list --all`: each remembered repository, its tasks or why there are none (missing, not a repository). */
async function listAll(opts: { repo?: string; json?: boolean }): Promise<void> {
  if (opts.repo !== undefined) throw new UsageError('--all lists every remembered repository: drop --repo');
  const [{ registeredRepos, registryFile }, { listTasks }] = await Promise.all([load.storeRegistry(), load.storeTasks()]);
  const groups = registeredRepos().map((r) => ({ ...r, tasks: r.status === 'ok' ? listTasks(r.path, (dir, error) => warn(`skipped ${dir}: ${errorLine(error)}`)) : [] }));
  if (opts.json) {
    return printJson(groups.map((g) => ({ repo: g.path, name: g.label, status: g.status, tasks: g.tasks.map((t) => ({ ...t.record, state: t.state, recordedState: t.record.state })) })));
  }
  if (groups.length === 0) return print(`No repositories remembered yet (${registryFile()}): making a task adds its repository, or run wtagents repos add DIR`);
  const now = Date.now();
  const out: string[] = [];
  for (const g of groups) {
    out.push(`${oneRow(g.label)}  ${oneRow(g.path)}${g.status === 'ok' ? '' : `  (${g.status}: wtagents repos rm ${oneRow(g.label)} forgets it)`}`);
    if (g.status !== 'ok') continue;
    if (g.tasks.length === 0) out.push('  no tasks');
    else out.push(...formatTable([['ID', 'STATE', 'BRANCH', 'AGE', 'TITLE'], ...g.tasks.map((t) => [t.record.id, t.state, t.record.branch, formatAge(now - Date.parse(t.record.createdAt)), t.record.title].map(oneRow))]).split('\n').map((l) => `  ${l}`));
  }
  print(out.join('\n'));
}

/** review/decision.json says `pending` (cheap: no schema, a substring). */
function hasPendingDecision(taskDir: string): boolean {
  try {
    return readFileSync(path.join(taskDir, 'review', 'decision.json'), 'utf8').includes('"pending": true');
  } catch {
    return false;
  }
}
