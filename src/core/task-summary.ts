// Tasks at a glance (pure): state glyphs, counts per state, list order, and the one-row summary of a task.
import { TASK_STATES, type TaskState } from './lifecycle.js';
import { formatAge, formatBytes, formatCost, formatTokens } from './format.js';
import type { TaskRecord } from './task.js';
import { oneRow } from './terminal-text.js';

export const STATE_GLYPH: Record<TaskState, string> = {
  draft: '○',
  ready: '◇',
  queued: '⋯',
  running: '▶',
  done: '✓',
  failed: '✗',
  stopped: '■',
  interrupted: '!',
  'changes-requested': '↻',
  conflict: '⚠',
  merged: '●',
  abandoned: '⊘',
};

/** Short words for the header and the tmux status line. */
export const STATE_WORD: Record<TaskState, string> = {
  draft: 'draft',
  ready: 'ready',
  queued: 'queued',
  running: 'running',
  done: 'done',
  failed: 'failed',
  stopped: 'stopped',
  interrupted: 'interrupted',
  'changes-requested': 'changes',
  conflict: 'conflict',
  merged: 'merged',
  abandoned: 'abandoned',
};

export interface TaskLike {
  record: TaskRecord;
  state: TaskState;
}

/** How many tasks are in each state, in lifecycle order, zero counts left out. */
export function countByState(tasks: readonly TaskLike[]): Array<[TaskState, number]> {
  const counts = new Map<TaskState, number>();
  for (const t of tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  return TASK_STATES.filter((s) => counts.has(s)).map((s) => [s, counts.get(s)!]);
}

/**
 * Order of ISO timestamps and task ids by UTF-16 code units (digits, lowercase ASCII and punctuation, where this is the order
 * localeCompare gives too); localeCompare would load ICU's collator, ~3 MB of RSS in every supervisor.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Each queued task's place in the queue (1 = starts next): FIFO by the time it was queued. */
export function queuePositions(tasks: readonly TaskLike[]): Map<string, number> {
  const queued = tasks.filter((t) => t.state === 'queued');
  queued.sort((a, b) => compareText(a.record.queue?.at ?? '', b.record.queue?.at ?? '') || compareText(a.record.id, b.record.id));
  return new Map(queued.map((t, i) => [t.record.id, i + 1]));
}

/** The dashboard order: running tasks first, then queued ones in queue order, then the rest; newest first within a group. */
export function sortForList<T extends TaskLike>(tasks: readonly T[]): T[] {
  const rank = (t: TaskLike) => (t.state === 'running' ? 0 : t.state === 'queued' ? 1 : 2);
  const queued = (a: TaskLike, b: TaskLike) => (a.state === 'queued' && b.state === 'queued' ? compareText(a.record.queue?.at ?? '', b.record.queue?.at ?? '') : 0);
  const sorted = [...tasks].sort((a, b) => rank(a) - rank(b) || queued(a, b) || compareText(b.record.createdAt, a.record.createdAt) || compareText(a.record.id, b.record.id));
  return keepGroupsTogether(sorted);
}

/** Best-of-N attempts of one group stay together (in attempt order) where the first of them is listed. */
function keepGroupsTogether<T extends TaskLike>(sorted: T[]): T[] {
  if (!sorted.some((t) => t.record.group)) return sorted;
  const out: T[] = [];
  const placed = new Set<string>();
  for (const t of sorted) {
    const g = t.record.group?.id;
    if (g === undefined) out.push(t);
    else if (!placed.has(g)) {
      placed.add(g);
      out.push(...sorted.filter((x) => x.record.group?.id === g).sort((a, b) => a.record.group!.index - b.record.group!.index));
    }
  }
  return out;
}

/** The compact count for tmux's status line: `▶2 ✓1 ✗1` (only states that want attention or are busy). */
export function tmuxStatus(tasks: readonly TaskLike[]): string {
  const shown: TaskState[] = ['running', 'queued', 'ready', 'done', 'failed', 'interrupted', 'stopped', 'conflict', 'changes-requested'];
  return countByState(tasks)
    .filter(([s]) => shown.includes(s))
    .map(([s, n]) => `${STATE_GLYPH[s]}${n}`)
    .join(' ');
}

export interface ChangeCount {
  added: number;
  removed: number;
}

/** Rows narrower than this leave out the disk a task holds. */
export const DISK_MIN_WIDTH = 50;

export interface TaskRowParts {
  glyph: string;
  title: string;
  /** Right-hand facts: age, +added −removed, tokens/cost; as much as the width allows. */
  meta: string;
}

/** The pieces of a task's list row for a given width (title gets what the facts leave). */
export function taskRowParts(t: TaskLike, width: number, now: number, change?: ChangeCount | null, diskBytes?: number, prState?: string, queuePosition?: number): TaskRowParts {
  const facts: string[] = [formatAge(now - Date.parse(t.record.createdAt))];
  if (t.state === 'queued' && queuePosition !== undefined) facts.unshift(`#${queuePosition} in queue`);
  // Where it runs, when that is not this machine (an SSH runner).
  if (t.record.runner !== undefined && t.record.runner !== 'local') facts.unshift(`@${t.record.runner}${t.state === 'interrupted' && t.record.runnerLost ? ' unreachable' : ''}`);
  if (t.record.pr) facts.push(`PR${prNumber(t.record.pr.url)}${prState ? ` ${prState}` : t.record.pr.draft ? ' draft' : ''}`);
  if (change && (change.added > 0 || change.removed > 0)) facts.push(`+${change.added} −${change.removed}`);
  const u = t.record.usage;
  if (u && u.inputTokens + u.outputTokens > 0) {
    facts.push(`${formatTokens(u.inputTokens + u.outputTokens)}${u.costUsd !== undefined ? ` ${formatCost(u.costUsd)}` : ''}`);
  }
  // Disk only where there is room for it (not in a narrow side pane).
  if (diskBytes !== undefined && diskBytes > 0 && width >= DISK_MIN_WIDTH) facts.push(`⛁${formatBytes(diskBytes)}`);
  // Drop facts from the right until the title keeps at least 40% of the row.
  let meta = facts.join('  ');
  while (facts.length > 1 && meta.length > Math.floor(width * 0.6)) {
    facts.pop();
    meta = facts.join('  ');
  }
  const g = t.record.group;
  const attempt = g ? `⑂${g.index}/${g.of} ${t.record.agent?.name ?? ''} `.replace(/ +$/, ' ') : '';
  return { glyph: STATE_GLYPH[t.state], title: `${attempt}${oneRow(t.record.title)}`, meta };
}

/** `#12` from a pull request URL (GitHub /pull/12, GitLab /merge_requests/12), else nothing. */
export function prNumber(url: string): string {
  const m = /\/(?:pull|merge_requests)\/(\d+)/.exec(url);
  return m ? `#${m[1]}` : '';
}
