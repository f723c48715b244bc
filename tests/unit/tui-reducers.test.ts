// The screens' reducers and the trace ring, tested without a terminal.
import { describe, expect, it } from 'vitest';
import { activeScreen, appReducer, initialApp } from '../../components/state/app.js';
import { alignColumns, compareReducer, compareStamp, groupMembers, startCompare } from '../../components/state/compare.js';
import { dashboardReducer, initialDashboard, selectedTask, windowTop, type DashboardState } from '../../components/state/dashboard.js';
import { fieldsOf, initialNewTask, newTaskReducer, toInput } from '../../components/state/new-task.js';
import { initialPager, pagerReducer } from '../../components/state/pager.js';
import { TraceBuffer } from '../../components/state/trace-buffer.js';
import { bestAttempt, pickLine, type AttemptRow, type Comparison } from '../../src/core/attempts.js';
import type { TaskState } from '../../src/core/lifecycle.js';
import type { TaskRecord } from '../../src/core/task.js';
import { TraceEvent } from '../../src/core/trace-schema.js';
import type { TaskEntry } from '../../src/store/tasks.js';

const t = (id: string, state: TaskState, day = 1): TaskEntry => ({
  record: { id, title: id, createdAt: `2026-01-0${day}T00:00:00Z`, updatedAt: 'x' } as TaskRecord,
  state,
});
const load = (s: DashboardState, tasks: TaskEntry[]) => dashboardReducer(s, { type: 'tasks', tasks });

describe('dashboard reducer', () => {
  it('orders tasks, selects the first, and keeps the selection by id across updates', () => {
    let s = load(initialDashboard, [t('a', 'done', 1), t('b', 'ready', 2), t('c', 'running', 3)]);
    expect(s.tasks.map((x) => x.record.id)).toEqual(['c', 'b', 'a']);
    expect(s.selectedId).toBe('c');
    s = dashboardReducer(s, { type: 'move', delta: 1 });
    expect(selectedTask(s)?.record.id).toBe('b');
    s = load(s, [t('a', 'done', 1), t('b', 'running', 2), t('c', 'done', 3)]);
    expect(s.selectedId).toBe('b');
    expect(s.tasks[0]!.record.id).toBe('b');
    s = dashboardReducer(s, { type: 'move', delta: -5 });
    expect(s.selectedId).toBe('b');
    s = dashboardReducer(s, { type: 'move', delta: 99 });
    expect(s.selectedId).toBe('a');
  });

  it('moves the selection to a neighbour when the selected task disappears', () => {
    let s = load(initialDashboard, [t('a', 'done', 3), t('b', 'done', 2), t('c', 'done', 1)]);
    s = dashboardReducer(s, { type: 'select', id: 'b' });
    s = load(s, [t('a', 'done', 3), t('c', 'done', 1)]);
    expect(s.selectedId).toBe('c');
    s = load(s, []);
    expect(s.selectedId).toBeNull();
    expect(dashboardReducer(s, { type: 'move', delta: 1 })).toBe(s);
  });

  it('marks changed tasks until selected, and raises attention once per finished batch', () => {
    let s = load(initialDashboard, [t('a', 'running', 2), t('b', 'ready', 1)]);
    expect(s.attention.seq).toBe(0);
    expect(s.changed.size).toBe(0);
    s = load(s, [t('a', 'done', 2), t('b', 'running', 1)]);
    // a is selected (was first): no mark for it; b changed while not selected.
    expect([...s.changed]).toEqual(['b']);
    expect(s.attention).toEqual({ seq: 1, message: 'wtagents: a done' });
    s = load(s, [t('a', 'done', 2), t('b', 'running', 1)]);
    expect(s.attention.seq).toBe(1);
    s = dashboardReducer(s, { type: 'select', id: 'b' });
    expect(s.changed.size).toBe(0);
    s = load(s, [t('a', 'done', 2), t('b', 'running', 1), t('new', 'ready', 3)]);
    expect([...s.changed]).toEqual(['new']);
  });

  it('keeps the selected row inside the window', () => {
    expect(windowTop(5, 4, 10)).toBe(0);
    expect(windowTop(100, 0, 10)).toBe(0);
    expect(windowTop(100, 50, 10)).toBe(45);
    expect(windowTop(100, 99, 10)).toBe(90);
  });
});

