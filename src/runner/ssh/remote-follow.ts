// Following the host's trace into the local one: `wtagents logs --follow --json` over ssh, each remote
// event appended here with its remote seq kept as `rseq`, so a resumed follow (after a dropped
// connection) adds every event exactly once. The twin's own bookkeeping events are not copied.
import type { SshRunnerConfig } from '../../core/config.js';
import { shellJoin } from '../../core/shell-quote.js';
import type { NewTraceEvent } from '../../core/trace-schema.js';
import { taskPaths } from '../../store/layout.js';
import { eachTraceLine } from '../../store/trace-read.js';
import { appendTrace, type TraceContext } from '../../store/trace-writer.js';
import { pathPrefix, type RemotePlace } from './remote-host.js';
import type { RemoteRef } from './remote-task.js';
import { sshRun, type SshResult } from './ssh-command.js';

/** Events the twin writes about itself; the local task writes its own. */
const NOT_COPIED = new Set(['task.created', 'worktree.created', 'packet.written', 'task.state']);

/** The highest remote seq already in the local trace (0 when none): where a follow resumes. */
export function lastRemoteSeq(taskDir: string): number {
  let last = 0;
  eachTraceLine(taskPaths(taskDir).trace, (line) => {
    if (!line.includes('"rseq"')) return;
    try {
      const r = (JSON.parse(line) as { rseq?: unknown }).rseq;
      if (typeof r === 'number' && r > last) last = r;
    } catch {
      // a malformed line holds no rseq
    }
  });
  return last;
}

export interface FollowState {
  /** The highest remote seq copied so far. */
  lastSeq: number;
  /** The twin's last `task.state` reason (the run's outcome in its words). */
  lastReason?: string;
  lastState?: string;
}

/** Turn one remote trace line into the local event to append, or null when it is skipped. */
export function localEvent(line: string, state: FollowState): NewTraceEvent | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const seq = typeof e.seq === 'number' ? e.seq : null;
  if (seq === null || seq <= state.lastSeq) return null;
  state.lastSeq = seq;
  if (e.type === 'task.state') {
    state.lastState = typeof e.state === 'string' ? e.state : undefined;
    state.lastReason = typeof e.reason === 'string' ? e.reason : undefined;
  }
  if (typeof e.type !== 'string' || NOT_COPIED.has(e.type)) return null;
  const { v: _v, task: _task, seq: _seq, ...rest } = e;
  return { ...rest, rseq: seq } as unknown as NewTraceEvent;
}

/** Follow until the host's follow ends (the twin stopped running) or the connection drops. */
export async function followRemote(
  runner: SshRunnerConfig,
  place: RemotePlace,
  remote: RemoteRef,
  ctx: TraceContext,
  state: FollowState,
  onSpawn?: (pid: number) => void,
): Promise<SshResult> {
  let pending = Buffer.alloc(0);
  let chain: Promise<unknown> = Promise.resolve();
  const flush = (final: boolean) => {
    const text = pending.toString('utf8');
    const cut = final ? text.length : text.lastIndexOf('\n') + 1;
    if (cut <= 0) return;
    pending = Buffer.from(text.slice(cut), 'utf8');
    const events = text
      .slice(0, cut)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => localEvent(l, state))
      .filter((e): e is NewTraceEvent => e !== null);
    if (events.length > 0) chain = chain.then(() => appendTrace(ctx, events));
  };
  const r = await sshRun(
    runner,
    `${pathPrefix(runner)}exec ${shellJoin([place.node, place.cli, 'logs', remote.id, '--repo', place.clone, '--follow', '--json', '--after-seq', String(state.lastSeq)])}`,
    {
      onStdout: (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        flush(false);
      },
      ...(onSpawn ? { onSpawn } : {}),
    },
  );
  flush(r.code === 0);
  await chain;
  return r;
}
