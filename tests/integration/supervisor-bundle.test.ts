// The lean supervisor: dist/supervisor.js (from its build's metafile, built in memory with the options that
// make it) loads no React, Ink, components, command line (commander, src/commands), review engine, demo,
// TUI services, execa or zod (src/core/lean-zod.ts instead), and a local run no node:crypto; and `run`
// really launches it (its command line, read from /proc, names supervisor.js and --jitless).
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { supervisorOptions } from '../../scripts/bundle.mjs';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

const NOT_IN_SUPERVISOR: Array<[RegExp, string]> = [
  [/^node_modules\/(react|react-reconciler|scheduler)\//, 'React'],
  [/^node_modules\/ink[^/]*\//, 'Ink'],
  [/^node_modules\/commander\//, 'the command line parser'],
  [/^components\//, 'the TUI'],
  [/^src\/commands\//, 'the commands'],
  [/^src\/cli\.ts$/, 'the CLI'],
  [/^src\/review\//, 'the review engine'],
  [/^src\/demo\//, 'the demo'],
  [/^src\/app\//, 'the TUI services'],
  [/^node_modules\/execa\//, 'execa (node:child_process starts its children)'],
  [/^node_modules\/zod\//, 'zod (src/core/lean-zod.ts stands in for it)'],
];

let meta: Metafile;
beforeAll(async () => {
  meta = (await build({ ...supervisorOptions(), metafile: true })).metafile!;
}, 180_000);

/**
 * Every output file that evaluating `entry` can load: its static and dynamic imports, transitively. `always`:
 * only what every run loads (static imports, and the entry's own dynamic import of the supervisor).
 */
function loadableOutputs(entry: string, always = false): string[] {
  const seen = new Set<string>();
  const visit = (o: string) => {
    if (seen.has(o) || !meta.outputs[o]) return;
    seen.add(o);
    for (const i of meta.outputs[o]!.imports) if (!always || o === entry || i.kind !== 'dynamic-import') visit(i.path);
  };
  visit(entry);
  return [...seen];
}

/** Every input that evaluating `entry` can load. */
function loadable(entry: string): string[] {
  return loadableOutputs(entry).flatMap((o) => Object.keys(meta.outputs[o]!.inputs));
}

describe('lean supervisor', () => {
  it('dist/supervisor.js can load nothing of the TUI, the command line or the review', () => {
    const inputs = loadable('dist/supervisor.js');
    expect(inputs).toContain('src/runner/supervisor.ts');
    expect(inputs).toContain('src/core/lean-zod.ts');
    const found = inputs.flatMap((i) => NOT_IN_SUPERVISOR.filter(([re]) => re.test(i)).map(([, what]) => `${i} (${what})`));
    expect(found).toEqual([]);
  });

  it('a local run loads no node:crypto (OpenSSL costs each supervisor ~4 MB of RSS)', () => {
    const outputs = loadableOutputs('dist/supervisor.js', true);
    expect(outputs.flatMap((o) => Object.keys(meta.outputs[o]!.inputs))).toContain('src/runner/supervisor.ts');
    const externals = outputs.flatMap((o) => meta.outputs[o]!.imports.filter((i) => i.external).map((i) => i.path));
    expect(externals).toContain('node:fs');
    expect(externals.filter((e) => /^(node:)?crypto$/.test(e))).toEqual([]);
  });

  it('run launches dist/supervisor.js, not the whole CLI', async () => {
    const repo = makeRepo();
    const task = JSON.parse(runCli(['new', '--task', 'Wait a while', '--agent-command', 'sleep 30', '--json'], { cwd: repo }).stdout);
    runCli(['run', task.id], { cwd: repo });
    const pid = JSON.parse(readFileSync(path.join(task.taskDir, 'task.json'), 'utf8')).processes.supervisor.pid as number;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    runCli(['stop', task.id], { cwd: repo });
    expect(argv.some((a) => a.endsWith(`${path.sep}supervisor.js`))).toBe(true);
    expect(argv).not.toContain('__supervise');
    expect(argv).toContain('--jitless'); // V8 without its compilers: ~10 MB less RSS per running task
  }, 180_000);
});
