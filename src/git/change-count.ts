// Lines added and removed in a task's worktree against its base commit (committed, uncommitted and new files).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDiffList } from '../core/diff-parse.js';
import { gitTry } from './exec.js';

export interface ChangeCount {
  added: number;
  removed: number;
  files: number;
}

const MAX_UNTRACKED_BYTES = 1024 * 1024;

/** +added/−removed of the worktree against `baseSha`, or null when there is no worktree to look at. */
export async function changeCount(worktree: string, baseSha: string): Promise<ChangeCount | null> {
  if (!existsSync(worktree)) return null;
  const numstat = await gitTry(worktree, ['diff', '--numstat', '-z', '--no-renames', baseSha, '--']);
  if (numstat === null) return null;
  const out: ChangeCount = { added: 0, removed: 0, files: 0 };
  for (const f of parseDiffList(numstat)) {
    out.files++;
    out.added += f.added;
    out.removed += f.removed;
  }
  const untracked = await gitTry(worktree, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const rel of untracked?.split('\0') ?? []) {
    if (rel === '') continue;
    out.files++;
    out.added += countLines(path.join(worktree, rel));
  }
  return out;
}

function countLines(file: string): number {
  try {
    if (statSync(file).size > MAX_UNTRACKED_BYTES) return 0;
    const buf = readFileSync(file);
    if (buf.includes(0)) return 0; // binary
    let n = 0;
    for (const b of buf) if (b === 0x0a) n++;
    return buf.length > 0 && buf[buf.length - 1] !== 0x0a ? n + 1 : n;
  } catch {
    return 0;
  }
}
