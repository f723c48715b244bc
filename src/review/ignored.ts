// Ignored files the task worktree holds beyond what config setup made (an agent's .env.local, a build's
// output): no commit or patch keeps them, so before a decision removes the worktree they are copied into
// review/ignored/ — or, past a size limit, the decision is refused, saying what to move or delete.
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { TaskRecord } from '../core/task.js';
import { ignoredEntries } from '../git/ignored.js';
import { taskPaths } from '../store/layout.js';
import { reviewPaths } from './paths.js';

/** More than this in new ignored files refuses the decision instead of copying them. */
export const IGNORED_COPY_LIMIT = 100 * 1024 * 1024;

export interface IgnoredFiles {
  /** Paths relative to the worktree; a wholly ignored directory ends in "/". */
  entries: string[];
  files: number;
  bytes: number;
}

/** The worktree's ignored entries that config setup did not leave there (sizes counted up to just past the limit). */
export async function findIgnored(task: TaskRecord): Promise<IgnoredFiles> {
  const setup = new Set(setupIgnored(task.taskDir));
  const entries = (await ignoredEntries(task.worktree)).filter((e) => !setup.has(e));
  const found: IgnoredFiles = { entries, files: 0, bytes: 0 };
  for (const e of entries) measure(path.join(task.worktree, e), found);
  return found;
}

function setupIgnored(taskDir: string): string[] {
  try {
    const list = JSON.parse(readFileSync(taskPaths(taskDir).setupIgnored, 'utf8')) as unknown;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function measure(file: string, acc: IgnoredFiles): void {
  if (acc.bytes > IGNORED_COPY_LIMIT) return;
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(file)) measure(path.join(file, name), acc);
    return;
  }
  acc.files += 1;
  if (st.isFile()) acc.bytes += st.size;
}

/** Refuse `what` (merge, abandon) when the new ignored files are too big to keep a copy of. */
export function assertIgnoredFits(found: IgnoredFiles, task: TaskRecord, what: string): void {
  if (found.bytes <= IGNORED_COPY_LIMIT) return;
  const names = found.entries.slice(0, 3).join(', ') + (found.entries.length > 3 ? ', …' : '');
  const limit = IGNORED_COPY_LIMIT / 1024 / 1024;
  throw new UserError(
    `cannot ${what}: the task worktree holds over ${limit} MB of ignored files (${names}) that no commit or patch keeps, more than wtagents copies into review/ignored/: move or delete what you do not need in ${task.worktree}, then ${what} again`,
  );
}

/** Copy the new ignored files into review/ignored/ (paths kept, symlinks as links); returns that directory relative to the task. */
export function saveIgnored(taskDir: string, worktree: string, found: IgnoredFiles): string {
  const dest = reviewPaths(taskDir).ignored;
  rmSync(dest, { recursive: true, force: true });
  for (const e of found.entries) {
    const to = path.join(dest, e);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(path.join(worktree, e), to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  }
  return path.relative(taskDir, dest);
}
