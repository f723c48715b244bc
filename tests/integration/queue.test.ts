// The run queue (config maxParallel): extra runs wait `queued` on disk, start FIFO when a slot frees (the
// finishing supervisor starts the next: no CLI or TUI is alive), `stop` dequeues; never more than N at once.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { runCli, runJson } from '../helpers/cli.js';
import { makeRepo, writeFiles } from '../helpers/repo.js';
import { newTask, readRecord, traceEvents, waitFor, waitSettled } from '../helpers/run.js';

/** An agent that waits for a `go` file in its worktree, then commits: the test decides when each run ends. */
const GATED = 'while [ ! -e go ]; do sleep 0.05; done; rm go; echo "$WTAGENTS_TASK" > f.txt; git add f.txt; git commit -qm agent; echo finished';

interface Listed {
  id: string;
  state: string;
  queuePosition?: number;
}

/** [start, end) of each run from the trace: `task.state running` (written before the launch) to its end state. */
function runIntervals(events: TraceEvent[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let start: string | null = null;
  for (const e of events) {
    if (e.type !== 'task.state') continue;
    if (e.state === 'running') start = e.ts;
    else if (start !== null && ['done', 'failed', 'stopped', 'interrupted'].includes(e.state)) {
      out.push([start, e.ts]);
      start = null;
    }
  }
  return out;
}

/** The most intervals open at once (an end at the same instant as a start closes first). */
function maxOverlap(intervals: Array<[string, string]>): number {
  const points = intervals.flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]).sort((x, y) => x[0].localeCompare(y[0]) || x[1] - y[1]);
  let open = 0;
  let max = 0;
  for (const [, d] of points) max = Math.max(max, (open += d));
  return max;
}

describe('the run queue', () => {
  it('with maxParallel 2, five runs never overlap more than two, start FIFO, stop dequeues, and all the others finish', async () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ maxParallel: 2 }) });
    const tasks = [1, 2, 3, 4, 5].map((n) => newTask(repo, [`Queued task ${n}`, '--agent-command', GATED, '--run']));
    const list = () => runJson<Listed[]>(['list'], { cwd: repo });
    const states = list().map((t) => [t.id, t.state, t.queuePosition ?? null]);
    expect(states).toEqual([
      [tasks[0]!.id, 'running', null],
      [tasks[1]!.id, 'running', null],
      [tasks[2]!.id, 'queued', 1],
      [tasks[3]!.id, 'queued', 2],
      [tasks[4]!.id, 'queued', 3],
    ]);
    expect(runCli(['list'], { cwd: repo }).stdout).toContain('queued #3');
    expect(traceEvents(tasks[2]!.taskDir).at(-1)).toMatchObject({ type: 'task.state', state: 'queued', reason: 'waiting for a free slot (maxParallel 2, 2 running)' });
    // run on a queued task is refused; stop takes it out of the queue.
    expect(runCli(['run', tasks[3]!.id], { cwd: repo }).stderr).toContain('is queued: it starts when a slot frees');
    const stop = runCli(['stop', tasks[3]!.id], { cwd: repo });
    expect(stop.stdout).toContain('was queued: taken out of the queue (stopped), nothing ran');
    expect(list().map((t) => t.queuePosition ?? null)).toEqual([null, null, 1, null, 2]);

    // Let every agent go: from here no CLI starts anything, the finishing supervisors start the queue.
    for (const t of tasks) writeFileSync(path.join(t.worktree, 'go'), '');
    for (const t of [tasks[0]!, tasks[1]!, tasks[2]!, tasks[4]!]) {
      // A queued task's worktree gets its `go` before it starts: it runs through.
      await waitFor(`${t.id} to finish`, () => {
        const r = readRecord(t.taskDir);
        return r.state === 'done' && !r.processes.supervisor;
      }, 180_000);
    }
    expect(readRecord(tasks[3]!.taskDir).state).toBe('stopped');
    const all = tasks.flatMap((t) => runIntervals(traceEvents(t.taskDir)));
    expect(all).toHaveLength(4);
    expect(maxOverlap(all)).toBeLessThanOrEqual(2);
    // FIFO: task 3 started before task 5, and each queued one only after a run before it had ended.
    const started = (i: number) => runIntervals(traceEvents(tasks[i]!.taskDir))[0]![0];
    expect(started(2) <= started(4)).toBe(true);
    expect(traceEvents(tasks[4]!.taskDir).filter((e) => e.type === 'task.state').map((e) => (e as { state: string }).state)).toEqual(['ready', 'queued', 'running', 'done']);
  }, 180_000);

  it('a request-changes round can be queued too, and keeps its packet and round', async () => {
    const repo = makeRepo();
    writeFiles(repo, { '.wtagents/config.json': JSON.stringify({ maxParallel: 1 }) });
    const a = newTask(repo, ['First', '--agent-command', GATED, '--run']);
    const b = newTask(repo, ['Second', '--agent-command', 'echo "round $WTAGENTS_ROUND"; cat > /dev/null']);
    expect(runCli(['run', b.id], { cwd: repo }).stdout).toContain(`Queued task ${b.id} (round 1, position 1 in the queue)`);
    expect(runCli(['stop', b.id], { cwd: repo }).code).toBe(0);
    const r = runCli(['run', b.id, '--feedback', 'More please'], { cwd: repo });
    expect(r.stdout).toContain(`Queued task ${b.id} (round 2, position 1 in the queue)`);
    expect(readRecord(b.taskDir)).toMatchObject({ state: 'queued', round: 2, queue: { changesRequested: true } });
    writeFileSync(path.join(a.worktree, 'go'), '');
    const done = await waitSettled(b.taskDir, ['done'], 120_000);
    expect(done.round).toBe(2);
    const started = traceEvents(b.taskDir).filter((e) => e.type === 'task.state' && e.state === 'running');
    expect(started.at(-1)).toMatchObject({ round: 2, reason: 'round 2: changes requested (from the queue)' });
    expect(traceEvents(b.taskDir).filter((e) => e.type === 'agent.output').map((e) => (e as { text: string }).text)).toContain('round 2');
  }, 180_000);
});
