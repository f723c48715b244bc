// Every adapter on hostile input: random bytes, truncated JSON, 5 MB lines, non-objects, deep nesting,
// wrong field types and known types with the wrong shape. None may throw; every event must stay a valid,
// bounded trace event; summaries stay sane.
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/runner/adapters/index.js';
import type { NewTraceEvent } from '../../src/core/trace-schema.js';
import { STREAM_FORMATS } from '../../src/core/config.js';
import type { Adapter, StreamFormat } from '../../src/runner/types.js';
import { expectValidEvents, fixture } from '../helpers/streams.js';

const FIXTURES: Record<StreamFormat, string> = {
  text: 'aider.txt',
  aider: 'aider.txt',
  claude: 'claude.jsonl',
  codex: 'codex.jsonl',
  gemini: 'gemini.jsonl',
  opencode: 'opencode.jsonl',
  cursor: 'cursor.jsonl',
  copilot: 'copilot.jsonl',
};

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function run(adapter: Adapter, lines: string[], stream: 'stdout' | 'stderr' = 'stdout'): NewTraceEvent[] {
  const out: NewTraceEvent[] = [];
  for (const line of lines) {
    const events = adapter.line(line, stream);
    expect(Array.isArray(events)).toBe(true);
    out.push(...events);
  }
  return out;
}

function expectSaneSummary(adapter: Adapter): void {
  const s = adapter.summary();
  for (const n of [s.usage.inputTokens, s.usage.outputTokens, s.usage.costUsd ?? 0]) {
    expect(Number.isFinite(n) && n >= 0, `usage figure ${n}`).toBe(true);
  }
  if (s.finalMessage !== undefined) expect(typeof s.finalMessage).toBe('string');
  if (s.sessionId !== undefined) expect(typeof s.sessionId).toBe('string');
}

type Path = (string | number)[];
function leafPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k];
      out.push(p);
      leafPaths(v, p, out);
    }
  }
  return out;
}
function setAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const WRONG = [null, 0, -1, 1e308, 'x', '', [], {}, true, [1, 'a', null], { type: 'text', text: 5 }];

describe.each(STREAM_FORMATS.map((f) => [f]))('%s adapter on garbage', (format) => {
  const lines = fixture(FIXTURES[format]).trim().split('\n');
  const objects = lines.map((l) => {
    try {
      return JSON.parse(l) as unknown;
    } catch {
      return undefined;
    }
  });

  it('random bytes decoded as UTF-8 (invalid sequences → U+FFFD) become output, never a throw', () => {
    const random = rng(42);
    const decoder = new TextDecoder('utf-8');
    const garbage: string[] = [];
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 400)).map(() => Math.floor(random() * 256));
      if (i % 3 === 0) bytes[0] = 0x7b; // "{": looks like JSON
      garbage.push(decoder.decode(bytes).replaceAll('\n', ' '));
    }
    garbage.push(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]).toString('utf8'));
    const adapter = createAdapter(format);
    const events = [...run(adapter, garbage), ...run(adapter, garbage.slice(0, 50), 'stderr'), ...adapter.end()];
    expectValidEvents(events);
    for (const e of events) expect(['agent.output', 'agent.error', 'agent.usage', 'agent.file_edit']).toContain(e.type);
    expectSaneSummary(adapter);
  });

  it('truncated JSON lines become output, and the stream goes on', () => {
    const adapter = createAdapter(format);
    const cut = lines.flatMap((l) => [1, 2, 7, Math.floor(l.length / 2), l.length - 1].filter((n) => n > 0 && n < l.length).map((n) => l.slice(0, n)));
    const events = run(adapter, cut);
    expectValidEvents(events);
    if (format !== 'text' && format !== 'aider') {
      for (const e of events) expect(e.type).toBe('agent.output');
    }
    // After all that, a whole stream still reads normally.
    const after = run(adapter, lines);
    expectValidEvents(after);
    expect(after.length).toBeGreaterThanOrEqual(lines.length / 2);
    expectSaneSummary(adapter);
  });

  it('5 MB lines (plain and JSON with a 5 MB field) make bounded events with the raw line cut and flagged', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const adapter = createAdapter(format);
    const plain = run(adapter, [big]);
    expectValidEvents(plain);
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatchObject({ type: 'agent.output', truncated: true });
    // Inflate the longest string of a few lines to 5 MB.
    for (const o of objects.filter((x) => x !== undefined).slice(0, 6)) {
      let longest: Path = [];
      let len = -1;
      for (const p of leafPaths(o)) {
        const v = p.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], o);
        if (typeof v === 'string' && v.length > len) [longest, len] = [p, v.length];
      }
      if (len < 0) continue;
      const line = JSON.stringify(setAt(o, longest, big));
      const events = run(adapter, [line]);
      expectValidEvents(events);
      for (const e of events.filter((x) => x.raw !== undefined)) expect(e.truncated).toBe(true);
    }
    expectValidEvents(adapter.end());
    expectSaneSummary(adapter);
  });

  it('null, arrays, numbers, strings and empty objects are output or nothing', () => {
    const adapter = createAdapter(format);
    const events = run(adapter, ['null', '[]', '[1,2,{"type":"result"}]', '42', '"str"', 'true', '{}', '{"type":null}', '{"type":42}', ' ', '']);
    expectValidEvents(events);
    for (const e of events) expect(e.type).toBe('agent.output');
    expectSaneSummary(adapter);
  });

  it('deep nesting: 100k brackets, and 5k-deep objects in every field', () => {
    const adapter = createAdapter(format);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const deepObj = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    // Spliced in as text: the test itself must not recurse 5000 levels to build the lines.
    const nested = '{"n":'.repeat(5000) + '"bottom"' + ',"text":"x"}'.repeat(5000);
    const mutated = objects
      .filter((o) => o !== undefined)
      .flatMap((o) => leafPaths(o).map((p) => JSON.stringify(setAt(o, p, '__DEEP__')).replace('"__DEEP__"', nested)));
    const events = [...run(adapter, [deep, deepObj]), ...run(adapter, mutated), ...adapter.end()];
    expectValidEvents(events);
    expectSaneSummary(adapter);
  });

  it('wrong field types anywhere, and known types with the wrong shape', () => {
    const adapter = createAdapter(format);
    const known = [...new Set(objects.map((o) => (o as { type?: unknown } | undefined)?.type).filter((t) => typeof t === 'string'))];
    const mutated: string[] = [];
    for (const o of objects) {
      if (o === undefined) continue;
      for (const p of leafPaths(o)) for (const w of WRONG) mutated.push(JSON.stringify(setAt(o, p, w)));
      for (const t of known) mutated.push(JSON.stringify({ ...(o as object), type: t }));
    }
    for (const t of known) for (const w of WRONG) mutated.push(JSON.stringify({ type: t, message: w, item: w, part: w, data: w, tool_call: w, stats: w, usage: w }));
    const events = [...run(adapter, mutated), ...adapter.end()];
    expectValidEvents(events);
    expectSaneSummary(adapter);
  });
});
