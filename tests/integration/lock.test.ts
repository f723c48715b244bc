// Lock files across real processes: many processes incrementing one counter under the lock lose no update;
// an unreadable lock is held until old; a dead owner or a reused pid (other start time) is taken over;
// release removes only the caller's own lock.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { acquireLock, lockWaitText, UNREADABLE_STALE_MS, type LockWait } from '../../src/store/lock.js';
import { processStartTime } from '../../src/store/process-info.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/repo.js';
import { waitFor } from '../helpers/run.js';
import { holdLock } from '../helpers/lock.js';
import { fakeSupervisor } from '../helpers/tasks.js';

/** A worker script (the real lock module, bundled): N times take the lock, read the counter, write it + 1. */
function buildWorker(dir: string): string {
  const outfile = path.join(dir, 'worker.mjs');
  buildSync({
    stdin: {
      contents: `
        import { readFileSync, writeFileSync } from 'node:fs';
        import { acquireLock } from './lock.js';
        const [counter, lock, n] = process.argv.slice(2);
        for (let i = 0; i < Number(n); i++) {
          const release = await acquireLock(lock, { timeoutMs: 120000, what: 'the counter' });
          const value = Number(readFileSync(counter, 'utf8'));
          writeFileSync(counter, String(value + 1));
          release();
        }`,
      resolveDir: path.join(ROOT, 'src', 'store'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

function runWorker(worker: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

const owner = (pid: number, start: number | null) => `${JSON.stringify({ pid, start, token: randomUUID() })}\n`;
const busy = (file: string) => acquireLock(file, { timeoutMs: 100, what: 'the thing' });

describe('lock files', () => {
  it('8 processes × 60 increments of one counter under the lock: no lost update', async () => {
    const dir = tempDir('lock-');
    const worker = buildWorker(dir);
    const counter = path.join(dir, 'counter');
    const lock = path.join(dir, 'locks', 'counter.lock');
    writeFileSync(counter, '0');
    const codes = await Promise.all(Array.from({ length: 8 }, () => runWorker(worker, [counter, lock, '60'])));
    expect(codes).toEqual(Array(8).fill(0));
    expect(readFileSync(counter, 'utf8')).toBe('480');
    expect(existsSync(lock)).toBe(false);
  });

  it('an empty or unreadable lock is held (an owner may be writing it) until it is old', async () => {
    const dir = tempDir('lock-');
    for (const text of ['', 'garbage']) {
      const file = path.join(dir, `x${text}.lock`);
      writeFileSync(file, text);
      await expect(busy(file)).rejects.toThrow(`the thing is busy (locked by another wtagents process: ${file})`);
      const old = (Date.now() - UNREADABLE_STALE_MS - 5000) / 1000;
      utimesSync(file, old, old);
      const release = await acquireLock(file, { timeoutMs: 0 });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
      release();
      expect(existsSync(file)).toBe(false);
    }
  });

  it('a live owner holds it; a dead owner, or a live pid with another start time (reused), is taken over', async () => {
    const dir = tempDir('lock-');
    const file = path.join(dir, 'a.lock');
    const other = await fakeSupervisor();
    const start = processStartTime(other.pid);
    expect(start).not.toBeNull();
    writeFileSync(file, owner(other.pid, start));
    await expect(busy(file)).rejects.toThrow('the thing is busy');
    writeFileSync(file, `${other.pid}\n${Date.now()}\n`); // an older wtagents' lock: pid only
    await expect(busy(file)).rejects.toThrow('the thing is busy');

    writeFileSync(file, owner(other.pid, start! - 60_000)); // the pid now belongs to another process
    (await acquireLock(file, { timeoutMs: 0 }))();

    await other.kill();
    writeFileSync(file, owner(other.pid, start));
    const release = await acquireLock(file, { timeoutMs: 0 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, start: processStartTime(process.pid) });
    release();
  });

  it('a wait for a lock another process holds keeps the event loop running, says who holds it, and can be given up', async () => {
    const dir = tempDir('lock-');
    const file = path.join(dir, 'locks', 'merge.lock');
    const holder = await holdLock(dir, file);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      const waits: LockWait[] = [];
      const abort = new AbortController();
      const given = acquireLock(file, { timeoutMs: 600_000, what: 'another merge', signal: abort.signal, onWait: (w) => waits.push(w) });
      // Timers keep firing while the lock is waited for: the event loop is not blocked.
      await waitFor('timer ticks and the wait report', () => ticks >= 5 && waits.length === 1);
      expect(waits).toEqual([{ what: 'another merge', pid: holder.pid, file }]);
      expect(lockWaitText(waits[0]!)).toBe(`waiting for another merge held by pid ${holder.pid}`);
      abort.abort();
      await expect(given).rejects.toThrow(/abort/i);

      const taken = acquireLock(file, { timeoutMs: 600_000 });
      const before = ticks;
      await waitFor('timer ticks while waiting', () => ticks >= before + 5);
      await holder.release();
      const release = await taken;
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
      release();
    } finally {
      clearInterval(ticker);
      await holder.release();
    }
  });

  it("release removes only the caller's own lock", async () => {
    const dir = tempDir('lock-');
    const file = path.join(dir, 'b.lock');
    const release = await acquireLock(file, { timeoutMs: 0 });
    const someoneElse = owner(process.pid, processStartTime(process.pid));
    writeFileSync(file, someoneElse); // taken over meanwhile (as if we had been thought gone)
    release();
    expect(readFileSync(file, 'utf8')).toBe(someoneElse);
  });
});
