// Cross-process locks as lock files. The owner record (pid, process start time, a random token) is written
// to a temporary file and hard-linked into place, so a lock never exists half-written. A lock is stale when
// its owner is gone: pid dead, or alive with another start time (a reused pid); a lock that cannot be read
// is held until it is old. Stale locks are taken over one stealer at a time; release removes only our own.
// Waiting for a held lock never blocks the event loop: the screen keeps drawing and ctrl-c keeps working.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../core/errors.js';
import type { LockWait } from '../core/lock-wait.js';

export { lockWaitText, type LockWait } from '../core/lock-wait.js';
import { isPidAlive, processStartTime } from './process-info.js';
import { randomUuid } from './random-uuid.js';

export interface LockOptions {
  /** How long to wait for a held lock before giving up (0: fail at once). */
  timeoutMs?: number;
  /** What the error says is busy, e.g. "task fix-login". */
  what?: string;
  /** Give up waiting (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Told once the lock is found held, and again when its holder changes. */
  onWait?: (wait: LockWait) => void;
}

/** An unreadable lock file (a writer of another version mid-write, or damaged) counts as held this long. */
export const UNREADABLE_STALE_MS = 30_000;
/** The guard taken while removing a stale lock is held for microseconds: older than this, its owner died. */
const GUARD_STALE_MS = 10_000;
/** Start times from /proc are exact to the 10 ms tick; allow a little more. */
const START_TOLERANCE_MS = 50;
/**
 * A lock whose owner record has no start time (an older version's, or written where /proc was missing) and
 * whose pid is alive cannot be told from a reused pid: past this age it is stale (it never blocks forever).
 */
export const NO_START_STALE_MS = 10 * 60_000;

interface Owner {
  pid: number;
  /** Process start time (ms since epoch) when known. */
  start: number | null;
  token: string | null;
}

let ownStart: number | null | undefined;
function ownerRecord(token: string): string {
  if (ownStart === undefined) ownStart = processStartTime(process.pid);
  return `${JSON.stringify({ pid: process.pid, start: ownStart, token })}\n`;
}

/** Create `file` holding our owner record, atomically; false when it exists. */
function tryCreate(file: string, token: string): boolean {
  const record = ownerRecord(token);
  const tmp = `${file}.${token}.tmp`;
  writeFileSync(tmp, record);
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return createExclusive(file, record);
    throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Where hard links are not supported: O_EXCL create, then write (an empty lock reads as held, not stale). */
function createExclusive(file: string, record: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, record);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock file's text, or null when there is none. */
function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The owner a lock file names: our JSON record, or an older version's "pid\ntime\n"; null when unreadable. */
function parseOwner(text: string): Owner | null {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (Number.isInteger(o.pid) && o.pid! > 0) return { pid: o.pid!, start: typeof o.start === 'number' ? o.start : null, token: typeof o.token === 'string' ? o.token : null };
  } catch {
    // not JSON: maybe the older format
  }
  const legacy = /^(\d+)\n\d+\n$/.exec(text);
  if (legacy && Number(legacy[1]) > 0) return { pid: Number(legacy[1]), start: null, token: null };
  return null;
}

function ownerGone(owner: Owner, file: string): boolean {
  if (!isPidAlive(owner.pid)) return true;
  const now = processStartTime(owner.pid);
  if (owner.start !== null) return now !== null && Math.abs(now - owner.start) > START_TOLERANCE_MS;
  // No start time recorded: a process that started after the lock was written cannot own it.
  const written = mtimeMs(file);
  if (now !== null && written !== null && now > written + 1000) return true;
  return ageMs(file) > NO_START_STALE_MS;
}

