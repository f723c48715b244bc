// `wtagents --all`: one TuiServices over every remembered repository (src/store/registry.ts). Tasks of all of
// them, grouped by repository in the registry's order, each id shown as `<repo>/<id>` (ids are unique only
// within a repository); every action on a task goes to the engine by its task directory, so it acts on that
// task's own repository. What has no task to go by (a new task, its base branches, clean-up) acts on the
// repository of the selected task (`focus`). A repository that moved or vanished is a group marked missing.
import { UserError } from '../core/errors.js';
import type { TaskEntry } from '../store/tasks.js';
import { registeredRepos, type RegisteredRepo } from '../store/registry.js';
import { createServices, type ServiceOptions, type TuiServices } from './services.js';

export interface RepoGroup {
  /** The repository's path (tasks' record.repo). */
  path: string;
  label: string;
  status: RegisteredRepo['status'];
}

export type AllServiceOptions = Omit<ServiceOptions, 'repoRoot' | 'config' | 'openingReview'>;

export function createAllServices(opts: AllServiceOptions = {}): TuiServices {
  const env = opts.env ?? process.env;
  const repos = registeredRepos(env);
  const groups: RepoGroup[] = repos.map((r) => ({ path: r.path, label: r.label, status: r.status }));
  const live = repos.filter((r) => r.status === 'ok');
  if (live.length === 0) {
    throw new UserError(repos.length === 0 ? 'no repositories remembered yet: make a task in one (or run wtagents repos add DIR), then wtagents --all' : 'none of the remembered repositories is there any more (wtagents repos lists them)');
  }
  const each = new Map(live.map((r) => [r.path, createServices({ ...opts, repoRoot: r.path })] as const));
  const label = new Map(repos.map((r) => [r.path, r.label] as const));
  const first = each.get(live[0]!.path)!;
  let focused = first;
  const tasks = (root: string, s: TuiServices): TaskEntry[] =>
    s.listTasks().map((t) => ({ ...t, record: { ...t.record, id: `${label.get(root) ?? root}/${t.record.id}` } }));
  return {
    ...first,
    repoName: `all repositories (${live.length}${live.length < repos.length ? ` of ${repos.length}` : ''})`,
    listTasks: () => [...each].flatMap(([root, s]) => tasks(root, s)),
    watchTasks(onChange) {
      const stops = [...each.values()].map((s) => s.watchTasks(onChange));
      return () => stops.forEach((stop) => stop());
    },
    repoGroups: () => groups,
    focus(repo) {
      focused = each.get(repo) ?? focused;
    },
    get repoRoot() {
      return focused.repoRoot;
    },
    baseChoices: () => focused.baseChoices(),
    currentBranch: () => focused.currentBranch(),
    agents: () => focused.agents(),
    createTask: (input) => focused.createTask(input),
    planClean: (o) => focused.planClean(o),
    runClean: (items, o) => focused.runClean(items, o),
    async close() {
      await Promise.all([...each.values()].map((s) => s.close()));
    },
  };
}
