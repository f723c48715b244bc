// `wtagents repos`: the repositories remembered for `wtagents --all` and `list --all` (a task made in one adds
// it); `repos add [DIR]` remembers one by hand, `repos rm PATH|NAME` forgets one (its tasks stay where they are).
import { load } from '../app/load.js';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { formatTable } from '../core/format.js';
import { oneRow } from '../core/terminal-text.js';
import { print, printJson, resolveRepo } from './common.js';

export function registerRepos(program: Command): void {
  const repos = program
    .command('repos')
    .description('the repositories wtagents remembers for --all (list, add, rm)')
    .option('--json', 'print them as JSON')
    .action(async (opts: { json?: boolean }) => {
      const [{ registeredRepos, registryFile }, { listTasks }] = await Promise.all([load.storeRegistry(), load.storeTasks()]);
      const list = registeredRepos().map((r) => ({ ...r, tasks: r.status === 'ok' ? listTasks(r.path).length : null }));
      if (opts.json) return printJson(list);
      if (list.length === 0) return print(`No repositories remembered yet (${registryFile()}): making a task adds its repository, or run wtagents repos add DIR`);
      print(formatTable([['NAME', 'STATUS', 'TASKS', 'PATH'], ...list.map((r) => [r.label, r.status, r.tasks === null ? '-' : String(r.tasks), r.path].map(oneRow))]));
    });
  repos
    .command('add')
    .description('remember a repository (default: the one containing the current directory)')
    .argument('[dir]', 'a directory in the repository')
    .action(async (dir: string | undefined) => {
      const root = await resolveRepo(dir !== undefined ? { repo: dir } : {});
      await (await load.storeRegistry()).registerRepo(root);
      print(`Remembered ${root}`);
    });
  repos
    .command('rm')
    .description('forget a repository (by path or name); nothing in it is touched')
    .argument('<repo>', 'its path, or its NAME as wtagents repos shows it')
    .action(async (which: string) => {
      const { registeredRepos, unregisterRepo } = await load.storeRegistry();
      const known = registeredRepos();
      const byPath = known.find((r) => r.path === path.resolve(which));
      const byName = known.filter((r) => r.label === which);
      if (!byPath && byName.length > 1) throw new UserError(`${which} names ${byName.length} repositories: give the path (wtagents repos lists them)`);
      const target = byPath ?? byName[0];
      if (!target) throw new UserError(`${which} is not a remembered repository (wtagents repos lists them)`);
      await unregisterRepo(target.path);
      print(`Forgot ${target.path}${target.status === 'ok' ? ' (its tasks are still there)' : ` (${target.status})`}`);
    });
}