function mtimeMs(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Whether the lock whose file reads `text` is stale. */
function isStale(file: string, text: string, unreadableAfterMs: number): boolean {
  const owner = parseOwner(text);
  return owner === null ? ageMs(file) > unreadableAfterMs : ownerGone(owner, file);
}

/**
 * Remove the stale lock that read `seen`, unless it changed meanwhile; false when another stealer is at it.
 * Stealers take turns under a guard file, so one of them cannot remove the fresh lock another has just
 * made in place of the stale one.
 */
function removeStale(file: string, seen: string): boolean {
  const guard = `${file}.steal`;
  const token = randomUuid();
  if (!tryCreate(guard, token)) {
    const text = readText(guard);
    if (text !== null && (isStale(guard, text, GUARD_STALE_MS) || ageMs(guard) > GUARD_STALE_MS)) rmSync(guard, { force: true });
    return false;
  }
  try {
    if (readText(file) === seen) rmSync(file, { force: true });
    return true;
  } finally {
    releaseIfOurs(guard, token);
  }
}

function releaseIfOurs(file: string, token: string): void {
  const text = readText(file);
  if (text !== null && parseOwner(text)?.token === token) rmSync(file, { force: true });
}

/** One attempt, no waiting: our release function, or who holds the lock (pid null: unreadable). */
export function tryLock(file: string): { release: () => void } | { holder: LockWait['pid'] } {
  mkdirSync(path.dirname(file), { recursive: true });
  const token = randomUuid();
  for (;;) {
    if (tryCreate(file, token)) return { release: () => releaseIfOurs(file, token) };
    const text = readText(file);
    if (text === null) continue; // released meanwhile
    if (isStale(file, text, UNREADABLE_STALE_MS) && removeStale(file, text)) continue;
    return { holder: parseOwner(text)?.pid ?? null };
  }
}

/**
 * Take the lock at `file`, waiting up to timeoutMs without blocking the event loop (timers between tries);
 * `onWait` hears who holds it once the wait starts, `signal` gives up early. Resolves to the release
 * function (it removes only our lock).
 */
export async function acquireLock(file: string, { timeoutMs = 10_000, what = 'resource', signal, onWait }: LockOptions = {}): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  let told: number | null | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const got = tryLock(file);
    if ('release' in got) return got.release;
    if (Date.now() >= deadline) throw new UserError(`${what} is busy (${got.holder !== null ? `held by pid ${got.holder}` : 'locked by another wtagents process'}: ${file})${ownerHint(file)}`);
    if (onWait && told !== got.holder) onWait({ what, pid: (told = got.holder), file });
    await sleep(Math.min(wait, Math.max(1, deadline - Date.now())), undefined, signal ? { signal } : undefined);
    wait = Math.min(wait * 2, 50);
  }
}

export interface LockInfo {
  file: string;
  pid: number | null;
  /** The owner's recorded start time (ms), null when the record has none. */
  start: number | null;
  ageMs: number;
  /** stale: its owner is gone (anyone may take it over); held: a live owner; unreadable: no owner record yet. */
  status: 'stale' | 'held' | 'unreadable';
}

/** What a lock file says about its owner, or null when there is no such lock. */
export function inspectLock(file: string): LockInfo | null {
  const text = readText(file);
  if (text === null) return null;
  const owner = parseOwner(text);
  const stale = isStale(file, text, UNREADABLE_STALE_MS);
  return { file, pid: owner?.pid ?? null, start: owner?.start ?? null, ageMs: ageMs(file), status: stale ? 'stale' : owner === null ? 'unreadable' : 'held' };
}

/** "pid 123, 4m old" for a lock's owner, or null. */
export function describeLock(file: string): string | null {
  const info = inspectLock(file);
  if (info === null || info.pid === null) return null;
  return `pid ${info.pid}${info.start === null ? ' (no start time recorded)' : ''}, ${formatAgeMs(info.ageMs)} old`;
}

/** The age of the lock and what to do when its holder is no one at work: " — 4m old; if …". */
function ownerHint(file: string): string {
  const info = inspectLock(file);
  const age = info ? `${info.start === null && info.pid !== null ? 'no start time recorded, ' : ''}${formatAgeMs(info.ageMs)} old; ` : '';
  return ` — ${age}if no wtagents command is at work on it, see: wtagents doctor`;
}

function formatAgeMs(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`;
}

/** Remove a lock only while it is stale and unchanged (doctor --fix); true when removed. */
export function removeStaleLock(file: string): boolean {
  const text = readText(file);
  if (text === null || !isStale(file, text, UNREADABLE_STALE_MS)) return false;
  return removeStale(file, text) && readText(file) !== text;
}

/** Run `fn` holding the lock at `file` (taken as acquireLock does). */
export async function withLock<T>(file: string, fn: () => T | Promise<T>, options?: LockOptions): Promise<T> {
  const release = await acquireLock(file, options);
  try {
    return await fn();
  } finally {
    release();
  }
}
