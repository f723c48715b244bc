// What start-up loads. From the bundle's metafile (built in memory with the options that made dist/): `--version`
// and `--help` load the command line and nothing else, and the dashboard's first frame loads no git
// library, runner, review engine or demo (each command loads its engine when it runs). At run time: the modules
// a real `--version`, a real `list` and a real dashboard (in tmux, up to its first frame) import.
import { build, type Metafile } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREEN_LOADS, screenOptions, supervisorOptions, wtagentsOptions } from '../../scripts/bundle.mjs';
import { ROOT, runCli } from '../helpers/cli.js';
import { makeRepo, tempDir } from '../helpers/repo.js';
import { cliTask } from '../helpers/tasks.js';
import { cliCommand, TmuxSession } from '../helpers/tmux.js';

const RECORDER = path.join(ROOT, 'tests/fixtures/load-recorder.mjs');

/** What the first frame must not load: input paths (relative to the project) and what they are. */
const ENGINE: Array<[RegExp, string]> = [
  [/^src\/git\/(?!(find-repo|change-stamp)\.ts$)/, 'git (beyond reading the repository\'s files: finding it, stamping worktrees)'],
  // The agent catalogue (presets, config agents, PATH lookup) is data the new-task form reads synchronously.
  [/^src\/runner\/(?!(agents|presets|agent-resolve|which|types)\.ts$)/, 'the runner and its adapters'],
  // The review screen's text helpers and its error class are view code; the engine is the rest.
  [/^src\/review\/(?!(paths|leftovers-error|evidence-view|evidence-rows|screen-text)\.ts$)/, 'the review engine'],
  [/^src\/demo\//, 'the demo'],
  [/^src\/store\/create-task\.ts$/, 'task creation'],
];

let meta: Metafile;
/** dist/supervisor.js's own build (scripts/bundle.mjs). */
let supervisorMeta: Metafile;
/** The screens' own build (dist/chunks/ui-*: `wtagents` alone and `review ID` from src/bin.ts). */
let screenMeta: Metafile;
/** Output paths as the metafile names them (relative to the project), by chunk base name. */
let outputs: Map<string, string>;

beforeAll(async () => {
  const metafile = async (o: ReturnType<typeof wtagentsOptions>): Promise<Metafile> => (await build({ ...o, metafile: true })).metafile!;
  [meta, screenMeta, supervisorMeta] = await Promise.all([metafile(wtagentsOptions()), metafile(screenOptions()), metafile(supervisorOptions())]);
  outputs = new Map([...Object.keys(meta.outputs), ...Object.keys(screenMeta.outputs)].map((o) => [path.basename(o), o]));
}, 180_000);

/** An output of either build that src/bin.ts's processes load (the command line's, the screens'). */
const outputOf = (o: string) => meta.outputs[o] ?? screenMeta.outputs[o];

/** The output files a set of outputs imports statically, transitively (what loading them evaluates). */
function closure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (o: string) => {
    if (seen.has(o) || !outputOf(o)) return;
    seen.add(o);
    for (const i of outputOf(o)!.imports) if (i.kind === 'import-statement') visit(i.path);
  };
  roots.forEach(visit);
  return seen;
}

const inputsOf = (chunks: Iterable<string>) => [...chunks].flatMap((o) => Object.keys(outputOf(o)!.inputs));
const chunk = (prefix: string) => [...outputs.values()].find((o) => path.basename(o).startsWith(`${prefix}-`) && /-[A-Z0-9]{8}\.js$/.test(o))!;
/** `--version`, `--help` and every command: the entry, which imports the command line at once. */
const commandLine = () => closure(['dist/wtagents.js', chunk('cli')]);
/**
 * The dashboard's first frame (`wtagents` alone, src/bin.ts): the screens' build (the dashboard's opening and error
 * words), not the command line, then its TUI module (their own dynamic imports come after).
 */
const firstFrame = () => closure(['dist/wtagents.js', 'dist/chunks/ui-screen.js', chunk('ui-main')]);

function engineIn(inputs: string[]): string[] {
  return inputs.flatMap((i) => ENGINE.filter(([re]) => re.test(i)).map(([, what]) => `${i} (${what})`));
}

/** The dist/ files a recorded run loaded, relative to the project like the metafile's outputs. */
function loadedChunks(file: string): string[] {
  const urls = JSON.parse(readFileSync(file, 'utf8')) as string[];
  return urls.filter((u) => u.startsWith('file:')).map((u) => path.relative(ROOT, fileURLToPath(u))).filter((p) => p.startsWith('dist/'));
}

