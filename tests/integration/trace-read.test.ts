// The one byte-offset trace reader on real files: lines across its 64 KiB chunk seams (the pager's index and
// reads), a file-edit marker cut by a seam (an activity-only tail still notices it), whole-trace reads that
// leave a partial last line for later, and `logs`'s reads by offset.
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TracePager } from '../../src/store/trace-pager.js';
import { eachTraceLine, readLinesFrom, readTrace } from '../../src/store/trace-read.js';
import { TraceTail, type TailUpdate } from '../../src/store/trace-tailer.js';
import { tempDir } from '../helpers/repo.js';

const line = (seq: number, text = `m${seq}`) => `${JSON.stringify({ v: 1, ts: '2026-01-01T00:00:00Z', task: 't', seq, round: 1, type: 'agent.message', text })}\n`;
const CHUNK = 64 * 1024;

describe('the trace reader', () => {
  it('indexes and reads lines that straddle its chunk seams', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    const lines = Array.from({ length: 300 }, (_, i) => line(i + 1, `${i}:${'x'.repeat(700 + (i % 13) * 37)}`));
    writeFileSync(file, lines.join(''));
    const pager = new TracePager(file);
    expect(pager.refresh()).toBe(300);
    const got = pager.read(0, 300).map((p) => (p.kind === 'event' && p.event.type === 'agent.message' ? p.event.text : '?'));
    expect(got).toEqual(lines.map((_, i) => `${i}:${'x'.repeat(700 + (i % 13) * 37)}`));
    const all: string[] = [];
    eachTraceLine(file, (l) => all.push(l));
    expect(all).toEqual(lines.map((l) => l.slice(0, -1)));
  });

  it('finds a file-edit event whose marker a chunk seam cuts in two (activity-only tail)', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    writeFileSync(file, line(1));
    const updates: TailUpdate[] = [];
    const tail = new TraceTail(file, (u) => updates.push(u), { activityOnly: true });
    tail.read(); // starts at the end
    const edit = `${JSON.stringify({ v: 1, ts: '2026-01-01T00:00:00Z', task: 't', seq: 3, round: 1, type: 'agent.file_edit', paths: ['a'] })}\n`;
    const at = edit.indexOf('"type":"agent.file_edit"') + 10; // the seam falls 10 bytes into the marker
    const pad = line(2, 'p'.repeat(CHUNK - at - line(2, '').length));
    expect(pad.length + at).toBe(CHUNK);
    appendFileSync(file, pad + edit);
    tail.read();
    expect(updates.at(-1)).toMatchObject({ fileEdit: true, grew: pad.length + edit.length });
    appendFileSync(file, line(4));
    tail.read();
    expect(updates.at(-1)).toMatchObject({ fileEdit: false });
  });

  it('reads a whole trace but a partial last line, and reads on from an offset', () => {
    const file = path.join(tempDir(), 'trace.jsonl');
    expect(readTrace(file)).toEqual({ events: [], malformed: 0, unknown: 0 }); // not there yet
    writeFileSync(file, `${line(1)}not json\n\n${JSON.stringify({ type: 'future.thing' })}\n${line(2).slice(0, 20)}`);
    const r = readTrace(file);
    expect([r.events.length, r.malformed, r.unknown]).toEqual([1, 1, 1]);
    const first = readLinesFrom(file, 0);
    expect(first.lines).toHaveLength(4); // the blank line too (read, then skipped by the parser)
    appendFileSync(file, line(2).slice(20));
    expect(readLinesFrom(file, first.offset).lines).toEqual([line(2).slice(0, -1)]);
    expect(readTrace(file).events).toHaveLength(2);
  });
});
