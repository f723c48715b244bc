// A git command that may run hooks (merge, commit), with a time limit: git runs in its own process group, and
// past the limit the whole group (git and the hook it runs, with whatever the hook started) is killed.
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { gitOk } from './exec.js';

export interface HookedResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Killed at the time limit (a hook hung). */
  timedOut: boolean;
}

export async function gitWithHooks(dir: string, args: string[], timeoutMs: number): Promise<HookedResult> {
  const started = Date.now();
  const child = spawn('git', args, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (c) => resolve(c ?? -1));
  });
  clearTimeout(timer);
  killGroup(child.pid); // a hook's leftovers must not outlive the merge
  if (timedOut) await removeOwnIndexLock(dir, started);
  return { code, stdout, stderr, timedOut };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** git killed mid-command leaves index.lock behind: remove it when it was made after `since` (ours). */
async function removeOwnIndexLock(dir: string, since: number): Promise<void> {
  const lock = path.resolve(dir, (await gitOk(dir, ['rev-parse', '--git-path', 'index.lock'])).trim());
  if (existsSync(lock) && statSync(lock).mtimeMs >= since - 1000) rmSync(lock, { force: true });
}
