// Config `hooks` (DESIGN §6): shell commands run on a task's events with WTAGENTS_* in their environment —
// onStateChange (old/new state), afterCreate, beforeMerge (a failure refuses the merge with its output),
// afterMerge. Waited-for hooks get `hookTimeoutSeconds`; onStateChange runs detached (it must not hold up the
// process that changed the state). Their output goes to the task's logs/hooks.log.
import { startChild } from '../proc/child.js';
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import type { TaskRecord } from '../core/task.js';
import { hashPort } from '../core/port.js';
import { taskPaths } from './layout.js';

export const HOOKS = ['onStateChange', 'afterCreate', 'beforeMerge', 'afterMerge'] as const;
export type HookName = (typeof HOOKS)[number];

export interface HookRun {
  cmd: string;
  code: number | null;
  /** The last lines of its combined output. */
  output: string;
  timedOut: boolean;
}

/** The environment every hook, setup step, agent and check of the task sees about it. */
export function taskEnv(task: TaskRecord): Record<string, string> {
  return {
    WTAGENTS_TASK: task.id,
    WTAGENTS_TITLE: task.title,
    WTAGENTS_BRANCH: task.branch,
    WTAGENTS_BASE: task.base,
    WTAGENTS_WORKTREE: task.worktree,
    WTAGENTS_REPO: task.repo,
    WTAGENTS_STATE: task.state,
    WTAGENTS_PORT: String(task.port ?? hashPort(task.id)),
  };
}

function commands(config: Config, hook: HookName): string[] {
  const v = config.hooks[hook];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function logFile(task: TaskRecord): string {
  const dir = taskPaths(task.taskDir).logs;
  mkdirSync(dir, { recursive: true });
  return path.join(dir, 'hooks.log');
}

function cwdOf(task: TaskRecord): string {
  try {
    return statSync(task.worktree).isDirectory() ? task.worktree : task.repo;
  } catch {
    return task.repo;
  }
}

/** Run `hook`'s commands one after another, waiting (timeout per command); stops at the first failure. */
export async function runHook(hook: HookName, config: Config, task: TaskRecord, extra: Record<string, string> = {}): Promise<HookRun | null> {
  const cmds = commands(config, hook);
  let last: HookRun | null = null;
  for (const cmd of cmds) {
    last = await runOne(hook, cmd, task, extra, config.hookTimeoutSeconds * 1000);
    if (last.code !== 0) return last;
  }
  return last;
}

function runOne(hook: HookName, cmd: string, task: TaskRecord, extra: Record<string, string>, timeoutMs: number): Promise<HookRun> {
  const log = logFile(task);
  appendFileSync(log, `\n[${new Date().toISOString()}] ${hook}: ${cmd}\n`);
  const child = startChild('/bin/sh', ['-c', cmd], { cwd: cwdOf(task), env: { ...process.env, ...taskEnv(task), WTAGENTS_HOOK: hook, ...extra }, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', detached: true });
  let out = '';
  const take = (d: Buffer) => {
    appendFileSync(log, d);
    out = (out + d.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.process?.kill('SIGKILL');
    }
  }, timeoutMs);
  return child.done.then((r) => {
    clearTimeout(timer);
    if (r.startError !== undefined) out += r.startError;
    const tail = out.trimEnd().split('\n').slice(-10).join('\n');
    return { cmd, code: r.startError !== undefined ? 127 : timedOut ? null : r.exitCode, output: tail, timedOut };
  });
}

/** Start `hook` without waiting (its own session, output to logs/hooks.log): for onStateChange. */
export function fireHook(hook: HookName, config: Config, task: TaskRecord, extra: Record<string, string> = {}): void {
  const cmds = commands(config, hook);
  if (cmds.length === 0) return;
  const log = logFile(task);
  appendFileSync(log, `\n[${new Date().toISOString()}] ${hook} (${extra.WTAGENTS_OLD_STATE ?? '?'} → ${extra.WTAGENTS_NEW_STATE ?? '?'}): ${cmds.join(' && ')}\n`);
  const child = startChild('/bin/sh', ['-c', cmds.map((c) => `(${c})`).join(' && ')], {
    cwd: cwdOf(task),
    env: { ...process.env, ...taskEnv(task), WTAGENTS_HOOK: hook, ...extra },
    stdin: 'ignore',
    stdout: { file: log, append: true },
    stderr: { file: log, append: true },
    detached: true,
  });
  child.process?.unref();
}