describe('pager reducer', () => {
  it('follows the end until scrolled up, pages within bounds, and follows again on G', () => {
    let s = pagerReducer(initialPager(10), { type: 'lines', total: 100 });
    expect(s).toMatchObject({ top: 90, follow: true });
    s = pagerReducer(s, { type: 'lines', total: 105 });
    expect(s.top).toBe(95);
    s = pagerReducer(s, { type: 'scroll', by: -1 });
    expect(s).toMatchObject({ top: 94, follow: false });
    s = pagerReducer(s, { type: 'lines', total: 200 });
    expect(s.top).toBe(94);
    s = pagerReducer(s, { type: 'pageUp' });
    expect(s.top).toBe(84);
    s = pagerReducer(s, { type: 'top' });
    expect(s.top).toBe(0);
    s = pagerReducer(s, { type: 'pageUp' });
    expect(s.top).toBe(0);
    s = pagerReducer(s, { type: 'bottom' });
    expect(s).toMatchObject({ top: 190, follow: true });
    s = pagerReducer(s, { type: 'resize', page: 20 });
    expect(s.top).toBe(180);
    s = pagerReducer(s, { type: 'lines', total: 5 });
    expect(s.top).toBe(0);
  });
});

describe('new-task reducer', () => {
  it('walks the fields (the command field only for the command agent) and validates', () => {
    let s = initialNewTask({ base: 'main', agent: 'claude' });
    expect(fieldsOf(s)).toEqual(['text', 'base', 'agent', 'scope', 'checks', 'from']);
    s = newTaskReducer(s, { type: 'prev' });
    expect(s.field).toBe('from'); // wraps to the last field
    expect(toInput(s)).toMatchObject({ ok: false, field: 'text' });
    s = newTaskReducer(s, { type: 'set', field: 'text', value: 'Do it' });
    s = newTaskReducer(s, { type: 'set', field: 'scope', value: 'src/**, docs/*  test' });
    s = newTaskReducer(s, { type: 'set', field: 'checks', value: ' npm test ' });
    expect(toInput(s)).toEqual({ ok: true, input: { text: 'Do it', base: 'main', agent: { name: 'claude' }, scope: ['src/**', 'docs/*', 'test'], checks: ['npm test'] } });
    s = newTaskReducer({ ...s, field: 'agent' }, { type: 'pick', field: 'agent', value: 'command' });
    expect(s.field).toBe('command');
    expect(toInput(s)).toMatchObject({ ok: false, field: 'command' });
    s = newTaskReducer(s, { type: 'set', field: 'command', value: 'make fix' });
    expect(toInput(s)).toMatchObject({ ok: true, input: { agent: { name: 'command', command: 'make fix', format: 'text' } } });
  });

  it('ignores edits while creating, and shows an error after', () => {
    let s = newTaskReducer(initialNewTask({ base: null, agent: null }), { type: 'busy' });
    expect(newTaskReducer(s, { type: 'set', field: 'text', value: 'x' })).toBe(s);
    s = newTaskReducer(s, { type: 'error', message: 'nope' });
    expect(s).toMatchObject({ busy: false, error: 'nope' });
  });
});

describe('app reducer', () => {
  it('routes pages, help and confirmations, and says whose keys apply', () => {
    let s = appReducer(initialApp, { type: 'open', page: 'trace', taskId: 'a' });
    expect(activeScreen(s)).toBe('trace');
    s = appReducer(s, { type: 'help', screen: 'trace' });
    expect(activeScreen(s)).toBe('help');
    s = appReducer(s, { type: 'closeHelp' });
    s = appReducer(s, { type: 'back' });
    expect(s).toMatchObject({ page: 'dashboard', taskId: 'a' });
    s = appReducer(s, { type: 'confirm', confirm: { action: 'stop', taskId: 'a', question: 'Stop a?' } });
    expect(activeScreen(s)).toBe('confirm');
    s = appReducer(s, { type: 'closeConfirm' });
    expect(activeScreen(s)).toBe('dashboard');
  });

  it('a review opened from the compare view goes back there, and the compare view back to the dashboard', () => {
    let s = appReducer(initialApp, { type: 'open', page: 'compare', taskId: 'g-1' });
    expect(activeScreen(s)).toBe('compare');
    s = appReducer(s, { type: 'open', page: 'review', taskId: 'g-2', returnTo: 'compare' });
    s = appReducer(s, { type: 'back' });
    expect(s).toMatchObject({ page: 'compare', taskId: 'g-2', returnTo: null });
    s = appReducer(s, { type: 'back' });
    expect(s.page).toBe('dashboard');
    // Opened from the dashboard, the review goes back to the dashboard.
    s = appReducer(appReducer(s, { type: 'open', page: 'review', taskId: 'x' }), { type: 'back' });
    expect(s.page).toBe('dashboard');
  });
});

