// Following a run on an SSH runner to its end through a lost host: a dropped follow is retried at once;
// when the host does not answer, the task becomes `interrupted (runner unreachable)` (lifecycle event
// `runner-lost`, record `runnerLost`) and the host is tried again with back-off until it answers — then the
// task runs on (`runner-back`) and the follow resumes from the last remote seq: every event exactly once.
import type { SshRunnerConfig } from '../../core/config.js';
import { errorLine } from '../../core/errors.js';
import { firstTextLine } from '../../core/terminal-text.js';
import { applyTaskEvent } from '../../store/task-state.js';
import type { TraceContext } from '../../store/trace-writer.js';
import { followRemote, lastRemoteSeq, type FollowState } from './remote-follow.js';
import type { RemotePlace } from './remote-host.js';
import type { RemoteRef } from './remote-task.js';
import { SSH_CONNECTION_ERROR, sshRun } from './ssh-command.js';

export interface WatchEnd {
  /** `ended`: the host's follow finished (its run is over); `stopped`: a stop came while the host was lost. */
  how: 'ended' | 'stopped';
  state: FollowState;
}

export interface WatchHooks {
  status(s: string, detail?: string): Promise<void>;
  stopped(): boolean;
  /** Resolves when a stop is requested (cuts a back-off wait short). */
  onStop: Promise<void>;
}

/** Follow the twin's trace until it ends, reconnecting (with back-off) while the host is unreachable. */
export async function followToEnd(runner: SshRunnerConfig, place: RemotePlace, remote: RemoteRef, ctx: TraceContext, hooks: WatchHooks): Promise<WatchEnd> {
  const state: FollowState = { lastSeq: lastRemoteSeq(ctx.taskDir) };
  let wait = 500;
  let lost = false;
  for (;;) {
    const r = await followRemote(runner, place, remote, ctx, state);
    if (r.code === 0) return { how: 'ended', state };
    if (!lost) {
      const why = r.code === SSH_CONNECTION_ERROR ? 'connection lost' : r.code === null ? `follow ended by ${r.signal ?? 'an error'}` : `follow exited ${r.code}`;
      await hooks.status('unreachable', `${why}${firstTextLine(r.stderr) ? `: ${firstTextLine(r.stderr)}` : ''}; reconnecting`);
    }
    for (;;) {
      if (hooks.stopped()) return { how: 'stopped', state };
      const probe = await sshRun(runner, 'true');
      if (probe.code === 0) break;
      if (!lost) {
        lost = true;
        const error = firstTextLine(probe.stderr) || `ssh exit ${probe.code ?? probe.signal}`;
        await applyTaskEvent(ctx.taskDir, 'runner-lost', {
          reason: `runner unreachable: ${error}`,
          change: (t) => void (t.runnerLost = { at: new Date().toISOString(), error }),
        }).catch(async (e: unknown) => hooks.status('state not recorded', errorLine(e)));
      }
      await Promise.race([new Promise((res) => setTimeout(res, wait)), hooks.onStop]);
      wait = Math.min(wait * 2, 10_000);
    }
    wait = 500;
    if (lost) {
      lost = false;
      await back(ctx, state);
    }
    await hooks.status('reconnected', `from remote seq ${state.lastSeq}`);
  }
}

/** The host answers again: the task runs on (its true state follows from the host's trace and record). */
async function back(ctx: TraceContext, state: FollowState): Promise<void> {
  await applyTaskEvent(ctx.taskDir, 'runner-back', {
    reason: `runner reachable again: following from remote seq ${state.lastSeq}`,
    change: (t) => void delete t.runnerLost,
  }).catch(() => {}); // not interrupted (any more): nothing to take back
}
