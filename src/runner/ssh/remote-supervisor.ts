// The local half of a run on an SSH runner (`wtagents __remote <taskDir>`, launched like the supervisor
// and recorded as it): prepare the host, start the twin, follow its trace here (reconnecting after a
// dropped connection), then fetch the branch, the checks and the report, and record the run's end.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SshRunnerConfig } from '../../core/config.js';
import { errorLine } from '../../core/errors.js';
import type { TaskEvent, TaskState } from '../../core/lifecycle.js';
import type { TaskRecord } from '../../core/task.js';
import { fastForwardWorktree, fetchFromRunner } from '../../git/remote-sync.js';
import { writeFileAtomic } from '../../store/atomic.js';
import { loadConfig } from '../../store/config-file.js';
import { taskPaths } from '../../store/layout.js';
import { applyTaskEvent } from '../../store/task-state.js';
import { readTask, updateTask } from '../../store/tasks.js';
import { appendEvent, type TraceContext } from '../../store/trace-writer.js';
import { takeRunRequest } from '../run-request.js';
import { startQueuedRuns } from '../start.js';
import { prepareHost, type RemotePlace } from './remote-host.js';
import { forwardedEnvNames, hostConfig, remoteFile, remoteRecord, rerunRemoteTask, startRemoteTask, stopRemoteTask, type RemoteRef } from './remote-task.js';
import { sshCommandLine } from './ssh-command.js';
import { lastRemoteSeq } from './remote-follow.js';
import { followToEnd } from './remote-watch.js';

interface Outcome {
  state: TaskState;
  reason: string;
}

export async function superviseRemote(taskDir: string): Promise<number> {
  const request = takeRunRequest();
  const task = readTask(taskDir);
  if (task.state !== 'running' || task.processes.supervisor?.pid !== process.pid) {
    process.stderr.write(`wtagents remote supervisor ${process.pid}: task ${task.id} is not ours to run (state ${task.state}); exiting\n`);
    return 1;
  }
  const ctx: TraceContext = { taskDir, task: task.id, round: request.round };
  const name = task.runner ?? '';
  let stopRequested = false;
  let onStop: () => void = () => {};
  let stopSeen: () => void = () => {};
  const stopPromise = new Promise<void>((res) => (stopSeen = res));
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (stopRequested) return;
      stopRequested = true;
      stopSeen();
      onStop();
    });
  }
  let outcome: Outcome;
  try {
    const config = loadConfig(task.repo);
    const runner = config.runners[name];
    if (!runner) throw new Error(`runner ${name} is not in .wtagents/config.json (runners)`);
    const status = async (s: string, detail?: string) => {
      await appendEvent(ctx, { type: 'runner.status', runner: name, status: s, ...(detail ? { detail } : {}) });
    };
    const place = await prepareHost(name, runner, task);
    await status('prepared', `${runner.ssh}:${place.clone}`);
    const env: Record<string, string> = {};
    for (const k of forwardedEnvNames(config, runner)) if (process.env[k] !== undefined) env[k] = process.env[k]!;
    const input = { env, config: hostConfig(config) };
    let remote: RemoteRef;
    if (task.remote && task.remote.runner === name) {
      remote = { id: task.remote.id, taskDir: task.remote.taskDir };
      // The twin still runs this round there (the follower here died: this machine rebooted, a kill): follow it on.
      const there = await remoteRecord(name, runner, place, remote).catch(() => null);
      if (there?.state === 'running' && there.round === request.round) {
        await status('attached', `task ${remote.id} still runs round ${request.round} on the host: following it from remote seq ${lastRemoteSeq(taskDir)}`);
      } else {
        const feedback = request.round > 1 && path.basename(request.packet).includes('request-changes') ? readFileSync(request.packet, 'utf8') : null;
        await rerunRemoteTask(name, runner, place, remote, { ...input, feedback });
      }
    } else {
      remote = await startRemoteTask(name, runner, place, task, input);
      await updateTask(taskDir, (t) => {
        t.remote = { runner: name, id: remote.id, taskDir: remote.taskDir, clone: place.clone };
      });
    }
    await status('started', `task ${remote.id} on the host`);
    onStop = () => {
      void stopRemoteTask(name, runner, place, remote).catch((e: unknown) => status('stop failed', errorLine(e)).catch(() => {}));
    };
    if (stopRequested) onStop();
    const end = await followToEnd(runner, place, remote, ctx, { status, stopped: () => stopRequested, onStop: stopPromise });
    if (end.how === 'stopped') throw new Interrupted("stopped while the runner was unreachable: the host's run may still be going");
    const rec = await fetchResult(name, runner, place, remote, task, status);
    await updateTask(taskDir, (t) => {
      if (rec.usage) t.usage = rec.usage;
      if (rec.lastExit) t.lastExit = rec.lastExit;
    });
    // The host's run ended without recording it (its supervisor died): interrupted, as a local one would be.
    const vanished = rec.state === 'interrupted' && end.state.lastState !== 'interrupted';
    outcome = outcomeOf(rec.state as TaskState, vanished ? "the supervisor on the host vanished without recording an exit" : (end.state.lastReason ?? 'the host finished the run'));
  } catch (error) {
    outcome = error instanceof Interrupted ? { state: 'interrupted', reason: error.message } : { state: 'failed', reason: errorLine(error) };
    await appendEvent(ctx, { type: 'agent.error', message: outcome.reason });
  }
  if (stopRequested && outcome.state === 'done') outcome = { state: 'stopped', reason: 'stop requested' };
  const event: TaskEvent = outcome.state === 'done' ? 'exit-ok' : outcome.state === 'stopped' ? 'stop' : outcome.state === 'interrupted' ? 'vanish' : 'exit-fail';
  await applyTaskEvent(taskDir, event, {
    reason: outcome.reason,
    change: (t) => {
      t.processes = {};
      delete t.runnerLost;
    },
  });
  // Its slot (the repository's, the runner's) is free: the next queued run starts, as after a local run.
  await startQueuedRuns(task.repo).catch((error: unknown) => process.stderr.write(`wtagents remote supervisor: starting queued runs failed: ${errorLine(error)}\n`));
  return 0;
}

