// Talking to an SSH runner's host: the system `ssh` with the user's keys and ~/.ssh/config, one reused
// connection per host (ControlMaster), remote commands as one quoted `bash -c` script, secrets on stdin.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SshRunnerConfig } from '../../core/config.js';
import { shellJoin, shellQuote } from '../../core/shell-quote.js';

export interface SshResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** ssh's own exit code for "could not connect / connection lost" (a remote command's codes pass through). */
export const SSH_CONNECTION_ERROR = 255;

/** The options every ssh (and git-over-ssh) call of this runner uses. */
export function sshOptions(runner: SshRunnerConfig): string[] {
  const control = path.join(os.tmpdir(), `wtagents-ssh-${os.userInfo().uid}`);
  mkdirSync(control, { recursive: true, mode: 0o700 });
  return [
    ...(runner.sshConfig ? ['-F', runner.sshConfig] : []),
    ...(runner.port !== undefined ? ['-p', String(runner.port)] : []),
    '-o', 'BatchMode=yes',
    '-o', `ConnectTimeout=${runner.connectTimeoutSeconds}`,
    '-o', 'ServerAliveInterval=5',
    '-o', 'ServerAliveCountMax=3',
    '-o', 'ControlMaster=auto',
    '-o', `ControlPath=${path.join(control, '%C')}`,
    '-o', 'ControlPersist=60',
  ];
}

/** `ssh …` as one command line, for git's core.sshCommand. */
export function sshCommandLine(runner: SshRunnerConfig): string {
  return shellJoin(['ssh', ...sshOptions(runner)]);
}

/** The remote directory as a shell expression: `~/x` → "$HOME"/'x', anything else quoted. */
export function remoteDirExpr(dir: string): string {
  if (dir === '~') return '"$HOME"';
  if (dir.startsWith('~/')) return `"$HOME"/${shellQuote(dir.slice(2))}`;
  return shellQuote(dir);
}

/** argv for running `script` with bash on the host. */
export function sshArgv(runner: SshRunnerConfig, script: string): string[] {
  return [...sshOptions(runner), runner.ssh, shellJoin(['bash', '-c', script])];
}

export interface SshRunOptions {
  input?: string | Buffer;
  signal?: AbortSignal;
  /** Called with each chunk of stdout as it arrives (streaming commands). */
  onStdout?: (chunk: Buffer) => void;
  /** Called with the child's pid once spawned. */
  onSpawn?: (pid: number) => void;
}

/** Run `script` on the host; never throws for a non-zero exit (the caller reads code and stderr). */
export function sshRun(runner: SshRunnerConfig, script: string, opts: SshRunOptions = {}): Promise<SshResult> {
  return new Promise((resolve) => {
    const child = spawn('ssh', sshArgv(runner, script), { stdio: ['pipe', 'pipe', 'pipe'], ...(opts.signal ? { signal: opts.signal } : {}) });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => (opts.onStdout ? opts.onStdout(b) : out.push(b)));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // the host closed early: its exit code says why
    child.stdin.end(opts.input ?? '');
    child.on('error', (e) => resolve({ code: null, signal: null, stdout: '', stderr: e.message }));
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** A failed ssh call as one readable error: what was tried, where, and ssh's own words (every line, cut). */
export function sshError(name: string, what: string, r: SshResult): Error {
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 8).map((l) => (l.length > 300 ? `${l.slice(0, 299)}…` : l));
  const how = r.code === SSH_CONNECTION_ERROR ? 'cannot reach the host' : r.code === null ? `ssh ended by ${r.signal ?? 'an error'}` : `exit ${r.code}`;
  return new Error(`runner ${name}: ${what} failed (${how})${lines.length > 0 ? `: ${lines.join(' | ')}` : ''}`);
}
