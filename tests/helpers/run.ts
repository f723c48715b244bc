// Helpers for runner tests: fixture agents, polling for conditions, reading task files, `ps` on groups.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { shellJoin } from '../../src/core/shell-quote.js';
import { readTrace } from '../../src/store/trace-read.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import type { TaskRecord } from '../../src/core/task.js';
import { afterAll } from 'vitest';
import { isProcessAlive } from '../../src/store/process-info.js';
import { ROOT, runJson } from './cli.js';

/** Task directories made by this test file: a test that fails half-way must not leave agents running. */
const tasks: string[] = [];
afterAll(() => {
  for (const dir of tasks.splice(0)) {
    try {
      const { supervisor, agent } = readRecord(dir).processes;
      if (supervisor && isProcessAlive(supervisor)) process.kill(supervisor.pid, 'SIGKILL');
      if (agent && isProcessAlive(agent)) process.kill(-agent.pid, 'SIGKILL');
    } catch {
      // finished, or already gone
    }
  }
});

export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'agents');

/** A shell command line running fixture agent `name` with `args` (every word quoted). */
export function fixture(name: string, ...args: string[]): string {
  return shellJoin(['bash', path.join(FIXTURES, name), ...args]);
}

/** Poll `check` until it returns a truthy value (returned), or fail after the deadline saying `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function readRecord(taskDir: string): TaskRecord {
  return JSON.parse(readFileSync(path.join(taskDir, 'task.json'), 'utf8')) as TaskRecord;
}

export function traceEvents(taskDir: string): TraceEvent[] {
  const file = path.join(taskDir, 'trace.jsonl');
  return readTrace(file).events;
}

/** Wait until task.json records one of `states` with no process left, and return it. */
export async function waitSettled(taskDir: string, states: string[] = ['done', 'failed', 'stopped'], timeoutMs?: number): Promise<TaskRecord> {
  return waitFor(
    `task ${path.basename(taskDir)} to be ${states.join('/')}`,
    () => {
      const r = readRecord(taskDir);
      return states.includes(r.state) && !r.processes.supervisor ? r : null;
    },
    timeoutMs,
  );
}

/** Live (non-zombie) processes of process group `pgid`, as `ps` lists them. */
export function psGroup(pgid: number): string[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && Number(f[1]) === pgid && !f[2]!.startsWith('Z'))
    .map((f) => f.join(' '));
}

/** True when `ps` shows process `pid` alive (not a zombie). */
export function psAlive(pid: number): boolean {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,stat='], { encoding: 'utf8' });
  return out.split('\n').some((l) => {
    const [p, s] = l.trim().split(/\s+/);
    return Number(p) === pid && !s!.startsWith('Z');
  });
}

/** Kill what is left of this task's processes after the test file (for tasks made other than by newTask). */
export function trackTask(taskDir: string): void {
  tasks.push(taskDir);
}

/** Make a task with `wtagents new … --json` and return its record. */
export function newTask(repo: string, args: string[], env?: NodeJS.ProcessEnv): TaskRecord {
  const t = runJson<TaskRecord>(['new', ...args], { cwd: repo, ...(env ? { env } : {}) });
  tasks.push(t.taskDir);
  return t;
}
