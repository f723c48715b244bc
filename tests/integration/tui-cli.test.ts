// The TUI's command-line side: the root command's refusals, `status`, `pane` outside tmux, the bundle split,
// and the +added/−removed count on a real worktree.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBareDashboard } from '../../src/cli.js';
import { changeCount } from '../../src/git/change-count.js';
import { CLI, ROOT, runCli, runJson } from '../helpers/cli.js';
import { commitAll, makeRepo, tempDir } from '../helpers/repo.js';
import { cliTask, markState } from '../helpers/tasks.js';

describe('wtagents (no subcommand)', () => {
  it('outside a git repository: one line suggesting what works', () => {
    const r = runCli([], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^wtagents: not a git repository: .+: run wtagents inside a repository or give --repo DIR \(wtagents list --repo DIR works anywhere\)$/m);
  });

  it('without a terminal: one line suggesting wtagents list', () => {
    const r = runCli([], { cwd: makeRepo() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('wtagents: the dashboard needs a terminal (stdin/stdout is not a TTY): use wtagents list instead\n');
  });

  it('only `wtagents` with no argument at all skips the command line (the same refusals as above); root options are parsed', () => {
    expect(isBareDashboard(['node', 'wtagents'])).toBe(true);
    for (const args of [['--pane'], ['--repo', '.'], ['--all'], ['list'], ['--bogus'], ['']]) expect(isBareDashboard(['node', 'wtagents', ...args]), args.join(' ')).toBe(false);
    // Through the parser, --repo still finds no repository outside one, in the same words.
    const r = runCli(['--repo', tempDir()], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^wtagents: not a git repository: .+: run wtagents inside a repository or give --repo DIR/);
  });

  it('keeps subcommand options their own (root --repo only before a subcommand)', () => {
    const repo = makeRepo();
    cliTask(repo, 'One');
    expect(runCli(['list', '--repo', repo], { cwd: tempDir() }).stdout).toContain('one');
    expect(runCli(['--bogus'], { cwd: repo }).code).toBe(2);
  });
});

describe('wtagents status', () => {
  it('counts tasks per state, compact for tmux, as JSON, and stays quiet for tmux outside a repo', async () => {
    const repo = makeRepo();
    expect(runCli(['status'], { cwd: repo }).stdout).toBe('no tasks\n');
    expect(runCli(['status', '--tmux'], { cwd: repo }).stdout).toBe('');
    const a = cliTask(repo, 'A');
    cliTask(repo, 'B');
    cliTask(repo, 'C', ['--mode', 'dry-run']);
    await markState(a, 'failed');
    expect(runCli(['status'], { cwd: repo }).stdout).toBe('1 draft, 1 ready, 1 failed\n');
    expect(runCli(['status', '--tmux', '--repo', repo], { cwd: tempDir() }).stdout).toBe('◇1 ✗1\n');
    expect(runJson(['status'], { cwd: repo })).toEqual({ total: 3, counts: { draft: 1, ready: 1, failed: 1 } });
    const outside = runCli(['status', '--tmux'], { cwd: tempDir() });
    expect(outside).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(runCli(['status'], { cwd: tempDir() }).code).toBe(1);
  });
});

describe('wtagents pane', () => {
  it('refuses outside tmux, and a bad size, in one line', () => {
    const repo = makeRepo();
    const r = runCli(['pane'], { cwd: repo, env: { TMUX: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('wtagents: not inside tmux ($TMUX is not set): start tmux first\n');
    const bad = runCli(['pane', '--size', 'wide'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^wtagents: --size wide: give columns/);
  });
});

describe('the bundle', () => {
  it('keeps the TUI (React, Ink) out of what the subcommands load', () => {
    const chunks = path.join(ROOT, 'dist', 'chunks');
    const staticImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from"\.\/(?:chunks\/)?([^"]+)"/g)].map((m) => path.join(chunks, m[1]!));
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      staticImports(file).forEach(visit);
    };
    visit(CLI);
    const inkChunk = readdirSync(chunks).map((f) => path.join(chunks, f)).filter((f) => readFileSync(f, 'utf8').includes('alternateScreen'));
    expect(inkChunk.length).toBeGreaterThan(0);
    for (const f of inkChunk) expect(loaded.has(f), path.basename(f)).toBe(false);
    // The entry only turns on the compile cache and imports the CLI; the CLI imports the TUI on demand.
    const cliChunk = readdirSync(chunks).find((f) => f.startsWith('cli-'))!;
    expect(readFileSync(CLI, 'utf8')).toContain(`import("./chunks/${cliChunk}")`);
    const cli = path.join(chunks, cliChunk);
    visit(cli);
    for (const f of inkChunk) expect(loaded.has(f), path.basename(f)).toBe(false);
    expect(readFileSync(cli, 'utf8')).toMatch(/import\("\.\/main-[^"]+\.js"\)/);
  });
});

describe('changeCount', () => {
  it('counts committed, uncommitted and new lines against the base', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'one\ntwo\nthree\n' } });
    const t = cliTask(repo, 'Edit');
    expect(await changeCount(t.worktree, t.baseSha)).toEqual({ added: 0, removed: 0, files: 0 });
    writeFileSync(path.join(t.worktree, 'a.txt'), 'one\n2\nthree\nfour\n');
    commitAll(t.worktree, 'edit');
    writeFileSync(path.join(t.worktree, 'b.txt'), 'new\nfile');
    expect(await changeCount(t.worktree, t.baseSha)).toEqual({ added: 4, removed: 1, files: 2 });
    expect(await changeCount(path.join(repo, 'nope'), t.baseSha)).toBeNull();
  });
});
