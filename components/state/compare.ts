// The compare screen's state (pure reducer): a best-of-N group's comparison as last loaded, a load error, and
// the selected attempt (by id, so a reload keeps it). `compareStamp` says when the group changed on disk.
import type { Comparison, TaskEntry } from '../../src/app/types.js';

export interface CompareState {
  comparison: Comparison | null;
  error: string | null;
  selectedId: string | null;
}

export type CompareAction = { type: 'loaded'; comparison: Comparison } | { type: 'failed'; error: string } | { type: 'move'; delta: number };

export function startCompare(selectedId: string | null): CompareState {
  return { comparison: null, error: null, selectedId };
}

export function compareReducer(s: CompareState, a: CompareAction): CompareState {
  switch (a.type) {
    case 'loaded': {
      const ids = a.comparison.attempts.map((x) => x.id);
      const selectedId = s.selectedId !== null && ids.includes(s.selectedId) ? s.selectedId : (a.comparison.best?.id ?? ids[0] ?? null);
      return { comparison: a.comparison, error: null, selectedId };
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
export function compareStamp(tasks: readonly TaskEntry[], group: string): string {
  return tasks
    .filter((t) => t.record.group?.id === group)
    .map((t) => `${t.record.id}:${t.state}:${t.record.updatedAt}`)
    .sort()
    .join(' ');
}

/** Table rows padded to their columns' widths (the header first). */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  '));
}
