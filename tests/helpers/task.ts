// Tasks with work on their branch, for review tests: a real repo, a real task (engine createTask), commits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTask, type NewTaskOptions } from '../../src/store/create-task.js';
import type { TaskRecord } from '../../src/core/task.js';
import { commitAll, git, makeRepo, writeFiles, type RepoOptions } from './repo.js';

export interface TaskWithWork {
  repo: string;
  task: TaskRecord;
  /** The task branch tip after the committed work. */
  tip: string;
}

/** A repo (with `repo.files` committed on main), a task, and `work` committed on the task branch. */
export async function taskWithWork(
  work: Record<string, string>,
  opts: { repo?: RepoOptions; task?: Partial<NewTaskOptions>; text?: string; remove?: string[] } = {},
): Promise<TaskWithWork> {
  const repo = makeRepo(opts.repo);
  const { record } = await createTask({ repo, cwd: repo, text: opts.text ?? 'Change the files', ...opts.task });
  writeFiles(record.worktree, work);
  for (const f of opts.remove ?? []) git(record.worktree, ['rm', '-q', '--', f]);
  const nothing = Object.keys(work).length === 0 && (opts.remove ?? []).length === 0;
  const tip = nothing ? record.baseSha : commitAll(record.worktree, 'agent work');
  return { repo, task: record, tip };
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function traceOf(taskDir: string): Array<{ type: string; [k: string]: unknown }> {
  return readFileSync(path.join(taskDir, 'trace.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string });
}

export function taskJson(taskDir: string): TaskRecord {
  return readJson<TaskRecord>(path.join(taskDir, 'task.json'));
}

/** HEAD, branch refs, status and worktree list: what a refused decision must leave as it was. */
export function gitState(repo: string): { refs: string; status: string; worktrees: string; head: string } {
  return {
    refs: git(repo, ['for-each-ref', '--format=%(refname) %(objectname)']),
    status: git(repo, ['status', '--porcelain', '--untracked-files=all']),
    worktrees: git(repo, ['worktree', 'list', '--porcelain']),
    head: git(repo, ['rev-parse', 'HEAD']).trim(),
  };
}
