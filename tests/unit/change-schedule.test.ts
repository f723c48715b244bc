// When the dashboard counts a task's +added/−removed again: first sight, a state change, a moved branch or a
// written index (its git stamp), a file edit; never more often than MIN_INTERVAL_MS for the last two, never
// more than the cap at once, and never for trace activity alone.
import { describe, expect, it } from 'vitest';
import { ChangeSchedule, MIN_INTERVAL_MS, type CountCandidate } from '../../components/state/change-schedule.js';

const t = (id: string, more: Partial<CountCandidate> = {}): CountCandidate => ({ id, state: 'running', stamp: 's1', ...more });

function countAll(s: ChangeSchedule, cs: CountCandidate[], now: number): string[] {
  const due = s.due(cs, now);
  for (const id of due) {
    s.started(cs.find((c) => c.id === id)!, now);
    s.finished(id);
  }
  return due;
}

describe('ChangeSchedule', () => {
  it('counts each task once when first seen, then not again while nothing changes', () => {
    const s = new ChangeSchedule(10);
    expect(countAll(s, [t('a'), t('b')], 0)).toEqual(['a', 'b']);
    expect(countAll(s, [t('a'), t('b')], 10 * MIN_INTERVAL_MS)).toEqual([]);
  });

  it('counts again on a new stamp or a file edit, but not within the interval', () => {
    const s = new ChangeSchedule(10);
    countAll(s, [t('a'), t('b')], 0);
    const later = [t('a', { stamp: 's2' }), t('b', { editedAt: 100 })];
    expect(countAll(s, later, MIN_INTERVAL_MS - 1)).toEqual([]);
    expect(countAll(s, later, MIN_INTERVAL_MS)).toEqual(['a', 'b']);
    expect(countAll(s, later, 3 * MIN_INTERVAL_MS)).toEqual([]); // that edit and that stamp are counted
  });

  it('counts a state change at once', () => {
    const s = new ChangeSchedule(10);
    countAll(s, [t('a')], 0);
    expect(countAll(s, [t('a', { state: 'done' })], 1)).toEqual(['a']);
  });

  it('runs at most `maxRunning` counts at once; the others wait their turn', () => {
    const s = new ChangeSchedule(2);
    const cs = [t('a'), t('b'), t('c')];
    const first = s.due(cs, 0);
    expect(first).toEqual(['a', 'b']);
    for (const id of first) s.started(cs.find((c) => c.id === id)!, 0);
    expect(s.due(cs, 0)).toEqual([]);
    s.finished('a');
    expect(s.due(cs, 0)).toEqual(['c']);
  });
});
