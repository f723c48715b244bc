// Slots: may a run start now, and on which runner? The repository's `maxParallel`, a runner's own
// `maxParallel` (runs of this repository's tasks on it: running, or interrupted while its host is lost), and
// for `--on pool:NAME` the pool's host with the most free slots — unreachable hosts skipped (asked in
// parallel, 5 s to connect), ties broken by the lower 1-minute load. Called under the queue lock.
import type { Config } from '../core/config.js';
import type { TaskRecord } from '../core/task.js';
import { listTasks, runnerLostButFollowed } from '../store/tasks.js';
import { poolOf } from './ssh/runner-choice.js';
import { hostStatus } from './ssh/ssh-runner.js';

export type SlotAnswer = { start: true; runner?: string } | { start: false; why: string };

/** Runs of the repository's tasks (but `except`) on runner `name` now. */
export function runnerUse(repo: string, name: string, except?: string): number {
  return listTasks(repo).filter((t) => t.record.id !== except && t.record.runner === name && (t.state === 'running' || runnerLostButFollowed(t.record))).length;
}

/** Whether `task` may start now (the repository's limit is the caller's) and, for a pool, on which host. */
export async function runnerSlot(task: TaskRecord, config: Config): Promise<SlotAnswer> {
  const pool = poolOf(task.runner);
  if (pool === null) {
    const name = task.runner;
    const max = name !== undefined ? config.runners[name]?.maxParallel : undefined;
    if (name === undefined || max === undefined) return { start: true };
    const used = runnerUse(task.repo, name, task.id);
    return used < max ? { start: true } : { start: false, why: `waiting for a free slot on runner ${name} (maxParallel ${max}, ${used} running)` };
  }
  const members = Object.entries(config.runners).filter(([, r]) => r.pool === pool);
  const free = members
    .map(([name, r]) => ({ name, r, free: r.maxParallel === undefined ? Infinity : r.maxParallel - runnerUse(task.repo, name, task.id) }))
    .filter((m) => m.free > 0);
  const asked = await Promise.all(free.map(async (m) => ({ ...m, status: await hostStatus(m.r) })));
  const up = asked.flatMap((m) => (m.status.reachable ? [{ ...m, load: m.status.load }] : []));
  up.sort((a, b) => b.free - a.free || a.load - b.load);
  if (up[0]) return { start: true, runner: up[0].name };
  const full = members.filter(([name]) => !free.some((m) => m.name === name)).map(([name, r]) => `${name} ${r.maxParallel}/${r.maxParallel}`);
  const down = asked.filter((m) => !m.status.reachable).map((m) => `${m.name} unreachable`);
  return { start: false, why: `waiting for a free slot in pool ${pool} (${[...full, ...down].join(', ') || 'no hosts'})` };
}
