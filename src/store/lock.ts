// Cross-process locks as lock files (O_EXCL create holding the owner's pid); stale locks are taken over.
import { openSync, closeSync, writeSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { isPidAlive } from './process-info.js';

export interface LockOptions {
  /** How long to wait for a held lock before giving up (0: fail at once). */
  timeoutMs?: number;
  /** What the error says is busy, e.g. "task fix-login". */
  what?: string;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function tryCreate(file: string): boolean {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, `${process.pid}\n${Date.now()}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** A lock is stale when its owner process is gone (or the file is unreadable and old). */
function isStale(file: string): boolean {
  try {
    const [pidText] = readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText);
    return !Number.isInteger(pid) || pid <= 0 || !isPidAlive(pid);
  } catch {
    return false;
  }
}

/** Take the lock at `file`, waiting up to timeoutMs; returns the release function. */
export function acquireLock(file: string, { timeoutMs = 10_000, what = 'resource' }: LockOptions = {}): () => void {
  mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  for (;;) {
    if (tryCreate(file)) return () => rmSync(file, { force: true });
    if (isStale(file)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new UserError(`${what} is busy (locked by another wtagents process: ${file})`);
    sleepSync(wait);
    wait = Math.min(wait * 2, 50);
  }
}

/** Run `fn` holding the lock at `file`. */
export function withLock<T>(file: string, fn: () => T, options?: LockOptions): T {
  const release = acquireLock(file, options);
  try {
    return fn();
  } finally {
    release();
  }
}

/** Run async `fn` holding the lock at `file`. */
export async function withLockAsync<T>(file: string, fn: () => Promise<T>, options?: LockOptions): Promise<T> {
  const release = acquireLock(file, options);
  try {
    return await fn();
  } finally {
    release();
  }
}
