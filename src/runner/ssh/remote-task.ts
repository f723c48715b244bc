// The task's twin on an SSH runner's host, driven through the host's own wtagents CLI: start a round
// (`new … --run` the first time, `run --feedback-file -` after), read its record, stop it, read its files.
import type { Config, SshRunnerConfig } from '../../core/config.js';
import { shellJoin, shellQuote } from '../../core/shell-quote.js';
import type { TaskRecord } from '../../core/task.js';
import type { RemotePlace } from './remote-host.js';
import { pathPrefix } from './remote-host.js';
import { sshError, sshRun, type SshResult } from './ssh-command.js';

export interface RemoteRef {
  id: string;
  taskDir: string;
}

/** The config the host's run uses: this repository's, less what only makes sense here. */
export function hostConfig(config: Config): Record<string, unknown> {
  const { runners: _runners, worktreeDir: _worktreeDir, keys: _keys, hooks: _hooks, ...rest } = config as Config & Record<string, unknown>;
  return rest;
}

/** The environment variables (keys) the host's run needs: the runner's `env` and the gateways' key names. */
export function forwardedEnvNames(config: Config, runner: SshRunnerConfig): string[] {
  const names = new Set(runner.env);
  if (config.gateway?.apiKeyEnv) names.add(config.gateway.apiKeyEnv);
  for (const route of Object.values(config.routes)) if (route?.apiKeyEnv) names.add(route.apiKeyEnv);
  return [...names];
}

/**
 * stdin for a remote start: `NAME=value` lines (the keys; never argv, never a file on the host), a blank
 * line, the config as one JSON line, then the task or feedback text to the end.
 */
export function startInput(env: Record<string, string>, config: Record<string, unknown>, text: string): string {
  const lines = Object.entries(env).map(([k, v]) => {
    if (v.includes('\n')) throw new Error(`environment variable ${k} holds a newline: it cannot be passed to the runner`);
    return `${k}=${v}`;
  });
  return `${lines.join('\n')}${lines.length > 0 ? '\n' : ''}\n${JSON.stringify(config)}\n${text}`;
}

const READ_ENV_AND_CONFIG =
  'while IFS= read -r l && [ -n "$l" ]; do export "$l"; done; mkdir -p .wtagents; IFS= read -r cfg; printf \'%s\\n\' "$cfg" > .wtagents/config.json; ';

function agentArgs(task: TaskRecord): string[] {
  const a = task.agent;
  if (!a) return [];
  if (a.name === 'command') return ['--agent-command', a.command ?? '', ...(a.format ? ['--format', a.format] : [])];
  return ['--agent', a.name, ...(a.format ? ['--format', a.format] : [])];
}

function cliScript(runner: SshRunnerConfig, place: RemotePlace, args: string[]): string {
  return `${pathPrefix(runner)}cd ${shellQuote(place.clone)} && ${READ_ENV_AND_CONFIG}exec ${shellJoin([place.node, place.cli, ...args])}`;
}

function parseRecord(name: string, what: string, r: SshResult): { id: string; taskDir: string; state: string } {
  if (r.code !== 0) throw sshError(name, what, r);
  try {
    const rec = JSON.parse(r.stdout) as { id: string; taskDir: string; state: string };
    if (typeof rec.id !== 'string' || typeof rec.taskDir !== 'string') throw new Error('no id');
    return rec;
  } catch {
    throw new Error(`runner ${name}: ${what}: unexpected answer from the host: ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
}

/** Round 1 on the host: make the twin from the pushed base and start it. */
export async function startRemoteTask(
  name: string,
  runner: SshRunnerConfig,
  place: RemotePlace,
  task: TaskRecord,
  input: { env: Record<string, string>; config: Record<string, unknown> },
): Promise<RemoteRef> {
  const args = [
    'new', '--repo', place.clone, '--base', task.baseSha, '--task-file', '-', '--run', '--json',
    ...agentArgs(task),
    ...task.scope.flatMap((s) => ['--scope', s]),
    ...task.checks.flatMap((c) => ['--check', c]),
    ...task.constraints.flatMap((c) => ['--constraint', c]),
  ];
  const r = await sshRun(runner, cliScript(runner, place, args), { input: startInput(input.env, input.config, task.text) });
  const rec = parseRecord(name, 'starting the task on the host', r);
  return { id: rec.id, taskDir: rec.taskDir };
}

/** A later round on the host: the twin runs again with this round's packet as its feedback. */
export async function rerunRemoteTask(
  name: string,
  runner: SshRunnerConfig,
  place: RemotePlace,
  remote: RemoteRef,
  input: { env: Record<string, string>; config: Record<string, unknown>; feedback: string | null },
): Promise<void> {
  const args = ['run', remote.id, '--repo', place.clone, '--json', ...(input.feedback !== null ? ['--feedback-file', '-'] : [])];
  const r = await sshRun(runner, cliScript(runner, place, args), { input: startInput(input.env, input.config, input.feedback ?? '') });
  parseRecord(name, 'running the task again on the host', r);
}

/** The twin's record as the host's `list --json` sees it (its effective state: a dead supervisor is interrupted). */
export async function remoteRecord(name: string, runner: SshRunnerConfig, place: RemotePlace, remote: RemoteRef): Promise<TaskRecord & { recordedState?: string }> {
  const r = await sshRun(runner, `${pathPrefix(runner)}exec ${shellJoin([place.node, place.cli, 'list', '--repo', place.clone, '--json'])}`);
  if (r.code !== 0) throw sshError(name, 'reading the task on the host', r);
  const all = JSON.parse(r.stdout) as (TaskRecord & { recordedState?: string })[];
  const rec = all.find((t) => t.id === remote.id);
  if (!rec) throw new Error(`runner ${name}: task ${remote.id} is gone from the host`);
  return rec;
}

/** A file of the twin's task directory, or null when it has none. */
export async function remoteFile(runner: SshRunnerConfig, remote: RemoteRef, rel: string): Promise<string | null> {
  const r = await sshRun(runner, `f=${shellQuote(`${remote.taskDir}/${rel}`)}; [ -f "$f" ] || exit 3; cat "$f"`);
  return r.code === 0 ? r.stdout : null;
}

/** Ask the host's wtagents to stop the twin (its supervisor kills the agent's process group). */
export async function stopRemoteTask(name: string, runner: SshRunnerConfig, place: RemotePlace, remote: RemoteRef): Promise<void> {
  const r = await sshRun(runner, `${pathPrefix(runner)}exec ${shellJoin([place.node, place.cli, 'stop', remote.id, '--repo', place.clone])}`);
  if (r.code !== 0) throw sshError(name, 'stopping the task on the host', r);
}
