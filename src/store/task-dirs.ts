// Finding task directories (by listing, by id or unique prefix) from the files alone: no task is validated,
// so this loads nothing but fs (the review's --stat and --patch start git before the task store is loaded).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { repoPaths, taskJsonPath } from './layout.js';

/** Every task directory of the repository: .wtagents/tasks/* and the --out ones recorded in links/. */
export function listTaskDirs(repoRoot: string): string[] {
  const rp = repoPaths(repoRoot);
  const dirs: string[] = [];
  for (const name of safeReaddir(rp.tasks)) {
    const dir = path.join(rp.tasks, name);
    if (existsSync(taskJsonPath(dir))) dirs.push(dir);
  }
  for (const name of safeReaddir(rp.links)) {
    const target = readLink(path.join(rp.links, name));
    if (target && existsSync(taskJsonPath(target)) && !dirs.includes(target)) dirs.push(target);
  }
  return dirs;
}

export function readLink(file: string): string | null {
  try {
    const target = readFileSync(file, 'utf8').trim();
    return target === '' ? null : target;
  } catch {
    return null;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  } catch {
    return [];
  }
}

/** The task directory for an id (exact, or a unique prefix), or a clear error. */
export function findTaskDir(repoRoot: string, id: string): string {
  const dirs = listTaskDirs(repoRoot);
  const ids = dirs.map((d) => ({ dir: d, id: taskIdOf(d) }));
  const exact = ids.find((e) => e.id === id);
  if (exact) return exact.dir;
  const prefixed = ids.filter((e) => e.id.startsWith(id));
  if (prefixed.length === 1) return prefixed[0]!.dir;
  if (prefixed.length > 1) throw new UserError(`task id "${id}" is ambiguous: ${prefixed.map((e) => e.id).join(', ')}`);
  throw new UserError(`no task "${id}" in ${repoRoot} (see: wtagents list)`);
}

function taskIdOf(dir: string): string {
  try {
    return (JSON.parse(readFileSync(taskJsonPath(dir), 'utf8')) as { id?: string }).id ?? path.basename(dir);
  } catch {
    return path.basename(dir);
  }
}
