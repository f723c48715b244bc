// The repositories used with wtagents, remembered in the user's config dir (`$XDG_CONFIG_HOME/wtagents/repos.json`,
// else `~/.config/wtagents/repos.json`; `WTAGENTS_CONFIG_DIR` overrides both): `wtagents --all` and
// `list --all` show every one. A task made in a repository adds it; `repos rm` forgets it. A repository
// that moved or vanished stays listed as missing (never an error) until it is removed.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeJsonAtomic } from './atomic.js';
import { withLock } from './lock.js';

export interface RegistryEntry {
  path: string;
  addedAt: string;
  lastUsedAt: string;
}

export type RepoStatus = 'ok' | 'missing' | 'not a repository';

export interface RegisteredRepo extends RegistryEntry {
  /** A short name: the directory's, with its parent's when two repositories share it. */
  label: string;
  status: RepoStatus;
}

export function registryDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WTAGENTS_CONFIG_DIR) return path.resolve(env.WTAGENTS_CONFIG_DIR);
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), '.config');
  return path.join(base, 'wtagents');
}

export function registryFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(registryDir(env), 'repos.json');
}

function readEntries(env: NodeJS.ProcessEnv): RegistryEntry[] {
  try {
    const json = JSON.parse(readFileSync(registryFile(env), 'utf8')) as { repos?: unknown };
    if (!Array.isArray(json.repos)) return [];
    return json.repos.filter((r): r is RegistryEntry => typeof r === 'object' && r !== null && typeof (r as RegistryEntry).path === 'string' && path.isAbsolute((r as RegistryEntry).path));
  } catch {
    return []; // none yet, or unreadable: nothing remembered (the next registration writes it afresh)
  }
}

function update(env: NodeJS.ProcessEnv, change: (entries: RegistryEntry[]) => RegistryEntry[]): Promise<RegistryEntry[]> {
  return withLock(path.join(registryDir(env), 'repos.lock'), () => {
    const next = change(readEntries(env));
    writeJsonAtomic(registryFile(env), { v: 1, repos: next });
    return next;
  }, { timeoutMs: 5_000, what: 'the repository registry' });
}

/** Remember `repo` (its lastUsedAt is now). */
export async function registerRepo(repo: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const now = new Date().toISOString();
  const root = path.resolve(repo);
  await update(env, (entries) => {
    const old = entries.find((e) => e.path === root);
    if (old) return entries.map((e) => (e === old ? { ...e, lastUsedAt: now } : e));
    return [...entries, { path: root, addedAt: now, lastUsedAt: now }];
  });
}

/** Forget `repo`; false when it was not remembered. */
export async function unregisterRepo(repo: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const root = path.resolve(repo);
  let found = false;
  await update(env, (entries) => {
    found = entries.some((e) => e.path === root);
    return entries.filter((e) => e.path !== root);
  });
  return found;
}

export function repoStatus(dir: string): RepoStatus {
  if (!existsSync(dir)) return 'missing';
  return existsSync(path.join(dir, '.git')) ? 'ok' : 'not a repository';
}

/** The remembered repositories in the order they were added, each with its label and whether it is still there. */
export function registeredRepos(env: NodeJS.ProcessEnv = process.env): RegisteredRepo[] {
  const entries = readEntries(env);
  const names = new Map<string, number>();
  for (const e of entries) names.set(path.basename(e.path), (names.get(path.basename(e.path)) ?? 0) + 1);
  return entries.map((e) => {
    const base = path.basename(e.path);
    const label = (names.get(base) ?? 0) > 1 ? `${path.basename(path.dirname(e.path))}/${base}` : base;
    return { ...e, label, status: repoStatus(e.path) };
  });
}
