// The bubblewrap command line for a sandboxed agent or check (pure): the system read-only, a private /tmp,
// hidden directories (tmpfs), and the few writable places layered on top — parents before children, so a
// writable worktree inside a hidden .wtagents inside a read-only repository ends up writable.
import path from 'node:path';

export type MountKind = 'ro' | 'rw' | 'tmpfs' | 'file';

export interface Mount {
  kind: MountKind;
  /** Where it appears inside the sandbox. */
  path: string;
  /** For `file` (and binds from elsewhere): what is mounted there; default `path` itself. */
  source?: string;
}

export interface SandboxLayout {
  mounts: Mount[];
  /** The working directory inside the sandbox. */
  cwd: string;
  /**
   * For a root supervisor: bwrap keeps root's capabilities, with which the agent could unmount what hides
   * the task files or remount the repository writable. So: every capability dropped, and (when user
   * namespaces work) the agent runs as this unprivileged uid/gid of its own user namespace, where a sandbox
   * of its own (Codex's bwrap) can still be made.
   */
  root?: { userns: { uid: number; gid: number } | null };
}

/** Fixed flags: own session (no terminal injection), own PID namespace dying with the supervisor, a fresh /dev and /proc. */
const BASE_FLAGS = ['--new-session', '--die-with-parent', '--unshare-pid', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];

/** Mounts ordered so that every path is mounted after its parents (equal depth: the given order, later wins). */
export function orderMounts(mounts: readonly Mount[]): Mount[] {
  const depth = (p: string) => path.resolve(p).split('/').filter(Boolean).length;
  return mounts
    .map((m, i) => ({ m: { ...m, path: path.resolve(m.path) }, i }))
    .sort((a, b) => depth(a.m.path) - depth(b.m.path) || a.i - b.i)
    .map((x) => x.m);
}

/** The arguments after `bwrap`, ending with `--` and the command. */
export function bwrapArgs(layout: SandboxLayout, argv: readonly string[]): string[] {
  const out = [...BASE_FLAGS];
  if (layout.root) {
    const u = layout.root.userns;
    if (u) out.push('--unshare-user', '--uid', String(u.uid), '--gid', String(u.gid));
    out.push('--cap-drop', 'ALL');
  }
  for (const m of orderMounts(layout.mounts)) {
    if (m.kind === 'tmpfs') out.push('--tmpfs', m.path);
    else if (m.kind === 'rw') out.push('--bind', m.source ?? m.path, m.path);
    else out.push('--ro-bind', m.source ?? m.path, m.path);
  }
  out.push('--chdir', layout.cwd, '--', ...argv);
  return out;
}

/** Short human summary of a layout: what the agent may write and what it cannot see. */
export function describeLayout(layout: SandboxLayout): { writable: string[]; hidden: string[] } {
  const ordered = orderMounts(layout.mounts);
  return {
    writable: ordered.filter((m) => m.kind === 'rw').map((m) => m.path),
    hidden: ordered.filter((m) => m.kind === 'tmpfs').map((m) => m.path),
  };
}

/** The `Sandbox:` block of `run --print`: bwrap with what is writable and hidden, or "not sandboxed" and why. */
export function sandboxText(s: { kind: 'bwrap'; layout: SandboxLayout } | { kind: 'none'; reason: string }): string {
  if (s.kind === 'none') return `Sandbox: none — not sandboxed (${s.reason}): the agent can write anywhere you can\n`;
  const { writable, hidden } = describeLayout(s.layout);
  const rows = ['Sandbox: bwrap — system and repository read-only, own PID namespace (nothing outlives the run), network shared'];
  if (s.layout.root) {
    const u = s.layout.root.userns;
    rows.push(`  as        ${u ? `uid ${u.uid} of its own user namespace, ` : ''}no capabilities (wtagents runs as root)`);
  }
  writable.forEach((p, i) => rows.push(`  ${i === 0 ? 'writable' : '        '}  ${p}`));
  hidden.forEach((p, i) => rows.push(`  ${i === 0 ? 'hidden  ' : '        '}  ${p === '/tmp' ? '/tmp (a private, empty one instead)' : p}`));
  return `${rows.join('\n')}\n`;
}
