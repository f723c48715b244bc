// The SSH runner (docs/runners.md §2) as a Runner: a round is driven by a detached follower here
// (`wtagents __remote <taskDir>`, remote-supervisor.ts) recorded as the task's supervisor; it prepares the
// host, starts the supervisor there, copies its trace here and fetches the branch and records at the end.
// So follow, stop and fetchResult work on the local records as for a local run; status asks the host.
import type { SshRunnerConfig } from '../../core/config.js';
import type { TaskState } from '../../core/lifecycle.js';
import { shellJoin } from '../../core/shell-quote.js';
import { isProcessAlive } from '../../store/process-info.js';
import { cliEntry } from '../cli-entry.js';
import { launchDetached, recordedResult, waitForEnd } from '../local-runner.js';
import type { Runner, RunnerStatus } from '../runner.js';
import { stopSupervised } from '../stop.js';
import { pathPrefix, placeOf } from './remote-host.js';
import { SSH_CONNECTION_ERROR, sshRun } from './ssh-command.js';

export function sshRunner(name: string, config: SshRunnerConfig): Runner {
  return {
    name,
    prepare() {
      // The host's own wtagents checks its agent binaries when the round starts there.
    },
    start(task, request) {
      return launchDetached(task, [cliEntry(), '__remote', task.taskDir], request);
    },
    follow: waitForEnd,
    stop: stopSupervised,
    fetchResult: recordedResult,
    async status(task): Promise<RunnerStatus> {
      const sup = task.processes.supervisor;
      const followerAlive = sup !== undefined && isProcessAlive(sup);
      const probe = await hostStatus(config, task.remote);
      if (!probe.reachable) return probe;
      // Not made on the host yet: the follower here is all there is.
      if (probe.state === null) return { reachable: true, state: followerAlive ? 'running' : task.state, supervisorAlive: followerAlive, detail: probe.detail };
      return { reachable: true, state: probe.state, supervisorAlive: probe.state === 'running', detail: probe.detail };
    },
  };
}

/** Ask the host (5 s to connect): its 1-minute load and, when the twin exists, its effective state there. */
export async function hostStatus(
  config: SshRunnerConfig,
  remote?: { id: string; clone: string },
): Promise<{ reachable: false; error: string } | { reachable: true; state: TaskState | null; load: number; detail: string }> {
  const fast = { ...config, connectTimeoutSeconds: Math.min(config.connectTimeoutSeconds, 5) };
  const list = remote ? (() => {
    const place = placeOf(config, remote);
    return `${pathPrefix(config)}${shellJoin([place.node, place.cli, 'list', '--repo', place.clone, '--json'])}`;
  })() : 'echo []';
  const r = await sshRun(fast, `read -r load _ < /proc/loadavg; echo "$load"; ${list}`);
  if (r.code === SSH_CONNECTION_ERROR || r.code === null) return { reachable: false, error: r.stderr.trim().split('\n')[0] || `ssh exit ${r.code ?? r.signal}` };
  const [first, ...rest] = r.stdout.split('\n');
  const load = Number(first);
  let state: TaskState | null = null;
  try {
    const all = JSON.parse(rest.join('\n')) as { id: string; state: TaskState }[];
    state = all.find((t) => t.id === remote?.id)?.state ?? null;
  } catch {
    // the host's list failed: its state is unknown
  }
  return { reachable: true, state, load: Number.isFinite(load) ? load : 0, detail: `load ${first}` };
}
