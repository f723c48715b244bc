// Whether a recorded process is still the one we started: pid alive and the same start time.
import { readFileSync } from 'node:fs';
import type { ProcessRef } from '../core/task.js';

/** True when a process with this pid exists and is not a zombie (exited, waiting to be reaped). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

let bootTimeMs: number | null | undefined;
function bootTime(): number | null {
  if (bootTimeMs !== undefined) return bootTimeMs;
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('btime '));
    bootTimeMs = line ? Number(line.slice(6)) * 1000 : null;
  } catch {
    bootTimeMs = null;
  }
  return bootTimeMs;
}

const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux architecture Node supports.

/** When the process started (ms since epoch), from /proc; null where /proc is not available. */
export function processStartTime(pid: number): number | null {
  const boot = bootTime();
  if (boot === null) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]); // field 22 of stat: starttime, in clock ticks after boot
    return Number.isFinite(ticks) ? boot + (ticks * 1000) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

/** A ProcessRef for a process that is running now. */
export function processRef(pid: number): ProcessRef {
  const started = processStartTime(pid);
  return { pid, startedAt: new Date(started ?? Date.now()).toISOString() };
}

/** True when `ref` names a live process that started when recorded (a reused pid does not count). */
export function isProcessAlive(ref: ProcessRef): boolean {
  if (!isPidAlive(ref.pid)) return false;
  const started = processStartTime(ref.pid);
  if (started === null) return true;
  // /proc start times have 10 ms ticks and btime whole seconds: allow a small tolerance.
  return Math.abs(started - Date.parse(ref.startedAt)) < 3000;
}
