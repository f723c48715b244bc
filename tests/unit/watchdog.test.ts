// The watchdog on real process groups: silence trips the idle limit, a step past its hard limit trips even
// while it prints, a caller's own trip (budgets) wins once, and every trip leaves no process of the group.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { groupMembers } from '../../src/store/process-group.js';
import { minutesToMs, Watchdog, watchLimits, type WatchdogTrip } from '../../src/runner/watchdog.js';
import { psAlive, waitFor } from '../helpers/run.js';

const started: ChildProcess[] = [];
afterAll(() => {
  for (const c of started) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

/** A shell script in its own process group; `out` collects its stdout. */
function group(script: string): { child: ChildProcess; out: () => string } {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  started.push(child);
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  return { child, out: () => text };
}

/** A silent agent with a child of its own (its pid printed first). */
const SILENT = 'sleep 600 & echo "child $!"; sleep 600';

async function childPid(out: () => string): Promise<number> {
  return Number(await waitFor('the child pid', () => /child (\d+)/.exec(out())?.[1]));
}

describe('watchdog', () => {
  it('stops a silent agent after the idle limit: whole group gone, the trip traced once with the config key', async () => {
    const { child, out } = group(SILENT);
    const grandchild = await childPid(out);
    const trips: WatchdogTrip[] = [];
    const dog = new Watchdog(child.pid!, { idleMs: 200 }, { graceMs: 2000, onTrip: (t) => trips.push(t) });
    await waitFor('the trip', () => dog.tripped);
    await dog.settled();
    expect(groupMembers(child.pid!)).toEqual([]);
    expect(psAlive(grandchild)).toBe(false);
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ limit: 'agentIdleTimeoutMinutes', max: 200 / 60_000 });
    expect(trips[0]!.reason).toMatch(/^no output for .* \(agentIdleTimeoutMinutes 0\.003\): agent stopped$/);
  });

  it('an agent that keeps printing is not idle, but the hard step limit stops it', async () => {
    const { child, out } = group('while true; do echo tick; sleep 0.05; done');
    const dog = new Watchdog(child.pid!, { idleMs: 60_000, stepMs: 400 }, { graceMs: 2000 });
    child.stdout!.on('data', () => dog.activity());
    await waitFor('the trip', () => dog.tripped);
    await dog.settled();
    expect(out()).toContain('tick');
    expect(dog.tripped).toMatchObject({ limit: 'budget.stepTimeoutMinutes', reason: expect.stringMatching(/past its limit \(budget\.stepTimeoutMinutes 0\.007\)/) });
    expect(groupMembers(child.pid!)).toEqual([]);
  });

  it('activity keeps a quiet agent alive: no trip while someone reports progress', async () => {
    const { child } = group(SILENT);
    const dog = new Watchdog(child.pid!, { idleMs: 1500 }, { graceMs: 2000 });
    // Progress for a while (a count of short beats, far apart from the limit), then silence trips it.
    for (let i = 0; i < 10; i++) {
      dog.activity();
      expect(dog.tripped).toBeNull();
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor('the trip once progress stops', () => dog.tripped);
    await dog.settled();
    expect(groupMembers(child.pid!)).toEqual([]);
  });

  it("a caller's own trip (a cost budget) stops the group; the first trip wins, later ones and timers do nothing", async () => {
    const { child } = group(SILENT);
    const trips: WatchdogTrip[] = [];
    const dog = new Watchdog(child.pid!, { idleMs: 100 }, { graceMs: 2000, onTrip: (t) => trips.push(t) });
    expect(dog.trip({ limit: 'budget.maxCostUsd', reason: 'cost $0.52 past budget.maxCostUsd 0.50', figure: 0.52, max: 0.5 })).toBe(true);
    expect(dog.trip({ limit: 'budget.maxTokens', reason: 'later', figure: 2, max: 1 })).toBe(false);
    await dog.settled();
    expect(groupMembers(child.pid!)).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(trips.map((t) => t.limit)).toEqual(['budget.maxCostUsd']);
  });

  it('SIGKILLs a group that ignores SIGTERM after the grace period', async () => {
    const { child, out } = group(`trap '' TERM; ${SILENT}`);
    await childPid(out);
    const dog = new Watchdog(child.pid!, { idleMs: 50 }, { graceMs: 300 });
    await waitFor('the trip', () => dog.tripped);
    await dog.settled();
    expect(groupMembers(child.pid!)).toEqual([]);
    const exit = await new Promise<NodeJS.Signals | null>((r) => (child.exitCode !== null || child.signalCode !== null ? r(child.signalCode) : child.once('exit', (_c, s) => r(s))));
    expect(exit).toBe('SIGKILL');
  });

  it('after dispose (the agent exited) nothing trips; no limits means no timers', async () => {
    const { child } = group(SILENT);
    const dog = new Watchdog(child.pid!, { idleMs: 50, stepMs: 50 }, { graceMs: 2000 });
    dog.dispose();
    const none = new Watchdog(child.pid!, {}, { graceMs: 2000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(dog.tripped).toBeNull();
    expect(none.tripped).toBeNull();
    expect(dog.trip({ limit: 'x', reason: 'y', figure: 2, max: 1 })).toBe(false);
    expect(groupMembers(child.pid!).length).toBeGreaterThan(0);
    process.kill(-child.pid!, 'SIGKILL');
  });

  it('reads its limits from config: idle default on, 0 off, the step limit only when set', () => {
    expect(watchLimits({ agentIdleTimeoutMinutes: 10 })).toEqual({ idleMs: 600_000, stepMs: undefined });
    expect(watchLimits({ agentIdleTimeoutMinutes: 0, budget: { stepTimeoutMinutes: 0.5 } })).toEqual({ idleMs: undefined, stepMs: 30_000 });
    expect(minutesToMs(Number.NaN)).toBeUndefined();
  });
});
