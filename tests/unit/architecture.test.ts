// The layering, as a test: src/ layers import only downwards (core < proc < git < store < runner, forge < review <
// app, demo < commands < cli), no import cycle anywhere, components import only the engine facade
// (src/app) and the pure core, commands the facade (src/app/load.ts, paths.ts, types.ts) and the core, lazy
// loading in one place per process, src/ never imports React or Ink, components spawn nothing, git runs only
// inside src/git.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

interface Edge {
  from: string;
  to: string;
  kind: 'value' | 'type' | 'dynamic';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(dir, f).split(path.sep).join('/'));
}

const FILES = [...sourceFiles('src'), ...sourceFiles('components')];
const TEXT = new Map(FILES.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));
const IMPORT = /^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm;

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const c of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base]) if (TEXT.has(c)) return c;
  return null;
}

const EDGES: Edge[] = [];
const PACKAGES = new Map<string, string[]>();
for (const [file, text] of TEXT) {
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2] ?? m[3]!;
    const to = resolve(file, spec);
    if (to) EDGES.push({ from: file, to, kind: m[3] ? 'dynamic' : m[1] ? 'type' : 'value' });
    else if (!spec.startsWith('.')) PACKAGES.set(file, [...(PACKAGES.get(file) ?? []), spec]);
  }
}

/** A file's layer: components, or src's top folder (src/cli.ts and src/bin.ts are the cli). */
function layer(file: string): string {
  if (file.startsWith('components/')) return 'components';
  const parts = file.split('/');
  if (parts.length === 2) return parts[1] === 'version.ts' ? 'core' : 'cli';
  return parts[1]!;
}

const RANK: Record<string, number> = { core: 0, proc: 0.5, git: 1, store: 2, runner: 3, forge: 3, review: 4, app: 5, demo: 5, commands: 6, cli: 7, components: 8 };

describe('architecture', () => {
  it('knows every layer', () => {
    expect([...new Set(FILES.map(layer))].filter((l) => RANK[l] === undefined)).toEqual([]);
  });

  it('src layers import only downwards (the cli loads the TUI lazily, the only way up)', () => {
    const upward = EDGES.filter((e) => RANK[layer(e.to)]! > RANK[layer(e.from)]!)
      // (and src/screen.ts, the screens' own build for `wtagents` alone and `review ID`: no command line)
      .filter((e) => !((e.from === 'src/cli.ts' || e.from === 'src/screen.ts') && e.to === 'components/main.tsx' && e.kind === 'dynamic'))
      .map((e) => `${e.from} → ${e.to} (${e.kind})`);
    expect(upward).toEqual([]);
  });

  it('has no import cycle (type-only imports aside: they vanish at run time)', () => {
    const next = new Map<string, string[]>();
    for (const e of EDGES) if (e.kind === 'value') next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') return void cycles.push([...trail.slice(trail.indexOf(f)), f].join(' → '));
      state.set(f, 'open');
      for (const t of next.get(f) ?? []) visit(t, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of FILES) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('components import only the engine facade (src/app) and the pure core', () => {
    const wrong = EDGES.filter((e) => e.from.startsWith('components/') && e.to.startsWith('src/') && !/^src\/(app|core)\//.test(e.to)).map((e) => `${e.from} → ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('commands reach the engine only through the facade (src/app: load.ts lazily, paths.ts, types.ts) and the pure core', () => {
    // review-diff.ts is the `review ID --stat|--patch` fast path bin.ts runs with no parser: git's diff at once;
    // review-prestart.ts starts `review ID`'s git runs and first paint before anything else has loaded.
    const fast = new Set(['src/commands/review-diff.ts', 'src/commands/review-prestart.ts']);
    const wrong = EDGES.filter((e) => (e.from.startsWith('src/commands/') || e.from === 'src/cli.ts') && !fast.has(e.from))
      .filter((e) => e.to.startsWith('src/') && !/^src\/(app|core|commands)\/|^src\/version\.ts$/.test(e.to))
      .map((e) => `${e.from} → ${e.to} (${e.kind})`);
    expect(wrong).toEqual([]);
  });

  it('loads lazily in one place per process: the CLI facade (src/app/load.ts), the TUI engine chunk, the entries', () => {
    // Besides: the engine's own deferrals (a decision settles a pending merge; the repo finder asks git only when
    // the files do not say) and a command's rarely used half.
    const allowed = new Set(['src/app/load.ts', 'src/app/services.ts', 'src/bin.ts', 'src/cli.ts', 'src/screen.ts', 'src/runner/supervisor-main.ts', 'components/main.tsx', 'components/App.tsx', 'src/review/record.ts', 'src/git/find-repo.ts', 'src/commands/new.ts', 'src/commands/review.ts', 'src/commands/review-diff.ts']);
    const lazy = EDGES.filter((e) => e.kind === 'dynamic' && !allowed.has(e.from)).map((e) => `${e.from} → ${e.to}`);
    expect(lazy).toEqual([]);
    const commandsLazy = EDGES.filter((e) => e.kind === 'dynamic' && e.from.startsWith('src/commands/') && !e.to.startsWith('src/commands/')).map((e) => `${e.from} → ${e.to}`);
    expect(commandsLazy).toEqual([]);
  });

  it('src never imports React or Ink; components spawn nothing and touch no git', () => {
    const ui = [...PACKAGES].filter(([f, pkgs]) => f.startsWith('src/') && pkgs.some((p) => /^(react|ink)(\/|$)|^ink-/.test(p))).map(([f]) => f);
    expect(ui).toEqual([]);
    const engine = [...PACKAGES].filter(([f, pkgs]) => f.startsWith('components/') && pkgs.some((p) => /^(node:)?child_process$|^execa$|^simple-git$/.test(p))).map(([f]) => f);
    expect(engine).toEqual([]);
  });

  it('processes start through src/proc (run to completion, or a long-lived child), besides the listed few', () => {
    const own: Record<string, string> = {
      'src/git/hooked.ts': 'git in a process group of its own, so its hooks can be killed with it',
      'src/runner/ssh/ssh-command.ts': 'ssh, streamed both ways',
      'src/runner/ssh/remote-host.ts': 'tar of the bundle for the host',
      'src/app/editor.ts': '$EDITOR, given the terminal',
      'src/runner/takeover.ts': 'the agent CLI, given the terminal',
      'src/runner/sandbox.ts': 'the bwrap probe, once per process',
      'src/demo/example-agent.ts': 'the example agent is an agent: it runs its own commands',
    };
    const spawners = FILES.filter((f) => /^import\s+(?!type\s)[^']*from\s+'(?:(?:node:)?child_process|execa)'/m.test(TEXT.get(f)!)); // a type import starts nothing
    expect(spawners.filter((f) => !f.startsWith('src/proc/') && own[f] === undefined)).toEqual([]);
    expect(Object.keys(own).filter((f) => !spawners.includes(f))).toEqual([]); // each exception still needed
  });

  it('git runs only inside src/git (the example agent is an agent: it runs its own git)', () => {
    const runsGit = /\b(?:execa|execFile|execFileSync|spawn|spawnSync|execaSync|runProcess|startChild)\(\s*'git'|simpleGit\(|from 'simple-git'|\bgit(?:Exec|Ok|Try)\(/;
    const outside = FILES.filter((f) => !f.startsWith('src/git/') && f !== 'src/demo/example-agent.ts').filter((f) => runsGit.test(TEXT.get(f)!));
    expect(outside).toEqual([]);
  });
});
