// Preparing an SSH runner's host for a task: its directory, its Node (≥ 22), the same wtagents bundle
// as here (copied once per build), a clone of the repository, and the task's base pushed into it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SshRunnerConfig } from '../../core/config.js';
import { shellQuote } from '../../core/shell-quote.js';
import type { TaskRecord } from '../../core/task.js';
import { gitIdentity, pushToRunner } from '../../git/remote-sync.js';
import { cliEntry } from '../cli-entry.js';
import { remoteDirExpr, sshCommandLine, sshError, sshRun } from './ssh-command.js';

/** What a prepared host offers: absolute paths there. */
export interface RemotePlace {
  dir: string;
  node: string;
  cli: string;
  clone: string;
  /** The clone as a git URL (ssh://host/abs/path). */
  url: string;
}

export const MIN_NODE_MAJOR = 22;

/** `export PATH=…` for the runner's `path` entries (empty when none). */
export function pathPrefix(runner: SshRunnerConfig): string {
  if (runner.path.length === 0) return '';
  return `export PATH=${runner.path.map(shellQuote).join(':')}:"$PATH"; `;
}

function short(text: string): string {
  // node:crypto loaded here, when a remote run needs it: every local supervisor imports this file (through
  // runnerFor) and OpenSSL would cost each of them ~4 MB of RSS.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** Make the host ready for `task`; throws a clear error naming the runner when it cannot be. */
export async function prepareHost(name: string, runner: SshRunnerConfig, task: TaskRecord): Promise<RemotePlace> {
  const probe = await sshRun(
    runner,
    `${pathPrefix(runner)}set -e; D=${remoteDirExpr(runner.dir)}; mkdir -p "$D"; cd "$D"; pwd; ` +
      `if command -v ${shellQuote(runner.node)} >/dev/null 2>&1; then ${shellQuote(runner.node)} -e 'console.log(process.versions.node)'; else echo missing; fi`,
  );
  if (probe.code !== 0) throw sshError(name, 'connecting', probe);
  const [dir, nodeVersion] = probe.stdout.trim().split('\n').map((l) => l.trim());
  if (!dir || !nodeVersion) throw new Error(`runner ${name}: unexpected answer from the host: ${JSON.stringify(probe.stdout.slice(0, 200))}`);
  if (nodeVersion === 'missing') throw new Error(`runner ${name}: "${runner.node}" is not installed on the host: wtagents needs Node.js ≥ ${MIN_NODE_MAJOR} there (set runners.${name}.node)`);
  const major = Number(nodeVersion.split('.')[0]);
  if (!(major >= MIN_NODE_MAJOR)) throw new Error(`runner ${name}: the host's Node.js is v${nodeVersion}; wtagents needs Node.js ≥ ${MIN_NODE_MAJOR} there (set runners.${name}.node)`);

  const cli = await installBundle(name, runner, dir);
  const clone = path.posix.join(dir, 'repos', short(task.repo));
  const who = await gitIdentity(task.repo);
  const made = await sshRun(
    runner,
    `set -e; C=${shellQuote(clone)}; [ -d "$C/.git" ] || git init -q "$C"; ` +
      (who.name ? `git -C "$C" config user.name ${shellQuote(who.name)}; ` : '') +
      (who.email ? `git -C "$C" config user.email ${shellQuote(who.email)}; ` : '') +
      'true',
  );
  if (made.code !== 0) throw sshError(name, 'making the clone', made);
  const url = `ssh://${runner.ssh}${clone}`;
  await pushToRunner(task.repo, url, sshCommandLine(runner), [`${task.baseSha}:refs/wtagents-base/${task.id}`]);
  // The clone's own checkout sits (detached) on a base: the host's wtagents needs a repository with commits.
  const head = await sshRun(runner, `git -C ${shellQuote(clone)} rev-parse -q --verify HEAD >/dev/null || git -C ${shellQuote(clone)} checkout -q --detach ${shellQuote(task.baseSha)}`);
  if (head.code !== 0) throw sshError(name, 'checking out the base in the clone', head);
  return { dir, node: runner.node, cli, clone, url };
}

/** Where this build's CLI is (or goes) under the host's runner directory `dir`. */
export function hostCli(dir: string): string {
  const entry = cliEntry();
  return path.posix.join(dir, 'wtagents', short(readFileSync(entry, 'utf8')), path.basename(entry));
}

/** The place a task's twin was made in, from its record (the clone is <dir>/repos/<hash>). */
export function placeOf(runner: SshRunnerConfig, remote: { clone: string }): RemotePlace {
  const dir = path.posix.dirname(path.posix.dirname(remote.clone));
  return { dir, node: runner.node, cli: hostCli(dir), clone: remote.clone, url: `ssh://${runner.ssh}${remote.clone}` };
}

/** Copy dist/ to <dir>/wtagents/<build> unless that build is there; returns the host's CLI path. */
async function installBundle(name: string, runner: SshRunnerConfig, dir: string): Promise<string> {
  const entry = cliEntry();
  const dist = path.dirname(entry);
  const cli = hostCli(dir);
  const target = path.posix.dirname(cli);
  const has = await sshRun(runner, `test -f ${shellQuote(cli)}`);
  if (has.code === 0) return cli;
  const tar = spawnSync('tar', ['-C', dist, '-cf', '-', '.'], { maxBuffer: 512 * 1024 * 1024 });
  if (tar.status !== 0) throw new Error(`runner ${name}: cannot pack ${dist}: ${tar.stderr?.toString().trim()}`);
  const put = await sshRun(
    runner,
    `set -e; T=${shellQuote(target)}; tmp="$T.tmp.$$"; mkdir -p "$tmp"; tar -C "$tmp" -xf -; ` + 'mv -T "$tmp" "$T" 2>/dev/null || rm -rf "$tmp"; test -d "$T"',
    { input: tar.stdout },
  );
  if (put.code !== 0) throw sshError(name, 'installing wtagents on the host', put);
  return cli;
}