describe('compare reducer', () => {
  const row = (id: string, index: number, state = 'done'): AttemptRow => ({ id, index, agent: 'a', state, checks: { passed: 1, total: 1 }, diff: { files: 1, added: index, removed: 0 }, tokens: null, costUsd: null, risks: [], verdict: null, recommendation: null });
  const cmp = (...attempts: AttemptRow[]): Comparison => ({ group: 'g', attempts, best: bestAttempt(attempts) });

  it('keeps the attempt it opened on selected across reloads, moves within the attempts, else starts on the pick', () => {
    let s = startCompare(2);
    s = compareReducer(s, { type: 'loaded', comparison: cmp(row('g-1', 1), row('g-2', 2), row('g-3', 3)) });
    expect(s.selectedId).toBe('g-2');
    s = compareReducer(s, { type: 'move', delta: 5 });
    expect(s.selectedId).toBe('g-3');
    s = compareReducer(s, { type: 'move', delta: -5 });
    expect(s.selectedId).toBe('g-1');
    s = compareReducer(s, { type: 'failed', error: 'disk gone' });
    expect(s).toMatchObject({ selectedId: 'g-1', error: 'disk gone' });
    s = compareReducer(s, { type: 'loaded', comparison: cmp(row('g-1', 1), row('g-2', 2)) });
    expect(s).toMatchObject({ selectedId: 'g-1', error: null });
    // Opened on an attempt that is not there: the pick (smallest diff of the done ones) is selected.
    expect(compareReducer(startCompare(9), { type: 'loaded', comparison: cmp(row('g-1', 3, 'failed'), row('g-2', 2), row('g-3', 1)) }).selectedId).toBe('g-3');
  });

  it('names the merged attempt instead of a pick once one is merged', () => {
    expect(pickLine(cmp(row('g-1', 1), row('g-2', 2)))).toBe('Review first: g-1 (checks 1/1, 0 risk flags, +1 −0)');
    expect(pickLine(cmp(row('g-1', 1, 'abandoned'), row('g-2', 2, 'merged'), row('g-3', 3)))).toBe('Merged: g-2 (1 other still open)');
    expect(pickLine(cmp(row('g-1', 1, 'failed')))).toBe('No attempt is done with passing checks and a diff yet.');
  });

  it('a group is one repository\'s (wtagents --all lists several, and group ids are unique per repository only)', () => {
    const at = (id: string, repo: string, group: string, index: number): TaskEntry => ({ record: { id, repo, group: { id: group, index, of: 2 }, updatedAt: 'x' } as TaskRecord, state: 'done' });
    const list = [at('a/g-1', '/a', 'g', 1), at('b/g-1', '/b', 'g', 1), at('a/g-2', '/a', 'g', 2), at('a/h-1', '/a', 'h', 1)];
    expect(groupMembers(list, '/a', 'g').map((t) => t.record.id)).toEqual(['a/g-1', 'a/g-2']);
    expect(compareStamp(list, '/b', 'g')).toBe('b/g-1:done:x');
  });

  it('pads table columns by characters (− and ★ are one column each)', () => {
    expect(alignColumns([['#', 'DIFF', 'X'], ['★2', '+1 −0', 'y']])).toEqual(['#   DIFF   X', '★2  +1 −0  y']);
  });
});

describe('TraceBuffer', () => {
  const ev = (seq: number) => TraceEvent.parse({ v: 1, ts: '2026-01-01T00:00:00Z', task: 't', seq, round: 1, type: 'agent.output', text: `line ${seq}` });
  it('keeps the newest rows up to its capacity, oldest first', () => {
    const b = new TraceBuffer(3);
    b.push([ev(1), ev(2)]);
    expect(b.last(10).map((r) => r.text)).toEqual(['line 1', 'line 2']);
    b.push([ev(3), ev(4), ev(5), ev(6), ev(7)]);
    expect(b.size).toBe(3);
    expect(b.last(10).map((r) => r.text)).toEqual(['line 5', 'line 6', 'line 7']);
    expect(b.last(2).map((r) => r.text)).toEqual(['line 6', 'line 7']);
    b.clear();
    expect(b.last(5)).toEqual([]);
    expect(b.size).toBe(0);
  });
});
