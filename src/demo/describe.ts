// What `wtagents demo` prints: the sandbox it made, the tasks it started, and the commands to look at them.
import { realpathSync } from 'node:fs';
import { shellJoin } from '../core/shell-quote.js';
import { which } from '../runner/which.js';
import { DEMO_CHECK, EXAMPLE_AGENT, EXAMPLE_DESCRIPTION, type Demo } from './prepare.js';

/** What was made and how to look at it. */
export function describeDemo(demo: Demo, cli: readonly string[]): string {
  const run = (...args: string[]) => shellJoin([...cli, ...args]);
  const width = Math.max(...demo.tasks.map((t) => t.record.id.length));
  const repo = ['--repo', demo.repo];
  const [first] = demo.tasks;
  const look: Array<[string, string]> = [
    ['the dashboard (TUI)', run(...repo)],
    ['the tasks and their states', run('list', ...repo)],
    ...(first ? [["one task's trace, live", run('logs', first.record.id, '--follow', ...repo)] as [string, string]] : []),
  ];
  const labelWidth = Math.max(...look.map(([label]) => label.length)) + 1;
  return [
    `Demo sandbox: ${demo.repo}`,
    `  a tiny project ("tinycalc") with a test suite (${DEMO_CHECK}), in its own git repository; nothing else is touched.`,
    '',
    `Started ${demo.tasks.length} tasks in the background with the agent "${EXAMPLE_AGENT}": the ${EXAMPLE_DESCRIPTION}.`,
    '  It really edits files, runs the tests and commits, in each task\'s own worktree, for about ten seconds.',
    ...demo.tasks.map((t) => `  ${t.record.id.padEnd(width)}  ${t.expect}`),
    '',
    'Look:',
    ...look.map(([label, cmd]) => `  ${`${label}:`.padEnd(labelWidth)}  ${cmd}`),
  ].join('\n');
}

/**
 * How the user runs this CLI from a shell: `wtagents` when that is this one on PATH; from `npm run demo`
 * in the project, its `wtagents` script; else node and the bundle.
 */
export function cliWords(entry: string): string[] {
  const same = (a: string | null, b: string) => a !== null && real(a) === real(b);
  if (same(which('wtagents'), entry)) return ['wtagents'];
  if (process.env.npm_lifecycle_event === 'demo' && process.env.npm_package_name === 'wtagents') return ['npm', 'run', '--silent', 'wtagents', '--'];
  if (same(which('node'), process.execPath)) return ['node', entry];
  return [process.execPath, entry];
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
