// The compare screen's state (pure reducer): a best-of-N group's comparison as last loaded, a load error, and
// the selected attempt (by id, so a reload keeps it). `compareStamp` says when the group changed on disk.
import type { Comparison, TaskEntry } from '../../src/app/types.js';

export interface CompareState {
  comparison: Comparison | null;
  error: string | null;
  selectedId: string | null;
  /** The attempt (its index in the group) the screen was opened on: selected on the first load. */
  openedIndex: number | null;
}

export type CompareAction = { type: 'loaded'; comparison: Comparison } | { type: 'failed'; error: string } | { type: 'move'; delta: number };

export function startCompare(openedIndex: number | null): CompareState {
  return { comparison: null, error: null, selectedId: null, openedIndex };
}

export function compareReducer(s: CompareState, a: CompareAction): CompareState {
  switch (a.type) {
    case 'loaded': {
      const ids = a.comparison.attempts.map((x) => x.id);
      const opened = a.comparison.attempts.find((x) => x.index === s.openedIndex)?.id;
      const selectedId = s.selectedId !== null && ids.includes(s.selectedId) ? s.selectedId : (opened ?? a.comparison.best?.id ?? ids[0] ?? null);
      return { ...s, comparison: a.comparison, error: null, selectedId };
    }
    case 'failed':
      return { ...s, error: a.error };
    case 'move': {
      const ids = s.comparison?.attempts.map((x) => x.id) ?? [];
      if (ids.length === 0) return s;
      const i = s.selectedId === null ? -1 : ids.indexOf(s.selectedId);
      const next = Math.max(0, Math.min(ids.length - 1, (i === -1 ? 0 : i) + a.delta));
      return ids[next] === s.selectedId ? s : { ...s, selectedId: ids[next]! };
    }
  }
}

/** A fingerprint of the group's attempts as listed (ids, states, record times): a new one means load again. */
export function compareStamp(tasks: readonly TaskEntry[], repo: string, group: string): string {
  return groupMembers(tasks, repo, group)
    .map((t) => `${t.record.id}:${t.state}:${t.record.updatedAt}`)
    .sort()
    .join(' ');
}

/** The listed attempts of `group` in `repo` (group ids are unique per repository only: `wtagents --all`). */
export function groupMembers(tasks: readonly TaskEntry[], repo: string, group: string): TaskEntry[] {
  return tasks.filter((t) => t.record.repo === repo && t.record.group?.id === group);
}

/** Table rows padded to their columns' widths (the header first). */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  '));
}
