import { describe, expect, it } from 'vitest';
import { Config, DEFAULT_CONFIG, parseConfig } from '../../src/core/config.js';
import { TaskRecord, titleOf } from '../../src/core/task.js';
import { TRACE_TYPES, TraceEvent } from '../../src/core/trace-schema.js';
import { parseTraceLine } from '../../src/core/trace-parse.js';

const record = {
  v: 1,
  id: 'fix',
  title: 'Fix',
  text: 'Fix',
  repo: '/r',
  base: 'main',
  baseSha: 'abc',
  branch: 'wtagents/fix',
  worktree: '/r/.wtagents/tasks/fix/worktrees/fix',
  taskDir: '/r/.wtagents/tasks/fix',
  mode: 'create',
  state: 'ready',
  round: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('TaskRecord', () => {
  it('accepts a record and fills defaults', () => {
    const r = TaskRecord.parse(record);
    expect(r.scope).toEqual([]);
    expect(r.processes).toEqual({});
  });

  it('refuses an unknown state and a missing field', () => {
    expect(TaskRecord.safeParse({ ...record, state: 'sleeping' }).success).toBe(false);
    const { baseSha: _, ...missing } = record;
    expect(TaskRecord.safeParse(missing).success).toBe(false);
  });
});

describe('titleOf', () => {
  it('takes the first line and strips control characters', () => {
    expect(titleOf('\n  Hello \u001b[31mred\u0007 \u202Eevil\nmore')).toBe('Hello red evil');
    expect(titleOf('x'.repeat(500)).length).toBe(200);
  });
});

describe('trace events', () => {
  const base = { v: 1, ts: '2026-01-01T00:00:00Z', task: 't', seq: 1, round: 1 };

  it('parses known events and keeps unknown fields', () => {
    const e = TraceEvent.parse({ ...base, type: 'agent.command', cmd: 'ls', exitCode: 0, extra: 42 });
    expect(e.type).toBe('agent.command');
    expect((e as Record<string, unknown>).extra).toBe(42);
  });

  it('lists every event type in TRACE_TYPES, in the schema order (the list is written out so the schema builds lazily)', () => {
    expect(TRACE_TYPES).toEqual(TraceEvent.unwrap().options.map((o) => o.shape.type.value));
  });

  it('refuses an event missing its own fields', () => {
    expect(TraceEvent.safeParse({ ...base, type: 'agent.message' }).success).toBe(false);
  });

  it('classifies lines without throwing', () => {
    expect(parseTraceLine(JSON.stringify({ ...base, type: 'agent.message', text: 'hi' })).kind).toBe('event');
    expect(parseTraceLine(JSON.stringify({ ...base, type: 'future.thing' }))).toEqual({ kind: 'unknown', type: 'future.thing' });
    expect(parseTraceLine('{"truncated":').kind).toBe('malformed');
    expect(parseTraceLine('[1,2]').kind).toBe('malformed');
    expect(parseTraceLine('null').kind).toBe('malformed');
    expect(parseTraceLine('\u00ff\u0000garbage').kind).toBe('malformed');
  });
});

describe('config', () => {
  it('DEFAULT_CONFIG is exactly what the schema makes of an empty file (written out so no schema is built for it)', () => {
    const parsed = Config.parse({});
    expect(DEFAULT_CONFIG).toStrictEqual(parsed);
    expect(JSON.stringify(DEFAULT_CONFIG)).toBe(JSON.stringify(parsed)); // the same keys in the same order
  });

  it('still names the field of an error through the lazily built schema', () => {
    expect(parseConfig({ routes: { review: { agent: 3 } } })).toEqual({ ok: false, error: expect.stringMatching(/^routes\.review\.agent: /) });
    expect(parseConfig({ bogus: 1 })).toEqual({ ok: false, error: 'bogus: unknown key' });
    expect(parseConfig({ stopGraceSeconds: 2 })).toMatchObject({ ok: true, config: { ...DEFAULT_CONFIG, stopGraceSeconds: 2 } });
  });
});
