// Where agents and checks run (config `sandbox`): in bubblewrap when it works here (probed once per process),
// else not sandboxed — said so. The layout: the system and the repository read-only, the task directory and
// other tasks hidden, a private /tmp; writable only the worktree, the task's own git dirs and HOME (the agent
// CLIs keep their state there), with shell start-up files and the user's git config protected.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SandboxMode } from '../core/config.js';
import { UserError } from '../core/errors.js';
import { bwrapArgs, type Mount, type SandboxLayout } from '../core/sandbox-mounts.js';
import type { TaskRecord } from '../core/task.js';
import { absoluteGitDirs } from '../git/repo.js';
import { repoPaths } from '../store/layout.js';
import { listTaskDirs } from '../store/tasks.js';
import { which } from './which.js';

export type SandboxChoice = { kind: 'bwrap'; bwrap: string; root?: SandboxLayout['root'] } | { kind: 'none'; reason: string };

/** Where agents run for one run: the wrapper for argv, and env to add inside. */
export interface RunSandbox {
  kind: 'bwrap' | 'none';
  /** `bwrap` or `not sandboxed: <why>` — what the trace, the records and the review say. */
  note: string;
  layout?: SandboxLayout;
  wrap(argv: readonly string[]): string[];
  env: Record<string, string>;
}

const probed = new Map<string, SandboxChoice>();

