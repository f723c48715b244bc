// Permission modes per preset agent (config `permissions`): the flags and env each CLI gets, codex's git dirs, PWD.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { agentEnv } from '../../src/runner/agent-step.js';
import { defaultPermissionArgs, gitWriteDirs } from '../../src/runner/permissions.js';
import { PRESETS } from '../../src/runner/presets.js';
import { config, plan, task } from '../helpers/plans.js';
import { git, makeRepo, tempDir } from '../helpers/repo.js';

const withAgent = (name: string, def: unknown, extra = {}) => plan({ config: config({ agents: { [name]: def } }), agent: { name }, ...extra })[0]!;

describe('permissions', () => {
  it('worktree (default): claude may run shell commands, gemini yolo, opencode --auto; edits and full change that', () => {
    expect(withAgent('claude', {}).argv).toEqual(expect.arrayContaining(['--permission-mode', 'acceptEdits', '--allowedTools', 'Bash']));
    const edits = withAgent('claude', { permissions: 'edits' });
    expect(edits.argv).toEqual(expect.arrayContaining(['--permission-mode', 'acceptEdits']));
    expect(edits.argv).not.toContain('--allowedTools');
    expect(edits.permissions).toBe('edits');
    // As root Claude Code refuses bypassPermissions unless told it is sandboxed.
    const full = withAgent('claude', { permissions: 'full' });
    expect(full.argv).toEqual(expect.arrayContaining(['--permission-mode', 'bypassPermissions']));
    expect(full.env).toEqual({ IS_SANDBOX: '1' });
    expect(withAgent('codex', { permissions: 'full' }).argv).toEqual(expect.arrayContaining(['--sandbox', 'danger-full-access']));
    expect(withAgent('gemini', { permissions: 'edits' }).argv).toContain('--approval-mode=auto_edit');
    expect(withAgent('opencode', {}).argv).toContain('--auto');
    // A config agent based on a preset carries the mode too.
    expect(withAgent('safe', { preset: 'claude', permissions: 'edits' }).argv).not.toContain('--allowedTools');
  });

  it("each preset's own default flags are its worktree mode's (presets.ts stays free of permissions.ts for start-up)", () => {
    for (const p of PRESETS) expect(p.permissionArgs, p.name).toEqual(defaultPermissionArgs(p.name));
  });

  it('a mode a CLI cannot honour, a mode on an own command, or an unknown mode is an error naming the field', () => {
    expect(() => withAgent('opencode', { permissions: 'edits' })).toThrow('agents.opencode.permissions: "edits" is not supported by the opencode preset (supported: worktree, full)');
    expect(() => withAgent('mine', { command: ['my-agent'], permissions: 'full' })).toThrow(/^agents\.mine\.permissions: only for agents based on a preset/);
    const bad = parseConfig({ agents: { claude: { permissions: 'root' } } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/agents\.claude\.permissions/);
  });

  it('codex may write the task worktree\'s git dir, the objects and its branch\'s ref and reflog dirs (so it can commit), nothing else of .git', () => {
    const repo = makeRepo();
    const wt = path.join(tempDir(), 'wt');
    git(repo, ['worktree', 'add', '-q', '-b', 'wtagents/t1', wt]);
    git(wt, ['commit', '-q', '--allow-empty', '-m', 'x']);
    const common = path.join(repo, '.git');
    const dirs = [path.join(common, 'worktrees', 'wt'), path.join(common, 'objects'), path.join(common, 'refs', 'heads', 'wtagents'), path.join(common, 'logs', 'refs', 'heads', 'wtagents')];
    expect(gitWriteDirs(wt)).toEqual(dirs);
    expect(path.resolve(wt, git(wt, ['rev-parse', '--git-dir']).trim())).toBe(dirs[0]);
    const p = plan({ task: task({ worktree: wt }), agent: { name: 'codex' } })[0]!;
    expect(p.argv).toEqual(['codex', 'exec', '--json', '--sandbox', 'workspace-write', ...dirs.flatMap((d) => ['--add-dir', d]), '-']);
    expect(p.notes?.[0]).toMatch(/^codex may also write the task's git dirs/);
    expect(gitWriteDirs(path.join(tempDir(), 'missing'))).toEqual([]);
  });

  it('every agent gets PWD = its worktree, whatever the caller\'s PWD', () => {
    const t = task();
    const p = plan({ agent: { name: 'command', command: 'true' } })[0]!;
    const env = agentEnv({ task: t, plan: p, ctx: { taskDir: t.taskDir, task: t.id, round: 1 }, packet: '/p.md', baseEnv: { PWD: '/somewhere/else', PATH: '/bin' } });
    expect(env.PWD).toBe(t.worktree);
  });
});