/** The local state a finished twin's state maps to. */
function outcomeOf(state: TaskState, reason: string): Outcome {
  if (state === 'done' || state === 'failed' || state === 'stopped' || state === 'interrupted') return { state, reason };
  return { state: 'failed', reason: `the host's task ended ${state}${reason ? `: ${reason}` : ''}` };
}

/** The run could not be followed to its end (the runner unreachable when a stop came). */
class Interrupted extends Error {}

/** Bring the twin's branch, checks and report here (only now does anything local change); returns its record. */
async function fetchResult(
  name: string,
  runner: SshRunnerConfig,
  place: RemotePlace,
  remote: RemoteRef,
  task: TaskRecord,
  status: (s: string, detail?: string) => Promise<void>,
): Promise<Awaited<ReturnType<typeof remoteRecord>>> {
  const rec = await remoteRecord(name, runner, place, remote);
  const sha = await fetchFromRunner(task.repo, place.url, sshCommandLine(runner), `refs/heads/${rec.branch}`, `refs/wtagents-runner/${task.id}`);
  const moved = await fastForwardWorktree(task.worktree, sha);
  await status('fetched', `${task.branch} ${moved === 'moved' ? 'now at' : 'still at'} ${sha.slice(0, 12)}`);
  const p = taskPaths(task.taskDir);
  const checks = await remoteFile(runner, remote, 'review/checks.json');
  if (checks !== null) {
    mkdirSync(p.review, { recursive: true });
    writeFileAtomic(path.join(p.review, 'checks.json'), checks);
  }
  const report = await remoteFile(runner, remote, 'report.md');
  if (report !== null) writeFileAtomic(p.report, report);
  return rec;
}
