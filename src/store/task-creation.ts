// A task being made: `new` writes <taskDir>/.creating (who is making it, its branch and worktree) before it
// touches git, and removes it once task.json is written. A failed `new` undoes its own work; a task directory
// still holding .creating whose maker is gone (killed) is debris that the next `new` and `doctor --fix` undo:
// the worktree removed, the branch deleted while it still points where it was made, the directory removed.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { deleteBranch } from '../git/checkouts.js';
import { resolveCommit as commitOf } from '../git/repo.js';
import { removeWorktree } from '../git/worktree.js';
import { writeJsonAtomic } from './atomic.js';
import { repoPaths, taskJsonPath } from './layout.js';
import { isPidAlive, processStartTime } from './process-info.js';
import { readLink } from './tasks.js';

export interface Creation {
  pid: number;
  /** The maker's start time (ms), to tell a reused pid apart. */
  start: number | null;
  root: string;
  id: string;
  taskDir: string;
  branch: string;
  worktree: string;
  baseSha: string;
  /** links/<id> for a task directory made elsewhere (--out). */
  link?: string;
}

export const creatingFile = (taskDir: string) => path.join(taskDir, '.creating');

export function markCreating(c: Omit<Creation, 'pid' | 'start'>): Creation {
  const full: Creation = { pid: process.pid, start: processStartTime(process.pid), ...c };
  writeJsonAtomic(creatingFile(c.taskDir), full);
  return full;
}

export function doneCreating(taskDir: string): void {
  rmSync(creatingFile(taskDir), { force: true });
}

export function readCreation(taskDir: string): Creation | null {
  try {
    const c = JSON.parse(readFileSync(creatingFile(taskDir), 'utf8')) as Creation;
    return typeof c.pid === 'number' && typeof c.taskDir === 'string' && typeof c.branch === 'string' ? c : null;
  } catch {
    return null;
  }
}

/** True while the process that is making the task still runs. */
export function makerAlive(c: Creation): boolean {
  if (!isPidAlive(c.pid)) return false;
  if (c.start === null) return true;
  const now = processStartTime(c.pid);
  return now === null || Math.abs(now - c.start) < 50;
}

/** Undo a creation: worktree, branch (only while it still points at the commit it was made at), link, directory. */
export async function undoCreation(c: Creation): Promise<string[]> {
  const done: string[] = [];
  const problems: string[] = [];
  if (existsSync(c.root)) {
    await removeWorktree(c.root, c.worktree).catch(() => {});
    if (!existsSync(c.worktree)) done.push(`worktree ${c.worktree}`);
    const tip = await commitOf(c.root, `refs/heads/${c.branch}`).catch(() => null);
    if (tip !== null && tip === c.baseSha) {
      const error = await deleteBranch(c.root, c.branch);
      if (error) problems.push(`branch ${c.branch}: ${error}`);
      else done.push(`branch ${c.branch}`);
    } else if (tip !== null) problems.push(`branch ${c.branch} has moved since it was made: kept`);
  }
  if (c.link) rmSync(c.link, { force: true });
  if (existsSync(c.worktree)) problems.push(`worktree ${c.worktree} could not be removed: kept`);
  else {
    rmSync(c.taskDir, { recursive: true, force: true });
    done.push(`task directory ${c.taskDir}`);
  }
  return [...done, ...problems.map((p) => `(${p})`)];
}

/** Task directories without a task.json: in tasks/, and links/ whose target has none. */
export function unfinishedTaskDirs(root: string): { dir: string; link?: string }[] {
  const rp = repoPaths(root);
  const out: { dir: string; link?: string }[] = [];
  for (const name of names(rp.tasks)) {
    const dir = path.join(rp.tasks, name);
    if (isDir(dir) && !existsSync(taskJsonPath(dir))) out.push({ dir });
  }
  for (const name of names(rp.links)) {
    const link = path.join(rp.links, name);
    const target = readLink(link);
    if (target && !existsSync(taskJsonPath(target))) out.push({ dir: target, link });
  }
  return out;
}

/** Finish what killed `new`s left behind (their makers are gone); returns what was removed. */
export async function cleanAbandonedCreations(root: string): Promise<string[]> {
  const removed: string[] = [];
  for (const { dir } of unfinishedTaskDirs(root)) {
    const c = readCreation(dir);
    if (c === null || makerAlive(c)) continue;
    removed.push(...(await undoCreation(c)));
  }
  return removed;
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.'));
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
