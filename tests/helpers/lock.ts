// A second real process holding a lock file (the real lock module, bundled), for tests of lock waits.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { ROOT } from './cli.js';

/** A second real process that takes the lock, says "held", and keeps it until its stdin closes. */
export function holdLock(dir: string, lock: string): Promise<{ pid: number; release: () => Promise<void> }> {
  const outfile = path.join(dir, 'holder.mjs');
  buildSync({
    stdin: {
      contents: `
        import { acquireLock } from './lock.js';
        const release = await acquireLock(process.argv[2], { timeoutMs: 0 });
        process.stdout.write('held\\n');
        process.stdin.resume();
        process.stdin.on('end', () => { release(); process.exit(0); });`,
      resolveDir: path.join(ROOT, 'src', 'store'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  const child = spawn(process.execPath, [outfile, lock], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', () => resolve({ pid: child.pid!, release: async () => (child.stdin!.end(), await exited) }));
  });
}

