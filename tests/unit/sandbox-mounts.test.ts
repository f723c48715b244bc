import { describe, expect, it } from 'vitest';
import { bwrapArgs, describeLayout, orderMounts, sandboxText, type SandboxLayout } from '../../src/core/sandbox-mounts.js';
import { guardViolations } from '../../src/runner/guard.js';

const layout: SandboxLayout = {
  cwd: '/tmp/x/repo/.wtagents/worktrees/t',
  mounts: [
    { kind: 'rw', path: '/tmp/x/repo/.wtagents/worktrees/t' },
    { kind: 'tmpfs', path: '/tmp/x/repo/.wtagents' },
    { kind: 'ro', path: '/tmp/x/repo' },
    { kind: 'tmpfs', path: '/tmp' },
    { kind: 'rw', path: '/home/u' },
    { kind: 'file', path: '/home/u/.gitconfig', source: '/tmp/s/gitconfig' },
  ],
};

describe('the bubblewrap command line', () => {
  it('mounts parents before children, so a writable worktree inside a hidden dir inside a read-only repo stays writable', () => {
    expect(orderMounts(layout.mounts).map((m) => `${m.kind} ${m.path}`)).toEqual([
      'tmpfs /tmp',
      'rw /home/u',
      'ro /tmp/x/repo',
      'file /home/u/.gitconfig',
      'tmpfs /tmp/x/repo/.wtagents',
      'rw /tmp/x/repo/.wtagents/worktrees/t',
    ]);
  });

  it('starts with the fixed isolation flags and ends with the command after --', () => {
    const args = bwrapArgs(layout, ['/bin/sh', '-c', 'echo hi']);
    expect(args.slice(0, 10)).toEqual(['--new-session', '--die-with-parent', '--unshare-pid', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc']);
    expect(args).not.toContain('--unshare-net'); // the model gateway on loopback stays reachable
    expect(args.join(' ')).toContain('--ro-bind /tmp/s/gitconfig /home/u/.gitconfig');
    expect(args.slice(-6)).toEqual(['--chdir', '/tmp/x/repo/.wtagents/worktrees/t', '--', '/bin/sh', '-c', 'echo hi']);
  });

  it('for a root supervisor drops every capability, and runs the agent as an unprivileged uid of its own user namespace when it can', () => {
    const asRoot = bwrapArgs({ ...layout, root: { userns: { uid: 1000, gid: 1000 } } }, ['true']).join(' ');
    expect(asRoot).toContain('--unshare-pid --ro-bind / / --dev /dev --proc /proc --unshare-user --uid 1000 --gid 1000 --cap-drop ALL --tmpfs /tmp');
    expect(bwrapArgs({ ...layout, root: { userns: null } }, ['true']).join(' ')).toContain('--proc /proc --cap-drop ALL --tmpfs');
    expect(bwrapArgs(layout, ['true'])).not.toContain('--cap-drop');
    expect(sandboxText({ kind: 'bwrap', layout: { ...layout, root: { userns: { uid: 1000, gid: 1000 } } } })).toContain('\n  as        uid 1000 of its own user namespace, no capabilities (wtagents runs as root)\n');
  });

  it('describes what is writable and hidden, or says "not sandboxed" and why', () => {
    expect(describeLayout(layout)).toEqual({ writable: ['/home/u', '/tmp/x/repo/.wtagents/worktrees/t'], hidden: ['/tmp', '/tmp/x/repo/.wtagents'] });
    expect(sandboxText({ kind: 'bwrap', layout })).toMatch(/^Sandbox: bwrap .*\n {2}writable {2}\/home\/u\n {12}\/tmp\/x\/repo\/\.wtagents\/worktrees\/t\n {2}hidden {4}\/tmp \(a private, empty one instead\)\n/);
    expect(sandboxText({ kind: 'none', reason: 'bwrap is not installed' })).toBe('Sandbox: none — not sandboxed (bwrap is not installed): the agent can write anywhere you can\n');
  });
});

describe('the guard', () => {
  it('names each item that changed, appeared or went away', () => {
    const sha = (c: string) => c.repeat(40);
    const before = { 'main checkout HEAD': `refs/heads/main ${sha('a')}`, 'hooks path': '(default)', 'ref refs/heads/main': sha('a'), 'ref refs/tags/v1': sha('b') };
    const after = { 'main checkout HEAD': `refs/heads/evil ${sha('a')}`, 'hooks path': '/x', 'ref refs/heads/main': sha('a'), 'ref refs/heads/evil': sha('a') };
    expect(guardViolations(before, after)).toEqual([
      { what: 'main checkout HEAD', detail: `changed: refs/heads/main ${'a'.repeat(12)} → refs/heads/evil ${'a'.repeat(12)}` },
      { what: 'hooks path', detail: 'changed: (default) → /x' },
      { what: 'refs/tags/v1', detail: `deleted (was ${'b'.repeat(12)})` },
      { what: 'refs/heads/evil', detail: `created (${'a'.repeat(12)})` },
    ]);
    expect(guardViolations(before, { ...before })).toEqual([]);
  });
});
