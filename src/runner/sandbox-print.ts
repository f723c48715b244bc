// The sandbox as `run --print` shows it: the layout a run would get (from the task's real paths), or why
// the run would not be sandboxed.
import os from 'node:os';
import path from 'node:path';
import { describeLayout, sandboxText } from '../core/sandbox-mounts.js';
import { loadConfig } from '../store/config-file.js';
import type { PreparedRun } from './start.js';
import { taskLayout } from './sandbox.js';

export interface PrintedSandbox {
  text: string;
  json: { kind: 'bwrap'; writable: string[]; hidden: string[] } | { kind: 'none'; reason: string };
}

export async function printedSandbox(run: PreparedRun): Promise<PrintedSandbox> {
  const choice = run.sandbox;
  if (choice.kind === 'none') return { text: sandboxText(choice), json: { kind: 'none', reason: `not sandboxed: ${choice.reason}` } };
  const scratch = path.join(os.tmpdir(), 'wtagents-run-XXXXXX');
  const config = loadConfig(run.task.repo);
  const env = { ...process.env, ...Object.assign({}, ...run.plans.map((p) => p.env)) } as NodeJS.ProcessEnv;
  const layout = await taskLayout({
    task: run.task,
    scratch,
    gitConfig: path.join(scratch, 'gitconfig'),
    env,
    argvPaths: run.plans.flatMap((p) => p.argv),
    ...(config.worktreeDir ? { worktreeDir: config.worktreeDir } : {}),
  });
  const full = { ...layout, ...(choice.root ? { root: choice.root } : {}) };
  return { text: sandboxText({ kind: 'bwrap', layout: full }), json: { kind: 'bwrap', ...describeLayout(full), ...(choice.root ? { root: choice.root } : {}) } };
}
