// Nested repositories and submodule paths in a task worktree: what no commit or patch of the task keeps (a
// patch holds only "Subproject commit <sha>" for a commit that may exist nowhere else; files written under an
// uninitialised submodule path are invisible to git status). Found before a decision, refused until the user
// chooses to keep them, then saved in review/nested/ — a git bundle of each nested repository's commits and a
// copy of its files — and verified before the worktree is removed.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { bundleVerifies, createBundle, hasStatusEntries, headCommit, indexEntriesZ, untrackedEntriesZ } from '../git/nested.js';
import { sameContent } from './prove-saved.js';
import { reviewPaths } from './paths.js';
import { plural } from '../core/format.js';

export interface NestedEntry {
  /** Relative to the worktree, without a trailing slash. */
  path: string;
  /** A repository of its own (its .git inside), or files under a submodule path that has no repository. */
  kind: 'repo' | 'submodule-files';
  /** The nested repository's HEAD commit (null: none, or no repository). */
  head: string | null;
  files: number;
  /** The superproject records it (a gitlink): its path stays; else it is untracked. */
  tracked: boolean;
}

export interface SavedNested extends NestedEntry {
  /** Copy of its files (its .git left out), relative to the task directory. */
  copy: string;
  /** git bundle of all its refs, relative to the task directory (repositories with commits). */
  bundle?: string;
}

/** Nested repositories and files under submodule paths in `worktree` that only the worktree holds. */
export async function findNested(worktree: string): Promise<NestedEntry[]> {
  const found: NestedEntry[] = [];
  const others = await untrackedEntriesZ(worktree);
  for (const p of others.split('\0')) {
    if (!p.endsWith('/')) continue; // git names a nested repository as a directory: "dir/"
    const rel = p.slice(0, -1);
    found.push({ path: rel, kind: 'repo', head: await headOf(path.join(worktree, rel)), files: countFiles(path.join(worktree, rel)), tracked: false });
  }
  const staged = await indexEntriesZ(worktree);
  for (const entry of staged.split('\0')) {
    if (!entry.startsWith('160000 ')) continue;
    const sha = entry.slice(7, entry.indexOf(' ', 7));
    const rel = entry.slice(entry.indexOf('\t') + 1);
    const dir = path.join(worktree, rel);
    if (existsSync(path.join(dir, '.git'))) {
      const head = await headOf(dir);
      const dirty = await hasStatusEntries(dir);
      if (dirty || head !== sha) found.push({ path: rel, kind: 'repo', head, files: countFiles(dir), tracked: true });
    } else {
      const files = countFiles(dir);
      if (files > 0) found.push({ path: rel, kind: 'submodule-files', head: null, files, tracked: true });
    }
  }
  return found;
}

async function headOf(dir: string): Promise<string | null> {
  return headCommit(dir);
}

function countFiles(dir: string): number {
  let n = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (name === '.git') continue;
    const p = path.join(dir, name);
    const st = lstatSync(p);
    n += st.isDirectory() ? countFiles(p) : 1;
  }
  return n;
}

export function describeNested(entries: readonly NestedEntry[]): string {
  const shown = entries.slice(0, 3).map((e) => (e.kind === 'repo' ? `${e.path}/: a repository of its own${e.head ? ` at ${e.head.slice(0, 12)}` : ' without commits'}, ${e.files} files` : `${e.path}/: ${plural(e.files, 'file')} under an uninitialised submodule path`));
  return shown.join('; ') + (entries.length > 3 ? '; …' : '');
}

/** The refusal: nested work that a decision would lose until the user chooses to keep it. */
export function nestedRefusal(what: string, id: string, entries: readonly NestedEntry[]): UserError {
  return new UserError(
    `cannot ${what}: the task worktree holds work no commit or patch can keep (${describeNested(entries)}): ${what} again with --keep-nested to save it in review/nested/ (a git bundle and a copy of the files each), or move it out of the worktree first (wtagents review ${id})`,
  );
}

/** Save each entry into review/nested/ and verify the copies and bundles; a failure throws before anything is removed. */
export async function saveNested(taskDir: string, worktree: string, entries: readonly NestedEntry[]): Promise<SavedNested[]> {
  const root = path.join(reviewPaths(taskDir).dir, 'nested');
  rmSync(root, { recursive: true, force: true });
  const saved: SavedNested[] = [];
  for (const [i, e] of entries.entries()) {
    const name = `${String(i + 1).padStart(2, '0')}-${e.path.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
    const src = path.join(worktree, e.path);
    const copy = path.join(root, name, 'files');
    mkdirSync(copy, { recursive: true });
    for (const n of readdirSync(src)) {
      if (n === '.git') continue;
      cpSync(path.join(src, n), path.join(copy, n), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    }
    if (!sameContentExceptGit(src, copy)) throw new UserError(`could not save the files of ${e.path}/ into ${copy}: the copy differs; nothing was removed`);
    const out: SavedNested = { ...e, copy: path.relative(taskDir, copy) };
    if (e.kind === 'repo' && e.head !== null) {
      const bundle = path.join(root, `${name}.bundle`);
      const made = await createBundle(src, bundle);
      const ok = made.code === 0 && (await bundleVerifies(src, bundle));
      if (!ok) throw new UserError(`could not save the commits of ${e.path}/ as a git bundle: ${(made.stderr.trim().split('\n')[0] ?? '') || 'git bundle failed'}; nothing was removed`);
      out.bundle = path.relative(taskDir, bundle);
    }
    saved.push(out);
  }
  return saved;
}

/** The saved copies and bundles still match what the worktree holds (checked right before it is removed). */
export async function nestedStillSaved(taskDir: string, worktree: string, saved: readonly SavedNested[]): Promise<string[]> {
  const missing: string[] = [];
  for (const s of saved) {
    const src = path.join(worktree, s.path);
    if (!sameContentExceptGit(src, path.join(taskDir, s.copy))) missing.push(`${s.path}/ files`);
    if (s.kind === 'repo' && s.head !== null) {
      const ok = s.bundle !== undefined && (await bundleVerifies(src, path.join(taskDir, s.bundle)));
      if (!ok) missing.push(`${s.path}/ commits`);
    }
  }
  return missing;
}

function sameContentExceptGit(src: string, copy: string): boolean {
  const a = readdirSync(src).filter((n) => n !== '.git').sort();
  const b = readdirSync(copy).sort();
  return a.length === b.length && a.every((n, i) => n === b[i] && sameContent(path.join(src, n), path.join(copy, n)));
}

/**
 * After a merge, take what review/nested/ holds (verified) out of the worktree, so the proof that the rest is
 * merged can compare trees: untracked nested repositories go, files under an uninitialised submodule path go.
 */
export async function clearSavedNested(taskDir: string, worktree: string, saved: readonly SavedNested[]): Promise<string[]> {
  const missing = await nestedStillSaved(taskDir, worktree, saved);
  if (missing.length > 0) return missing;
  for (const s of saved) {
    const dir = path.join(worktree, s.path);
    if (!s.tracked) rmSync(dir, { recursive: true, force: true });
    else if (s.kind === 'submodule-files') for (const n of readdirSync(dir)) rmSync(path.join(dir, n), { recursive: true, force: true });
  }
  return [];
}