/** The sandbox this machine gives for `mode` (bwrap is tried once per process). `bwrap` mode never falls back. */
export function chooseSandbox(mode: SandboxMode): SandboxChoice {
  if (mode === 'none') return { kind: 'none', reason: 'config sandbox is "none"' };
  if (process.platform !== 'linux') return { kind: 'none', reason: `bubblewrap is Linux only (this is ${process.platform})` };
  const bin = process.env.WTAGENTS_BWRAP ?? which('bwrap');
  if (bin === null) return { kind: 'none', reason: 'bwrap is not installed (apt-get install bubblewrap)' };
  const known = probed.get(bin);
  if (known) return known;
  const r = spawnSync(bin, ['--new-session', '--die-with-parent', '--unshare-pid', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--', 'true'], {
    encoding: 'utf8',
    timeout: 15_000,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const why = r.error ? r.error.message : (r.stderr ?? '').trim().split('\n')[0] || `exit code ${r.status}`;
  const choice: SandboxChoice = r.status === 0 ? { kind: 'bwrap', bwrap: bin, ...rootIdentity(bin) } : { kind: 'none', reason: `bwrap does not work here (${why})` };
  probed.set(bin, choice);
  return choice;
}

/** As root: the unprivileged identity the agent gets (when a user namespace can be made), caps dropped either way. */
function rootIdentity(bin: string): { root?: SandboxLayout['root'] } {
  if (process.getuid?.() !== 0) return {};
  const id = unprivilegedId();
  const r = spawnSync(bin, ['--unshare-user', '--uid', String(id), '--gid', String(id), '--cap-drop', 'ALL', '--ro-bind', '/', '/', '--', 'true'], { stdio: 'ignore', timeout: 15_000 });
  return { root: { userns: r.status === 0 ? { uid: id, gid: id } : null } };
}

/** uid 1000 when the system has such a user (tools look themselves up), else nobody. */
function unprivilegedId(): number {
  try {
    return /^[^:]*:[^:]*:1000:/m.test(readFileSync('/etc/passwd', 'utf8')) ? 1000 : 65534;
  } catch {
    return 65534;
  }
}

/** chooseSandbox, refusing the run when config says `bwrap` and bwrap does not work. */
export function requireSandbox(mode: SandboxMode): SandboxChoice {
  const choice = chooseSandbox(mode);
  if (mode === 'bwrap' && choice.kind === 'none') throw new UserError(`config sandbox is "bwrap" but ${choice.reason}: install it, or set sandbox to "auto"`);
  return choice;
}

export interface SandboxInput {
  task: TaskRecord;
  /** The run's private scratch directory (packet copy, sanitised git config); visible read-only. */
  scratch: string;
  /** A sanitised global git config (in scratch) shown in place of the user's. */
  gitConfig: string;
  /** The agents' environment (HOME, PATH) and argv: programs under /tmp stay visible. */
  env: NodeJS.ProcessEnv;
  argvPaths?: string[];
  worktreeDir?: string;
  /** Per-task CLI state homes inside the (hidden) task directory that stay writable (gemini's settings home). */
  stateDirs?: string[];
}

/** The run's sandbox: for `none`, argv unchanged; for bwrap, the layout built from the task's real paths. */
export async function prepareSandbox(choice: SandboxChoice, i: SandboxInput): Promise<RunSandbox> {
  if (choice.kind === 'none') return { kind: 'none', note: `not sandboxed: ${choice.reason}`, wrap: (argv) => [...argv], env: {} };
  const layout = { ...(await taskLayout(i)), ...(choice.root ? { root: choice.root } : {}) };
  return {
    kind: 'bwrap',
    note: 'bwrap',
    layout,
    wrap: (argv) => [choice.bwrap, ...bwrapArgs(layout, argv)],
    env: { TMPDIR: '/tmp', GIT_CONFIG_GLOBAL: i.gitConfig },
  };
}

/** Sensitive paths under HOME kept read-only even though HOME is writable (they run code or hold secrets). */
const HOME_READ_ONLY = ['.ssh', '.gnupg', '.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zshenv', '.zprofile', '.zlogin', '.config/fish', '.config/autostart', '.config/systemd', '.local/bin', '.npmrc'];

export async function taskLayout(i: SandboxInput): Promise<SandboxLayout> {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : path.resolve(p));
  const repo = real(i.task.repo);
  const worktree = real(i.task.worktree);
  const mounts: Mount[] = [{ kind: 'tmpfs', path: '/tmp' }, { kind: 'ro', path: repo }];
  const git = await gitDirs(worktree);
  if (!inside(git.common, repo)) mounts.push({ kind: 'ro', path: git.common });

  // Hidden: .wtagents (every task's files), this task's directory wherever it is, other --out task
  // directories, and a configured worktreeDir (other tasks' worktrees).
  const hide = [repoPaths(repo).dir, real(i.task.taskDir), ...listTaskDirs(repo).map(real)];
  if (i.worktreeDir) hide.push(real(path.resolve(repo, i.worktreeDir)));
  const hidden = [...new Set(hide)].filter((dir) => isDir(dir) && !inside(repo, dir));
  for (const dir of hidden) if (!hidden.some((d) => d !== dir && inside(dir, d))) mounts.push({ kind: 'tmpfs', path: dir });

  // HOME first (writable), its protected paths after (deeper, so they win).
  const home = i.env.HOME;
  if (home && path.isAbsolute(home) && isDir(home) && real(home) !== '/') {
    const h = real(home);
    mounts.push({ kind: 'rw', path: h });
    for (const name of HOME_READ_ONLY) if (existsSync(path.join(h, name))) mounts.push({ kind: 'ro', path: path.join(h, name) });
    if (existsSync(path.join(h, '.gitconfig'))) mounts.push({ kind: 'file', path: path.join(h, '.gitconfig'), source: i.gitConfig });
    if (existsSync(path.join(h, '.git-credentials'))) mounts.push({ kind: 'file', path: path.join(h, '.git-credentials'), source: '/dev/null' });
    if (isDir(path.join(h, '.config', 'git'))) mounts.push({ kind: 'tmpfs', path: path.join(h, '.config', 'git') });
  }

  // Writable: the agents' own state homes (deeper than the hidden task directory, so they show through it),
  // the worktree and what a commit on the task branch writes.
  for (const d of i.stateDirs ?? []) if (isDir(d)) mounts.push({ kind: 'rw', path: real(d) });
  mounts.push({ kind: 'rw', path: worktree }, { kind: 'rw', path: git.dir }, { kind: 'rw', path: path.join(git.common, 'objects') });
  for (const dir of refDirs(git.common, i.task.branch)) mounts.push({ kind: 'rw', path: dir });

  // Visible read-only: the scratch directory, and programs that live under the private /tmp — with the
  // whole /tmp/<dir> they are in (a package's script needs its node_modules beside it).
  const programs = [...(i.env.PATH ?? '').split(path.delimiter), ...(i.argvPaths ?? []).flatMap(pathWords)];
  const extra = [i.scratch, ...programs.map((p) => (path.isAbsolute(p) && existsSync(p) ? topOfTmp(real(p)) : ''))];
  for (const p of new Set(extra)) {
    if (p === '' || !path.isAbsolute(p) || !existsSync(p)) continue;
    const r = real(p);
    if (inside(r, '/tmp') && r !== '/tmp' && !mounts.some((m) => m.kind !== 'tmpfs' && inside(r, m.path) && m.path !== '/tmp')) mounts.push({ kind: 'ro', path: r });
  }
  return { mounts, cwd: worktree };
}

/** `/tmp/<dir>` for a path under /tmp (else the path itself). */
function topOfTmp(p: string): string {
  const rel = path.relative('/tmp', p);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? p : path.join('/tmp', rel.split(path.sep)[0]!);
}

/** Absolute paths named in an argv word (a program path, or paths inside a `sh -c` script). */
function pathWords(word: string): string[] {
  return word.split(/[\s'"=:;|&<>()]+/).filter((w) => w.startsWith('/'));
}

/** The worktree's own admin dir and the repository's common git dir (absolute). */
async function gitDirs(worktree: string): Promise<{ dir: string; common: string }> {
  const out = await absoluteGitDirs(worktree);
  const [dir, common] = (out ?? '').split('\n').map((l) => l.trim());
  if (!dir || !common) throw new UserError(`cannot sandbox: ${worktree} is not a git worktree`);
  return { dir: realpathSync(dir), common: realpathSync(common) };
}

/**
 * The ref directories a commit on `branch` writes: its loose ref's directory and reflog directory (made if
 * missing), or the whole reftable. Other refs (the base branch, tags, remotes) stay read-only.
 */
function refDirs(common: string, branch: string): string[] {
  if (isDir(path.join(common, 'reftable'))) return [path.join(common, 'reftable')];
  const sub = path.dirname(branch);
  const dirs = [path.join(common, 'refs', 'heads', sub), path.join(common, 'logs', 'refs', 'heads', sub)];
  for (const d of dirs) mkdirSync(d, { recursive: true });
  return dirs;
}

function inside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