describe('the bundle', () => {
  it('on disk is the one these options make (the analysis below is about dist/)', () => {
    // dist/supervisor.js and its chunks/sv-*, and the screens' chunks/ui-*, come from builds of their own (scripts/bundle.mjs).
    const built = [...outputs.keys(), ...Object.keys(supervisorMeta.outputs).map((o) => path.basename(o))].sort();
    expect(readdirSync(path.join(ROOT, 'dist', 'chunks')).concat('wtagents.js', 'supervisor.js').sort()).toEqual(built);
  });

  it('holds no zod: every build of dist/ has src/core/lean-zod.ts in its place', () => {
    for (const m of [meta, screenMeta, supervisorMeta]) {
      const inputs = Object.values(m.outputs).flatMap((o) => Object.keys(o.inputs));
      expect(inputs.filter((i) => /(^|\/)node_modules\/zod\//.test(i))).toEqual([]);
      expect(inputs).toContain('src/core/lean-zod.ts');
      expect(inputs).toContain('src/core/task.ts'); // a schema module is in the build, built with lean-zod
    }
  });

  it('--version and --help evaluate the command line only: commander and the command definitions', () => {
    const inputs = inputsOf(commandLine());
    expect(inputs.filter((i) => i.startsWith('node_modules/') && !i.startsWith('node_modules/commander/'))).toEqual([]);
    expect(engineIn(inputs)).toEqual([]);
    expect(inputs).toContain('src/commands/review.ts');
    expect(inputs).not.toContain('src/core/task.ts'); // no schema either
  });

  it("the dashboard's first frame evaluates no git layer, runner, review engine or demo", () => {
    const inputs = inputsOf(firstFrame());
    expect(engineIn(inputs)).toEqual([]);
    expect(inputs).toContain('src/store/tasks.ts');
    expect(inputs.some((i) => i.startsWith('node_modules/ink/'))).toBe(true);
    // Each pattern names something the bundle holds (a rename cannot make this test pass by itself) ...
    const all = [meta, screenMeta].flatMap((m) => Object.values(m.outputs)).flatMap((o) => Object.keys(o.inputs));
    for (const [re, what] of ENGINE) expect(all.some((i) => re.test(i)), what).toBe(true);
    // ... and loads lazily: services.ts's engine module and the commands reach it.
    expect(engineIn(inputsOf(closure([chunk('ui-engine')]))).length).toBeGreaterThan(0);
  });

  it('src/bin.ts takes the screens and the review fast paths from the screens\' build, and nothing of it statically', () => {
    const bin = meta.outputs['dist/wtagents.js']!;
    const dynamic = [...new Set(bin.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path))].sort();
    expect(dynamic).toEqual([chunk('cli'), './chunks/ui-review-diff.js', './chunks/ui-screen.js'].sort());
    expect(bin.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)).toEqual(['node:module']);
    // the screens' build holds neither the command line nor commander: a process loads one build or the other
    const screenInputs = Object.values(screenMeta.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(screenInputs.filter((i) => i === 'src/cli.ts' || i.startsWith('node_modules/commander/'))).toEqual([]);
    expect(screenInputs).toContain('components/main.tsx');
  });

  it("the screens' build keeps of src/app/load.ts what its modules call, and that table is not split into every lazy import", () => {
    const screenInputs = [...new Set(Object.values(screenMeta.outputs).flatMap((o) => Object.keys(o.inputs)))].filter((i) => /^(src|components)\//.test(i));
    const called = new Set(screenInputs.flatMap((i) => [...readFileSync(path.join(ROOT, i), 'utf8').matchAll(/\bload\.(\w+)\(/g)].map((m) => m[1]!)));
    expect([...called].sort()).toEqual([...SCREEN_LOADS].sort());
    // the table's other lazy imports are not in this build, so its files are few
    expect(screenInputs).not.toContain('src/review/doctor.ts'); // (load.reviewDoctor: `wtagents doctor` only)
    expect(screenInputs).not.toContain('src/runner/describe-plans.ts'); // (load.runnerDescribePlans: `run --print`)
    expect(Object.keys(screenMeta.outputs).filter((o) => o.endsWith('.js')).length).toBeLessThan(60);
  });
});

describe('a real start', () => {
  let sessions: TmuxSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
  });

  const recorded = (args: string[], cwd: string) => {
    const file = path.join(tempDir(), 'loaded.json');
    const r = runCli(args, { cwd, env: { WT_LOADED: file, NODE_OPTIONS: `--import=${RECORDER}` } });
    expect(r.code, r.stderr).toBe(0);
    return loadedChunks(file);
  };

  it('--version imports the command line chunks and nothing else; list imports no TUI', () => {
    const repo = makeRepo();
    const version = recorded(['--version'], repo);
    expect(version).toContain(chunk('cli'));
    expect(version.filter((c) => !commandLine().has(c))).toEqual([]);
    const list = recorded(['list'], repo);
    expect(list).not.toContain(chunk('main'));
    expect(list.filter((c) => path.basename(c).startsWith('ui-'))).toEqual([]); // nor the screens' build
    expect(engineIn(inputsOf(list)).filter((i) => /execa|runner|review|demo/.test(i))).toEqual([]);
  });

  it('the dashboard has imported nothing beyond its first-frame chunks when that frame is written', async () => {
    const repo = makeRepo();
    cliTask(repo, 'Fix the login redirect loop');
    const file = path.join(tempDir(), 'loaded.json');
    const s = new TmuxSession({ cwd: repo, width: 100, height: 24, command: `${cliCommand()}; sleep 600`, env: { WT_LOADED: file, WT_LOADED_AT: 'q quit', NODE_OPTIONS: `--import=${RECORDER}` } });
    sessions.push(s);
    await s.waitFor('Fix the login redirect loop');
    const deadline = Date.now() + 15_000;
    while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const loaded = loadedChunks(file);
    expect(loaded).toContain(chunk('ui-main'));
    // Ink's layout engine took its inline WebAssembly without fetch() (which loads Node's HTTP client: src/bin.ts)
    expect((JSON.parse(readFileSync(file, 'utf8')) as string[]).filter((u) => u.startsWith('fetch:'))).toEqual([]);
    expect(loaded.filter((c) => !firstFrame().has(c))).toEqual([]);
    expect(loaded).not.toContain(chunk('cli')); // no commander, no subcommand definitions
    expect(inputsOf(firstFrame()).filter((i) => i.startsWith('node_modules/commander/'))).toEqual([]);
  });
});
