// A real OpenSSH server on 127.0.0.1 for runner tests: its own host key, its own client key and
// authorized_keys, and an ssh_config naming it, all in a temp dir; stopped (and the dir removed) by close().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  /** The Host alias the ssh_config names (use as `ssh -F configFile <host> …`). */
  host: string;
  port: number;
  /** An ssh_config with the alias, the key, no host-key prompts. */
  configFile: string;
  dir: string;
  /** Stop the server (kill -9 when `hard`): a "host down" for the tests. */
  stop(hard?: boolean): Promise<void>;
  /** Start it again on the same port after stop(): "the host is back". */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Why this machine cannot run the test server, or null when it can. */
export function sshdUnavailable(): string | null {
  for (const bin of [SSHD, 'ssh', 'ssh-keygen']) {
    const r = spawnSync(bin, ['-V'], { encoding: 'utf8' });
    if (r.error) return `${bin} is not installed (.ci/run installs openssh-server)`;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function keygen(file: string, type = 'ed25519'): void {
  const r = spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

/** Start sshd for the current user (with a HOME of its own); resolves once a real `ssh true` through it succeeds. */
export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wtagents-sshd-'));
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
  keygen(path.join(dir, 'host_key'));
  keygen(path.join(dir, 'client_key'));
  const pub = spawnSync('ssh-keygen', ['-y', '-f', path.join(dir, 'client_key')], { encoding: 'utf8' }).stdout;
  writeFileSync(path.join(dir, 'authorized_keys'), pub, { mode: 0o600 });
  // The host's own HOME (sshd's SetEnv): "the other machine" has none of this user's dotfiles — a shell rc
  // that waits on a lock (pyenv's rehash) would stall every ssh command.
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      'AcceptEnv WTAGENTS_*',
      `SetEnv HOME=${home}`,
      '',
    ].join('\n'),
  );
  const host = 'wtagents-test-host';
  const configFile = path.join(dir, 'ssh_config');
  writeFileSync(
    configFile,
    [
      `Host ${host}`,
      '  HostName 127.0.0.1',
      `  Port ${port}`,
      `  User ${os.userInfo().username}`,
      `  IdentityFile ${path.join(dir, 'client_key')}`,
      '  IdentitiesOnly yes',
      '  StrictHostKeyChecking no',
      `  UserKnownHostsFile ${path.join(dir, 'known_hosts')}`,
      '  LogLevel ERROR',
      '  BatchMode yes',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | null = null;
  const launch = () => {
    child = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.resume();
  };
  launch();
  const ready = async () => {
    for (let i = 0; i < 600; i++) {
      const r = spawnSync('ssh', ['-F', configFile, host, 'true'], { encoding: 'utf8', timeout: 10_000 });
      if (r.status === 0) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('the test sshd did not accept a connection');
  };
  await ready();
  const stop = async (hard = false) => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((res) => c.once('exit', res));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await gone;
  };
  return {
    host,
    port,
    configFile,
    dir,
    stop,
    async start() {
      launch();
      await ready();
    },
    async close() {
      await stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
