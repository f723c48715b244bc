// What each preset's CLI may do without asking, per permission mode: the flags and env that give a headless
// agent its worktree (edits, shell commands, commits) and nothing outside it, or less, or everything.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { PERMISSION_MODES, type PermissionMode } from '../core/config.js';

export { PERMISSION_MODES, type PermissionMode };

/** The default: edit, run shell commands and commit inside the worktree. */
export const DEFAULT_PERMISSIONS: PermissionMode = 'worktree';

export interface PermissionSetup {
  args: string[];
  env: Record<string, string>;
  /** Shown by `run --print`. */
  notes: string[];
}

/** Tools Claude Code may use without asking on top of `acceptEdits` (which refuses every shell command). */
export const CLAUDE_SHELL_TOOLS = ['Bash'];

/**
 * The directories a commit in this worktree writes: its own git dir (index, HEAD) and the common dir's
 * objects and the branch's ref and reflog directories. Empty when the worktree is not a git checkout (yet).
 */
export function gitWriteDirs(worktree: string): string[] {
  const dotGit = path.join(worktree, '.git');
  let gitDir: string;
  try {
    gitDir = statSync(dotGit).isDirectory() ? dotGit : path.resolve(worktree, /^gitdir:\s*(.*)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim() ?? '');
  } catch {
    return [];
  }
  if (gitDir === path.resolve(worktree)) return [];
  const commonFile = path.join(gitDir, 'commondir');
  const common = existsSync(commonFile) ? path.resolve(gitDir, readFileSync(commonFile, 'utf8').trim()) : gitDir;
  if (common === gitDir) return [gitDir];
  // Only what a commit on the task's branch writes (as wtagents' own sandbox allows it): the worktree's admin
  // dir, the objects, and the branch's ref and reflog directories — not all of refs/ (codex's own sandbox
  // would then try to protect paths there that are read-only, and every command would fail).
  const head = /^ref:\s*refs\/heads\/(.+)$/m.exec(readText(path.join(gitDir, 'HEAD')))?.[1]?.trim();
  const refs = existsSync(path.join(common, 'reftable'))
    ? [path.join(common, 'reftable')]
    : head
      ? [path.join(common, 'refs', 'heads', path.dirname(head)), path.join(common, 'logs', 'refs', 'heads', path.dirname(head))]
      : [];
  const dirs = [gitDir, path.join(common, 'objects'), ...refs];
  return dirs.filter((d) => existsSync(d));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

type Table = Partial<Record<PermissionMode, (worktree: string) => Omit<PermissionSetup, 'notes'> & { notes?: string[] }>>;

const fixed = (...args: string[]) => () => ({ args, env: {} });

const TABLES: Record<string, Table> = {
  claude: {
    worktree: () => ({ args: ['--permission-mode', 'acceptEdits', '--allowedTools', ...CLAUDE_SHELL_TOOLS], env: {} }),
    edits: fixed('--permission-mode', 'acceptEdits'),
    // Claude Code refuses bypassPermissions as root unless told it is in a sandbox.
    full: () => ({ args: ['--permission-mode', 'bypassPermissions'], env: { IS_SANDBOX: '1' } }),
  },
  codex: {
    worktree: (worktree) => {
      const dirs = gitWriteDirs(worktree);
      return { args: ['--sandbox', 'workspace-write', ...dirs.flatMap((d) => ['--add-dir', d])], env: {}, notes: dirs.length > 0 ? [`codex may also write the task's git dirs (commits): ${dirs.join(', ')}`] : [] };
    },
    edits: () => ({ args: ['--sandbox', 'workspace-write'], env: {}, notes: ['codex: commands run in its sandbox, which keeps git dirs read-only (no commits)'] }),
    full: fixed('--sandbox', 'danger-full-access'),
  },
  gemini: {
    worktree: fixed('--approval-mode=yolo', '--skip-trust'),
    edits: fixed('--approval-mode=auto_edit', '--skip-trust'),
    full: fixed('--approval-mode=yolo', '--skip-trust'),
  },
  opencode: { worktree: fixed('--auto'), full: fixed('--auto') },
  aider: { worktree: fixed('--yes-always'), edits: fixed('--yes-always'), full: fixed('--yes-always') },
  cursor: { worktree: fixed('--trust', '--force'), full: fixed('--trust', '--force') },
  copilot: { worktree: fixed('--allow-all', '--no-ask-user'), full: fixed('--allow-all', '--no-ask-user') },
};

/** The default (worktree) flags of a preset, for listings. */
export function defaultPermissionArgs(preset: string): string[] {
  return TABLES[preset]?.worktree?.('/nonexistent').args.filter((a) => a !== '--add-dir') ?? [];
}

/** A preset's flags and env for a mode; `field` names the config field for errors. */
export function presetPermissions(preset: string, mode: PermissionMode, worktree: string, field: string): PermissionSetup {
  const table = TABLES[preset] ?? {};
  const make = table[mode];
  if (!make) {
    const supported = PERMISSION_MODES.filter((m) => table[m]);
    throw new UserError(`${field}: "${mode}" is not supported by the ${preset} preset (supported: ${supported.join(', ')})`);
  }
  const setup = make(worktree);
  return { args: setup.args, env: setup.env, notes: setup.notes ?? [] };
}
